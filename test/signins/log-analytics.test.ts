import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { LogAnalyticsError, LogAnalyticsSource } from '../../src/signins/log-analytics/log-analytics-source.ts';
import { kqlString, signInsQuery, whereClauses } from '../../src/signins/kusto/signin-query.ts';
import { combine } from '../../src/signins/combine.ts';
import { RequestBudget } from '../../src/signins/graph/budget.ts';
import { GraphClient } from '../../src/signins/graph/graph-client.ts';
import { GraphSource } from '../../src/signins/graph/graph-source.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import type { SignInSource } from '../../src/signins/source.ts';
import { openSource } from '../../src/sources.ts';
import { diagnoseRequest } from '../../src/query/diagnose-attempts.ts';
import { fakeCredential, serveTenant } from '../helpers/graph-fake.ts';
import { queryFromKql, serveWorkspace } from '../helpers/log-analytics-fake.ts';

const WS = 'b1c2d3e4-0000-4000-8000-000000000001';
let folder: TenantFolderSource;
beforeAll(() => {
  folder = openSource(undefined);
  nock.disableNetConnect();
});
afterEach(() => nock.cleanAll());

const logAnalytics = () =>
  combine(new LogAnalyticsSource(new LogsQueryClient(fakeCredential as never, { retryOptions: { maxRetries: 0 } } as never), WS), folder);

