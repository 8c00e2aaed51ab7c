import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { CLAIM_TIMEOUT_MS } from '../../src/notify/claims.ts';
import { updateEpisodes } from '../../src/notify/episodes.ts';
import { NotificationService, REPEAT_NOTE } from '../../src/notify/service.ts';
import { deliveryKey, MemoryNotifyStore, type Claim } from '../../src/notify/store.ts';
import { SignIn } from '../../src/signins/signin.ts';
import { at, channel, FakeTeams, lockout, newSource } from './fixtures.ts';

/**
 * Claims ("sending", recorded before each send): one held by a live process is left alone,
 * one left by a dead process is sent once more, marked as a possible repeat.
 */
const CH = '19:claims@thread.tacv2';
const T0 = Date.parse('2026-12-01T12:00:00Z');

/** A store with one episode whose card a process (`claim`) began sending and never recorded. */
async function leftBehind(claim: Omit<Claim, 'version' | 'repeat'>, activityId?: string, language?: 'de') {
  const source = newSource();
  const store = new MemoryNotifyStore();
  const teams = new FakeTeams();
  let wall = T0;
  const notify = new NotificationService({ source, store, sender: teams, clock: () => at(5), wallClock: () => wall, spacingMs: 0 });
  const sub = (await notify.subscribe(channel(CH), 'test', language ? { language } : {})).subscription;
  const ev = lockout(0, 1);
  source.add(ev);
  await store.update((s) => {
    updateEpisodes(s.episodes, [SignIn.parse(ev)], {}, at(5));
    s.cursor = at(5);
    const e = Object.values(s.episodes)[0]!;
    s.deliveries[deliveryKey(e.key, sub.id)] = {
      episodeKey: e.key,
      subscriptionId: sub.id,
      status: 'sending',
      version: activityId ? 0 : -1,
      ...(activityId ? { activityId } : {}),
      attempts: 0,
      at: claim.at,
      claim: { ...claim, version: e.version, repeat: false },
    };
  });
  return { notify, teams, store, later: (ms: number) => (wall += ms) };
}

const deadPid = () => spawnSync(process.execPath, ['-e', '']).pid!;

describe('a card whose send was claimed and never recorded', () => {
  it('claimed by a process on this host that has died: sent once more, and the card and its summary say it may be a repeat', async () => {
    const { notify, teams } = await leftBehind({ host: hostname(), pid: deadPid(), run: 'gone', at: new Date(T0).toISOString() });
    expect(await notify.pollOnce()).toMatchObject({ sent: 1, repeated: 1 });
    expect(teams.posts()).toHaveLength(1);
    expect(JSON.stringify(teams.posts()[0]!.card)).toContain(REPEAT_NOTE);
    expect(teams.posts()[0]!.summary).toBe('Someone is locked out (sent again after a restart; you may see this twice)');
    await notify.pollOnce();
    expect(teams.calls).toHaveLength(1); // once more, not again and again
  });

  it("in a channel that subscribed in German, the card's note and its notification say so in German", async () => {
    const { notify, teams } = await leftBehind({ host: hostname(), pid: deadPid(), run: 'gone', at: new Date(T0).toISOString() }, undefined, 'de');
    expect(await notify.pollOnce()).toMatchObject({ sent: 1, repeated: 1 });
    const card = JSON.stringify(teams.posts()[0]!.card);
    expect(card).toContain('Nach einem Neustart erneut gesendet; Sie sehen diese Meldung eventuell doppelt.');
    expect(card).not.toContain(REPEAT_NOTE);
    expect(teams.posts()[0]!.summary).toBe('Jemand ist gesperrt (nach einem Neustart erneut gesendet; eventuell doppelt)');
  });

  it('claimed by an earlier start of this very process (same pid, as in a container): sent once more, marked', async () => {
    const { notify, teams } = await leftBehind({ host: hostname(), pid: process.pid, run: 'an-earlier-start', at: new Date(T0).toISOString() });
    expect(await notify.pollOnce()).toMatchObject({ repeated: 1 });
    expect(JSON.stringify(teams.posts()[0]!.card)).toContain(REPEAT_NOTE);
  });

  it('claimed by a live process on this host: left alone, however old (it is still sending)', async () => {
    const { notify, teams, later } = await leftBehind({ host: hostname(), pid: process.ppid, run: 'alive', at: new Date(T0).toISOString() });
    await notify.pollOnce();
    later(CLAIM_TIMEOUT_MS / 2);
    await notify.pollOnce();
    expect(teams.calls).toHaveLength(0);
  });

  it('claimed on another host: left alone for the claim timeout, then sent once more, marked', async () => {
    const { notify, teams, later } = await leftBehind({ host: 'another-instance', pid: 4242, run: 'x', at: new Date(T0).toISOString() });
    await notify.pollOnce();
    later(CLAIM_TIMEOUT_MS - 1000);
    await notify.pollOnce();
    expect(teams.calls).toHaveLength(0);
    later(2000);
    expect(await notify.pollOnce()).toMatchObject({ sent: 1, repeated: 1 });
    expect(JSON.stringify(teams.posts()[0]!.card)).toContain(REPEAT_NOTE);
  });

  it('an update of a posted card left behind is done again, unmarked (the same card twice shows nothing twice)', async () => {
    const { notify, teams } = await leftBehind({ host: hostname(), pid: deadPid(), run: 'gone', at: new Date(T0).toISOString() }, 'act-posted');
    expect(await notify.pollOnce()).toMatchObject({ updated: 1, repeated: 0 });
    expect(teams.calls.map((c) => c.kind)).toEqual(['update']);
    expect(JSON.stringify(teams.calls[0]!.card)).not.toContain(REPEAT_NOTE);
  });
});

describe('two services in one process', () => {
  it('one does not send a card the other is sending (its claim is live), and the card goes out once', async () => {
    const source = newSource();
    const store = new MemoryNotifyStore();
    const teams = new FakeTeams();
    const mk = () => new NotificationService({ source, store, sender: teams, clock: () => at(5), spacingMs: 0 });
    const [a, b] = [mk(), mk()];
    await a.subscribe(channel(CH), 'test');
    source.add(lockout(0, 1));
    const onItsWay = teams.hold();
    const first = a.pollOnce();
    await onItsWay;
    expect(await b.pollOnce()).toMatchObject({ sent: 0, repeated: 0 });
    teams.release();
    await first;
    await b.pollOnce();
    expect(teams.posts()).toHaveLength(1);
  });
});
