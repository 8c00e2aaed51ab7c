import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { RequestBudget } from '../../src/signins/graph/budget.ts';
import { GraphClient } from '../../src/signins/graph/graph-client.ts';
import { GraphSource } from '../../src/signins/graph/graph-source.ts';
import { GRAPH, fakeCredential, recordUnmatched } from '../helpers/graph-fake.ts';

/**
 * The bearer token goes only to the origin (scheme, host, port) of the first request: a
 * `@odata.nextLink` elsewhere is not followed (the list is said to be cut, and a line is
 * logged), and a redirect is not followed either. "No request at all" is checked on the other
 * host's own interceptor and on nock's record of requests it had no interceptor for.
 */
const SIGNINS = '/beta/auditLogs/signIns';
const unmatched = recordUnmatched();
beforeAll(() => nock.disableNetConnect());
afterEach(() => {
  nock.cleanAll();
  unmatched.requests.length = 0;
});
afterAll(() => unmatched.stop());

function graph() {
  const lines: string[] = [];
  const client = new GraphClient({
    credential: fakeCredential,
    reportsBudget: new RequestBudget({ limit: 1000, windowMs: 1 }),
    sleep: async () => {},
    log: (line) => lines.push(line),
  });
  return { g: new GraphSource(client), client, lines };
}

/** A host that counts every request it receives, and whether a token came with it. */
function elsewhere(origin: string) {
  const got: { path: string; authorization?: string }[] = [];
  nock(origin)
    .persist()
    .get(/.*/)
    .reply(function (uri) {
      got.push({ path: uri, authorization: this.req.headers.authorization as string | undefined });
      return [200, { value: [] }];
    });
  return got;
}

const signIn = (id: string) => ({
  id,
  createdDateTime: '2026-11-20T10:00:00Z',
  userDisplayName: 'Bob Kelly',
  userPrincipalName: 'bob.kelly@contoso.com',
  userId: 'a7360e10-f512-44d7-b822-9b6017ae7262',
  appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
  appDisplayName: 'Salesforce',
  ipAddress: '203.0.113.7',
  clientAppUsed: 'Browser',
  correlationId: `c-${id}`,
  conditionalAccessStatus: 'notApplied',
  isInteractive: true,
  riskDetail: 'none',
  riskLevelAggregated: 'none',
  riskLevelDuringSignIn: 'none',
  riskState: 'none',
  riskEventTypes_v2: [],
  resourceDisplayName: 'Salesforce',
  resourceId: 'r1',
  status: { errorCode: 50126, failureReason: 'Invalid username or password.' },
  deviceDetail: {},
  location: {},
  appliedConditionalAccessPolicies: [],
});

describe('the bearer token goes only to the origin of the first request', () => {
  it('a next link to https://evil.example receives no request at all; the list is cut and a line is logged', async () => {
    const evil = elsewhere('https://evil.example');
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .reply(200, { value: [signIn('s1')], '@odata.nextLink': 'https://evil.example/beta/auditLogs/signIns?$skiptoken=2' });
    const { g, lines } = graph();
    const r = await g.querySignIns({ user: 'bob.kelly@contoso.com' });
    expect(evil).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(r.events.map((e) => e.id)).toEqual(['s1']);
    expect(r.truncated).toBe(true);
    expect(r.problems.map((p) => p.message).join()).toMatch(/pointed to another site \(https:\/\/evil\.example\) and was not read/);
    expect(lines.join('\n')).toMatch(/next page of the sign-ins list is on https:\/\/evil\.example, not https:\/\/graph\.microsoft\.com; not followed/);
  });

  it.each([
    ['another scheme', 'http://graph.microsoft.com/beta/auditLogs/signIns?$skiptoken=2', 'http://graph.microsoft.com'],
    ['another port', 'https://graph.microsoft.com:8443/beta/auditLogs/signIns?$skiptoken=2', 'https://graph.microsoft.com:8443'],
    ['a look-alike host', 'https://graph.microsoft.com.evil.example/beta/auditLogs/signIns', 'https://graph.microsoft.com.evil.example'],
    ['user info in front of another host', 'https://graph.microsoft.com@evil.example/beta/auditLogs/signIns', 'https://evil.example'],
    ['a protocol-relative link', '//evil.example/beta/auditLogs/signIns', 'https://evil.example'],
  ])('%s: not followed', async (_what, link, origin) => {
    const other = elsewhere(origin);
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .reply(200, { value: [signIn('s1')], '@odata.nextLink': link });
    const r = await graph().g.querySignIns({ user: 'bob.kelly@contoso.com' });
    expect(other).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(r.truncated).toBe(true);
  });

  it('a next link on the same origin is still followed (paging works)', async () => {
    nock(GRAPH)
      .get(SIGNINS)
      .query((q) => !q.$skiptoken)
      .reply(200, { value: [signIn('s1')], '@odata.nextLink': `${GRAPH}${SIGNINS}?$skiptoken=2` });
    nock(GRAPH)
      .get(SIGNINS)
      .query({ $skiptoken: '2' })
      .reply(200, { value: [signIn('s2')] });
    const r = await graph().g.querySignIns({ user: 'bob.kelly@contoso.com' });
    expect(r.events.map((e) => e.id).sort()).toEqual(['s1', 's2']);
    expect(r.truncated).toBe(false);
  });

  it('directory lists too: a policies page pointing elsewhere is not followed, and the cut is reported', async () => {
    const evil = elsewhere('https://evil.example');
    nock(GRAPH)
      .get('/v1.0/identity/conditionalAccess/policies')
      .reply(200, { value: [], '@odata.nextLink': 'https://evil.example/v1.0/identity/conditionalAccess/policies?$skiptoken=2' });
    const { g, lines } = graph();
    expect(await g.listPolicies()).toEqual([]);
    expect(evil).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(
      g
        .loadProblems()
        .map((p) => p.message)
        .join(),
    ).toMatch(/next page of Conditional Access policies pointed to another site/);
    expect(lines.join('\n')).toMatch(/evil\.example/);
  });

  it('a redirect from Graph is not followed: the other site sees nothing, the person gets a sentence', async () => {
    const evil = elsewhere('https://evil.example');
    nock(GRAPH).get(SIGNINS).query(true).reply(302, '', { Location: 'https://evil.example/steal' });
    const err = await graph()
      .g.querySignIns({ user: 'bob.kelly@contoso.com' })
      .catch((e: unknown) => e);
    expect(evil).toEqual([]);
    expect(unmatched.requests).toEqual([]);
    expect(err).toMatchObject({ status: 302, explanation: expect.stringMatching(/redirect to another address; the bot does not follow redirects/) });
  });

  it('the client itself refuses an absolute URL on another origin, before fetching a token', async () => {
    const evil = elsewhere('https://evil.example');
    let tokens = 0;
    const client = new GraphClient({
      credential: { getToken: async () => (tokens++, { token: 't', expiresOnTimestamp: 0 }) },
      reportsBudget: new RequestBudget({ limit: 5, windowMs: 10_000 }),
    });
    await expect(client.get('https://evil.example/v1.0/users')).rejects.toMatchObject({
      code: 'ForeignOrigin',
      explanation: expect.stringMatching(/another site/),
    });
    expect(tokens).toBe(0);
    expect(client.sent).toEqual([]);
    expect(evil).toEqual([]);
  });
});
