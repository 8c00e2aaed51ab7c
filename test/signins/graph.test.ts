import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ClientSecretCredential } from '@azure/identity';
import { RequestBudget } from '../../src/signins/graph/budget.ts';
import { GraphClient, GraphError } from '../../src/signins/graph/graph-client.ts';
import { GraphSource } from '../../src/signins/graph/graph-source.ts';
import { literal } from '../../src/signins/graph/odata.ts';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { answerMessage } from '../../src/routes/index.ts';
import { GRAPH, fakeCredential, queryFromFilter, serveTenant } from '../helpers/graph-fake.ts';

let folder: TenantFolderSource;
beforeAll(() => {
  folder = openSource(undefined);
  nock.disableNetConnect();
});
afterEach(() => nock.cleanAll());

const waits: number[] = [];
/** A Graph source whose waits are recorded, not slept: a fake clock for the client and the budget. */
function graph(over: Partial<ConstructorParameters<typeof GraphClient>[0]> = {}) {
  let clock = 0;
  const sleep = async (ms: number) => {
    waits.push(ms);
    clock += ms;
  };
  const reportsBudget = new RequestBudget({ limit: 5, windowMs: 10_000, now: () => clock, sleep: async (ms) => void (clock += ms) });
  const client = new GraphClient({ credential: fakeCredential, reportsBudget, sleep, now: () => clock, ...over });
  return new GraphSource(client);
}

describe('the $filter', () => {
  const g = graph();
  it('names each key the way Graph filters it', () => {
    expect(g.signInFilter({ user: 'Bob.Kelly@Contoso.com' })).toBe("userPrincipalName eq 'bob.kelly@contoso.com'");
    expect(g.signInFilter({ user: 'A7360E10-F512-44D7-B822-9B6017AE7262' })).toBe("userId eq 'a7360e10-f512-44d7-b822-9b6017ae7262'");
    // An app is asked of the app or the resource of a sign-in: "Office 365 Exchange Online" finds Outlook Mobile's sign-ins to it too.
    expect(g.signInFilter({ app: 'Salesforce' })).toBe("(appDisplayName eq 'Salesforce' or resourceDisplayName eq 'Salesforce')");
    expect(g.signInFilter({ app: 'C44B4083-3bb0-49c1-b47d-974e53cbdf3c' })).toBe(
      "(appId eq 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c' or resourceId eq 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c')",
    );
    expect(g.signInFilter({ correlationId: 'c-1' })).toBe("correlationId eq 'c-1'");
    expect(g.signInFilter({ requestId: 'r-1' })).toBe("(id eq 'r-1' or originalRequestId eq 'r-1')");
    expect(g.signInFilter({ requestId: 'r-1' }, 'v1.0')).toBe("id eq 'r-1'");
    expect(g.signInFilter({ errorCode: 50053, ip: '185.220.101.47' })).toBe("status/errorCode eq 50053 and ipAddress eq '185.220.101.47'");
    expect(g.signInFilter({ outcome: 'success' })).toBe('status/errorCode eq 0');
    expect(g.signInFilter({ includeNonInteractive: true })).toBe("signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')");
  });

  it('widens the window to whole minutes, so the same question within a minute is the same request', () => {
    expect(g.signInFilter({ since: '2026-11-19T01:00:27.123Z', until: '2026-11-21T01:00:05Z' })).toBe(
      'createdDateTime ge 2026-11-19T01:00:00Z and createdDateTime le 2026-11-21T01:01:00Z',
    );
  });

  it('quotes what people typed so it cannot change the query', () => {
    expect(literal("o'brien")).toBe("'o''brien'");
    expect(g.signInFilter({ user: "bob' or 1 eq 1" })).toBe("userPrincipalName eq 'bob'' or 1 eq 1'");
    expect(g.signInFilter({ app: "x') or (appId eq 'y" })).toBe(
      "(appDisplayName eq 'x'') or (appId eq ''y' or resourceDisplayName eq 'x'') or (appId eq ''y')",
    );
    expect(queryFromFilter(g.signInFilter({ apps: ["x') or (appId eq 'y", "o'brien"] }))).toEqual({ apps: ["x') or (appId eq 'y", "o'brien"] });
    // Read back the way Graph reads it: one value, no extra clause.
    expect(queryFromFilter(g.signInFilter({ user: "bob' or 1 eq 1", since: '2026-11-20T00:00:00Z' }))).toEqual({
      user: "bob' or 1 eq 1",
      since: '2026-11-20T00:00:00Z',
    });
  });
});

