import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { LogsQueryClient } from '@azure/monitor-query-logs';
import { RequestBudget } from '../../src/signins/graph/budget.ts';
import { GraphClient } from '../../src/signins/graph/graph-client.ts';
import { GraphSource } from '../../src/signins/graph/graph-source.ts';
import { auditFilters } from '../../src/signins/graph/audits.ts';
import { LogAnalyticsSource } from '../../src/signins/log-analytics/log-analytics-source.ts';
import { auditQuery } from '../../src/signins/kusto/audit-query.ts';
import type { DirectoryAudit } from '../../src/signins/directory-audit.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import type { DiagnosisInput } from '../../src/diagnosis/diagnosis-parts.ts';
import { tenantChanges } from '../../src/diagnosis/tenant-changes.ts';
import { openSource } from '../../src/sources.ts';
import { GRAPH, fakeCredential } from '../helpers/graph-fake.ts';
import { LOG_ANALYTICS } from '../helpers/log-analytics-fake.ts';
import { auditLogsTable, auditMatchesFilter, isAuditQuery } from '../helpers/audit-fakes.ts';

/**
 * The directory audit log from the three sources: Graph's `GET /v1.0/auditLogs/directoryAudits`
 * and a workspace's `AuditLogs` table, both played by nock in their documented shapes from the
 * sample tenant's directoryAudits.json, must give "what changed" the same lines as the folder.
 */
const WS = 'b1c2d3e4-0000-4000-8000-000000000001';
const AS_OF = '2026-11-21T01:00:00Z';
const SINCE = '2026-10-22T01:00:00Z';
let folder: TenantFolderSource;
let all: DirectoryAudit[];
beforeAll(async () => {
  folder = openSource(undefined);
  all = (await folder.listDirectoryAudits({}))!;
  nock.disableNetConnect();
});
afterEach(() => nock.cleanAll());

/** Graph's directoryAudits list: documented envelope, newest first, pages of `pageSize` with a same-origin next link. */
function serveGraphAudits(opts: { forbidden?: boolean; pageSize?: number; records?: unknown[] } = {}) {
  const filters: string[] = [];
  nock(GRAPH)
    .persist()
    .get(/\/v1\.0\/auditLogs\/directoryAudits/)
    .reply((uri) => {
      const url = new URL(uri, GRAPH);
      const filter = url.searchParams.get('$filter') ?? '';
      filters.push(filter);
      if (opts.forbidden) return [403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }];
      if (url.searchParams.get('$orderby') !== 'activityDateTime desc') return [400, { error: { code: 'BadRequest', message: 'expected $orderby' } }];
      let matched: unknown[];
      try {
        matched = opts.records ?? all.filter((a) => auditMatchesFilter(filter, a));
      } catch (e) {
        return [400, { error: { code: 'BadRequest', message: (e as Error).message } }];
      }
      const size = opts.pageSize ?? 1000;
      const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
      const body: Record<string, unknown> = { '@odata.context': `${GRAPH}/v1.0/$metadata#auditLogs/directoryAudits`, value: matched.slice(skip, skip + size) };
      if (matched.length > skip + size) {
        const next = new URL(url);
        next.searchParams.set('$skiptoken', String(skip + size));
        body['@odata.nextLink'] = next.toString();
      }
      return [200, body];
    });
  return filters;
}

/** A workspace's AuditLogs rows, as the REST API answers the projected query: JSON columns as text after tostring(). */
function serveWorkspaceAudits(opts: { error?: { status: number; code: string; message: string } } = {}) {
  const queries: string[] = [];
  nock(LOG_ANALYTICS)
    .persist()
    .post(`/v1/workspaces/${WS}/query`)
    .reply((_uri, body) => {
      const { query } = body as { query: string };
      queries.push(query);
      if (opts.error) return [opts.error.status, { error: { code: opts.error.code, message: opts.error.message } }];
      if (!isAuditQuery(query)) return [400, { error: { code: 'BadArgumentError', message: 'not an AuditLogs query' } }];
      return [200, { tables: [auditLogsTable(all, query)] }];
    });
  return queries;
}

