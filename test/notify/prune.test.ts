import { describe, expect, it } from 'vitest';
import { NotificationService } from '../../src/notify/service.ts';
import { pruneEnded } from '../../src/notify/prune.ts';
import { MemoryNotifyStore, NotifyState } from '../../src/notify/store.ts';
import { FakeTeams, agentFailure, at, channel, lockout, newSource, people } from './fixtures.ts';

/**
 * Issue 19 leftover 3: ended lockout episodes and incidents leave the notification state once
 * they ended longer ago than the retention (NOTIFY_RETENTION_DAYS), with their deliveries, on
 * the watcher's pass; open ones and recent ones stay.
 */
const DAY = 86_400_000;
const INCIDENTS = '19:incidents@thread.tacv2';
const LOCKOUTS = '19:lockouts@thread.tacv2';

describe('pruning ended alerts', () => {
  it("drops ended lockouts and incidents older than the retention on the watcher's pass, with their deliveries; keeps the rest", async () => {
    const source = newSource();
    const store = new MemoryNotifyStore();
    const teams = new FakeTeams();
    const clock = { now: at(0) };
    const notify = new NotificationService({ source, store, sender: teams, clock: () => clock.now, spacingMs: 0, retentionMs: 14 * DAY });
    await notify.subscribe(channel(INCIDENTS), 'Miriam Graham', { kind: 'incidents' });
    await notify.subscribe(channel(LOCKOUTS), 'Miriam Graham');
    source.add(lockout(4, 1), agentFailure(0, 1), agentFailure(1, 2), agentFailure(2, 3));
    clock.now = at(5);
    expect(await notify.pollOnce()).toMatchObject({ incidents: 1, sent: 2, pruned: 0 });
    // Both end (quiet for hours), and their cards say so.
    clock.now = at(6 * 60);
    await notify.pollOnce();
    let state = await store.load();
    expect(Object.values(state.episodes).map((e) => e.ended)).toEqual([true]);
    expect(Object.values(state.incidents).map((e) => e.ended)).toEqual([true]);
    expect(Object.keys(state.deliveries)).toHaveLength(2);

    // 13 days on: still kept (a Mark handled on the card still finds it).
    clock.now = new Date(Date.parse(at(3)) + 13 * DAY).toISOString();
    expect(await notify.pollOnce()).toMatchObject({ pruned: 0 });
    // A new lockout then: open, so it stays whatever happens to the old ones.
    source.add(lockout(5, 13 * 24 * 60 + 10));
    clock.now = new Date(Date.parse(at(3)) + 14 * DAY + 60_000).toISOString();
    expect(await notify.pollOnce()).toMatchObject({ pruned: 2 });
    state = await store.load();
    expect(Object.values(state.incidents)).toEqual([]);
    expect(Object.values(state.episodes).map((e) => e.userIds[0])).toEqual([people[5]!.id]);
    // Only the new lockout's delivery is left; the old cards' are gone with them.
    expect(Object.values(state.deliveries).map((d) => d.episodeKey)).toEqual(Object.keys(state.episodes));
    // Nothing comes back on the next pass: the old events are never read again.
    expect(await notify.pollOnce()).toMatchObject({ pruned: 0, sent: 0 });
    expect(Object.values((await store.load()).incidents)).toEqual([]);
  }, 60_000);

  it('keeps what has not ended, however old', () => {
    const state = NotifyState.parse({
      episodes: {
        old: {
          key: 'old',
          kind: 'person',
          userIds: ['u'],
          first: '2026-01-01T00:00:00Z',
          last: '2026-01-01T00:00:00Z',
          lockouts: 1,
          eventIds: ['e'],
          ended: false,
          version: 0,
        },
      },
    });
    expect(pruneEnded(state, '2026-11-01T00:00:00Z', 14 * DAY)).toEqual({ episodes: 0, incidents: 0 });
    expect(Object.keys(state.episodes)).toEqual(['old']);
  });
});