describe('reading the tenant through Graph (nock-served, documented shapes)', () => {
  it('a user’s sign-ins: the same events as the folder holds, newest first', async () => {
    serveTenant(folder);
    const q = { user: 'bob.kelly@contoso.com', since: '2026-11-19T01:00:00Z', until: '2026-11-21T01:00:00Z' };
    const viaGraph = await graph().querySignIns(q);
    const direct = await folder.querySignIns(q);
    expect(viaGraph.events.map((e) => e.id)).toEqual(direct.events.map((e) => e.id));
    expect(viaGraph.events.length).toBeGreaterThan(40);
  });

  it('an injection attempt finds nothing rather than everything', async () => {
    serveTenant(folder);
    expect((await graph().querySignIns({ user: "bob' or 1 eq 1" })).events).toEqual([]);
  });

  it('follows @odata.nextLink, and stops at the page cap saying the list was cut', async () => {
    const fake = serveTenant(folder);
    const r = await graph().querySignIns({ since: '2026-11-14T00:00:00Z' });
    expect(fake.requests.filter((p) => p.includes('signIns'))).toHaveLength(5);
    expect(r.events).toHaveLength(5000);
    expect(r.truncated).toBe(true);
  });

  it('asks once for the same question, even when several agents ask at the same time', async () => {
    const fake = serveTenant(folder);
    const g = graph();
    const q = { user: 'bob.kelly@contoso.com', since: '2026-11-19T01:00:10Z', until: '2026-11-21T01:00:00Z' };
    await Promise.all([g.querySignIns(q), g.querySignIns(q), g.querySignIns({ ...q, since: '2026-11-19T01:00:40Z' })]);
    expect(fake.requests.filter((p) => p.includes('signIns'))).toHaveLength(1);
  });

  it('falls back to v1.0 when beta is refused, and says what that costs', async () => {
    serveTenant(folder, { version: 'v1.0' });
    const g = graph();
    const r = await g.querySignIns({ user: 'bob.kelly@contoso.com', since: '2026-11-19T01:00:00Z' });
    expect(r.events.length).toBeGreaterThan(0);
    expect(g.loadProblems()[0]!.message).toMatch(/v1\.0 sign-ins, which lack MFA details/);
  });

  it('no permission to read CA: the policies are unknown (not "none"), and the reason is kept', async () => {
    serveTenant(folder, { caForbidden: true });
    const g = graph();
    expect(await g.listPolicies()).toBeUndefined();
    expect(
      g
        .loadProblems()
        .map((p) => p.message)
        .join(),
    ).toMatch(/Policy\.Read\.All/);
  });

  it('users by UPN, by a guest’s real address, and by name', async () => {
    serveTenant(folder);
    const g = graph();
    expect((await g.getUser('bob.kelly@contoso.com'))?.displayName).toBe('Bob Kelly');
    expect((await g.getUser('ana.souza@fabrikam.com'))?.userPrincipalName).toMatch(/#EXT#/);
    expect((await g.findUsers('alex')).map((u) => u.displayName).sort()).toEqual(['Alex Johnson', 'Alex Wilber']);
    expect(await g.getUser('nobody@contoso.com')).toBeUndefined();
  });

  it('gives the same diagnosis as the tenant folder', async () => {
    serveTenant(folder);
    const g = graph();
    const ctx = (source: typeof g | typeof folder) => ({ source, now: folder.asOf()!, timeZone: 'UTC', appNames: folder.appNames() });
    const a = await answerMessage('why did bob.kelly@contoso.com fail to sign in', ctx(g));
    const b = await answerMessage('why did bob.kelly@contoso.com fail to sign in', ctx(folder));
    expect(a.text).toBe(b.text);
  });
});

describe('throttling, errors and time-outs', () => {
  const url = '/beta/auditLogs/signIns';

  it('429 with Retry-After: waits as told, then answers', async () => {
    waits.length = 0;
    nock(GRAPH)
      .get(url)
      .query(true)
      .reply(429, { error: { code: 'TooManyRequests', message: 'Too many requests' } }, { 'Retry-After': '7' });
    nock(GRAPH).get(url).query(true).reply(200, { value: [] });
    const r = await graph().querySignIns({ user: 'bob@contoso.com' });
    expect(r.events).toEqual([]);
    expect(waits).toContain(7000);
  });

  it('503 three times then success: bounded retries with backoff', async () => {
    waits.length = 0;
    nock(GRAPH)
      .get(url)
      .query(true)
      .times(3)
      .reply(503, { error: { code: 'ServiceUnavailable', message: 'busy' } });
    nock(GRAPH).get(url).query(true).reply(200, { value: [] });
    await graph().querySignIns({ user: 'bob@contoso.com' });
    expect(waits.slice(-3)).toEqual([1000, 2000, 4000]);
  });

  it('still throttled after the retries: an error that says the answer is late, not lost', async () => {
    nock(GRAPH)
      .get(url)
      .query(true)
      .times(4)
      .reply(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'Retry-After': '1' });
    await expect(graph().querySignIns({ user: 'bob@contoso.com' })).rejects.toMatchObject({
      status: 429,
      explanation: expect.stringMatching(/late, not lost/),
    });
  });

  it('no AuditLog.Read.All, or no P1/P2 licence: explained', async () => {
    nock(GRAPH)
      .get(url)
      .query(true)
      .reply(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
    await expect(graph().querySignIns({ user: 'bob@contoso.com' })).rejects.toMatchObject({ explanation: expect.stringMatching(/AuditLog\.Read\.All/) });
    nock(GRAPH)
      .get(url)
      .query(true)
      .reply(403, {
        error: { code: 'Authentication_RequestFromNonPremiumTenantOrB2CTenant', message: "Neither tenant is B2C or tenant doesn't have premium license" },
      });
    await expect(graph().querySignIns({ user: 'bob@contoso.com' })).rejects.toMatchObject({ explanation: expect.stringMatching(/P1 or P2/) });
  });

  it('a Graph that does not answer: a time-out error after the retries', async () => {
    nock(GRAPH).get(url).query(true).times(2).delay(500).reply(200, { value: [] });
    const g = graph({ timeoutMs: 100, maxRetries: 1 });
    const err = await g.querySignIns({ user: 'bob@contoso.com' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(GraphError);
    expect((err as GraphError).explanation).toMatch(/did not answer within/);
  });

  it('garbage from Graph (an HTML page with 200, records of the wrong shape): explained, or skipped and reported', async () => {
    nock(GRAPH).get(url).query(true).reply(200, '<html>Proxy login</html>', { 'content-type': 'text/html' });
    await expect(graph().querySignIns({ user: 'bob@contoso.com' })).rejects.toMatchObject({ explanation: expect.stringMatching(/not JSON/) });
    nock(GRAPH)
      .get(url)
      .query(true)
      .reply(200, { value: [{ id: 7 }, 'nonsense', { ...(await folder.querySignIns({ user: 'bob.kelly@contoso.com', limit: 1 })).events[0] }] });
    const r = await graph().querySignIns({ user: 'bob.kelly@contoso.com' });
    expect(r.events).toHaveLength(1);
    expect(r.problems.length).toBeGreaterThanOrEqual(1);
  });

  it('tokens come from @azure/identity: a client secret credential against the token endpoint', async () => {
    const tenant = '4d1e7a2c-6b0f-4c3e-9a51-2f8b7c6d5e40';
    nock('https://login.microsoftonline.com')
      .post(new RegExp(`/${tenant}/oauth2/v2.0/token`))
      .query(true)
      .reply(200, { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: 'eyJ.real.token' });
    nock(GRAPH, { reqheaders: { authorization: 'Bearer eyJ.real.token' } })
      .get(url)
      .query(true)
      .reply(200, { value: [] });
    const credential = new ClientSecretCredential(tenant, '11111111-2222-3333-4444-555555555555', 'not-a-real-secret', { disableInstanceDiscovery: true });
    const g = new GraphSource(new GraphClient({ credential, reportsBudget: new RequestBudget({ limit: 5, windowMs: 10_000 }) }));
    expect((await g.querySignIns({ user: 'bob@contoso.com' })).events).toEqual([]);
  });
});

describe('the shared request budget', () => {
  it('never more than 5 in any 10 seconds, and interactive questions go first', async () => {
    let clock = 0;
    const budget = new RequestBudget({ limit: 5, windowMs: 10_000, now: () => clock, sleep: async (ms) => void (clock += ms) });
    const order: string[] = [];
    const jobs = [
      ...Array.from({ length: 6 }, (_, i) => budget.acquire('background').then(() => order.push(`bg${i}`))),
      ...Array.from({ length: 6 }, (_, i) => budget.acquire('interactive').then(() => order.push(`ia${i}`))),
    ];
    await Promise.all(jobs);
    for (const t of budget.grants) expect(budget.grants.filter((u) => u >= t && u < t + 10_000).length).toBeLessThanOrEqual(5);
    // Five slots were free, so five background requests went at once; after that every interactive one goes before the last background.
    expect(order).toEqual(['bg0', 'bg1', 'bg2', 'bg3', 'bg4', 'ia0', 'ia1', 'ia2', 'ia3', 'ia4', 'ia5', 'bg5']);
  });

  it('a 429 pauses everyone', async () => {
    let clock = 0;
    const budget = new RequestBudget({ limit: 5, windowMs: 10_000, now: () => clock, sleep: async (ms) => void (clock += ms) });
    await budget.acquire();
    budget.pause(30_000);
    await budget.acquire();
    expect(clock).toBeGreaterThanOrEqual(30_000);
  });
});