function graph() {
  let clock = Date.parse(AS_OF);
  const reportsBudget = new RequestBudget({ limit: 5, windowMs: 10_000, now: () => clock, sleep: async (ms) => void (clock += ms) });
  const client = new GraphClient({ credential: fakeCredential, reportsBudget, sleep: async (ms) => void (clock += ms), now: () => clock });
  return { source: new GraphSource(client, () => clock), reportsBudget, client };
}

const workspace = () =>
  new LogAnalyticsSource(new LogsQueryClient(fakeCredential as never, { retryOptions: { maxRetries: 0 } } as never), WS, () => Date.parse(AS_OF));

const lines = (audits: DirectoryAudit[] | undefined, userId: string) =>
  tenantChanges({ audits } as DiagnosisInput, userId, SINCE, AS_OF).map((c) => `${c.kind}: ${c.text}`);

/** The people the sample's audit log names as targets (password, methods, groups). */
const targetedUsers = () => [...new Set(all.flatMap((a) => (a.targetResources ?? []).filter((t) => t.type === 'User').map((t) => t.id!)))];

describe('Graph: GET /v1.0/auditLogs/directoryAudits', () => {
  it('asks only what "what changed" reads about one person, with documented filters', () => {
    const id = 'A7360E10-F512-44D7-B822-9B6017AE7262';
    expect(auditFilters({ since: '2026-11-19T01:00:27Z', until: '2026-11-21T01:00:05Z', about: id })).toEqual([
      "activityDateTime ge 2026-11-19T01:00:00Z and activityDateTime le 2026-11-21T01:01:00Z and targetResources/any(t: t/id eq 'a7360e10-f512-44d7-b822-9b6017ae7262')",
      "activityDateTime ge 2026-11-19T01:00:00Z and activityDateTime le 2026-11-21T01:01:00Z and loggedByService eq 'Conditional Access'",
      "activityDateTime ge 2026-11-19T01:00:00Z and activityDateTime le 2026-11-21T01:01:00Z and targetResources/any(t: t/displayName eq 'Security Defaults Policy')",
    ]);
    // Not an object id: nobody Graph could target, so only the tenant-wide reads (and no quote can escape).
    expect(auditFilters({ about: "x' or 1 eq 1" })).toEqual([
      "loggedByService eq 'Conditional Access'",
      "targetResources/any(t: t/displayName eq 'Security Defaults Policy')",
    ]);
    expect(auditFilters({ since: '2026-11-19T01:00:00Z' })).toEqual(['activityDateTime ge 2026-11-19T01:00:00Z']);
  });

  it('reads every page through the reports budget, newest first, the exact window kept', async () => {
    const filters = serveGraphAudits({ pageSize: 4 });
    const { source, reportsBudget, client } = graph();
    const audits = (await source.listDirectoryAudits({ since: '2026-11-16T05:55:00Z', until: AS_OF }))!;
    const expected = all.filter((a) => Date.parse(a.activityDateTime) >= Date.parse('2026-11-16T05:55:00Z'));
    expect(audits.map((a) => a.id)).toEqual(expected.map((a) => a.id));
    expect(filters.length).toBeGreaterThan(1);
    // Every request went through the budget: it is an identity and access report like the sign-ins.
    expect(reportsBudget.grants.length).toBe(client.sent.length);
    expect(client.sent.length).toBe(filters.length);
  });

  it('reads the documented example record, whose targets say "Type"', async () => {
    const record = {
      id: 'id',
      category: 'UserManagement',
      correlationId: 'da159bfb-54fa-4092-8a38-6e1fa7870e30',
      result: 'success',
      resultReason: 'Successfully added member to group',
      activityDisplayName: 'Add member to group',
      activityDateTime: '2018-01-09T21:20:02.7215374Z',
      loggedByService: 'Core Directory',
      initiatedBy: {
        user: {
          id: '728309ae-1a37-4937-9afe-e35d964db09b',
          displayName: 'Audry Oliver',
          userPrincipalName: 'bob@wingtiptoysonline.com',
          ipAddress: '127.0.0.1',
        },
        app: null,
      },
      targetResources: [
        {
          id: 'ef7e527d-6c92-4234-8c6d-cf6fdfb57f95',
          displayName: 'Example.com',
          Type: 'Group',
          modifiedProperties: [{ displayName: 'Action Client Name', oldValue: null, newValue: 'DirectorySync' }],
          groupType: 'unifiedGroups',
        },
        { id: '1f0e98f5-3161-4c6b-9b50-d488572f2bb7', displayName: null, Type: 'User', modifiedProperties: [], userPrincipalName: 'bob@contoso.com' },
      ],
      additionalDetails: [{ key: 'Additional Detail Name', value: 'Additional Detail Value' }],
    };
    serveGraphAudits({ records: [record] });
    const audits = await graph().source.listDirectoryAudits({ since: '2018-01-01T00:00:00Z', until: '2018-02-01T00:00:00Z' });
    const changes = tenantChanges({ audits } as DiagnosisInput, '1f0e98f5-3161-4c6b-9b50-d488572f2bb7', '2018-01-01T00:00:00Z', '2018-02-01T00:00:00Z');
    expect(changes.map((c) => c.text)).toEqual(['added to group "Example.com" by bob@wingtiptoysonline.com at 2018-01-09 21:20 UTC']);
  });

  it('without AuditLog.Read.All: no log (the gap line), and the reason names the permission; not an error', async () => {
    serveGraphAudits({ forbidden: true });
    const { source } = graph();
    expect(await source.listDirectoryAudits({ since: SINCE, until: AS_OF, about: targetedUsers()[0] })).toBeUndefined();
    const problem = source.loadProblems().find((p) => p.where === 'Microsoft Graph directory audit log');
    expect(problem?.message).toMatch(/AuditLog\.Read\.All/);
    expect(problem?.message).not.toMatch(/sign-in logs/);
  });
});

