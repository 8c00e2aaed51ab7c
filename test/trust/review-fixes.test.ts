import { DiagError } from '../../src/errors.ts';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ActivityHandler, CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { startServer, type RunningServer } from '../../src/bot/server.ts';
import { SignInBot } from '../../src/bot/signin-bot.ts';
import { BotSender } from '../../src/bot/proactive.ts';
import type { AccessChecker } from '../../src/trust/access.ts';
import { openSource } from '../../src/sources.ts';
import { CapturedConnector } from '../helpers/connector.ts';
import { activity, APP_ID, send, serveSigningKeys, TENANT, type SigningKeys } from './http-helpers.ts';

/** Findings of the security review of issue 14 (L1–L4), each replayed against the real parts. */
const connector = new CapturedConnector();
let prod: RunningServer;
let local: RunningServer;
let limitedLocal: RunningServer;
let keys: SigningKeys;

beforeAll(async () => {
  await connector.start();
  keys = serveSigningKeys();
  vi.spyOn(console, 'error').mockImplementation(() => {});
  const plain = new ActivityHandler();
  prod = await startServer(
    {
      PORT: 0,
      local: false,
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppType: 'SingleTenant',
    },
    plain,
    () => {},
  );
  const failing = new ActivityHandler();
  failing.onMessage(async () => {
    throw new Error('boom');
  });
  local = await startServer(
    { PORT: 0, local: true, MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'SingleTenant' },
    failing,
    () => {},
  );
  // A directory that cannot answer who is in which group (Graph throttled).
  const source = openSource(undefined);
  const access = {
    check: async () => Promise.reject(new DiagError('throttled', 'Microsoft Graph is throttling this app; try again after 14:32 UTC.', '429')),
  } as unknown as AccessChecker;
  const bot = new SignInBot({ source, clock: () => source.asOf()!, appNames: source.appNames(), allUsers: source.allUsers(), log: () => {}, access });
  limitedLocal = await startServer(
    { PORT: 0, local: true, MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'SingleTenant' },
    bot,
    () => {},
  );
});
afterAll(async () => {
  nock.cleanAll();
  await prod?.close();
  await local?.close();
  await limitedLocal?.close();
  await connector.stop();
});

describe('the security review of issue 14', () => {
  it('L4: production checks the token before the body: a malformed activity with a bad token is 401, and names no field', async () => {
    const url = prod.url.replace('0.0.0.0', '127.0.0.1');
    for (const body of [activity({ from: undefined }), activity({ entities: 'not a list' }), activity({ type: 42 })]) {
      const r = await send(url, { headers: { 'content-type': 'application/json', authorization: 'Bearer aaaa.bbbb.cccc' }, body: JSON.stringify(body) });
      expect(r.status).toBe(401);
      expect(r.body).not.toMatch(/see /);
    }
    // With a valid token, the same body is told which field is wrong.
    const ok = await send(url, {
      headers: { 'content-type': 'application/json', authorization: keys.token() },
      body: JSON.stringify(activity({ entities: 'not a list' })),
    });
    expect(ok.status).toBe(400);
    expect(ok.body).toMatch(/see entities/);
  });

  it('L3: a turn that fails while the loopback connector is gone is no 5xx', async () => {
    const r = await send(local.url, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity({ serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c', conversationType: 'personal' } })),
    });
    expect(r.status).toBeLessThan(500);
    expect(await (await fetch(`${local.url}/healthz`)).json()).toEqual({ status: 'ok' });
  });

  it('L2: when the directory cannot say who may look people up, the asker is limited (never full) and told why, not "something went wrong"', async () => {
    const before = connector.received.length;
    const r = await send(limitedLocal.url, {
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(
        activity({
          serviceUrl: connector.url,
          text: 'why did bob fail',
          from: { id: 'u', aadObjectId: 'f76a97e4-9533-40d0-bcf1-88114b264874' },
          conversation: { id: 'c', conversationType: 'personal' },
        }),
      ),
    });
    expect(r.status).toBe(200);
    const said = JSON.stringify(connector.received.slice(before));
    expect(said).toMatch(/Sorry, I cannot look that up for you/);
    expect(said).toMatch(/Microsoft Graph is throttling this app/);
    expect(said).not.toMatch(/something went wrong/i);
  });

  it('L1: in local mode, lockout alerts are posted only to a connector on this machine', async () => {
    const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
    const sender = new BotSender(adapter, '', { loopbackOnly: true });
    const remote = nock('https://smba.trafficmanager.net').post(/.*/).reply(200, { id: 'x' });
    const out = await sender.send(
      { conversationId: '19:abc@thread.tacv2', serviceUrl: 'https://smba.trafficmanager.net/emea/', channelId: 'msteams' },
      { type: 'AdaptiveCard' },
      'locked out',
    );
    expect(out).toMatchObject({ kind: 'failed', reason: expect.stringMatching(/only to a connector on this machine/) });
    expect(remote.isDone()).toBe(false);
    const near = await sender.send({ conversationId: 'c', serviceUrl: connector.url, channelId: 'msteams' }, { type: 'AdaptiveCard' }, 'locked out');
    expect(near.kind).toBe('sent');
  });
});
