import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { brotliCompressSync, deflateSync, gzipSync } from 'node:zlib';
import fc from 'fast-check';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ActivityHandler } from 'botbuilder';
import { startServer, type RunningServer } from '../../src/bot/server.ts';
import { SignInBot } from '../../src/bot/signin-bot.ts';
import { MemoryFeedbackStore } from '../../src/routes/feedback-store.ts';
import { openSource } from '../../src/sources.ts';
import { AccessChecker, accessPolicy } from '../../src/trust/access.ts';
import { MemoryAuditTrail } from '../../src/trust/audit.ts';
import { CapturedConnector } from '../helpers/connector.ts';
import { APP_ID, OTHER_TENANT, PROD_SERVICE_URL, send, sendPartial, serveSigningKeys, TENANT, type RawResponse, type SigningKeys } from './http-helpers.ts';

/**
 * Issue 14: over 10,000 hostile requests through the real HTTP server: the SignInBot over the
 * sample tenant in local mode (replies to a captured loopback connector), and a production
 * server with nock-served signing keys and forged, expired and valid tokens. Generated with
 * fast-check from fixed seeds, so a failure names a request that can be replayed; bounded
 * by count, sent 16 at a time.
 *
 * Must hold: the process never crashes (no uncaught exception or unhandled rejection, and
 * /healthz answers at the end), no answer is 5xx, and no turn ends in the generic
 * "Sorry, something went wrong" (or a button's "could not be answered").
 */
const LOCAL_COUNT = 9_000;
const PROD_COUNT = 1_200;
const CONCURRENCY = 16;
const LONG = 180_000;

const connector = new CapturedConnector();
let local: RunningServer;
let prod: RunningServer;
let keys: SigningKeys;
const logs: string[] = [];
const crashes: string[] = [];
const onCrash = (e: unknown) => crashes.push(String((e as Error)?.stack ?? e));

const source = openSource(undefined);
const sample = readFileSync('tenants/sample/signIns.ndjson', 'utf8')
  .split('\n')
  .slice(0, 200)
  .filter(Boolean)
  .map((l) => JSON.parse(l) as { correlationId: string; userId: string; ipAddress: string; appDisplayName: string });

beforeAll(async () => {
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  // botbuilder prints every rejected token with console.error; thousands of them here.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
  await connector.start();
  const log = (l: string, f: Record<string, unknown> = {}) => logs.push(`${f.level ?? 'info'}: ${l}${f.ref ? ` (${String(f.ref)})` : ''}`);
  const bot = new SignInBot({
    source,
    clock: () => source.asOf()!,
    appNames: source.appNames(),
    allUsers: source.allUsers(),
    feedback: new MemoryFeedbackStore(),
    log,
    access: new AccessChecker(accessPolicy({ local: true, MicrosoftAppTenantId: '', AUTHORIZED_GROUP_IDS: '', AUTHORIZED_ROLE_TEMPLATE_IDS: '' }), source),
    audit: new MemoryAuditTrail(),
  });
  local = await startServer(
    { PORT: 0, local: true, MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'SingleTenant' },
    bot,
    log,
  );
  // Production: a bot that answers nothing (a reply would need a real Bot Framework token), so what is tested is the host.
  prod = await startServer(
    {
      PORT: 0,
      local: false,
      MicrosoftAppId: APP_ID,
      MicrosoftAppPassword: 'not-a-real-secret',
      MicrosoftAppTenantId: TENANT,
      MicrosoftAppType: 'SingleTenant',
    },
    new ActivityHandler(),
    log,
  );
  keys = serveSigningKeys();
});
afterAll(async () => {
  process.off('uncaughtException', onCrash);
  process.off('unhandledRejection', onCrash);
  nock.cleanAll();
  await local?.close();
  await prod?.close();
  await connector.stop();
});

