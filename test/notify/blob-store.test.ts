import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerMessage } from '../../src/routes/index.ts';
import { BotSender } from '../../src/bot/proactive.ts';
import { BlobLeaseLock, BlobNotifyStore } from '../../src/notify/blob-store.ts';
import { NotificationService, REPEAT_NOTE } from '../../src/notify/service.ts';
import { NotifyState } from '../../src/notify/store.ts';
import { Azurite } from '../helpers/azurite.ts';
import { CapturedConnector } from '../helpers/connector.ts';
import { at, channel, FakeTeams, folder, lockout, newSource, people, titleOf } from './fixtures.ts';

/**
 * The Blob store against Azurite (Microsoft's storage emulator): ETags, If-Match and
 * If-None-Match, leases and their lapse are the emulator's, not a mock's.
 */
const azurite = new Azurite();
beforeAll(() => azurite.start(), 90_000);
afterAll(() => azurite.stop(), 30_000);

let n = 0;
const fresh = () => `notify${++n}`;

/** Makes another writer come first: before the next `times` state writes through the proxy, the blob is rewritten directly (a new ETag). */
function interfere(direct: ContainerClient, times: number): { count: () => number } {
  let done = 0;
  azurite.beforeForward = async (r) => {
    if (r.method !== 'PUT' || !r.path.endsWith('/notifications.json') || done >= times) return;
    done++;
    const blob = direct.getBlockBlobClient('notifications.json');
    const body = (await blob.exists()) ? await blob.downloadToBuffer() : Buffer.from('{}');
    await blob.upload(body, body.length);
  };
  return { count: () => done };
}

describe('notification state in Azure Blob Storage', () => {
  it('starts empty and survives a restart (a new store on the same container)', async () => {
    const name = fresh();
    const a = new BlobNotifyStore(await azurite.container(name));
    expect(await a.load()).toEqual(NotifyState.parse({}));
    await a.update((s) => void (s.cursor = '2026-11-20T10:00:00Z'));
    expect((await new BlobNotifyStore(await azurite.container(name)).load()).cursor).toBe('2026-11-20T10:00:00Z');
  });

  it('two stores changing the state at once: neither change is lost', async () => {
    const name = fresh();
    const a = new BlobNotifyStore(await azurite.container(name));
    const b = new BlobNotifyStore(await azurite.container(name));
    const ref = channel('19:x@thread.tacv2');
    await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        (i % 2 ? a : b).update((s) => void s.subscriptions.push({ id: `s${i}`, ref, createdBy: 't', createdAt: 't', minUsers: 1, kind: 'lockouts' })),
      ),
    );
    expect((await a.load()).subscriptions.map((s) => s.id).sort()).toEqual(['s0', 's1', 's2', 's3', 's4', 's5', 's6', 's7']);
  });

  it('a write whose version was overtaken gets a real 412 and is applied again to the newer version', async () => {
    const name = fresh();
    const direct = await azurite.container(name);
    const store = new BlobNotifyStore(await azurite.proxied(name));
    await store.update((s) => void (s.cursor = 'first'));
    const other = interfere(direct, 1);
    await store.update((s) => void (s.cursor = `${s.cursor}+second`));
    azurite.beforeForward = undefined;
    expect(other.count()).toBe(1);
    expect((await store.load()).cursor).toBe('first+second');
  });
});

describe('finding 15: a conflict while subscribing', () => {
  it('one 412 while subscribing is retried: the subscription is saved and the person is told alerts are on', async () => {
    const name = fresh();
    const direct = await azurite.container(name);
    const notify = new NotificationService({
      source: folder,
      store: new BlobNotifyStore(await azurite.proxied(name)),
      sender: new FakeTeams(),
      clock: () => at(0),
    });
    const other = interfere(direct, 1);
    const r = await answerMessage('notify this channel about lockouts', {
      source: folder,
      now: at(0),
      timeZone: 'UTC',
      appNames: folder.appNames(),
      notify,
      conversation: channel('19:a@thread.tacv2'),
    });
    azurite.beforeForward = undefined;
    expect(other.count()).toBe(1);
    expect(JSON.stringify(r.card)).toContain('Lockout alerts are on');
    expect((await new BlobNotifyStore(direct).load()).subscriptions.map((s) => s.ref.conversationId)).toEqual(['19:a@thread.tacv2']);
  });

  it('conflicts that do not stop: after bounded retries the person reads "not saved, please try again"', async () => {
    const name = fresh();
    const direct = await azurite.container(name);
    const notify = new NotificationService({
      source: folder,
      store: new BlobNotifyStore(await azurite.proxied(name)),
      sender: new FakeTeams(),
      clock: () => at(0),
    });
    const other = interfere(direct, 1000);
    const r = await answerMessage('notify this channel about lockouts', {
      source: folder,
      now: at(0),
      timeZone: 'UTC',
      appNames: folder.appNames(),
      notify,
      conversation: channel('19:b@thread.tacv2'),
    });
    azurite.beforeForward = undefined;
    expect(other.count()).toBe(10);
    expect(r.text).toMatch(/so this was not saved\. Please try again\./);
    expect(JSON.stringify(r.card)).toContain('I could not save that');
    expect(JSON.stringify(r)).not.toMatch(/condition|412|RestError/i);
    expect((await new BlobNotifyStore(direct).load()).subscriptions).toEqual([]);
  });
});

