import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/bot/server.ts';
import { SignInBot } from '../../src/bot/signin-bot.ts';
import { BotSender } from '../../src/bot/proactive.ts';
import { NotificationService } from '../../src/notify/service.ts';
import { MemoryNotifyStore } from '../../src/notify/store.ts';
import { answerAction } from '../../src/routes/index.ts';
import { openSource } from '../../src/sources.ts';
import { MemorySignInSource } from '../helpers/memory-source.ts';
import { CapturedConnector } from '../helpers/connector.ts';

/**
 * Lockout alerts end to end: the bot on restify + CloudAdapter, a channel subscribing by
 * message, lockouts arriving in the source, and what the captured connector receives.
 */
const CHANNEL = '19:lockout-alerts@thread.tacv2';
const GONE = '19:old-channel@thread.tacv2';
let now = '2026-11-20T10:00:00Z';
const at = (min: number) => new Date(Date.parse('2026-11-20T10:00:00Z') + min * 60_000).toISOString();

const folder = openSource(undefined);
const source = new MemorySignInSource(folder);
const store = new MemoryNotifyStore();
const connector = new CapturedConnector();
let server: RunningServer;
let notify: NotificationService;
let seq = 0;

const grady = folder.allUsers().find((u) => u.userPrincipalName === 'grady.archie@contoso.com')!;
const spraid = folder
  .allUsers()
  .filter((u) => u.userType === 'Member' && u.accountEnabled)
  .slice(0, 8);

function event(user: { id: string; userPrincipalName: string; displayName?: string | null }, code: number, minute: number, ip = '203.0.113.60') {
  seq++;
  return {
    id: `ev-${seq}`,
    createdDateTime: at(minute),
    userId: user.id,
    userPrincipalName: user.userPrincipalName,
    userDisplayName: user.displayName,
    appDisplayName: 'OfficeHome',
    appId: '4765445b-32c6-49b0-83e6-1d93765276ca',
    ipAddress: ip,
    correlationId: `c-${seq}`,
    clientAppUsed: 'Browser',
    status: {
      errorCode: code,
      failureReason:
        code === 50053
          ? ip.startsWith('185.')
            ? 'Sign-in was blocked because it came from an IP address with malicious activity'
            : 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.'
          : 'Error validating credentials due to invalid username or password.',
    },
  };
}