describe('Log Analytics: the AuditLogs table', () => {
  it('one query on the documented columns, the change time (ActivityDateTime) not ingestion time', () => {
    const kql = auditQuery({ since: '2026-11-19T01:00:00Z', until: AS_OF, about: "o'brien" }, 100);
    expect(kql).toContain('ActivityDateTime >= datetime(2026-11-19T01:00:00.000Z)');
    expect(kql).toContain("contains @'o''brien'");
    expect(kql).not.toMatch(/TimeGenerated/);
  });

  it('a workspace without the AuditLogs table: no log, and the reason says which diagnostic setting to tick', async () => {
    serveWorkspaceAudits({
      error: { status: 400, code: 'BadArgumentError', message: "'where' operator: Failed to resolve table or column expression named 'AuditLogs'" },
    });
    const la = workspace();
    expect(await la.listDirectoryAudits({ since: SINCE, until: AS_OF })).toBeUndefined();
    expect(la.loadProblems().map((p) => p.message)).toEqual([expect.stringMatching(/no AuditLogs table.*diagnostic setting/)]);
  });
});

describe('the three sources, the same audits', () => {
  it('give "what changed" the same lines for every person the log names, and for the tenant', async () => {
    const graphFilters = serveGraphAudits({ pageSize: 3 });
    const kql = serveWorkspaceAudits();
    const g = graph().source;
    const la = workspace();
    const people = targetedUsers();
    expect(people.length).toBeGreaterThanOrEqual(4);
    for (const id of people) {
      const q = { since: SINCE, until: AS_OF, about: id };
      const fromFolder = lines(await folder.listDirectoryAudits(q), id);
      // Each person has at least their own change besides the tenant's policy changes.
      expect(fromFolder.some((l) => /^(password|methods|group):/.test(l))).toBe(true);
      expect(lines(await g.listDirectoryAudits(q), id)).toEqual(fromFolder);
      expect(lines(await la.listDirectoryAudits(q), id)).toEqual(fromFolder);
    }
    // Security defaults and the policies reached all three.
    const anyone = people[0]!;
    expect(
      lines(await g.listDirectoryAudits({ since: SINCE, until: AS_OF, about: anyone }), anyone).filter((l) => l.startsWith('security-defaults')),
    ).toHaveLength(1);
    // Graph was asked narrowly: every read named the person, the CA service or security defaults.
    expect(graphFilters.every((f) => /targetResources\/any|loggedByService eq/.test(f))).toBe(true);
    expect(kql.every((q) => q.startsWith('AuditLogs\n'))).toBe(true);
  });
});
