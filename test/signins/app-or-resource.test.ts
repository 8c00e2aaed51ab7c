import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { LogAnalyticsSource } from '../../src/signins/log-analytics/log-analytics-source.ts';
import { whereClauses } from '../../src/signins/kusto/signin-query.ts';
import { combine } from '../../src/signins/combine.ts';
import { RequestBudget } from '../../src/signins/graph/budget.ts';
import { GraphClient } from '../../src/signins/graph/graph-client.ts';
import { GraphSource } from '../../src/signins/graph/graph-source.ts';
import { MAX_FILTERED_APPS } from '../../src/signins/graph/odata.ts';
import { matches } from '../../src/signins/query-result.ts';
import type { SignIn } from '../../src/signins/signin.ts';
import type { SignInQuery, SignInSource } from '../../src/signins/source.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { fakeCredential, queryFromFilter, serveTenant } from '../helpers/graph-fake.ts';
import { queryFromKql, serveWorkspace } from '../helpers/log-analytics-fake.ts';

/**
 * "outlook" is Outlook Mobile, Microsoft Office and Exchange Online, whichever side of a
 * sign-in names them (issue 15): `SignInQuery.apps` matches any name as the app (id or name)
 * or as the resource (id or name), in every adapter. The sample tenant has sign-ins whose app
 * is Microsoft Office and whose resource is Exchange Online: only the resource names them.
 */
const EXO = 'Office 365 Exchange Online';
const EXO_ID = '00000002-0000-0ff1-ce00-000000000000';
const OUTLOOK = ['Outlook Mobile', 'Microsoft Office', EXO];
const WS = 'b1c2d3e4-0000-4000-8000-000000000002';
const WINDOW = { since: '2026-11-19T01:00:00Z', until: '2026-11-21T01:00:00Z' };

let folder: TenantFolderSource;
let all: SignIn[];
beforeAll(async () => {
  folder = openSource(undefined);
  all = (await folder.querySignIns({})).events;
  nock.disableNetConnect();
});
afterEach(() => nock.cleanAll());

/** The answer worked out by hand from every record: newest first, each once. */
const lower = (s: string | null | undefined) => (s ?? '').toLowerCase();
function byHand(names: string[], window: { since?: string; until?: string } = {}): string[] {
  const wanted = new Set(names.map(lower));
  return all
    .filter((s) => [s.appId, s.appDisplayName, s.resourceId, s.resourceDisplayName].some((v) => wanted.has(lower(v))))
    .filter((s) => Date.parse(s.createdDateTime) >= Date.parse(window.since ?? '0000') && Date.parse(s.createdDateTime) <= Date.parse(window.until ?? '9999'))
    .map((s) => s.id);
}
const ids = async (source: SignInSource, q: SignInQuery) => (await source.querySignIns(q)).events.map((e) => e.id);

describe('the shared check on each record', () => {
  const s = (app: string, resource: string) =>
    ({ appId: 'a-id', appDisplayName: app, resourceId: 'r-id', resourceDisplayName: resource, status: { errorCode: 0 } }) as SignIn;
  it('any name, as the app or the resource, by name or id, case-insensitively', () => {
    expect(matches(s('Microsoft Office', EXO), { apps: ['outlook mobile', 'office 365 exchange online'] })).toBe(true);
    expect(matches(s('Microsoft Office', 'Office 365 SharePoint Online'), { apps: ['Outlook Mobile', EXO] })).toBe(false);
    expect(matches(s('x', 'y'), { apps: ['R-ID'] })).toBe(true);
    expect(matches(s('x', 'y'), { app: 'r-id' })).toBe(true);
  });
  it('an empty list (or one of blanks) matches nothing; app and apps must both match', () => {
    expect(matches(s('x', 'y'), { apps: [] })).toBe(false);
    expect(matches(s('x', 'y'), { apps: [' '] })).toBe(false);
    expect(matches(s('x', 'y'), { app: 'x', apps: ['y'] })).toBe(true);
    expect(matches(s('x', 'y'), { app: 'x', apps: ['z'] })).toBe(false);
  });
});