// ---- what hostile requests are made of ----
const hostileText = fc.constantFrom(
  "o'brien",
  "bob' or 1 eq 1",
  '${user.password}',
  '{{7*7}}',
  '<script>alert(1)</script>',
  '<at>Sign-in Diagnostics</at>',
  '"; DROP TABLE',
  '\u202eevil',
  '\u0000',
  '🙂🙃',
  '%00',
  '../../etc/passwd',
  'a'.repeat(3000),
  '| take 1000000',
  'constructor',
  '__proto__',
  'toString',
  'hasOwnProperty',
  '\ud800',
  'AADSTS53003',
  '99999999999999999999',
  '-0',
);
const noise = fc.string({ unit: 'binary', maxLength: 300 });
const words = fc.oneof(
  hostileText,
  noise,
  fc.constantFrom('bob', 'megan', 'Bob Kelly', 'miriam', 'nobody', 'Salesforce', 'yesterday', 'between 9 and 11am', '185.220.101.47'),
);
const messageText = fc.oneof(
  fc
    .tuple(
      fc.constantFrom(
        'why did %s fail to sign in',
        "show %s's sign-ins",
        'what does %s mean',
        'is anyone locked out %s',
        'what if %s signs in from Brazil',
        'check my policies %s',
        'help %s',
        'why did correlation id %s fail',
        'show my sign-ins %s',
        'notify this channel about lockouts %s',
        'show flagged sign-ins %s',
      ),
      words,
    )
    .map(([t, w]) => t.replace('%s', w)),
  words,
);
/** Any JSON value, including the shapes that trip code expecting a string. */
const anyValue = fc.oneof(
  fc.constantFrom(null, true, false, 0, -1, 1e308, '', [], {}, [[]], { id: null }, { toString: 1 }, 'constructor', '__proto__'),
  fc.string({ maxLength: 40 }),
  fc.integer(),
  fc.array(fc.string(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 }),
);
const VERBS = [
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  '__proto__',
  '__defineGetter__',
  'isPrototypeOf',
  'propertyIsEnumerable',
  'toLocaleString',
  'diagnose',
  'showAttempts',
  'feedback',
  'pickUser',
  'markHandled',
  'whatIf',
  'unknownVerb',
  '',
];
const cardData = fc.oneof(
  fc.constantFrom(...sample.slice(0, 40)).map((s) => ({ correlationId: s.correlationId })),
  fc.constantFrom(...sample.slice(0, 40)).map((s) => ({ userId: s.userId, since: '2026-11-19T00:00:00Z' })),
  fc.constantFrom(...sample.slice(0, 40)).map((s) => ({ ip: s.ipAddress, app: s.appDisplayName })),
  fc.constantFrom(...sample.slice(0, 40)).map((s) => ({ correlationId: s.correlationId, helpful: true })),
  fc.constantFrom(...sample.slice(0, 40)).map((s) => ({ correlationId: s.correlationId, change: 'compliant device' })),
  fc.constantFrom(...sample.slice(0, 40)).map((s) => ({ userId: s.userId, intent: 'diagnose' })),
  fc.record({ correlationId: anyValue, userId: anyValue, since: anyValue, helpful: anyValue, episodeKey: anyValue, change: anyValue }, { requiredKeys: [] }),
  anyValue,
  // Keys that are special on objects, made with JSON.parse so they are own properties.
  fc
    .constantFrom('{"__proto__":{"userId":"x"}}', '{"constructor":{"prototype":{"polluted":1}}}', '{"correlationId":{"__proto__":null}}')
    .map((j) => JSON.parse(j) as unknown),
);
const TOP_FIELDS = [
  'type',
  'id',
  'name',
  'channelId',
  'serviceUrl',
  'from',
  'recipient',
  'conversation',
  'text',
  'replyToId',
  'locale',
  'localTimezone',
  'timestamp',
  'deliveryMode',
  'channelData',
  'entities',
  'attachments',
  'membersAdded',
  'value',
  'textFormat',
];
const NESTED = [
  ['from', 'id'],
  ['from', 'aadObjectId'],
  ['from', 'name'],
  ['recipient', 'id'],
  ['conversation', 'id'],
  ['conversation', 'tenantId'],
  ['conversation', 'conversationType'],
  ['channelData', 'tenant'],
  ['value', 'action'],
] as const;

interface Spec {
  kind: string;
  mode: 'local' | 'prod';
  method?: string;
  path?: string;
  headers: Record<string, string>;
  body?: string | Buffer;
}

