import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BudgetPaused, RequestBudget } from '../../src/signins/graph/budget.ts';
import { GraphClient, type GraphClientOptions } from '../../src/signins/graph/graph-client.ts';
import { GraphSource } from '../../src/signins/graph/graph-source.ts';
import { withWaitAllowance } from '../../src/signins/graph/throttle.ts';
import { answerMessage } from '../../src/routes/index.ts';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { LogAnalyticsError, LogAnalyticsSource } from '../../src/signins/log-analytics/log-analytics-source.ts';
import { GRAPH, fakeCredential } from '../helpers/graph-fake.ts';
import { LOG_ANALYTICS } from '../helpers/log-analytics-fake.ts';

/**
 * One question waits at most 60 s for Graph's throttling; when Graph asks for longer, the
 * person is told at once when it will work again. The lockout watcher (background) may wait
 * up to 15 minutes. No real waiting: the client's and the budget's sleeps move a fake clock.
 */
const SIGNINS = '/beta/auditLogs/signIns';
const USERS = /\/v1\.0\/users\/[^/?]+/;
const START = Date.parse('2026-11-20T13:32:00Z');
const busy = (seconds: number | string) =>
  [429, { error: { code: 'TooManyRequests', message: 'Too many requests' } }, { 'Retry-After': String(seconds) }] as const;

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());

function graph(over: Partial<GraphClientOptions> = {}) {
  let clock = START;
  const waits: number[] = [];
  const sleep = async (ms: number) => {
    waits.push(ms);
    clock += ms;
  };
  const reportsBudget = new RequestBudget({ limit: 5, windowMs: 10_000, now: () => clock, sleep: async (ms) => void (clock += ms) });
  const client = new GraphClient({ credential: fakeCredential, reportsBudget, sleep, now: () => clock, ...over });
  const waited = () => waits.reduce((a, b) => a + b, 0);
  return { g: new GraphSource(client), client, waits, waited, elapsed: () => clock - START };
}