describe('tenant folder: the index knows the resource too', () => {
  it('"Office 365 Exchange Online" finds the sign-ins to it from Microsoft Office, not only its own', async () => {
    const found = await ids(folder, { apps: [EXO] });
    const expected = byHand([EXO]);
    expect(found).toEqual(expected);
    const apps = new Set(all.filter((s) => found.includes(s.id)).map((s) => s.appDisplayName));
    expect(apps).toContain('Microsoft Office');
    expect(apps).toContain(EXO);
    // By the resource's id as well, and `app` (the CLI's --app) the same way.
    expect(await ids(folder, { apps: [EXO_ID] })).toEqual(expected);
    expect(await ids(folder, { app: EXO.toUpperCase() })).toEqual(expected);
  });

  it('several names: the union, newest first, each sign-in once', async () => {
    const found = await ids(folder, { apps: OUTLOOK });
    expect(found).toEqual(byHand(OUTLOOK));
    expect(new Set(found).size).toBe(found.length);
    const user = all.find((s) => s.appDisplayName === 'Outlook Mobile')!.userId;
    expect(await ids(folder, { apps: OUTLOOK, user, outcome: 'failure' })).toEqual(
      all.filter((s) => s.userId === user && s.status.errorCode !== 0 && found.includes(s.id)).map((s) => s.id),
    );
  });

  it('app and apps together must both match; no names, no sign-ins', async () => {
    expect(await ids(folder, { app: 'Microsoft Office', apps: [EXO] })).toEqual(
      all.filter((s) => s.appDisplayName === 'Microsoft Office' && [s.appDisplayName, s.resourceDisplayName].includes(EXO)).map((s) => s.id),
    );
    expect(await ids(folder, { apps: [] })).toEqual([]);
  });

  it('the parser knows resource names seen only as resources', () => {
    expect(folder.appNames()).toContain('Microsoft Teams Services');
  });
});

describe('Microsoft Graph: app or resource in the $filter', () => {
  const graph = () => new GraphSource(new GraphClient({ credential: fakeCredential, reportsBudget: new RequestBudget({ limit: 1000, windowMs: 1000 }) }));

  it('each name as appDisplayName or resourceDisplayName (ids as appId or resourceId), quotes doubled', () => {
    expect(graph().signInFilter({ apps: ['Outlook Mobile', EXO_ID.toUpperCase(), "o'brien"] })).toBe(
      "(appDisplayName eq 'Outlook Mobile' or resourceDisplayName eq 'Outlook Mobile'" +
        ` or appId eq '${EXO_ID}' or resourceId eq '${EXO_ID}'` +
        " or appDisplayName eq 'o''brien' or resourceDisplayName eq 'o''brien')",
    );
    expect(queryFromFilter(graph().signInFilter({ apps: ["x' or 1 eq 1 or appId eq '", 'y'] }))).toEqual({ apps: ["x' or 1 eq 1 or appId eq '", 'y'] });
  });

  it('answers as the folder does, for a list Graph filters and for one too long to send (checked on each record)', async () => {
    serveTenant(folder);
    expect(await ids(graph(), { apps: OUTLOOK, ...WINDOW })).toEqual(byHand(OUTLOOK, WINDOW));
    const many = [...OUTLOOK, ...Array.from({ length: MAX_FILTERED_APPS }, (_, i) => `Nothing ${i}`)];
    expect(graph().signInFilter({ apps: many })).toBe('');
    expect(await ids(graph(), { apps: many, ...WINDOW })).toEqual(byHand(OUTLOOK, WINDOW));
  });

  it('an empty list asks Graph nothing and finds nothing', async () => {
    const scope = serveTenant(folder);
    expect(await ids(graph(), { apps: [], ...WINDOW })).toEqual([]);
    expect(scope.requests).toEqual([]);
  });
});

describe('KQL: AppDisplayName/ResourceDisplayName in~ (…)', () => {
  it('ids on AppId/ResourceIdentity, names on the display names, every value a verbatim literal', () => {
    expect(whereClauses({ apps: ['Outlook Mobile', EXO_ID, "o'brien"] })).toEqual([
      `(AppId in~ (@'${EXO_ID}') or ResourceIdentity in~ (@'${EXO_ID}') or AppDisplayName in~ (@'Outlook Mobile', @'o''brien') or ResourceDisplayName in~ (@'Outlook Mobile', @'o''brien'))`,
    ]);
    expect(whereClauses({ apps: [' '] })).toEqual(['false']);
  });

  it('answers as the folder does', async () => {
    serveWorkspace(folder, WS);
    const la = combine(new LogAnalyticsSource(new LogsQueryClient(fakeCredential as never, { retryOptions: { maxRetries: 0 } } as never), WS), folder);
    expect(await ids(la, { apps: OUTLOOK, ...WINDOW })).toEqual(byHand(OUTLOOK, WINDOW));
    expect(queryFromKql(`(SigninLogs | where ${whereClauses({ apps: ["a') or true or ('", 'b'] }).join(' and ')} | extend `).q).toEqual({
      apps: ["a') or true or ('", 'b'],
    });
  });
});
