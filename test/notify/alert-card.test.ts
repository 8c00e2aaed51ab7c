import { describe, expect, it } from 'vitest';
import { NotificationService } from '../../src/notify/service.ts';
import { MemoryNotifyStore } from '../../src/notify/store.ts';
import { answerMessage } from '../../src/routes/index.ts';
import { formatInTimeZone } from '../../src/time-format.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { at, channel, FakeTeams, lockout, newSource, people } from './fixtures.ts';

/**
 * Issue 17 items 6 and 7: an alert's times are in the zone its channel subscribed with (the
 * subscriber's Teams zone), and the card names it; a spray alert's Diagnose button sends one
 * person's ids, the person of the attempt it names.
 */
const SPRAY_IP = '185.220.101.47';

/** people[i] failing from the spray IP, so the IP counts as failing for many accounts. */
function failure(i: number, minute: number, ip = SPRAY_IP): Record<string, unknown> {
  return { ...lockout(i, minute), ipAddress: ip, status: { errorCode: 50126, failureReason: 'Invalid username or password.' } };
}

describe('the lockout alert card', () => {
  it("a spray's Diagnose sends the latest lockout's attempt with its own person, and the list of people says which one it is", async () => {
    const source = newSource();
    const teams = new FakeTeams();
    let now = at(0);
    const notify = new NotificationService({ source, store: new MemoryNotifyStore(), sender: teams, clock: () => now, spacingMs: 0 });
    await notify.subscribe(channel('19:spray'), 'test');
    for (let i = 0; i < 6; i++) source.add(failure(i, 1 + i));
    // Three people locked out by the spray, people[0] first: the latest (people[2]) is the attempt the card names.
    const locks: Record<string, unknown>[] = [0, 1, 2].map((i) => ({ ...lockout(i, 10 + i), ipAddress: SPRAY_IP }));
    source.add(...locks);
    now = at(15);
    await notify.pollOnce();
    const card = teams.posts()[0]!.card;
    expect(validateCard(card)).toEqual([]);
    expect(JSON.stringify(card)).toContain('Password spray from');
    const diagnose = cardButtons(card, 'diagnose');
    expect(diagnose).toHaveLength(1);
    const latest = locks[2]!;
    expect(diagnose[0]!.data).toEqual({ userId: latest.userId, correlationId: latest.correlationId });
    // The card says whose attempt that is.
    expect(JSON.stringify(card)).toContain(`"text":"- ${people[2]!.displayName} (latest: Diagnose opens it)"`);
    // The pair is one attempt's: the event with that correlation id is that person's.
    const found = await source.querySignIns({ correlationId: String(diagnose[0]!.data.correlationId) });
    expect(new Set(found.events.map((e) => e.userId))).toEqual(new Set([diagnose[0]!.data.userId]));
  });

  it("each channel's alert is in the zone it subscribed with, and says so; a channel without one gets UTC", async () => {
    const source = newSource();
    const teams = new FakeTeams();
    let now = at(0);
    const store = new MemoryNotifyStore();
    const notify = new NotificationService({ source, store, sender: teams, clock: () => now, spacingMs: 0 });
    await notify.subscribe(channel('19:pacific'), 'test', { timeZone: 'America/Los_Angeles' });
    await notify.subscribe(channel('19:utc'), 'test');
    const lock = lockout(3, 2);
    source.add(lock);
    now = at(5);
    await notify.pollOnce();
    const pacific = JSON.stringify(teams.posts('19:pacific')[0]!.card);
    const utc = JSON.stringify(teams.posts('19:utc')[0]!.card);
    const when = String(lock.createdDateTime);
    expect(pacific).toContain(formatInTimeZone(when, 'America/Los_Angeles'));
    expect(pacific).toContain('"title":"Zone","value":"America/Los Angeles"');
    expect(pacific).not.toContain(formatInTimeZone(when, 'UTC'));
    expect(utc).toContain(formatInTimeZone(when, 'UTC'));
    expect(utc).toContain('"title":"Zone","value":"UTC"');
    // "Mark handled" answers the presser in their zone.
    const key = Object.keys((await store.load()).episodes)[0]!;
    const handled = JSON.stringify(await notify.markHandled(key, 'Miriam Graham', 'Europe/Berlin'));
    expect(handled).toContain(`Handled by Miriam Graham at ${formatInTimeZone(now, 'Europe/Berlin')}`);
    expect(handled).toContain('"value":"Europe/Berlin"');
  });

  it('"notify this channel about lockouts" records the asker\'s Teams zone as the channel\'s, and says it', async () => {
    const source = newSource();
    const notify = new NotificationService({ source, store: new MemoryNotifyStore(), sender: new FakeTeams(), clock: () => at(0), spacingMs: 0 });
    const r = await answerMessage('notify this channel about lockouts', {
      source,
      now: at(0),
      timeZone: 'America/Los_Angeles',
      appNames: [],
      notify,
      conversation: channel('19:subscribe'),
      asker: 'Miriam Graham',
    });
    expect((await notify.subscriptions())[0]!.timeZone).toBe('America/Los_Angeles');
    expect(JSON.stringify(r.card)).toContain('Times on the alerts are in America/Los Angeles, your time zone in Teams.');
  });
});