describe('one question waits at most 60 s for throttling', () => {
  it('Retry-After: 3600 is not waited out (three times was 10,800 s): the person is told when to come back, at once', async () => {
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .times(4)
      .reply(...busy(3600));
    const { g, client, waited, elapsed } = graph();
    const err = await g.querySignIns({ user: 'bob.kelly@contoso.com' }).catch((e: unknown) => e);
    expect(err).toMatchObject({
      status: 429,
      explanation: 'Microsoft Graph is throttling this app; it asked us to wait 60 minutes, so try again after 14:32 UTC.',
    });
    expect(waited()).toBe(0);
    expect(elapsed()).toBe(0);
    expect(client.sent).toHaveLength(1);
  });

  it('short waits are honoured until 60 s are spent; the wait that does not fit is not started', async () => {
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .times(3)
      .reply(...busy(25));
    nock(GRAPH).get(SIGNINS).query(true).reply(200, { value: [] });
    const { g, waits, client } = graph();
    const err = await g.querySignIns({ user: 'bob.kelly@contoso.com' }).catch((e: unknown) => e);
    expect(waits).toEqual([25_000, 25_000]);
    expect(client.sent).toHaveLength(3);
    expect(err).toMatchObject({
      status: 429,
      explanation: 'Microsoft Graph is throttling this app; it asked us to wait 25 seconds, so try again after 13:34 UTC.',
    });
  });

  it('the 60 s are shared by every page of one question, not given again per page', async () => {
    nock(GRAPH)
      .get(SIGNINS)
      .query((q) => !q.$skiptoken)
      .reply(200, { value: [], '@odata.nextLink': `${GRAPH}${SIGNINS}?$skiptoken=2` });
    nock(GRAPH)
      .get(SIGNINS)
      .query({ $skiptoken: '2' })
      .reply(...busy(40));
    nock(GRAPH)
      .get(SIGNINS)
      .query({ $skiptoken: '2' })
      .reply(200, { value: [], '@odata.nextLink': `${GRAPH}${SIGNINS}?$skiptoken=3` });
    nock(GRAPH)
      .get(SIGNINS)
      .query({ $skiptoken: '3' })
      .reply(...busy(40));
    const { g, waited } = graph();
    await expect(g.querySignIns({ user: 'bob.kelly@contoso.com' })).rejects.toMatchObject({ explanation: expect.stringMatching(/wait 40 seconds/) });
    expect(waited()).toBe(40_000);
  });

  it('a whole question in one scope (withWaitAllowance): two lookups share the 60 s', async () => {
    nock(GRAPH)
      .get(USERS)
      .reply(...busy(40));
    nock(GRAPH).get(USERS).reply(200, { id: 'a7360e10-f512-44d7-b822-9b6017ae7262', userPrincipalName: 'bob.kelly@contoso.com', displayName: 'Bob Kelly' });
    nock(GRAPH)
      .get('/v1.0/identity/conditionalAccess/policies')
      .reply(...busy(40));
    const { g, waited } = graph();
    const err = await withWaitAllowance(60_000, async () => {
      await g.getUser('bob.kelly@contoso.com');
      return g.listPolicies();
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ status: 429, explanation: expect.stringMatching(/wait 40 seconds/) });
    expect(waited()).toBe(40_000);
  });

  it('the answer layer puts the whole question in one scope: a person lookup and the sign-ins query share the 60 s', async () => {
    nock(GRAPH)
      .get(USERS)
      .reply(...busy(40));
    nock(GRAPH).get(USERS).reply(200, { id: 'a7360e10-f512-44d7-b822-9b6017ae7262', userPrincipalName: 'bob.kelly@contoso.com', displayName: 'Bob Kelly' });
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .reply(...busy(40));
    const { g, waited } = graph();
    const reply = await answerMessage('why did bob.kelly@contoso.com fail to sign in', {
      source: g,
      now: new Date(START).toISOString(),
      timeZone: 'UTC',
      appNames: [],
    });
    // 40 s were waited for the person; the sign-ins' 40 s would pass the minute, so the person is told instead.
    expect(waited()).toBe(40_000);
    expect(reply.text).toMatch(/^Microsoft Graph is throttling this app; it asked us to wait 40 seconds/);
  });

  it('once Graph has asked for an hour, the next question is answered at once, without another request', async () => {
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .reply(...busy(3600));
    const { g, client, waited } = graph();
    await expect(g.querySignIns({ user: 'bob.kelly@contoso.com' })).rejects.toMatchObject({ status: 429 });
    await expect(g.querySignIns({ user: 'alex.wilber@contoso.com' })).rejects.toMatchObject({
      explanation: 'Microsoft Graph is throttling this app; it asked us to wait another 60 minutes, so try again after 14:32 UTC.',
    });
    expect(client.sent).toHaveLength(1);
    expect(waited()).toBe(0);
  });

  it('Retry-After as an HTTP date is read too', async () => {
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .reply(...busy(new Date(START + 2 * 3_600_000).toUTCString()));
    await expect(graph().g.querySignIns({ user: 'bob.kelly@contoso.com' })).rejects.toMatchObject({
      explanation: 'Microsoft Graph is throttling this app; it asked us to wait 120 minutes, so try again after 15:32 UTC.',
    });
  });

  it('a 503 that asks for a long wait is said the same way', async () => {
    nock(GRAPH)
      .get(USERS)
      .reply(503, { error: { code: 'ServiceUnavailable', message: 'busy' } }, { 'Retry-After': '600' });
    await expect(graph().g.getUser('bob.kelly@contoso.com')).rejects.toMatchObject({
      status: 503,
      explanation: 'Microsoft Graph is overloaded (it answered 503); it asked us to wait 10 minutes, so try again after 13:42 UTC.',
    });
  });

  it('the lockout watcher (background) may wait longer: 5 minutes waited, then the answer', async () => {
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .reply(...busy(300));
    nock(GRAPH).get(SIGNINS).query(true).reply(200, { value: [] });
    const { g, waits } = graph();
    expect((await g.querySignIns({ errorCode: 50053, priority: 'background' })).events).toEqual([]);
    expect(waits).toContain(300_000);
  });

  it('…but not past 15 minutes in total, and an interactive question meanwhile is not held behind it', async () => {
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .times(4)
      .reply(...busy(600));
    const { g, waited, client } = graph();
    await expect(g.querySignIns({ errorCode: 50053, priority: 'background' })).rejects.toMatchObject({
      status: 429,
      explanation: expect.stringMatching(/wait 10 minutes/),
    });
    expect(waited()).toBe(600_000);
    expect(client.sent).toHaveLength(2);
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .times(4)
      .reply(...busy(3600));
    const before = waited();
    await expect(g.querySignIns({ user: 'bob.kelly@contoso.com' })).rejects.toMatchObject({
      status: 429,
      explanation: expect.stringMatching(/wait another 10 minutes/),
    });
    expect(waited() - before).toBe(0);
    expect(client.sent).toHaveLength(2);
  });

  it('the cap can be set per client (waitCapMs): 120 s lets one 90 s wait through, not two', async () => {
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .times(2)
      .reply(...busy(90));
    nock(GRAPH).get(SIGNINS).query(true).reply(200, { value: [] });
    const { g, waits } = graph({ waitCapMs: { interactive: 120_000 } });
    await expect(g.querySignIns({ user: 'bob.kelly@contoso.com' })).rejects.toMatchObject({ explanation: expect.stringMatching(/wait 90 seconds/) });
    expect(waits).toEqual([90_000]);
  });
});

