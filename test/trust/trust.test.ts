import { createSign, generateKeyPairSync } from 'node:crypto';
import nock from 'nock';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ActivityHandler } from 'botbuilder';
import { answerAction, answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import { startServer, type RunningServer } from '../../src/bot/server.ts';
import { SignInBot } from '../../src/bot/signin-bot.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { FileFeedbackStore } from '../../src/routes/feedback-store.ts';
import { NotificationService } from '../../src/notify/service.ts';
import { FileNotifyStore } from '../../src/notify/store.ts';
import { AccessChecker, accessPolicy } from '../../src/trust/access.ts';
import { FileAuditTrail, MemoryAuditTrail } from '../../src/trust/audit.ts';
import { MAX_MESSAGE_CHARS, RateLimiter } from '../../src/trust/limits.ts';
import { CapturedConnector } from '../helpers/connector.ts';

/** Issue 7: who may ask, limits, the audit trail, authentication, faults and shutdown. */
let folder: TenantFolderSource;
const TENANT = '11111111-2222-3333-4444-555555555555';
const MIRIAM = 'f76a97e4-9533-40d0-bcf1-88114b264874'; // Helpdesk group, Helpdesk Administrator
const BOB = 'eefd60fd-3290-4084-876f-84dec519fc41'; // Finance
const APP_ID = '00000000-0000-0000-0000-0000000000aa';
const HELPDESK_GROUP = 'b97cecd8-5a6a-4c2e-b8f8-8ce6369ec65a';
const config = (over: Partial<Record<string, string>> = {}) => ({
  local: false,
  MicrosoftAppTenantId: TENANT,
  AUTHORIZED_GROUP_IDS: '',
  AUTHORIZED_ROLE_TEMPLATE_IDS: '',
  ...over,
});

beforeAll(() => {
  folder = openSource(undefined);
});

describe('who may ask about whom', () => {
  it('by default, holders of the roles that read sign-in logs anyway; others are limited; another tenant is refused', async () => {
    const check = new AccessChecker(accessPolicy(config()), folder);
    expect(await check.check({ aadObjectId: MIRIAM, tenantId: TENANT })).toEqual({ kind: 'full' });
    expect((await check.check({ aadObjectId: BOB, tenantId: TENANT })).kind).toBe('limited');
    expect((await check.check({ aadObjectId: MIRIAM, tenantId: 'another-tenant' })).kind).toBe('refused');
    expect((await check.check({ tenantId: TENANT })).kind).toBe('limited');
  });

  it('configured groups (nested membership counts) replace the default roles', async () => {
    const check = new AccessChecker(accessPolicy(config({ AUTHORIZED_GROUP_IDS: HELPDESK_GROUP.toUpperCase() })), folder);
    expect(await check.check({ aadObjectId: MIRIAM, tenantId: TENANT })).toEqual({ kind: 'full' });
    expect((await check.check({ aadObjectId: BOB, tenantId: TENANT })).kind).toBe('limited');
  });

  it('local mode does not enforce unless told to', () => {
    expect(accessPolicy({ ...config(), local: true }).enforce).toBe(false);
    expect(accessPolicy({ ...config({ AUTHORIZED_GROUP_IDS: HELPDESK_GROUP }), local: true }).enforce).toBe(true);
  });

  it('a limited asker gets a polite refusal, still gets error codes explained, and a forged button is refused; all audited', async () => {
    const audit = new MemoryAuditTrail();
    const ctx: AnswerContext = {
      source: folder,
      now: folder.asOf()!,
      timeZone: 'UTC',
      appNames: folder.appNames(),
      access: { kind: 'limited', why: 'Looking up sign-ins is for the helpdesk.' },
      audit,
      askerId: BOB,
      asker: 'Bob Kelly',
    };
    const refused = await answerMessage('why did miriam fail to sign in', ctx);
    expect(refused.text).toBe('Looking up sign-ins is for the helpdesk.');
    expect(JSON.stringify(refused.card)).toContain('Sorry, I cannot look that up for you');
    expect((await answerMessage('what does 53003 mean', ctx)).text).toMatch(/^AADSTS53003/);
    const forged = await answerAction('showAttempts', { userId: MIRIAM }, ctx);
    expect(JSON.stringify(forged.card)).toContain('Sorry, I cannot look that up for you');
    expect(audit.entries.map((e) => [e.action, e.subject, e.outcome])).toEqual([
      ['diagnose', 'miriam', 'refused'],
      ['showAttempts', MIRIAM, 'refused'],
    ]);
    const full = new MemoryAuditTrail();
    await answerMessage('why did bob fail to sign in', { ...ctx, access: { kind: 'full' }, audit: full, askerId: MIRIAM, asker: 'Miriam Graham' });
    // The subject is whose sign-in was shown (from the records), the question's words are `asked` (issue 14).
    expect(full.entries).toMatchObject([{ askerId: MIRIAM, asker: 'Miriam Graham', action: 'diagnose', subject: BOB, asked: 'bob', outcome: 'answered' }]);
  });
});

describe('asking about yourself', () => {
  it('a limited asker may ask about their own sign-ins and press buttons about them, not about anyone else', async () => {
    const base: AnswerContext = { source: folder, now: folder.asOf()!, timeZone: 'UTC', appNames: folder.appNames(), allUsers: folder.allUsers() };
    const bobs = { ...base, access: { kind: 'limited', why: 'Not the helpdesk.' } as const, askerId: BOB, asker: 'Bob Kelly' };
    const own = await answerMessage("why can't I sign in", bobs);
    expect(own.command?.user).toBe(BOB);
    expect(JSON.stringify(own.card)).toContain('A Conditional Access requirement was not met');
    expect(JSON.stringify(own.card)).toContain('Bob Kelly');
    const ownCorrelation = /"correlationId":"([^"]+)"/.exec(JSON.stringify(own.card))![1]!;
    expect(JSON.stringify((await answerAction('diagnose', { correlationId: ownCorrelation }, bobs)).card)).not.toContain('cannot look that up');
    expect(JSON.stringify((await answerAction('showAttempts', { userId: BOB }, bobs)).card)).toContain('Sign-ins for Bob Kelly');
    const megans = await answerMessage('why was megan locked out', base);
    const meganCorrelation = /"correlationId":"([^"]+)"/.exec(JSON.stringify(megans.card))![1]!;
    expect(JSON.stringify((await answerAction('diagnose', { correlationId: meganCorrelation }, bobs)).card)).toContain('cannot look that up');
    expect(JSON.stringify((await answerAction('showAttempts', { ip: '185.220.101.47' }, bobs)).card)).toContain('cannot look that up');
    expect((await answerMessage('why was megan locked out', bobs)).text).toBe('Not the helpdesk.');
  });

  it('"me" without a known asker (the command line) asks who is meant', async () => {
    const r = await answerMessage('show my sign-ins', { source: folder, now: folder.asOf()!, timeZone: 'UTC', appNames: folder.appNames() });
    expect(r.text).toMatch(/I cannot tell who "me" is here/);
  });
});

