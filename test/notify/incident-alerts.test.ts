import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NotificationService } from '../../src/notify/service.ts';
import { FileNotifyStore, type NotifyStore } from '../../src/notify/store.ts';
import { answerMessage } from '../../src/routes/index.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { folderContext } from '../helpers/answer-context.ts';
import { FakeTeams, agentFailure, at, channel, fileStore, folder, newSource, people } from './fixtures.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';

/**
 * Issue 19: a channel subscribed to incidents gets one card per incident, updated as it grows
 * and when it ends, with the lockout alerts' guarantees (claims, stored outcomes) across a
 * restart: a new NotificationService over the same store sends nothing twice.
 */
const INCIDENTS = '19:incident-alerts@thread.tacv2';
const LOCKOUTS = '19:lockout-alerts@thread.tacv2';

const text = (card: unknown) => JSON.stringify(card);
function service(source: ReturnType<typeof newSource>, store: NotifyStore, teams: FakeTeams, clock: { now: string }) {
  return new NotificationService({ source, store, sender: teams, clock: () => clock.now, spacingMs: 0 });
}

describe('incident alerts', () => {
  it('one card per incident across a restart, updated when it grows and when it ends; lockout channels get none', async () => {
    const source = newSource();
    const store = fileStore();
    const teams = new FakeTeams();
    const clock = { now: at(0) };
    let notify = service(source, store, teams, clock);
    await notify.subscribe(channel(INCIDENTS), 'Miriam Graham', { kind: 'incidents' });
    await notify.subscribe(channel(LOCKOUTS), 'Miriam Graham');
    expect((await notify.subscriptions()).map((s) => s.kind).sort()).toEqual(['incidents', 'lockouts']);

    // Two people fail: not yet an incident.
    source.add(agentFailure(0, 1), agentFailure(1, 3));
    clock.now = at(4);
    expect(await notify.pollOnce()).toMatchObject({ incidents: 0, sent: 0 });

    // A third: one card, to the incidents channel only.
    source.add(agentFailure(2, 5));
    clock.now = at(6);
    expect(await notify.pollOnce()).toMatchObject({ incidents: 1, changedIncidents: 1, sent: 1 });
    expect(teams.calls.map((c) => [c.kind, c.conversationId])).toEqual([['send', INCIDENTS]]);
    const first = teams.calls[0]!;
    expect(validateCard(first.card)).toEqual([]);
    expect(first.summary).toBe('Incident: Pass-through authentication outage: 3 people');
    expect(text(first.card)).toContain('Incident: Pass-through authentication outage: 3 people');
    expect(text(first.card)).toContain('Still happening: the latest failure was at 2026-11-20 10:05 UTC');

    // Restarted (a new service over the same store): the same incident is not posted again.
    notify = service(source, store, teams, clock);
    clock.now = at(7);
    expect(await notify.pollOnce()).toMatchObject({ incidents: 1, changedIncidents: 0, sent: 0, updated: 0 });

    // It grows: the same card is updated, now four people.
    source.add(agentFailure(3, 9));
    clock.now = at(10);
    expect(await notify.pollOnce()).toMatchObject({ changedIncidents: 1, sent: 0, updated: 1 });
    const grown = teams.calls.at(-1)!;
    expect(grown.kind).toBe('update');
    expect(text(grown.card)).toContain('Pass-through authentication outage: 4 people');

    // Quiet for more than 30 minutes: the card says it ended, once.
    clock.now = at(45);
    notify = service(source, store, teams, clock);
    expect(await notify.pollOnce()).toMatchObject({ changedIncidents: 1, updated: 1 });
    const ended = teams.calls.at(-1)!;
    expect(ended.summary).toBe('Incident ended: Pass-through authentication outage: 4 people');
    expect(text(ended.card)).toContain('Ended: no failure of it since 2026-11-20 10:09 UTC');
    clock.now = at(50);
    expect(await notify.pollOnce()).toMatchObject({ changedIncidents: 0, sent: 0, updated: 0 });
    expect(teams.posts()).toHaveLength(1);
    expect(teams.posts(LOCKOUTS)).toEqual([]);
    // Every card went out claimed and came back recorded: nothing left "sending".
    const state = await store.load();
    expect(Object.values(state.deliveries).map((d) => d.status)).toEqual(['sent']);
  });

  it('"stop outage notifications" (unsubscribe of incidents) ends them and keeps the lockout alerts of the same channel', async () => {
    const source = newSource();
    const store = fileStore();
    const teams = new FakeTeams();
    const clock = { now: at(0) };
    const notify = service(source, store, teams, clock);
    await notify.subscribe(channel(INCIDENTS), 'Miriam Graham', { kind: 'incidents' });
    await notify.subscribe(channel(INCIDENTS), 'Miriam Graham');
    expect(await notify.unsubscribe(INCIDENTS, 'incidents')).toBe(true);
    expect((await notify.subscriptions()).map((s) => s.kind)).toEqual(['lockouts']);
    source.add(agentFailure(0, 1), agentFailure(1, 2), agentFailure(2, 3));
    clock.now = at(5);
    expect(await notify.pollOnce()).toMatchObject({ incidents: 0, sent: 0 });
    expect(teams.calls).toEqual([]);
    expect(await notify.unsubscribe(INCIDENTS, 'incidents')).toBe(false);
  });

  it('a store written before incidents still loads: its subscriptions are lockout alerts', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'notify-old-')), 'notifications.json');
    const ref = channel(LOCKOUTS);
    writeFileSync(
      path,
      JSON.stringify({ revision: 3, subscriptions: [{ id: 's1', ref, createdBy: 'x', createdAt: at(0), minUsers: 1 }], episodes: {}, deliveries: {} }),
    );
    const state = await new FileNotifyStore(path).load();
    expect(state.subscriptions[0]!.kind).toBe('lockouts');
    expect(state.incidents).toEqual({});
  });

  it('in chat: "notify this channel about outages" subscribes to incidents, "stop outage notifications" stops only those', async () => {
    const store = fileStore();
    const notify = service(newSource(), store, new FakeTeams(), { now: at(0) });
    const ctx = { ...folderContext(folder as TenantFolderSource, 'UTC'), notify, conversation: { ...channel(INCIDENTS), where: 'IT › Alerts' } };
    const on = await answerMessage('notify this channel about outages', ctx);
    expect(on.command).toMatchObject({ intent: 'subscribe', alertKind: 'incidents' });
    expect(text(on.card)).toContain('Incident alerts are on');
    expect(on.text).toMatch(/^I will post a card to IT › Alerts when failures of several people share one cause/);
    await answerMessage('notify this channel about lockouts', ctx);
    expect((await notify.subscriptions()).map((s) => s.kind).sort()).toEqual(['incidents', 'lockouts']);
    const off = await answerMessage('stop outage notifications', ctx);
    expect(off.text).toBe('I will stop posting incident alerts to IT › Alerts.');
    expect((await notify.subscriptions()).map((s) => s.kind)).toEqual(['lockouts']);
  });
});