describe('the shared budget does not hold a question behind another request’s long pause', () => {
  it('a question already queued when the watcher’s 429 asks for an hour is told at once, not held for an hour', async () => {
    nock(GRAPH)
      .get(SIGNINS)
      .query((q) => /errorCode eq 50053/.test(String(q.$filter)))
      .reply(...busy(3600));
    nock(GRAPH).get(SIGNINS).query(true).reply(200, { value: [] });
    // One slot per window: the watcher's request goes first and the question queues behind it;
    // the budget's wait for the window ends only after the watcher has handled its 429.
    let clock = START;
    let release!: () => void;
    const handled = new Promise<void>((r) => (release = r));
    // Released by the client's log line about the 429; the timer only keeps code without that line from hanging.
    const fallback = setTimeout(() => release(), 5_000);
    const slept: number[] = [];
    const sleep = async (ms: number) => {
      slept.push(ms);
      clock += ms;
    };
    const reportsBudget = new RequestBudget({ limit: 1, windowMs: 10_000, now: () => clock, sleep: async (ms) => (await handled, sleep(ms)) });
    const g = new GraphSource(new GraphClient({ credential: fakeCredential, reportsBudget, sleep, now: () => clock, log: () => release() }));
    const [watcher, question] = await Promise.allSettled([
      g.querySignIns({ errorCode: 50053, priority: 'background' }),
      g.querySignIns({ user: 'bob.kelly@contoso.com' }),
    ]);
    expect(watcher).toMatchObject({ status: 'rejected', reason: { status: 429 } });
    expect(question).toMatchObject({
      status: 'rejected',
      reason: { explanation: 'Microsoft Graph is throttling this app; it asked us to wait another 60 minutes, so try again after 14:32 UTC.' },
    });
    clearTimeout(fallback);
    expect(slept.filter((w) => w > 60_000)).toEqual([]);
  });

  it('the budget itself: a pause longer than a waiting request may wait rejects it at once; a short one is waited and reported', async () => {
    let clock = 0;
    const slept: number[] = [];
    const budget = new RequestBudget({ limit: 1, windowMs: 10_000, now: () => clock, sleep: async (ms) => void (slept.push(ms), (clock += ms)) });
    await budget.acquire();
    const queued = budget.acquire('interactive', 60_000);
    budget.pause(3_600_000);
    await expect(queued).rejects.toBeInstanceOf(BudgetPaused);
    await expect(budget.acquire('interactive', 60_000)).rejects.toMatchObject({ waitMs: 3_600_000 });
    expect(await budget.acquire('background', 4_000_000)).toBe(3_600_000);
    expect(slept.filter((s) => s > 60_000)).toEqual([3_600_000]);
  });
});

describe('Log Analytics (the Azure SDK honours any Retry-After): the same cap, as a deadline', () => {
  const WS = 'b1c2d3e4-0000-4000-8000-000000000001';
  const QUERY = `/v1/workspaces/${WS}/query`;

  it('a query still waiting (the SDK sitting out Retry-After: 3600) is abandoned at the deadline: 2 minutes', async () => {
    const deadlines: number[] = [];
    const stop = new AbortController();
    // Stands in for LogsQueryClient honouring Retry-After: 3600 three times; it never answers.
    const sdk = { queryWorkspace: () => new Promise<never>(() => stop.abort()) };
    const la = new LogAnalyticsSource(sdk, WS, () => START, { deadline: (ms) => (deadlines.push(ms), stop.signal) });
    const err = await la.querySignIns({ user: 'bob.kelly@contoso.com' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LogAnalyticsError);
    expect((err as LogAnalyticsError).explanation).toBe(
      'Log Analytics did not answer within 2 minutes (it may be throttling the bot); try again in a few minutes.',
    );
    expect(deadlines).toEqual([120_000]);
  }, 20_000);

  it('the watcher’s queries get the longer deadline (16 minutes: the query’s 60 s and 15 minutes of waiting)', async () => {
    const deadlines: number[] = [];
    const stop = new AbortController();
    stop.abort();
    const la = new LogAnalyticsSource(
      { queryWorkspace: async (_w, _q, _t, o) => Promise.reject(Object.assign(new Error(String(o?.abortSignal?.aborted)), { name: 'AbortError' })) },
      WS,
      () => START,
      { deadline: (ms) => (deadlines.push(ms), stop.signal) },
    );
    await expect(la.querySignIns({ errorCode: 50053, priority: 'background' })).rejects.toMatchObject({
      explanation: expect.stringMatching(/within 16 minutes/),
    });
    expect(deadlines).toEqual([960_000]);
  });

  it('a 429 that is not retried says when to come back', async () => {
    nock(LOG_ANALYTICS)
      .post(QUERY)
      .reply(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'Retry-After': '3600' });
    const la = new LogAnalyticsSource(new LogsQueryClient(fakeCredential as never, { retryOptions: { maxRetries: 0 } } as never), WS, () => START);
    await expect(la.querySignIns({ user: 'bob.kelly@contoso.com' })).rejects.toMatchObject({
      explanation: 'Log Analytics is throttling this app; it asked us to wait 60 minutes, so try again after 14:32 UTC.',
    });
  });
});
