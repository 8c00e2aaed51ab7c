import nock from 'nock';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RequestBudget } from '../../src/signins/graph/budget.ts';
import { GraphClient } from '../../src/signins/graph/graph-client.ts';
import { GraphSource } from '../../src/signins/graph/graph-source.ts';
import type { SignInQuery } from '../../src/signins/source.ts';
import { GRAPH, fakeCredential, queryFromFilter, recordUnmatched } from '../helpers/graph-fake.ts';

/**
 * Every URL the Graph adapter can build, fed what people might type, recorded as Graph (or
 * any other host) receives it: each path is one of the known templates, with a segment that
 * is an object id or a UPN/mail-shaped name, percent-encoded; the query carries only the
 * options the adapter writes, and typed text only inside a quoted `$filter` literal.
 */
const HOSTILE = [
  '..',
  '.',
  '../x',
  '../../v1.0/me',
  'a/b',
  '/',
  '?$top=999',
  '&$top=999',
  '#',
  '#frag',
  '%2e%2e',
  '%2E%2e/x',
  '%2f',
  '%00',
  "'",
  "o'brien",
  "bob' or 1 eq 1",
  '"quoted"',
  'line\nbreak',
  '\r\n',
  '\t',
  ' ',
  '',
  'bob kelly',
  'Zoë',
  '山田',
  '👩‍💻',
  'ǅ\u0301',
  '$batch',
  '$metadata',
  '..@contoso.com',
  'a/b@contoso.com',
  'bob@contoso.com/../..',
  'bob@contoso.com?$top=999',
  'bob@contoso.com#x',
  '%2e%2e@contoso.com',
  'bob@..',
  'bob@contoso..com',
  'x@y',
  '@contoso.com',
  'bob@',
  'bob@@contoso.com',
  '\u202ebob@contoso.com',
];
/** Inputs that are a user key: they may be sent, and must arrive as exactly themselves. */
const KEYS = [
  'bob.kelly@contoso.com',
  'Ana.Souza_fabrikam.com#EXT#@contoso.onmicrosoft.com',
  "o'brien@contoso.com",
  'a7360e10-f512-44d7-b822-9b6017ae7262',
  '  bob.kelly@contoso.com  ',
];