describe('limits', () => {
  it('a message over the limit is refused with its length, not parsed', async () => {
    const r = await answerMessage('why did bob fail '.repeat(500), { source: folder, now: folder.asOf()!, timeZone: 'UTC', appNames: folder.appNames() });
    expect(r.command).toBeUndefined();
    expect(r.text).toContain(`8,500 characters long; I read questions of up to ${MAX_MESSAGE_CHARS.toLocaleString('en-US')}`);
  });

  it('questions per person per minute, in a sliding window', () => {
    let t = 0;
    const limiter = new RateLimiter(3, () => t);
    expect([limiter.take('a'), limiter.take('a'), limiter.take('a')]).toEqual([0, 0, 0]);
    expect(limiter.take('a')).toBe(60);
    expect(limiter.take('b')).toBe(0);
    t = 30_000;
    expect(limiter.take('a')).toBe(30);
    t = 60_001;
    expect(limiter.take('a')).toBe(0);
  });
});

describe('storage that cannot be written', () => {
  it('feedback and a subscription say they were not saved; nothing throws into the chat', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ro-'));
    writeFileSync(join(dir, 'file'), '');
    const blocked = join(dir, 'file', 'x.json'); // a path under a file: ENOTDIR, like a read-only volume
    const base: AnswerContext = { source: folder, now: folder.asOf()!, timeZone: 'UTC', appNames: folder.appNames() };
    const listing = await answerMessage('why did bob fail to sign in', base);
    const correlationId = /"correlationId":"([^"]+)"/.exec(JSON.stringify(listing.card))![1]!;
    const fb = await answerAction('feedback', { correlationId, helpful: true }, { ...base, feedback: new FileFeedbackStore(blocked) });
    expect(fb.text).toMatch(/could not write to its storage \((ENOTDIR|EEXIST)\), so this was not saved/);
    const notify = new NotificationService({
      source: folder,
      store: new FileNotifyStore(blocked),
      sender: { send: async () => ({ ok: true, id: 'x' }), update: async () => ({ ok: true }) } as never,
      clock: () => folder.asOf()!,
    });
    const sub = await answerMessage('notify this channel about lockouts', {
      ...base,
      notify,
      conversation: { conversationId: 'c1', serviceUrl: 'http://x', channelId: 'msteams', conversationType: 'channel' },
    });
    expect(JSON.stringify(sub.card)).toContain('I could not save that');
  });
});