let seq = 0;
/** A plausible Teams activity to start from (serviceUrl: the captured connector, or the production one). */
const base = (mode: 'local' | 'prod', over: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'message',
  id: `m-${++seq}`,
  channelId: 'msteams',
  serviceUrl: mode === 'local' ? connector.url : PROD_SERVICE_URL,
  from: { id: `user-${seq % 7}`, name: 'Tester', aadObjectId: sample[seq % sample.length]!.userId },
  recipient: { id: 'bot', name: 'Sign-in Diagnostics' },
  conversation: { id: `conv-${seq % 40}`, conversationType: 'personal', tenantId: TENANT },
  localTimezone: 'Europe/Paris',
  ...over,
});
const JSON_TYPE = { 'content-type': 'application/json' };
const gen = <T>(arb: fc.Arbitrary<T>, n: number, seed: number) => fc.sample(arb, { numRuns: n, seed });

function localSpecs(n: number): Spec[] {
  const specs: Spec[] = [];
  // Most hostile requests are refused at the door, cheaply; the ones that reach a turn cost the
  // bot 20–100 ms each on a busy machine, so they are fewer (and cheap where the body is not the point).
  const weights: [string, number][] = [
    ['garbage', 18],
    ['truncated', 11],
    ['content-type', 9],
    ['encoding', 11],
    ['wrong-field', 9],
    ['card-verb', 8],
    ['message', 3],
    ['headers', 9],
    ['service-url', 9],
    ['other-activity', 4],
    ['method-path', 9],
  ];
  const pick = fc.oneof(...weights.map(([k, weight]) => ({ arbitrary: fc.constant(k), weight })));
  const kinds = gen(pick, n, 1);
  const texts = gen(messageText, n, 2);
  const values = gen(anyValue, n, 3);
  const noises = gen(noise, n, 4);
  const datas = gen(cardData, n, 5);
  const ints = gen(fc.nat(), n, 6);
  for (let i = 0; i < n; i++) {
    const k = kinds[i]!;
    const r = ints[i]!;
    // An activity that costs the bot little (no reply), for requests where the headers are what is hostile.
    const body = JSON.stringify(base('local', { type: 'event', name: 'ping' }));
    switch (k) {
      case 'garbage':
        specs.push({
          kind: k,
          mode: 'local',
          headers: JSON_TYPE,
          body: r % 3 === 0 ? Buffer.from(noises[i]!, 'latin1') : r % 3 === 1 ? JSON.stringify(values[i]) : noises[i]!,
        });
        break;
      case 'truncated':
        specs.push({ kind: k, mode: 'local', headers: JSON_TYPE, body: body.slice(0, r % body.length) });
        break;
      case 'content-type': {
        const types = [
          'application/x-www-form-urlencoded',
          'text/plain',
          'multipart/form-data; boundary=x',
          'application/xml',
          'application/json-patch+json',
          'application/jsonx',
          '',
          'application/json; charset=latin1',
          'APPLICATION/JSON',
          'application/json;charset="UTF-8"',
          'text/json',
          '*/*',
        ];
        const type = types[r % types.length]!;
        specs.push({ kind: k, mode: 'local', headers: type ? { 'content-type': type } : {}, body });
        break;
      }
      case 'encoding': {
        const encodings = ['gzip', 'deflate', 'br', 'compress', 'x-gzip', 'gzip, gzip', 'zstd', 'GZIP', 'identity, gzip'];
        const enc = encodings[r % encodings.length]!;
        const real = r % 2 === 0;
        const payload = !real
          ? Buffer.from(noises[i]!, 'latin1')
          : enc.startsWith('br')
            ? brotliCompressSync(body)
            : enc.startsWith('deflate')
              ? deflateSync(body)
              : gzipSync(body);
        specs.push({ kind: k, mode: 'local', headers: { ...JSON_TYPE, 'content-encoding': enc }, body: payload });
        break;
      }
      case 'wrong-field': {
        // A short question, so the fields the bot reads (names, time zone, tenant, mentions) are read.
        const copy = base('local', { text: r % 4 === 0 ? 'what does 50126 mean' : 'help' });
        if (r % 2 === 0) copy[TOP_FIELDS[r % TOP_FIELDS.length]!] = values[i];
        else {
          const [outer, inner] = NESTED[r % NESTED.length]!;
          const o = (typeof copy[outer] === 'object' && copy[outer] !== null ? copy[outer] : (copy[outer] = {})) as Record<string, unknown>;
          o[inner] = values[i];
        }
        specs.push({ kind: k, mode: 'local', headers: JSON_TYPE, body: JSON.stringify(copy) });
        break;
      }
      case 'card-verb': {
        const verb = r % 11 === 0 ? values[i] : VERBS[r % VERBS.length];
        const value = { action: { type: 'Action.Execute', verb, data: datas[i] }, trigger: 'manual' };
        specs.push({ kind: k, mode: 'local', headers: JSON_TYPE, body: JSON.stringify(base('local', { type: 'invoke', name: 'adaptiveCard/action', value })) });
        break;
      }
      case 'message': {
        // Some as Teams sends a channel message: the bot @mentioned in the text.
        const mention =
          r % 4 === 0
            ? {
                text: `<at>Sign-in Diagnostics</at> ${texts[i]}`,
                entities: [{ type: 'mention', text: '<at>Sign-in Diagnostics</at>', mentioned: { id: 'bot', name: 'Sign-in Diagnostics' } }],
                conversation: { id: `19:c${r % 5}@thread.tacv2;messageid=${i}`, conversationType: 'channel', tenantId: TENANT },
              }
            : {};
        specs.push({ kind: k, mode: 'local', headers: JSON_TYPE, body: JSON.stringify(base('local', { text: texts[i], ...mention })) });
        break;
      }
      case 'headers': {
        const hostile: Record<string, string>[] = [
          { origin: 'https://evil.example' },
          { origin: 'null' },
          { origin: noises[i]!.replace(/[^\x21-\x7e]/g, '') || 'x' },
          { host: 'rebind.evil.example' },
          { host: `localhost.evil.example:${r % 65535}` },
          { origin: 'http://localhost:1' },
          { referer: 'https://evil.example/' },
        ];
        specs.push({ kind: k, mode: 'local', headers: { ...JSON_TYPE, ...hostile[r % hostile.length]! }, body });
        break;
      }
      case 'service-url': {
        const urls = [
          'http://attacker.example/',
          'https://smba.trafficmanager.net/teams/',
          'http://127.0.0.1.nip.io/',
          'http://localhost@evil.example/',
          'javascript:alert(1)',
          'file:///etc/passwd',
          'ftp://127.0.0.1/',
          'http://0.0.0.0:1/',
          'not a url',
          'http://[::1',
          `${connector.url}/../..`,
          `${connector.url}?x=${noises[i]}`,
        ];
        specs.push({
          kind: k,
          mode: 'local',
          headers: JSON_TYPE,
          body: JSON.stringify(base('local', { type: 'event', name: 'ping', serviceUrl: urls[r % urls.length] })),
        });
        break;
      }
      case 'other-activity': {
        const others = [
          { type: 'conversationUpdate', membersAdded: [{ id: 'bot' }, { id: 'user-1' }] },
          { type: 'conversationUpdate', membersRemoved: [{ id: 'user-1' }] },
          { type: 'installationUpdate', action: 'add' },
          { type: 'invoke', name: noises[i]!, value: values[i] },
          { type: 'invoke', name: 'adaptiveCard/action', value: { action: { type: 'Action.Submit', verb: 'diagnose' } } },
          { type: 'invoke', name: 'composeExtension/query', value: {} },
          { type: 'event', name: 'ContinueConversation' },
          { type: 'message', text: texts[i], deliveryMode: 'expectReplies' },
          { type: noises[i]! || 'x' },
          { type: 'messageReaction', reactionsAdded: [{ type: 'like' }] },
          { type: 'typing' },
          { type: 'message', text: texts[i], timestamp: noises[i], localTimezone: noises[i] },
        ];
        specs.push({ kind: k, mode: 'local', headers: JSON_TYPE, body: JSON.stringify(base('local', others[r % others.length]!)) });
        break;
      }
      default: {
        const routes = [
          ['GET', '/api/messages'],
          ['PUT', '/api/messages'],
          ['DELETE', '/api/messages'],
          ['OPTIONS', '/api/messages'],
          ['POST', '/api/messages/x'],
          ['POST', '/api/messages?x=%zz'],
          ['POST', '/%zz'],
          ['GET', '/../../etc/passwd'],
          ['PATCH', '/healthz'],
          ['POST', '//api//messages'],
        ];
        const [method, path] = routes[r % routes.length]!;
        specs.push({ kind: k, mode: 'local', method, path, headers: JSON_TYPE, body });
      }
    }
  }
  return specs;
}

