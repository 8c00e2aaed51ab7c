import { describe, expect, it } from 'vitest';
import { NotificationService } from '../../src/notify/service.ts';
import type { NotifyStore } from '../../src/notify/store.ts';
import { answerAction } from '../../src/routes/index.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { FakeTeams, agentFailure, at, channel, fileStore, newSource } from './fixtures.ts';

/**
 * Issue 19 leftover 2: "Mark handled" on an incident alert, with the lockout alert's guarantees:
 * the outcome is stored (on the incident), survives a restart, the presser is authorized before
 * anything is loaded and what is shown comes from the stored incident, and every channel's card
 * is updated in place.
 */
const INCIDENTS = '19:incident-handled@thread.tacv2';
const BOB = 'eefd60fd-3290-4084-876f-84dec519fc41';

const handleButton = (card: unknown) => cardButtons(card, 'markIncidentHandled')[0];

describe('"Mark handled" on an incident alert', () => {
  it("is stored on the incident, shown to the presser, survives a restart and updates the channel's card in its language", async () => {
    const source = newSource();
    const store: NotifyStore = fileStore();
    const teams = new FakeTeams();
    const clock = { now: at(0) };
    const service = () => new NotificationService({ source, store, sender: teams, clock: () => clock.now, spacingMs: 0 });
    let notify = service();
    await notify.subscribe(channel(INCIDENTS), 'Miriam Graham', { kind: 'incidents', language: 'de' });
    source.add(agentFailure(0, 1), agentFailure(1, 2), agentFailure(2, 3));
    clock.now = at(5);
    expect(await notify.pollOnce()).toMatchObject({ sent: 1 });
    const posted = teams.calls[0]!.card;
    expect(validateCard(posted)).toEqual([]);
    const button = handleButton(posted)!;
    // In the channel's language, and carrying only the incident's id.
    expect(button.title).toBe('Erledigt');
    const id = Object.keys((await store.load()).incidents)[0]!;
    expect(button.data).toEqual({ incidentId: id });

    // Someone without tenant-wide access presses it: refused, nothing stored.
    const base = { source, now: clock.now, timeZone: 'UTC', appNames: [], notify };
    const refused = await answerAction('markIncidentHandled', button.data, {
      ...base,
      asker: 'Bob Kelly',
      askerId: BOB,
      access: { kind: 'limited', why: 'Not the helpdesk.' },
    });
    expect(JSON.stringify(refused.card)).toContain('Sorry, I cannot look that up for you');
    expect(Object.values((await store.load()).incidents)[0]!.handledBy).toBeUndefined();

    // The helpdesk presses it: the card they see says so, without the button.
    clock.now = at(7);
    const r = await answerAction('markIncidentHandled', button.data, { ...base, now: clock.now, asker: 'Miriam Graham' });
    expect(r.text).toBe('Marked as handled.');
    expect(validateCard(r.card!)).toEqual([]);
    expect(JSON.stringify(r.card)).toContain('Handled by Miriam Graham at 2026-11-20 10:07 UTC');
    expect(handleButton(r.card)).toBeUndefined();

    // Restarted: the stored outcome is there, and the channel's card is updated in place, in German, once.
    notify = service();
    clock.now = at(8);
    expect(await notify.pollOnce()).toMatchObject({ sent: 0, updated: 1 });
    const updated = teams.calls.at(-1)!;
    expect(updated.kind).toBe('update');
    expect(JSON.stringify(updated.card)).toContain('Erledigt von Miriam Graham');
    expect(handleButton(updated.card)).toBeUndefined();
    expect(await notify.pollOnce()).toMatchObject({ sent: 0, updated: 0 });
    expect((await store.load()).incidents[id]).toMatchObject({ handledBy: 'Miriam Graham', handledAt: at(7) });

    // A second press does not move who handled it.
    await answerAction('markIncidentHandled', button.data, { ...base, asker: 'Someone Else' });
    expect((await store.load()).incidents[id]!.handledBy).toBe('Miriam Graham');
  }, 60_000);

  it("an id the store does not hold (or one that is not an incident's) finds nothing", async () => {
    const source = newSource();
    const notify = new NotificationService({
      source,
      store: fileStore(),
      sender: new FakeTeams(),
      clock: () => at(0),
    });
    const base = { source, now: at(0), timeZone: 'UTC', appNames: [], notify, asker: 'Miriam Graham' };
    const r = await answerAction('markIncidentHandled', { incidentId: 'component:pass-through-agents:pass-through agents:2026-11-20T10:01:00Z' }, base);
    expect(r.text).toBe('That incident is no longer tracked.');
    const proto = await answerAction('markIncidentHandled', { incidentId: '__proto__' }, base);
    expect(JSON.stringify(proto.card)).not.toContain('Marked as handled');
  });
});