describe('the audit trail file', () => {
  it('appends one JSON line per entry, in order; an unwritable path is reported, not thrown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'audit-'));
    const trail = new FileAuditTrail(join(dir, 'sub', 'audit.jsonl'));
    await Promise.all([1, 2, 3].map((i) => trail.record({ at: `t${i}`, action: 'diagnose', subject: `u${i}`, outcome: 'answered' })));
    expect(
      readFileSync(join(dir, 'sub', 'audit.jsonl'), 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l).subject),
    ).toEqual(['u1', 'u2', 'u3']);
    writeFileSync(join(dir, 'file'), '');
    const errors: string[] = [];
    await new FileAuditTrail(join(dir, 'file', 'audit.jsonl'), (m) => errors.push(m)).record({ at: 't', action: 'x', outcome: 'answered' });
    expect(errors[0]).toMatch(/audit trail .* could not be written/);
  });
});

describe('the HTTP host', () => {
  let prod: RunningServer;
  let ran = 0;
  beforeAll(async () => {
    const bot = new ActivityHandler();
    bot.onMessage(async (_c, next) => {
      ran++;
      await next();
    });
    prod = await startServer(
      {
        PORT: 0,
        local: false,
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'not-a-real-secret',
        MicrosoftAppTenantId: TENANT,
        MicrosoftAppType: 'SingleTenant',
      },
      bot,
      () => {},
    );
  });
  afterAll(() => prod?.close());

  const activity = {
    type: 'message',
    id: 'm1',
    channelId: 'msteams',
    serviceUrl: 'https://smba.trafficmanager.net/teams/',
    text: 'why did bob fail',
    from: { id: 'u' },
    recipient: { id: 'b' },
    conversation: { id: 'c' },
  };
  it('production mode: no token, a garbage token, a token for another audience or from an unknown key get 401 and nothing runs; a valid one runs', async () => {
    // The Bot Framework's OpenID metadata and signing keys, played by nock with a key made here.
    const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const jwk = publicKey.export({ format: 'jwk' });
    nock('https://login.botframework.com')
      .persist()
      .get('/v1/.well-known/openidconfiguration')
      .reply(200, { issuer: 'https://api.botframework.com', jwks_uri: 'https://login.botframework.com/v1/.well-known/keys' })
      .get('/v1/.well-known/keys')
      .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: 'test-key', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
    const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
    const token = (aud: string, kid = 'test-key') => {
      const head = `${b64({ alg: 'RS256', kid, typ: 'JWT' })}.${b64({ iss: 'https://api.botframework.com', aud, serviceurl: activity.serviceUrl, nbf: Math.floor(Date.now() / 1000) - 60, exp: Math.floor(Date.now() / 1000) + 600 })}`;
      return `Bearer ${head}.${createSign('RSA-SHA256').update(head).sign(privateKey).toString('base64url')}`;
    };
    const post = (auth?: string) =>
      fetch(`${prod.url.replace('0.0.0.0', '127.0.0.1')}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(auth ? { authorization: auth } : {}) },
        body: JSON.stringify(activity),
      });
    try {
      expect((await post()).status).toBe(401);
      expect((await post('Bearer not.a.jwt')).status).toBe(401);
      expect((await post(token('someone-else'))).status).toBe(401);
      expect((await post(token(APP_ID, 'unknown-key'))).status).toBe(401);
      expect(ran).toBe(0);
      expect((await post(token(APP_ID))).status).toBeLessThan(300);
      expect(ran).toBe(1);
    } finally {
      nock.cleanAll();
    }
  });

  it('local mode listens on loopback only', async () => {
    const local = await startServer(
      { PORT: 0, local: true, MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'SingleTenant' },
      new ActivityHandler(),
      () => {},
    );
    expect(local.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    await local.close();
  });
});

describe('the bot under faults and limits', () => {
  const connector = new CapturedConnector();
  let server: RunningServer;
  let seq = 0;
  const logs: string[] = [];
  const audit = new MemoryAuditTrail();
  let slowUntil: Promise<void> | undefined;
  beforeAll(async () => {
    await connector.start();
    // A source whose sign-in query fails like a bug would (not a Graph error with an explanation).
    const broken = Object.create(folder) as TenantFolderSource;
    broken.querySignIns = async (q) => {
      if (slowUntil) await slowUntil;
      if (q.user === 'eefd60fd-3290-4084-876f-84dec519fc41' || q.correlationId === 'boom')
        throw new TypeError("Cannot read properties of undefined (reading 'x')");
      return folder.querySignIns(q);
    };
    const bot = new SignInBot({
      source: broken,
      clock: () => folder.asOf()!,
      appNames: folder.appNames(),
      allUsers: folder.allUsers(),
      log: (l, { level: _level, ...f } = {}) => logs.push(`${l} ${JSON.stringify(f)}`),
      audit,
      access: new AccessChecker(accessPolicy({ ...config(), local: true }), folder),
      limiter: new RateLimiter(5),
    });
    server = await startServer(
      { PORT: 0, local: true, MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'SingleTenant' },
      bot,
      (l, { level: _level, ...f } = {}) => logs.push(`${l} ${JSON.stringify(f)}`),
    );
  });
  afterAll(async () => {
    await server?.close();
    await connector.stop();
  });
  /** An activity from Teams user `user-<from>`. */
  const post = ({ from, ...body }: Record<string, unknown>) =>
    fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: 'msteams',
        serviceUrl: connector.url,
        from: { id: `user-${from ?? 1}`, name: 'Tester' },
        recipient: { id: 'bot' },
        conversation: { id: `conv-${seq}`, conversationType: 'personal', tenantId: TENANT },
        ...body,
        id: `m-${++seq}`,
      }),
    });
  const texts = (from = 0) =>
    connector.received
      .slice(from)
      .map((r) => r.activity.text ?? JSON.stringify(r.activity.attachments?.[0]?.content ?? ''))
      .filter((t) => t !== '' && t !== '""');

  it('an exception in a handler: a sentence with a reference in chat, the stack in the log, and the next question is answered', async () => {
    const before = connector.received.length;
    await post({ type: 'message', text: 'show sign-ins for bob.kelly@contoso.com', from: 2 });
    const said = texts(before).join('\n');
    expect(said).toMatch(/Sorry, something went wrong while answering \(reference m-\d+\)/);
    expect(said).not.toMatch(/TypeError|at .*\.ts/);
    expect(logs.join('\n')).toMatch(/turn failed: Cannot read properties of undefined \(reading 'x'\) \{"ref":"m-\d+".*"stack":"TypeError/);
    const r = await post({
      type: 'invoke',
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb: 'diagnose', data: { correlationId: 'boom' } } },
      from: 2,
    });
    expect(r.status).toBe(200);
    expect(JSON.stringify(await r.json())).toMatch(/That button could not be answered \(reference m-\d+\)/);
    const after = connector.received.length;
    await post({ type: 'message', text: 'what does 50053 mean', from: 2 });
    expect(texts(after).join()).toContain('50053');
  });

  it('the sixth question in a minute is asked to wait; someone else is not', async () => {
    const before = connector.received.length;
    for (let i = 0; i < 6; i++) await post({ type: 'message', text: 'what does 50126 mean', from: 3 });
    const said = texts(before);
    expect(said.filter((t) => /I can take another question in \d+ seconds?/.test(t))).toHaveLength(1);
    const mid = connector.received.length;
    await post({ type: 'message', text: 'what does 50126 mean', from: 4 });
    expect(texts(mid).join()).toContain('50126');
  });

  it('closing lets a running turn finish and refuses new requests', async () => {
    let release!: () => void;
    slowUntil = new Promise((r) => (release = r));
    const running = post({ type: 'message', text: 'show sign-ins for megan', from: 5 });
    // Waits for the turn to be running, however slow the machine (no fixed sleep).
    await vi.waitFor(() => expect(server.inFlight()).toBe(1), { timeout: 20_000, interval: 20 });
    // close() stops listening before it first awaits, so the next request is refused at once.
    const closing = server.close(30_000);
    await expect(post({ type: 'message', text: 'help', from: 6 })).rejects.toThrow();
    release();
    expect((await running).status).toBe(200);
    await closing;
    expect(texts().some((t) => t.includes('Megan'))).toBe(true);
  });
});
