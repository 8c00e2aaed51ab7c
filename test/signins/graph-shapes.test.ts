import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerMessage } from '../../src/routes/index.ts';
import { RequestBudget } from '../../src/signins/graph/budget.ts';
import { GraphClient, GraphError } from '../../src/signins/graph/graph-client.ts';
import { GraphSource } from '../../src/signins/graph/graph-source.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { GRAPH, fakeCredential, serveTenant } from '../helpers/graph-fake.ts';

/**
 * Graph answers in envelopes (a list: an object with a `value` array and maybe a next link;
 * one entity: an object). A wrong envelope is said to be a wrong shape, with where, instead
 * of ending in "Sorry, something went wrong"; wrong records inside a good list are skipped
 * and reported, as before.
 */
const SIGNINS = '/beta/auditLogs/signIns';
const SHAPE =
  /^Microsoft Graph answered in a shape I did not expect \(.+\); nothing was changed; try again, and if it persists tell the bot's administrator\.$/;

let folder: TenantFolderSource;
beforeAll(() => {
  folder = openSource(undefined);
  nock.disableNetConnect();
});
afterEach(() => nock.cleanAll());

const graph = () =>
  new GraphSource(
    new GraphClient({ credential: fakeCredential, reportsBudget: new RequestBudget({ limit: 1000, windowMs: 1 }), sleep: async () => {}, maxRetries: 0 }),
  );

async function failure(run: () => Promise<unknown>): Promise<GraphError> {
  const e = await run().then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(GraphError);
  expect((e as GraphError).explanation).toMatch(SHAPE);
  return e as GraphError;
}

describe('a Graph answer of an unexpected shape is said to be one', () => {
  it.each([
    ['`value` is a number', { value: 42 }, '(the sign-ins list, page 1: “value” was a number where a list was expected)'],
    ['`value` is missing', { '@odata.context': 'x' }, '(the sign-ins list, page 1: “value” was missing where a list was expected)'],
    ['`value` is an object', { value: { id: 'x' } }, '(the sign-ins list, page 1: “value” was an object where a list was expected)'],
    ['the page is a number', 7, '(the sign-ins list, page 1: the answer was a number where an object was expected)'],
    ['the page is a list', [], '(the sign-ins list, page 1: the answer was a list where an object was expected)'],
    ['the page is null', null, '(the sign-ins list, page 1: the answer was null where an object was expected)'],
    ['the next link is a number', { value: [], '@odata.nextLink': 5 }, '(the sign-ins list, page 1: “@odata.nextLink” was a number where text was expected)'],
  ])('sign-ins: %s', async (_what, body, where) => {
    nock(GRAPH).get(SIGNINS).query(true).reply(200, JSON.stringify(body), { 'content-type': 'application/json' });
    const e = await failure(() => graph().querySignIns({ user: 'bob.kelly@contoso.com' }));
    expect(e.explanation).toContain(where);
  });

  it('a second page of the wrong shape says which page', async () => {
    nock(GRAPH)
      .get(SIGNINS)
      .query((q) => !q.$skiptoken)
      .reply(200, { value: [], '@odata.nextLink': `${GRAPH}${SIGNINS}?$skiptoken=2` });
    nock(GRAPH).get(SIGNINS).query({ $skiptoken: '2' }).reply(200, { value: 'nope' });
    expect((await failure(() => graph().querySignIns({ user: 'bob.kelly@contoso.com' }))).explanation).toContain(
      '(the sign-ins list, page 2: “value” was text where a list was expected)',
    );
  });

  it('directory lists, one user and registration details are checked the same way', async () => {
    nock(GRAPH).get('/v1.0/identity/conditionalAccess/policies').reply(200, { value: 3 });
    expect((await failure(() => graph().listPolicies())).explanation).toContain('(Conditional Access policies: “value” was a number');
    nock(GRAPH)
      .get(/\/v1\.0\/users\?/)
      .reply(200, { value: 'x' });
    expect((await failure(() => graph().findUsers('alex'))).explanation).toContain('(the list of users: “value” was text');
    nock(GRAPH)
      .get(/\/v1\.0\/users\/[^/?]+/)
      .reply(200, JSON.stringify([1, 2]), { 'content-type': 'application/json' });
    expect((await failure(() => graph().getUser('bob.kelly@contoso.com'))).explanation).toContain(
      '(a user: the answer was a list where an object was expected)',
    );
    nock(GRAPH)
      .get(/userRegistrationDetails\//)
      .reply(200, JSON.stringify('registered'), { 'content-type': 'application/json' });
    expect((await failure(() => graph().getRegistrationDetails('a7360e10-f512-44d7-b822-9b6017ae7262'))).explanation).toContain(
      '(MFA registration details: the answer was text',
    );
  });

  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['an error that is text', '{"error":"boom"}'],
    ['an error code that is a number', '{"error":{"code":7,"message":["x"]}}'],
  ])('an error answer whose body is %s is still explained by its status', async (_what, body) => {
    nock(GRAPH).get(SIGNINS).query(true).reply(500, body, { 'content-type': 'application/json' });
    await expect(graph().querySignIns({ user: 'bob.kelly@contoso.com' })).rejects.toMatchObject({
      status: 500,
      explanation: expect.stringMatching(/had a problem of its own/),
    });
  });

  it('records of the wrong shape inside a good list are still skipped and reported, not fatal', async () => {
    const good = (await folder.querySignIns({ user: 'bob.kelly@contoso.com', limit: 1 })).events[0];
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .reply(200, { value: [{ id: 7 }, 'nonsense', good] });
    const r = await graph().querySignIns({ user: 'bob.kelly@contoso.com' });
    expect(r.events).toHaveLength(1);
    expect(r.problems).toHaveLength(2);
  });

  it('in Teams: the person reads the shape sentence, not "Sorry, something went wrong"', async () => {
    nock(GRAPH).get(SIGNINS).query(true).reply(200, { value: 42 });
    serveTenant(folder);
    const a = await answerMessage('why did bob.kelly@contoso.com fail to sign in', {
      source: graph(),
      now: folder.asOf()!,
      timeZone: 'UTC',
      appNames: folder.appNames(),
    });
    expect(a.text).toMatch(SHAPE);
    expect(a.text).toContain('“value” was a number where a list was expected');
    expect(JSON.stringify(a.card)).not.toMatch(/something went wrong/i);
  });

  it('in Teams: a long throttle is told with the time to come back', async () => {
    nock(GRAPH)
      .get(SIGNINS)
      .query(true)
      .reply(429, { error: { code: 'TooManyRequests', message: 'slow down' } }, { 'Retry-After': '3600' });
    serveTenant(folder);
    const a = await answerMessage('why did bob.kelly@contoso.com fail to sign in', {
      source: graph(),
      now: folder.asOf()!,
      timeZone: 'UTC',
      appNames: folder.appNames(),
    });
    // The throttle runs on the real clock: within an hour of midnight UTC the time to come back is on the next day, and says so.
    expect(a.text).toMatch(
      /^Microsoft Graph is throttling this app; it asked us to wait 60 minutes, so try again after \d\d:\d\d UTC( on \d{1,2} [A-Z][a-z]+)?\.$/,
    );
  });
});