function prodSpecs(n: number): Spec[] {
  const now = Math.floor(Date.now() / 1000);
  const tokens = [
    () => keys.token(),
    () => keys.token({ key: keys.other }),
    () => keys.token({ nbf: now + 3600 }),
    () => keys.token({ nbf: now - 7200, exp: now - 3600 }),
    () => keys.token({ alg: 'HS256' }),
    () => keys.token({ alg: 'none' }),
    () => keys.token({ aud: 'someone-else' }),
    () => keys.token({ kid: 'nope' }),
    () => keys.token({ serviceUrl: 'https://evil.example/' }),
    () => keys.token({ iss: 'https://login.microsoftonline.com/d6d49420-f39b-4df7-a1dc-d59a935871db/v2.0' }),
    () => keys.token({ iss: 'https://sts.windows.net/d6d49420-f39b-4df7-a1dc-d59a935871db/' }),
    () => 'Bearer aaaa.bbbb.cccc',
    () => 'Bearer',
    () => 'Basic dXNlcjpwYXNz',
    () => `Bearer ${'a'.repeat(8000)}.b.c`,
    () => '',
  ];
  const kinds = gen(fc.nat(), n, 11);
  const values = gen(anyValue, n, 12);
  const noises = gen(noise, n, 13);
  return kinds.map((r, i) => {
    const token = tokens[r % tokens.length]!();
    const shape = (r >> 4) % 6;
    const act = base('prod', { text: 'what does 50126 mean' });
    let body: string = JSON.stringify(act);
    if (shape === 1) body = JSON.stringify({ ...act, [TOP_FIELDS[r % TOP_FIELDS.length]!]: values[i] });
    if (shape === 2) body = noises[i]!;
    if (shape === 3) body = JSON.stringify(base('prod', { conversation: { id: 'c', tenantId: OTHER_TENANT } }));
    if (shape === 4)
      body = JSON.stringify(
        base('prod', {
          type: 'invoke',
          name: 'adaptiveCard/action',
          value: { action: { type: 'Action.Execute', verb: VERBS[r % VERBS.length], data: values[i] } },
        }),
      );
    const headers: Record<string, string> = {
      ...JSON_TYPE,
      ...(token ? { authorization: token } : {}),
      ...(r % 13 === 0 ? { 'content-encoding': 'gzip' } : {}),
    };
    return { kind: `prod-token-${r % tokens.length}-shape-${shape}`, mode: 'prod' as const, headers, body };
  });
}