interface Seen {
  method: string;
  origin: string;
  path: string;
  query: URLSearchParams;
}
let seen: Seen[] = [];

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** This test's own idea of a user name (not the adapter's): a local part without dot-segments or slashes, @, a dotted domain. */
const USER_NAME = /^[A-Za-z0-9_'!#^~+&=-]+(\.[A-Za-z0-9_'!#^~+&=-]+)*@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const isUserKey = (s: string) => GUID.test(s) || USER_NAME.test(s);
/** Fully percent-encoded: nothing but unreserved characters and %XX escapes. */
const ENCODED = /^(?:[A-Za-z0-9._~-]|%[0-9A-F]{2})+$/;
const SEG = '([^/]+)';
const TEMPLATES: { re: RegExp; key?: 'user' | 'guid'; query: string[] }[] = [
  { re: new RegExp(`^/v1\\.0/users/${SEG}$`), key: 'user', query: ['$select'] },
  { re: new RegExp(`^/v1\\.0/users/${SEG}/transitiveMemberOf$`), key: 'user', query: ['$select', '$top'] },
  { re: /^\/v1\.0\/users$/, query: ['$filter', '$select', '$top'] },
  { re: /^\/(beta|v1\.0)\/auditLogs\/signIns$/, query: ['$filter', '$top'] },
  { re: new RegExp(`^/beta/reports/authenticationMethods/userRegistrationDetails/${SEG}$`), key: 'guid', query: [] },
  { re: /^\/v1\.0\/identity\/conditionalAccess\/(policies|namedLocations|evaluate)$/, query: [] },
  { re: /^\/v1\.0\/servicePrincipals$/, query: ['$select', '$top'] },
  { re: /^\/v1\.0\/directoryRoles$/, query: ['$expand'] },
];

/** The request is one of the templates, its segment safe, its query only the options we write. */
function expectSafe(r: Seen): void {
  expect(r.origin, `${r.method} ${r.path}`).toBe(GRAPH);
  const t = TEMPLATES.find((x) => x.re.test(r.path));
  expect(t, `no template for ${r.method} ${r.path}`).toBeDefined();
  if (t!.key) {
    const seg = t!.re.exec(r.path)![1]!;
    expect(seg, r.path).toMatch(ENCODED);
    const decoded = decodeURIComponent(seg);
    expect(t!.key === 'guid' ? GUID.test(decoded) : isUserKey(decoded), `segment ${decoded}`).toBe(true);
  }
  const keys = [...r.query.keys()];
  expect(new Set(keys).size, `${r.path}?${r.query}`).toBe(keys.length);
  for (const k of keys) expect(t!.query, `${r.path}?${r.query}`).toContain(k);
  const top = r.query.get('$top');
  if (top !== null) {
    expect(top, r.path).toMatch(/^\d{1,4}$/);
    expect(Number(top)).toBeGreaterThanOrEqual(1);
    expect(Number(top)).toBeLessThanOrEqual(1000);
  }
}

beforeAll(() => nock.disableNetConnect());
beforeEach(() => {
  seen = [];
  // Graph, answering every path: 404 for one entity (so getUser goes on to its mail lookup), an empty list otherwise.
  const answer = (method: string) => (uri: string) => {
    const u = new URL(uri, GRAPH);
    seen.push({ method, origin: GRAPH, path: u.pathname, query: u.searchParams });
    if (/^\/v1\.0\/users\/[^/]+$/.test(u.pathname) || /userRegistrationDetails\//.test(u.pathname))
      return [404, { error: { code: 'Request_ResourceNotFound', message: 'not found' } }] as [number, unknown];
    return [200, { value: [] }] as [number, unknown];
  };
  nock(GRAPH).persist().get(/.*/).reply(answer('GET')).post(/.*/).reply(answer('POST'));
});
afterEach(() => nock.cleanAll());

/** Any request to a host nock was not told about (with net connect disabled it fails; here it is counted). */
const unmatched = recordUnmatched();
const foreign = unmatched.requests;
afterAll(() => unmatched.stop());

function source(): GraphSource {
  const budget = new RequestBudget({ limit: 1_000_000, windowMs: 1 });
  return new GraphSource(new GraphClient({ credential: fakeCredential, reportsBudget: budget, sleep: async () => {}, maxRetries: 0 }));
}

/** Every method of the source that puts input into a URL, with one input. */
async function everyLookup(g: GraphSource, input: string): Promise<void> {
  const queries: SignInQuery[] = [
    { user: input },
    { app: input },
    { correlationId: input },
    { requestId: input },
    { ip: input },
    { user: input, app: input, includeNonInteractive: true },
  ];
  const settle = (p: Promise<unknown>) => p.catch(() => undefined);
  await settle(g.getUser(input));
  await settle(g.findUsers(input));
  await settle(g.findUsers(input, 999_999));
  await settle(g.getRegistrationDetails(input));
  await settle(g.membership(input));
  for (const q of queries) await settle(g.querySignIns(q));
  await settle(g.querySignIns({ user: input, limit: 0 }));
  await settle(
    g.evaluateConditionalAccess({
      signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: input },
      signInContext: { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: [input] },
      signInConditions: { ipAddress: input },
      appliedPoliciesOnly: false,
    }),
  );
}

describe('no typed text changes a Graph URL’s path', () => {
  it('the lists that take no input are the known paths', async () => {
    const g = source();
    await g.listPolicies();
    await g.listNamedLocations();
    await g.listServicePrincipals();
    await g.listDirectoryRoles();
    expect(seen.map((r) => r.path)).toEqual([
      '/v1.0/identity/conditionalAccess/policies',
      '/v1.0/identity/conditionalAccess/namedLocations',
      '/v1.0/servicePrincipals',
      '/v1.0/directoryRoles',
    ]);
    seen.forEach(expectSafe);
  });

  it.each(HOSTILE.map((h) => [JSON.stringify(h), h]))('hostile input %s: every request is a known template, and none names a user', async (_name, input) => {
    foreign.length = 0;
    await everyLookup(source(), input);
    seen.forEach(expectSafe);
    expect(foreign).toEqual([]);
    // Not a user key: no single-user, membership or registration request at all (the answer is "not found" / "unknown").
    expect(seen.filter((r) => /^\/v1\.0\/users\/|userRegistrationDetails/.test(r.path))).toEqual([]);
  });

  it('the finding itself: a name of ".." is not found without a request to /v1.0/ or /v1.0/users/..', async () => {
    const g = source();
    expect(await g.getUser('..')).toBeUndefined();
    expect(seen.map((r) => r.path)).toEqual([]);
    expect(await g.membership('..')).toBeUndefined();
    expect(await g.getRegistrationDetails('..')).toBeUndefined();
    expect(seen).toEqual([]);
  });

  it.each(KEYS.map((k) => [k]))('a real key (%s) is sent as one encoded segment that decodes to exactly itself', async (key) => {
    await everyLookup(source(), key);
    seen.forEach(expectSafe);
    const users = seen.filter((r) => /^\/v1\.0\/users\/[^/]+$/.test(r.path));
    expect(users).toHaveLength(1);
    expect(decodeURIComponent(users[0]!.path.split('/')[3]!)).toBe(key.trim());
  });

  it('typed text stays inside its quoted $filter literal (read back the way Graph reads it)', async () => {
    for (const input of [...HOSTILE, ...KEYS]) {
      seen = [];
      await source().querySignIns({ user: input, app: input, correlationId: input, requestId: input, ip: input });
      const signIns = seen.filter((r) => r.path.endsWith('/auditLogs/signIns'));
      if (!input.trim()) continue;
      expect(signIns.length, JSON.stringify(input)).toBeGreaterThan(0);
      const q = queryFromFilter(signIns[0]!.query.get('$filter')!);
      const t = input.trim();
      expect(q, JSON.stringify(input)).toEqual({ user: t.toLowerCase(), apps: [GUID.test(t) ? t.toLowerCase() : t], correlationId: t, requestId: t, ip: t });
    }
  });

  it('users by mail and by name: the $filter is the template, with the typed text as one literal each', async () => {
    for (const input of [...HOSTILE, ...KEYS]) {
      seen = [];
      await source().getUser(input);
      await source().findUsers(input);
      for (const r of seen.filter((x) => x.path === '/v1.0/users')) {
        const f = r.query.get('$filter')!;
        const lit = "('(?:[^']|'')*')";
        const mail = new RegExp(`^mail eq ${lit}$`).exec(f);
        const names = new RegExp(
          `^startswith\\(displayName,${lit}\\) or startswith\\(givenName,${lit}\\) or startswith\\(surname,${lit}\\) or startswith\\(userPrincipalName,${lit}\\) or startswith\\(mail,${lit}\\)$`,
        ).exec(f);
        expect(mail ?? names, `${JSON.stringify(input)} → ${f}`).not.toBeNull();
        const unquote = (s: string) => s.slice(1, -1).replace(/''/g, "'");
        if (mail) expect(unquote(mail[1]!)).toBe(input.trim());
        if (names) expect([1, 3, 4, 5].map((i) => unquote(names[i]!))).toEqual(Array(4).fill(input.trim()));
      }
    }
  });

  it('any string at all (fast-check, unicode included): every request is a known template', async () => {
    const anyText = fc.oneof(
      fc.string({ unit: 'grapheme', maxLength: 40 }),
      fc.string({ unit: 'binary', maxLength: 40 }),
      fc.tuple(fc.string({ maxLength: 12 }), fc.constantFrom('@contoso.com', '/..', '/../x', '?$top=1', '#', '%2e%2e', '@x.y/..')).map(([a, b]) => a + b),
      fc.constantFrom(...HOSTILE, ...KEYS),
    );
    await fc.assert(
      fc.asyncProperty(anyText, async (input) => {
        seen = [];
        foreign.length = 0;
        const g = source();
        await g.getUser(input).catch(() => undefined);
        await g.membership(input).catch(() => undefined);
        await g.getRegistrationDetails(input).catch(() => undefined);
        await g.findUsers(input).catch(() => undefined);
        await g.querySignIns({ user: input }).catch(() => undefined);
        seen.forEach(expectSafe);
        expect(foreign).toEqual([]);
        const named = seen.filter((r) => /^\/v1\.0\/users\/[^/]+/.test(r.path));
        for (const r of named) expect(decodeURIComponent(r.path.split('/')[3]!)).toBe(input.trim());
      }),
      { numRuns: 150 },
    );
  }, 60_000);
});

describe('the client refuses a path that URL parsing would change', () => {
  it.each([
    '/v1.0/users/..',
    '/v1.0/users/%2e%2e',
    '/v1.0/users/.%2E/x',
    '/v1.0/users/./me',
    '/v1.0/users/a#b',
    '@evil.example/x',
    '.evil.example/x',
    'v1.0/users',
  ])('%s: refused, nothing sent', async (path) => {
    const client = new GraphClient({ credential: fakeCredential, reportsBudget: new RequestBudget({ limit: 5, windowMs: 10_000 }), sleep: async () => {} });
    await expect(client.get(path)).rejects.toMatchObject({ code: 'UnsafePath' });
    expect(client.sent).toEqual([]);
    expect(seen).toEqual([]);
  });
});
