import { gzipSync } from 'node:zlib';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ActivityHandler } from 'botbuilder';
import { startServer, type RunningServer } from '../../src/bot/server.ts';
import { isLoopbackUrl, MAX_BODY_BYTES } from '../../src/bot/http-guard.ts';
import { CapturedConnector } from '../helpers/connector.ts';
import { activity, APP_ID, OTHER_TENANT, PROD_SERVICE_URL, send, sendPartial, serveSigningKeys, TENANT, type SigningKeys } from './http-helpers.ts';

/**
 * Issue 14, the HTTP host: each finding of the attack run, replayed against the real server.
 * Local mode has a captured connector as the reply address; production mode has nock-served
 * Bot Framework signing keys and tokens signed here.
 */
const connector = new CapturedConnector();
/** "The page's own server": where a hostile page would like the bot's reply to go. */
const attacker = new CapturedConnector();
let local: RunningServer;
let prod: RunningServer;
let keys: SigningKeys;
const ran: string[] = [];
const logs: string[] = [];

/** Replies "ok" to every message, so a turn that ran shows up at the connector. */
function echoBot(): ActivityHandler {
  const bot = new ActivityHandler();
  bot.onMessage(async (context, next) => {
    ran.push(context.activity.text ?? '');
    if (context.activity.serviceUrl !== PROD_SERVICE_URL) await context.sendActivity(`ok: ${context.activity.text}`);
    await next();
  });
  return bot;
}

