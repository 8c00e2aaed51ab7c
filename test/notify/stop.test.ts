import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobNotifyStore } from '../../src/notify/blob-store.ts';
import { NotificationService } from '../../src/notify/service.ts';
import { FileNotifyStore, type NotifyStore } from '../../src/notify/store.ts';
import { Azurite } from '../helpers/azurite.ts';
import { at, channel, FakeTeams, lockout, newSource, until } from './fixtures.ts';

/**
 * Finding 13: "stop lockout notifications" while a delivery round is sending. The round used
 * to write back the state it had read, subscription included, and alerts went on. Now every
 * write is a change to the current version: once unsubscribe returns, nothing more is posted
 * there, this round or any later one.
 */
const CH = '19:stop-during-delivery@thread.tacv2';
const azurite = new Azurite();
beforeAll(() => azurite.start(), 90_000);
afterAll(() => azurite.stop(), 30_000);

let n = 0;
const stores: Record<string, () => Promise<NotifyStore>> = {
  'a file': async () => new FileNotifyStore(join(mkdtempSync(join(tmpdir(), 'notify-stop-')), 'notifications.json')),
  'Azure Blob storage (Azurite)': async () => new BlobNotifyStore(await azurite.container(`stop${++n}`)),
};

describe.each(Object.keys(stores))('stop during a delivery, with %s', (kind) => {
  it('after "stop" returns, no alert is posted to that conversation, in this round or later ones', async () => {
    const store = await stores[kind]!();
    const source = newSource();
    const teams = new FakeTeams();
    let now = at(0);
    const notify = new NotificationService({ source, store, sender: teams, clock: () => now, spacingMs: 0 });
    await notify.subscribe(channel(CH), 'test');
    source.add(lockout(0, 1), lockout(1, 2), lockout(2, 3));
    now = at(5);

    const onItsWay = teams.hold();
    const round = notify.pollOnce();
    await onItsWay; // the first of three cards has been handed to Teams and not answered yet
    let returned = false;
    const stop = notify.unsubscribe(CH).then((r) => ((returned = true), r));
    await until(async () => (await store.load()).subscriptions.length === 0, 'the subscription removed from the store');
    // The card already on its way is waited for, so none arrives after "stopped" is said.
    expect(returned).toBe(false);
    teams.release();
    expect(await stop).toBe(true);
    const postedWhenStopped = teams.calls.length;
    await round;
    expect(postedWhenStopped).toBe(1);
    expect(teams.calls).toHaveLength(1);

    source.add(lockout(3, 6), lockout(0, 7));
    now = at(8);
    await notify.pollOnce();
    now = at(90);
    await notify.pollOnce();
    expect(teams.calls).toHaveLength(1);
    expect((await store.load()).subscriptions).toEqual([]);
  }, 60_000);
});

describe('stop said to one instance while another delivers (Azurite)', () => {
  it('the other instance posts nothing more there once "stop" has returned', async () => {
    const name = `stop${++n}`;
    const source = newSource();
    const teams = new FakeTeams();
    let now = at(0);
    const watcher = new NotificationService({
      source,
      store: new BlobNotifyStore(await azurite.container(name)),
      sender: teams,
      clock: () => now,
      spacingMs: 0,
    });
    const turns = new NotificationService({ source, store: new BlobNotifyStore(await azurite.container(name)), sender: teams, clock: () => now, spacingMs: 0 });
    await turns.subscribe(channel(CH), 'test');
    source.add(lockout(0, 1), lockout(1, 2), lockout(2, 3));
    now = at(5);
    const onItsWay = teams.hold();
    const round = watcher.pollOnce();
    await onItsWay;
    const stop = turns.unsubscribe(CH);
    await until(async () => (await turns.subscriptions()).length === 0, 'the subscription removed');
    teams.release();
    expect(await stop).toBe(true);
    const atStop = teams.calls.length;
    await round;
    source.add(lockout(3, 6));
    now = at(8);
    await watcher.pollOnce();
    expect(atStop).toBe(1);
    expect(teams.calls).toHaveLength(1);
  }, 60_000);
});