describe('one watcher among several instances (leases)', () => {
  it('the first instance takes the lease; the second waits; when the first stops, the second takes over', async () => {
    const name = fresh();
    const first = new BlobLeaseLock(await azurite.container(name));
    const second = new BlobLeaseLock(await azurite.container(name));
    expect(await first.hold(), 'first acquires').toBe(true); // makes the lock blob, then leases it
    expect(await second.hold()).toBe(false);
    expect(await first.hold(), 'first renews').toBe(true);
    await first.release();
    expect(await second.hold(), 'second takes over').toBe(true);
    expect(await first.hold()).toBe(false);
  });

  it('a lease its holder stopped renewing (the instance died) lapses and can be taken', async () => {
    const name = fresh();
    const dead = new BlobLeaseLock(await azurite.container(name), 15);
    const taker = new BlobLeaseLock(await azurite.container(name), 15);
    expect(await dead.hold()).toBe(true);
    expect(await taker.hold()).toBe(false);
    // Azure's shortest lease is 15 s; wait it out (the only way to see a real lapse).
    await new Promise((r) => setTimeout(r, 16_500));
    expect(await taker.hold()).toBe(true);
    expect(await dead.hold(), 'the old holder finds it taken').toBe(false);
  }, 60_000);
});

describe('finding 14: two instances racing on one container', () => {
  it('each lockout episode is posted exactly once (updates allowed), whether the lease keeps them apart or not', async () => {
    const name = fresh();
    const connector = new CapturedConnector();
    await connector.start();
    connector.delayMs = 25; // sends overlap
    try {
      const CH = '19:race@thread.tacv2';
      const source = newSource();
      let now = at(0);
      const instances = await Promise.all(
        [1, 2].map(async () => {
          const container = await azurite.container(name);
          const sender = new BotSender(new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})), '');
          return {
            notify: new NotificationService({ source, store: new BlobNotifyStore(container), sender, clock: () => now, spacingMs: 0 }),
            lock: new BlobLeaseLock(container),
          };
        }),
      );
      await instances[0]!.notify.subscribe({ ...channel(CH), serviceUrl: connector.url }, 'test');
      // A failed round is logged and the next one tried, as src/index.ts does; the failures are checked at the end.
      const errors: unknown[] = [];
      const poll = (i: (typeof instances)[number]) => i.notify.pollOnce().catch((e: unknown) => void errors.push(e));
      // Both poll at once: what happens when a lease lapsed while its holder was still running.
      const bothPoll = () => Promise.all(instances.map(poll));
      // One starts while the other's card is on its way to Teams.
      const staggered = async (first: number) => {
        const onItsWay = new Promise<void>((r) => (connector.onRequest = () => r()));
        const a = poll(instances[first]!);
        await Promise.race([onItsWay, a]);
        connector.onRequest = undefined;
        await Promise.all([a, poll(instances[1 - first]!)]);
      };
      // Each polls only while holding the lease, as src/index.ts does.
      const leaseHolderPolls = () => Promise.all(instances.map(async (i) => ((await i.lock.hold()) ? poll(i) : undefined)));

      source.add(lockout(0, 1), lockout(1, 2), lockout(2, 3));
      now = at(5);
      await staggered(0);
      source.add(lockout(0, 6), lockout(3, 7));
      now = at(8);
      await staggered(1);
      await bothPoll();
      source.add(lockout(6, 8));
      now = at(9);
      await bothPoll();
      source.add(lockout(4, 9));
      now = at(10);
      await leaseHolderPolls();
      for (const i of instances) await i.lock.release();
      source.add(lockout(5, 11), lockout(1, 12));
      now = at(13);
      await leaseHolderPolls();
      now = at(14);
      await bothPoll();
      await bothPoll();

      const posts = connector.cards(CH).filter((r) => r.method === 'POST');
      const titles = posts.map((p) => titleOf(p.activity.attachments?.[0]?.content));
      const expected = people.slice(0, 7).map((u) => `Locked out: ${u.displayName}`);
      expect([...titles].sort()).toEqual([...expected].sort());
      expect(posts.every((p) => !JSON.stringify(p.activity).includes(REPEAT_NOTE))).toBe(true);
      // The grown episodes were updated in place.
      expect(connector.cards(CH).some((r) => r.method === 'PUT')).toBe(true);
      expect(errors).toEqual([]);
    } finally {
      await connector.stop();
    }
  }, 120_000);
});