// ---- sending them ----
const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
const statuses = new Map<string, number>();
const count = (key: string) => statuses.set(key, (statuses.get(key) ?? 0) + 1);
const failures: string[] = [];
const describeSpec = (s: Spec) => `${s.kind} ${s.method ?? 'POST'} ${s.path ?? ''} ${JSON.stringify(s.headers)} ${String(s.body ?? '').slice(0, 300)}`;
const GENERIC = /Sorry, something went wrong|could not be answered/;

async function run(spec: Spec): Promise<void> {
  const url = spec.mode === 'local' ? local.url : prod.url.replace('0.0.0.0', '127.0.0.1');
  let r: RawResponse;
  try {
    r = await send(url, { method: spec.method, path: spec.path, headers: spec.headers, body: spec.body, agent });
  } catch (e) {
    // Only an oversized body may be cut off (the server answers and closes while it is still being sent).
    count('no answer');
    if (!(spec.kind.startsWith('oversized') && /ECONNRESET|EPIPE/.test(String(e)))) failures.push(`no answer (${String(e)}): ${describeSpec(spec)}`);
    return;
  }
  count(`${spec.mode} ${r.status}`);
  if (r.status >= 500) failures.push(`${r.status} ${r.body.slice(0, 200)}: ${describeSpec(spec)}`);
  if (GENERIC.test(r.body)) failures.push(`generic error in the answer ${r.body.slice(0, 200)}: ${describeSpec(spec)}`);
}