describe('KQL built safely', () => {
  it('verbatim literals with quotes doubled: typed text cannot change the query', () => {
    expect(kqlString("o'brien")).toBe("@'o''brien'");
    expect(whereClauses({ user: "bob' or 1 == 1 //" })).toEqual(["UserPrincipalName =~ @'bob'' or 1 == 1 //'"]);
    expect(kqlString('line\nbreak')).toBe("@'linebreak'");
    // Read back as the workspace would: one value.
    expect(queryFromKql(signInsQuery({ user: "bob' or 1 == 1 //" }, 10)).q).toEqual({ user: "bob' or 1 == 1 //" });
  });

  it('filters each key on the right column (CreatedDateTime, not ingestion time; ResultType as a string)', () => {
    expect(
      whereClauses({
        since: '2026-11-19T01:00:00Z',
        until: '2026-11-20T01:00:00Z',
        errorCode: 50053,
        ip: '1.2.3.4',
        app: 'Salesforce',
        correlationId: 'c',
        requestId: 'r',
      }),
    ).toEqual([
      'CreatedDateTime >= datetime(2026-11-19T01:00:00.000Z)',
      'CreatedDateTime <= datetime(2026-11-20T01:00:00.000Z)',
      "(AppDisplayName in~ (@'Salesforce') or ResourceDisplayName in~ (@'Salesforce'))",
      "CorrelationId =~ @'c'",
      "(Id =~ @'r' or OriginalRequestId =~ @'r')",
      "ResultType == @'50053'",
      "IPAddress == @'1.2.3.4'",
    ]);
    expect(whereClauses({ user: 'A7360E10-F512-44D7-B822-9B6017AE7262', outcome: 'failure' })).toEqual([
      "UserId =~ @'A7360E10-F512-44D7-B822-9B6017AE7262'",
      "ResultType != '0'",
    ]);
  });

  it('queries both tables, with their differing JSON columns made alike before the union', () => {
    const kql = signInsQuery({ user: 'bob@contoso.com' }, 100);
    expect(kql).toMatch(/^union withsource=SourceTable \(SigninLogs .*\), \(AADNonInteractiveUserSignInLogs /);
    expect(kql).toMatch(
      /ProcessingTimeInMilliseconds = tostring\(column_ifexists\('ProcessingTimeInMilliseconds', column_ifexists\('ProcessingTimeInMs', ''\)\)\)/,
    );
    expect(kql).toMatch(/\| take 100$/);
  });
});

describe('reading a workspace (nock, documented response shape)', () => {
  it('a user’s sign-ins, interactive and non-interactive rows alike, the same as the folder holds', async () => {
    serveWorkspace(folder, WS);
    const q = { user: 'bob.kelly@contoso.com', since: '2026-11-19T01:00:00Z', until: '2026-11-21T01:00:00Z' };
    const r = await logAnalytics().querySignIns(q);
    expect(r.problems).toEqual([]);
    expect(r.events.map((e) => e.id)).toEqual((await folder.querySignIns(q)).events.map((e) => e.id));
    const nonInteractive = r.events.find((e) => e.isInteractive === false)!;
    expect(nonInteractive.signInEventTypes).toEqual(['nonInteractiveUser']);
    expect(nonInteractive.deviceDetail?.operatingSystem).toBeTruthy();
    // conditionsSatisfied arrives as the integer bitmask; the engine reads either form.
    expect(typeof r.events.find((e) => e.appliedConditionalAccessPolicies?.length)!.appliedConditionalAccessPolicies![0]!.conditionsSatisfied).toBe('number');
  });

  it('partial results: the rows that came, and a note that some may be missing', async () => {
    serveWorkspace(folder, WS, { partial: true });
    const r = await logAnalytics().querySignIns({ user: 'bob.kelly@contoso.com', since: '2026-11-19T01:00:00Z', until: '2026-11-21T01:00:00Z' });
    expect(r.events.length).toBeGreaterThan(0);
    expect(r.problems[0]!.message).toMatch(/partial results .*some sign-ins may be missing/);
  });

  it('query errors are explained: no sign-in tables, no access', async () => {
    serveWorkspace(folder, WS, {
      error: { status: 400, code: 'BadArgumentError', message: "'where' operator: Failed to resolve table or column expression named 'SigninLogs'" },
    });
    await expect(logAnalytics().querySignIns({ user: 'bob@contoso.com' })).rejects.toMatchObject({
      explanation: expect.stringMatching(/no SigninLogs .* diagnostic setting/),
    });
    nock.cleanAll();
    serveWorkspace(folder, WS, { error: { status: 403, code: 'InsufficientAccessError', message: 'The provided credentials have insufficient access' } });
    const err = await logAnalytics()
      .querySignIns({ user: 'bob@contoso.com' })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(LogAnalyticsError);
    expect((err as LogAnalyticsError).explanation).toMatch(/Log Analytics Reader/);
  });
});

describe('one fixture, three adapters, the same diagnoses', () => {
  it('tenant folder, Microsoft Graph (nock) and Log Analytics (nock) agree attempt by attempt', async () => {
    serveTenant(folder);
    serveWorkspace(folder, WS);
    const graph = new GraphSource(new GraphClient({ credential: fakeCredential, reportsBudget: new RequestBudget({ limit: 1000, windowMs: 1000 }) }));
    const sources: [string, SignInSource][] = [
      ['folder', folder],
      ['graph', graph],
      ['log analytics', logAnalytics()],
    ];
    const now = folder.asOf()!;
    for (const user of ['bob.kelly@contoso.com', 'megan.bowen@contoso.com', 'joni.sherman@contoso.com', 'adele.vance@contoso.com']) {
      const seen = [];
      for (const [name, source] of sources) {
        const r = await diagnoseRequest(source, { user, since: '2026-11-14T00:00:00Z', until: now, now });
        seen.push({
          name,
          diagnoses: r.diagnoses.map((d) => ({
            correlationId: d.correlationId,
            scenario: d.scenario,
            assessment: d.assessment,
            policies: d.policies.map((p) => `${p.displayName}:${p.result}`),
            findings: d.findings.map((f) => f.kind),
            actions: d.actions.map((a) => a.who),
          })),
        });
      }
      expect(seen[0]!.diagnoses.length, user).toBeGreaterThan(10);
      expect(seen[1]!.diagnoses, `${user}: graph`).toEqual(seen[0]!.diagnoses);
      expect(seen[2]!.diagnoses, `${user}: log analytics`).toEqual(seen[0]!.diagnoses);
    }
  }, 120_000);
});