beforeAll(async () => {
  await connector.start();
  await attacker.start();
  const log = (l: string) => logs.push(l);
  local = await startServer(
    { PORT: 0, local: true, MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'SingleTenant' },
    echoBot(),
    log,
  );
  prod = await startServer(
    {
      PORT: 0,
      local: false,
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppType: 'SingleTenant',
    },
    echoBot(),
    log,
  );
  keys = serveSigningKeys();
  // botbuilder prints every rejected token (and the signing key) with console.error.
  vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterAll(async () => {
  nock.cleanAll();
  await local?.close();
  await prod?.close();
  await connector.stop();
  await attacker.stop();
});

const prodUrl = () => prod.url.replace('0.0.0.0', '127.0.0.1');
const portOf = (url: string) => Number(new URL(url).port);
const json = (over: Record<string, unknown> = {}) => JSON.stringify(activity({ serviceUrl: connector.url, ...over }));
const postLocal = (headers: Record<string, string>, body: string | Buffer) => send(local.url, { headers, body });
const healthy = async (url: string) => (await fetch(`${url.replace('0.0.0.0', '127.0.0.1')}/healthz`)).status === 200;

describe('2: local mode takes only JSON, from no web page, replying only on this machine', () => {
  it("a cross-site form post (no preflight needed) is refused with 415 and no reply goes to the page's server", async () => {
    const form = new URLSearchParams({
      type: 'message',
      channelId: 'msteams',
      serviceUrl: attacker.url,
      text: 'why did bob fail to sign in',
      'from[id]': 'x',
      'recipient[id]': 'b',
      'conversation[id]': 'c',
    }).toString();
    const r = await postLocal({ 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' }, form);
    expect(r.status).toBeGreaterThanOrEqual(400);
    expect(r.status).toBeLessThan(500);
    // Without the Origin header (a form from a file: page, or a client that omits it): the type alone refuses it.
    expect((await postLocal({ 'content-type': 'application/x-www-form-urlencoded' }, form)).status).toBe(415);
    expect((await postLocal({ 'content-type': 'text/plain' }, json({ serviceUrl: attacker.url }))).status).toBe(415);
    expect((await postLocal({ 'content-type': 'multipart/form-data; boundary=x' }, json())).status).toBe(415);
    expect(attacker.received).toHaveLength(0);
    expect(ran).not.toContain('why did bob fail to sign in');
  });

  it('a browser Origin that is not this machine is refused with 403; the Playground (no Origin) and loopback origins are answered', async () => {
    for (const origin of ['https://evil.example', 'null', 'http://127.0.0.1.evil.example', 'http://localhost@evil.example']) {
      expect((await postLocal({ 'content-type': 'application/json', origin }, json({ text: `from ${origin}` }))).status).toBe(403);
    }
    expect((await postLocal({ 'content-type': 'application/json' }, json({ text: 'from the playground' }))).status).toBe(200);
    expect(
      (await postLocal({ 'content-type': 'application/json; charset=utf-8', origin: 'http://localhost:56150' }, json({ text: 'from a local page' }))).status,
    ).toBe(200);
    expect(ran.filter((t) => t.startsWith('from '))).toEqual(['from the playground', 'from a local page']);
  });

  it('a DNS-rebinding name in the Host header is refused with 403', async () => {
    const r = await postLocal({ 'content-type': 'application/json', host: `rebind.evil.example:${portOf(local.url)}` }, json({ text: 'rebound' }));
    expect(r.status).toBe(403);
    expect(ran).not.toContain('rebound');
  });

  it('a serviceUrl that is not loopback is refused with 403 and nothing is posted anywhere', async () => {
    const before = connector.received.length;
    for (const serviceUrl of ['http://attacker.example:8080/', 'https://smba.trafficmanager.net/teams/', 'http://127.0.0.1.nip.io/', 'http://10.0.0.1/']) {
      const r = await postLocal({ 'content-type': 'application/json' }, json({ serviceUrl, text: 'to elsewhere' }));
      expect(r.status).toBe(403);
      expect(JSON.parse(r.body).error).toMatch(/loopback serviceUrl/);
    }
    expect(ran).not.toContain('to elsewhere');
    expect(connector.received.length).toBe(before);
  });

  it('loopback means 127.0.0.1, localhost or [::1], any port', () => {
    expect(['http://127.0.0.1:56150/_connector', 'http://localhost:3978', 'https://LOCALHOST/', 'http://[::1]:8080/x'].every(isLoopbackUrl)).toBe(true);
    expect(
      [
        'http://127.0.0.1.evil.example',
        'http://localhost@evil.example/',
        'ftp://127.0.0.1/',
        'file:///etc/passwd',
        'http://0.0.0.0/',
        'not a url',
        'null',
      ].some(isLoopbackUrl),
    ).toBe(false);
  });
});

describe('5: the home tenant is required in production, and other tenants are refused', () => {
  it('production mode does not start without MicrosoftAppTenantId', async () => {
    await expect(
      startServer(
        { PORT: 0, local: false, MicrosoftAppId: APP_ID, MicrosoftAppPassword: 'x', MicrosoftAppTenantId: '', MicrosoftAppType: 'MultiTenant' },
        new ActivityHandler(),
        () => {},
      ),
    ).rejects.toThrow(/MicrosoftAppTenantId is required/);
  });

  it('an authenticated activity from another tenant gets 403 and no turn runs; the home tenant is answered', async () => {
    const post = (tenant: string, where: 'conversation' | 'channelData', text: string) =>
      send(prodUrl(), {
        headers: { 'content-type': 'application/json', authorization: keys.token() },
        body: JSON.stringify(
          activity(
            where === 'conversation'
              ? { text, conversation: { id: 'c', tenantId: tenant } }
              : { text, conversation: { id: 'c' }, channelData: { tenant: { id: tenant } } },
          ),
        ),
      });
    expect((await post(OTHER_TENANT, 'conversation', 'other tenant 1')).status).toBe(403);
    expect((await post(OTHER_TENANT, 'channelData', 'other tenant 2')).status).toBe(403);
    expect((await post(TENANT.toUpperCase(), 'conversation', 'home tenant')).status).toBe(200);
    expect(ran.filter((t) => t.includes('tenant'))).toEqual(['home tenant']);
  });
});

describe('7: a compressed body is refused, not inflated', () => {
  it.each(['gzip', 'deflate', 'br', 'compress', 'gzip, identity'])(
    'Content-Encoding: %s with a body that is not compressed gets 415 and the server keeps running',
    async (encoding) => {
      const r = await postLocal({ 'content-type': 'application/json', 'content-encoding': encoding }, Buffer.from('this is not gzip at all'));
      expect(r.status).toBe(415);
      expect(await healthy(local.url)).toBe(true);
    },
  );

  it('a real gzip body is refused too (Teams does not compress activities); unauthenticated in production it is 401 first', async () => {
    expect((await postLocal({ 'content-type': 'application/json', 'content-encoding': 'gzip' }, gzipSync(json()))).status).toBe(415);
    expect((await send(prodUrl(), { headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' }, body: Buffer.from('garbage') })).status).toBe(
      401,
    );
    expect(await healthy(prod.url)).toBe(true);
  });
});

describe('8: the body is limited, and refused before it is read', () => {
  it(`a body over ${MAX_BODY_BYTES / 1024} KB gets 413; one just under is read`, async () => {
    const big = json({ text: 'x'.repeat(1024 * 1024) });
    expect((await postLocal({ 'content-type': 'application/json' }, big)).status).toBe(413);
    const fits = json({ text: 'y'.repeat(MAX_BODY_BYTES - 1000) });
    expect((await postLocal({ 'content-type': 'application/json' }, fits)).status).toBe(200);
  });

  it('a declared 64 MB body gets 413 from its Content-Length, without the client sending it', async () => {
    const head = `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`;
    const chunk = Buffer.alloc(64 * 1024, 'a');
    const r = await sendPartial(portOf(local.url), head, () => chunk, 64 * 1024 * 1024);
    expect(r.status).toBe(413);
    // The server answered and closed long before the 64 MB could have been sent (socket buffers hold a few MB at most).
    expect(r.sent).toBeLessThan(16 * 1024 * 1024);
    expect(await healthy(local.url)).toBe(true);
  });

  it('a chunked body (no Content-Length) is read only up to the limit: 413 and the connection closed', async () => {
    const head = 'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n';
    const piece = Buffer.from(`10000\r\n${'b'.repeat(0x10000)}\r\n`);
    const r = await sendPartial(portOf(local.url), head, () => piece, 64 * 1024 * 1024);
    expect(r.status).toBe(413);
    expect(r.sent).toBeLessThan(16 * 1024 * 1024);
    expect(await healthy(local.url)).toBe(true);
  });

  it('production: a request without a token gets 401 before its body is read (the client never sends it)', async () => {
    const head = `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${200 * 1024}\r\n\r\n`;
    const r = await sendPartial(portOf(prodUrl()), head, () => undefined, 0);
    expect(r.status).toBe(401);
  });
});

describe('9: a bad token is 401, a malformed activity 400, and no library message reaches the caller', () => {
  const LIBRARY_WORDS = /signature|jwt|algorithm|validateAndFixActivity|Error|at \w+ \(|node_modules/;
  const said = (body: string) => (JSON.parse(body) as { error: string }).error;

  it('tokens: wrong key, not yet valid, expired, wrong algorithm, wrong audience, no kid, wrong serviceUrl, garbage', async () => {
    const now = Math.floor(Date.now() / 1000);
    const tokens = {
      'invalid signature': keys.token({ key: keys.other }),
      'not yet valid': keys.token({ nbf: now + 3600 }),
      expired: keys.token({ nbf: now - 7200, exp: now - 3600 }),
      'HS256 (algorithm confusion)': keys.token({ alg: 'HS256' }),
      'alg none': keys.token({ alg: 'none' }),
      'another audience': keys.token({ aud: 'someone-else' }),
      'unknown key': keys.token({ kid: 'nope' }),
      'another serviceUrl': keys.token({ serviceUrl: 'https://evil.example/' }),
      'an emulator issuer': keys.token({ iss: 'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0' }),
      'garbage in JWT shape': 'Bearer aaaa.bbbb.cccc',
    };
    for (const [what, authorization] of Object.entries(tokens)) {
      const r = await send(prodUrl(), {
        headers: { 'content-type': 'application/json', authorization },
        body: JSON.stringify(activity({ text: `token: ${what}` })),
      });
      expect([what, r.status]).toEqual([what, 401]);
      expect(said(r.body)).not.toMatch(LIBRARY_WORDS);
    }
    expect(ran.filter((t) => t.startsWith('token:'))).toEqual([]);
  });

  it('activities with wrong-typed fields get 400 naming the field, in both modes', async () => {
    const bad: Record<string, unknown>[] = [
      { type: 5 },
      { type: null },
      { conversation: undefined },
      { conversation: { id: 7 } },
      { from: 'bob' },
      { recipient: undefined },
      { serviceUrl: 42 },
      { entities: 'x' },
      { entities: [{ type: 'mention', text: '<at>x</at>' }] },
      { text: { toString: 'x' } },
      { conversation: { id: 'c', tenantId: 12 } },
      { from: { id: 'u', aadObjectId: [] } },
      { type: 'invoke', name: 'adaptiveCard/action', value: {} },
      { type: 'invoke', name: 'adaptiveCard/action', value: { action: null } },
      // Found by the fuzz test: the bot logged the verb with String(), which throws on this object.
      { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Execute', verb: { toString: 1 } } } },
      { type: 'invoke' },
    ];
    for (const over of bad) {
      const l = await postLocal({ 'content-type': 'application/json' }, json(over));
      expect([over, l.status]).toEqual([over, 400]);
      expect(said(l.body)).not.toMatch(LIBRARY_WORDS);
      const p = await send(prodUrl(), { headers: { 'content-type': 'application/json', authorization: keys.token() }, body: JSON.stringify(activity(over)) });
      expect([over, p.status]).toEqual([over, 400]);
    }
    expect((await postLocal({ 'content-type': 'application/json' }, '{"type": "message",')).status).toBe(400);
    expect((await postLocal({ 'content-type': 'application/json' }, Buffer.from([0x7b, 0xff, 0xfe, 0x7d]))).status).toBe(400);
    expect(JSON.parse((await postLocal({ 'content-type': 'application/json' }, json({ conversation: { id: 7 } }))).body).error).toBe(
      'The request body is not a Bot Framework activity (see conversation.id).',
    );
  });

  it('an invoke the bot does not handle is 400, not 501', async () => {
    for (const name of ['composeExtension/query', 'signin/verifyState', 'application/search', 'constructor']) {
      const r = await postLocal({ 'content-type': 'application/json' }, json({ type: 'invoke', name, value: {} }));
      expect([name, r.status]).toEqual([name, 400]);
    }
  });

  it('a "__proto__" key in the body does not reach the bot as a prototype', async () => {
    const before = ran.length;
    const r = await postLocal(
      { 'content-type': 'application/json' },
      json({ text: 'proto' }).replace(/^\{/, '{"__proto__": {"deliveryMode": "expectReplies", "polluted": true},'),
    );
    expect(r.status).toBe(200);
    expect(ran.slice(before)).toEqual(['proto']);
    // Had the key become the prototype, deliveryMode would say "expectReplies" and the reply would stay in the HTTP answer.
    expect(connector.received.at(-1)?.activity.text).toBe('ok: proto');
    expect(({} as { polluted?: boolean }).polluted).toBeUndefined();
  });
});