async function runAll(specs: Spec[]): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < specs.length) await run(specs[next++]!);
    }),
  );
}

describe('over 10,000 hostile requests through the real HTTP server', () => {
  it('no crash, no 5xx, no generic turn error', { timeout: LONG }, async () => {
    const localSpecsList = localSpecs(LOCAL_COUNT);
    const prodSpecsList = prodSpecs(PROD_COUNT);
    await runAll(localSpecsList);
    await runAll(prodSpecsList);
    // Oversized bodies, a few of each (each moves up to a few MB).
    const big = JSON.stringify(base('local', { text: 'x'.repeat(1024 * 1024) }));
    for (let i = 0; i < 3; i++) await run({ kind: 'oversized 1 MB', mode: 'local', headers: JSON_TYPE, body: big });
    for (let i = 0; i < 3; i++) await run({ kind: 'oversized 1 MB, no token', mode: 'prod', headers: JSON_TYPE, body: big });
    const port = (u: string) => Number(new URL(u.replace('0.0.0.0', '127.0.0.1')).port);
    const chunk = Buffer.alloc(64 * 1024, 'a');
    for (const [name, p, head] of [
      [
        'declared 64 MB',
        port(local.url),
        `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`,
      ],
      [
        'declared 64 MB, token-shaped',
        port(prod.url),
        `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: ${keys.token()}\r\nContent-Type: application/json\r\nContent-Length: ${64 * 1024 * 1024}\r\n\r\n`,
      ],
      [
        'chunked past the limit',
        port(local.url),
        'POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n',
      ],
    ] as const) {
      for (let i = 0; i < 3; i++) {
        const piece = name.startsWith('chunked') ? Buffer.from(`10000\r\n${'b'.repeat(0x10000)}\r\n`) : chunk;
        const r = await sendPartial(p, head, () => piece, 64 * 1024 * 1024);
        count(`${name} ${r.status}`);
        if (r.status !== 413) failures.push(`${name}: answered ${r.status} after ${r.sent} bytes`);
      }
    }

    // Replies the bot posted: none may be the generic turn error. Each is named with the request that caused it.
    const requestOf = new Map(localSpecsList.map((s) => [/"id":"(m-\d+)"/.exec(String(s.body))?.[1], describeSpec(s)]));
    for (const got of connector.received) {
      const text = `${got.activity.text ?? ''} ${JSON.stringify(got.activity.attachments ?? [])}`;
      const ref = /reference (m-\d+)/.exec(text)?.[1];
      if (GENERIC.test(text)) failures.push(`generic reply at the connector: ${text.slice(0, 120)} after ${requestOf.get(ref) ?? 'an unknown request'}`);
    }
    for (const l of logs) if (/^error: (turn failed|request failed|button .* failed)/.test(l)) failures.unshift(`logged: ${l.slice(0, 300)}`);
    const total = [...statuses.values()].reduce((a, b) => a + b, 0);
    console.log(
      `http fuzz: ${total} requests; by status: ${JSON.stringify(Object.fromEntries([...statuses].sort()))}; ${connector.received.length} replies at the connector`,
    );
    expect(crashes).toEqual([]);
    expect(failures.slice(0, 10)).toEqual([]);
    expect((await fetch(`${local.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${prod.url.replace('0.0.0.0', '127.0.0.1')}/healthz`)).status).toBe(200);
    expect(total).toBeGreaterThanOrEqual(10_000);
    // The bot did answer: this is not a run where everything was refused at the door.
    expect(connector.received.length).toBeGreaterThan(500);
  });
});