async function say(conversationId: string, text: string) {
  const activity = {
    type: 'message',
    id: `m-${++seq}`,
    channelId: 'msteams',
    serviceUrl: connector.url,
    text: `<at>Sign-in Diagnostics</at> ${text}`,
    entities: [{ type: 'mention', text: '<at>Sign-in Diagnostics</at>', mentioned: { id: 'bot', name: 'Sign-in Diagnostics' } }],
    from: { id: 'user-1', name: 'Miriam Graham' },
    recipient: { id: 'bot', name: 'Sign-in Diagnostics' },
    conversation: { id: `${conversationId};messageid=${seq}`, conversationType: 'channel', tenantId: 't1' },
    channelData: { team: { name: 'IT Helpdesk' }, channel: { name: 'Lockout alerts' } },
  };
  const r = await fetch(`${server.url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  expect(r.status).toBeLessThan(300);
}

const titleOf = (r: { activity: { attachments?: { content?: Record<string, unknown> }[] } }) =>
  JSON.stringify(r.activity.attachments?.[0]?.content ?? {}).match(/"text":"((?:Locked out|Password spray)[^"]*)"/)?.[1];

beforeAll(async () => {
  await connector.start();
  let sender: BotSender | undefined;
  notify = new NotificationService({
    source,
    store,
    sender: { send: (...a) => sender!.send(...a), update: (...a) => sender!.update(...a) },
    clock: () => now,
    spacingMs: 0,
  });
  const bot = new SignInBot({ source, clock: () => now, appNames: folder.appNames(), allUsers: folder.allUsers(), notify, log: () => {} });
  server = await startServer(
    { PORT: 0, local: true, MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'SingleTenant' },
    bot,
    () => {},
  );
  sender = new BotSender(server.adapter, '');
});
afterAll(async () => {
  await server?.close();
  await connector.stop();
});

describe('lockout alerts in a channel', () => {
  it('"notify this channel about lockouts" subscribes the channel (not the thread) and says so', async () => {
    await say(CHANNEL, 'notify this channel about lockouts');
    const subs = await notify.subscriptions();
    expect(subs).toHaveLength(1);
    expect(subs[0]).toMatchObject({
      ref: { conversationId: CHANNEL, serviceUrl: connector.url, where: 'IT Helpdesk › Lockout alerts' },
      createdBy: 'Miriam Graham',
      minUsers: 1,
    });
    // The confirmation is a reply in the thread the request came from; alerts start new threads.
    const reply = connector.received.filter((r) => r.conversationId.startsWith(`${CHANNEL};messageid=`)).at(-1)!;
    expect(JSON.stringify(reply.activity)).toContain('Lockout alerts are on');
  });

  it('a lockout arrives: exactly one card, with the sources worked out', async () => {
    const before = connector.received.length;
    source.add(...[0, 1, 2].map((m) => event(grady, 50126, m)), event(grady, 50053, 3));
    now = at(5);
    const r = await notify.pollOnce();
    expect(r).toMatchObject({ lockouts: 1, sent: 1, updated: 0 });
    const posted = connector.received.slice(before);
    expect(posted).toHaveLength(1);
    expect(posted[0]!.method).toBe('POST');
    expect(titleOf(posted[0]!)).toBe('Locked out: Grady Archie');
    const text = JSON.stringify(posted[0]!.activity);
    expect(text).toContain('Smart lockout');
    expect(text).toContain('203.0.113.60');
  });

  it('no repeat while nothing changes; an update (not a new card) when the episode grows', async () => {
    const before = connector.received.length;
    now = at(6);
    expect(await notify.pollOnce()).toMatchObject({ sent: 0, updated: 0 });
    source.add(event(grady, 50053, 10));
    now = at(11);
    expect(await notify.pollOnce()).toMatchObject({ sent: 0, updated: 1 });
    const after = connector.received.slice(before);
    expect(after.map((r) => r.method)).toEqual(['PUT']);
    expect(JSON.stringify(after[0]!.activity)).toContain('"value":"2"');
  });

  it('a password spray is one card, not one per person', async () => {
    const before = connector.received.length;
    const tor = '185.220.101.47';
    spraid.forEach((u, i) => source.add(event(u, 50126, 20 + i, tor)));
    spraid.slice(0, 3).forEach((u, i) => source.add(event(u, 50053, 30 + i, tor)));
    now = at(35);
    const r = await notify.pollOnce();
    expect(r.sent).toBe(1);
    const posted = connector.received.slice(before).filter((x) => x.method === 'POST');
    expect(posted).toHaveLength(1);
    expect(titleOf(posted[0]!)).toBe(`Password spray from ${tor}: 3 people locked out`);
  });

  it('an episode that goes quiet ends, and its card says so', async () => {
    const before = connector.received.length;
    now = at(120);
    const r = await notify.pollOnce();
    expect(r.updated).toBe(2);
    expect(connector.received.slice(before).every((x) => x.method === 'PUT' && JSON.stringify(x.activity).includes('Ended: no lockout since'))).toBe(true);
  });

  it('"Mark handled" records who and when, and the card shows it', async () => {
    const state = await store.load();
    const key = Object.keys(state.episodes).find((k) => k.startsWith('person:'))!;
    const r = await answerAction('markHandled', { episodeKey: key }, { source, now, timeZone: 'UTC', appNames: [], notify, asker: 'Miriam Graham' });
    expect(JSON.stringify(r.card)).toContain('Handled by Miriam Graham');
    expect((await store.load()).episodes[key]).toMatchObject({ handledBy: 'Miriam Graham', handledAt: now });
  });

  it('a 403 from the connector (the bot was removed) removes that subscription and nothing else', async () => {
    await say(GONE, 'notify this channel about lockouts');
    connector.forbidden.add(GONE);
    source.add(event(grady, 50053, 200));
    now = at(201);
    const r = await notify.pollOnce();
    expect(r.gone).toBe(1);
    expect((await notify.subscriptions()).map((s) => s.ref.conversationId)).toEqual([CHANNEL]);
    expect(r.sent).toBe(1); // the new episode still reached the channel that has the bot
  });

  it('"stop lockout notifications" ends it', async () => {
    await say(CHANNEL, 'stop lockout notifications');
    expect(await notify.subscriptions()).toEqual([]);
  });

  it('scope: only sprays locking out 3 or more people', async () => {
    await say(CHANNEL, 'notify this channel when 3 or more people are locked out');
    expect((await notify.subscriptions())[0]!.minUsers).toBe(3);
  });
});
