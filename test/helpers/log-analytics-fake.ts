import nock from 'nock';
import type { LogsQueryResult } from '@azure/monitor-query-logs';
import { CONDITION_FLAGS } from '../../src/signins/enums.ts';
import type { SignIn } from '../../src/signins/signin.ts';
import type { SignInQuery } from '../../src/signins/source.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { auditLogsTable, isAuditQuery } from './audit-fakes.ts';

/**
 * A Log Analytics workspace played by nock from a tenant folder, in the documented REST
 * shape (`{"tables": [{"name", "columns": [{"name", "type"}], "rows": [[…]]}]}`). Interactive
 * events come back as SigninLogs rows (dynamic JSON columns); non-interactive ones as
 * AADNonInteractiveUserSignInLogs rows, whose JSON columns are strings. Only the KQL our
 * adapter writes is read.
 */
export const LOG_ANALYTICS = 'https://api.loganalytics.io';

const verbatim = /@'((?:[^']|'')*)'/;
const unv = (s: string) => s.replace(/''/g, "'");

const IN_LIST = /(AppId|ResourceIdentity|AppDisplayName|ResourceDisplayName) in~ \(((?:@'(?:[^']|'')*'(?:, )?)+)\)/g;

/**
 * "(AppId in~ (…) or ResourceIdentity in~ (…) or AppDisplayName in~ (…) or ResourceDisplayName in~ (…))":
 * the names, each of which must be asked of both the app and the resource (else it throws).
 */
function appNamesOf(clause: string): string[] | undefined {
  if (clause === 'false') return [];
  if (!/^\((?:AppId|AppDisplayName) in~ /.test(clause)) return undefined;
  const lists: Record<string, string[]> = {};
  for (const m of clause.matchAll(IN_LIST)) lists[m[1]!] = [...m[2]!.matchAll(/@'((?:[^']|'')*)'/g)].map((v) => unv(v[1]!));
  const same = (a?: string[], b?: string[]) => JSON.stringify(a ?? []) === JSON.stringify(b ?? []);
  if (!same(lists.AppId, lists.ResourceIdentity) || !same(lists.AppDisplayName, lists.ResourceDisplayName))
    throw new Error(`the fake workspace reads "${clause}" as app names not also asked as the resource`);
  return [...(lists.AppId ?? []), ...(lists.AppDisplayName ?? [])];
}

export function queryFromKql(kql: string): { q: SignInQuery; take: number } {
  const first = /\(SigninLogs(?: \| where (.*?))? \| extend /.exec(kql);
  const q: SignInQuery = {};
  const where = first?.[1] ?? '';
  for (const clause of where ? where.split(/ and (?![^()]*\))/) : []) {
    let m: RegExpExecArray | null;
    if ((m = /^CreatedDateTime (>=|<=) datetime\((.+)\)$/.exec(clause))) q[m[1] === '>=' ? 'since' : 'until'] = m[2]!;
    else if ((m = /^\(Id =~ @'((?:[^']|'')*)' or OriginalRequestId =~/.exec(clause))) q.requestId = unv(m[1]!);
    else if ((m = /^ResultType == @'(\d+)'$/.exec(clause))) q.errorCode = Number(m[1]);
    else if (clause === "ResultType == '0'") q.outcome = 'success';
    else if (clause === "ResultType != '0'") q.outcome = 'failure';
    else if (appNamesOf(clause)) {
      if (q.apps) throw new Error('the fake workspace reads one list of app names');
      q.apps = appNamesOf(clause);
    } else if ((m = /^(\w+) (=~|==) /.exec(clause))) {
      const v = unv(verbatim.exec(clause)![1]!);
      const key = { UserId: 'user', UserPrincipalName: 'user', AppId: 'app', AppDisplayName: 'app', CorrelationId: 'correlationId', IPAddress: 'ip' }[m[1]!] as
        keyof SignInQuery | undefined;
      if (!key) throw new Error(`the fake workspace cannot read "${clause}"`);
      (q as Record<string, unknown>)[key] = v;
    } else throw new Error(`the fake workspace cannot read "${clause}"`);
  }
  const take = Number(/\| take (\d+)/.exec(kql)?.[1] ?? 5000);
  return { q, take };
}

function bitmask(v: unknown): unknown {
  if (typeof v !== 'string') return v;
  return v
    .split(',')
    .map((s) => CONDITION_FLAGS[s.trim()] ?? 0)
    .reduce((a, b) => a | b, 0);
}

/** A sign-in as the workspace stores it. */
export function toRow(s: SignIn): Record<string, unknown> {
  const nonInteractive = s.isInteractive === false;
  // After the query's tostring(), every JSON column reaches the client as text.
  const j = (v: unknown) => (v === undefined || v === null ? null : JSON.stringify(v));
  const policies = (s.appliedConditionalAccessPolicies ?? null)?.map((p) => ({
    ...p,
    conditionsSatisfied: bitmask(p.conditionsSatisfied),
    conditionsNotSatisfied: bitmask(p.conditionsNotSatisfied),
  }));
  return {
    TimeGenerated: new Date(Date.parse(s.createdDateTime) + 4 * 60_000).toISOString(),
    Type: nonInteractive ? 'AADNonInteractiveUserSignInLogs' : 'SigninLogs',
    SourceTable: nonInteractive ? 'AADNonInteractiveUserSignInLogs' : 'SigninLogs',
    Id: s.id,
    CreatedDateTime: s.createdDateTime,
    UserId: s.userId,
    UserDisplayName: s.userDisplayName,
    Identity: s.userDisplayName,
    UserPrincipalName: s.userPrincipalName,
    AppId: s.appId,
    AppDisplayName: s.appDisplayName,
    IPAddress: s.ipAddress,
    ClientAppUsed: s.clientAppUsed,
    UserAgent: s.userAgent,
    CorrelationId: s.correlationId,
    ConditionalAccessStatus: s.conditionalAccessStatus,
    OriginalRequestId: s.originalRequestId,
    IsInteractive: s.isInteractive,
    TokenIssuerName: s.tokenIssuerName,
    TokenIssuerType: s.tokenIssuerType,
    ProcessingTimeInMilliseconds: s.processingTimeInMilliseconds == null ? null : String(s.processingTimeInMilliseconds),
    RiskDetail: s.riskDetail,
    RiskLevelAggregated: s.riskLevelAggregated,
    RiskLevelDuringSignIn: s.riskLevelDuringSignIn,
    RiskState: s.riskState,
    RiskEventTypes_V2: JSON.stringify(s.riskEventTypes_v2 ?? []),
    ResourceDisplayName: s.resourceDisplayName,
    ResourceIdentity: s.resourceId,
    ResourceId: '/tenants/4d1e7a2c-6b0f-4c3e-9a51-2f8b7c6d5e40/providers/Microsoft.aadiam',
    ResourceTenantId: s.resourceTenantId,
    HomeTenantId: s.homeTenantId,
    AuthenticationRequirement: s.authenticationRequirement,
    AuthenticationRequirementPolicies: JSON.stringify(s.authenticationRequirementPolicies ?? []),
    AuthenticationProtocol: s.authenticationProtocol,
    IncomingTokenType: s.incomingTokenType,
    SignInIdentifier: s.signInIdentifier,
    ...(nonInteractive ? { SignInEventTypes: JSON.stringify(s.signInEventTypes ?? []) } : {}),
    UserType: s.userType ? s.userType.charAt(0).toUpperCase() + s.userType.slice(1) : null,
    CrossTenantAccessType: s.crossTenantAccessType,
    UniqueTokenIdentifier: s.uniqueTokenIdentifier,
    FlaggedForReview: s.flaggedForReview,
    AutonomousSystemNumber: s.autonomousSystemNumber == null ? null : String(s.autonomousSystemNumber),
    ResultType: String(s.status.errorCode),
    ResultDescription: s.status.failureReason ?? null,
    Status: j(s.status),
    DeviceDetail: j(s.deviceDetail),
    LocationDetails: j(s.location),
    Location: s.location?.countryOrRegion ?? null,
    ConditionalAccessPolicies: j(policies),
    AuthenticationDetails: JSON.stringify(s.authenticationDetails ?? []),
    NetworkLocationDetails: JSON.stringify(s.networkLocationDetails ?? []),
    AuthenticationProcessingDetails: JSON.stringify(s.authenticationProcessingDetails ?? []),
    SessionLifetimePolicies: JSON.stringify(s.sessionLifetimePolicies ?? []),
  };
}

/** A workspace's answer, as the documented REST table: column names and types, and rows of values. */
async function answer(folder: TenantFolderSource, query: string) {
  if (isAuditQuery(query)) return auditLogsTable((await folder.listDirectoryAudits({})) ?? [], query);
  const { q, take } = queryFromKql(query);
  const events = (await folder.querySignIns({ ...q, limit: take })).events;
  const rows = events.map(toRow);
  const names = [...new Set(rows.flatMap((r) => Object.keys(r)))];
  const type = (n: string) =>
    n === 'CreatedDateTime' || n === 'TimeGenerated' ? 'datetime' : n === 'IsInteractive' || n === 'FlaggedForReview' ? 'bool' : 'string';
  return { name: 'PrimaryResult', columns: names.map((n) => ({ name: n, type: type(n) })), rows: rows.map((r) => names.map((n) => r[n] ?? null)) };
}

/**
 * The SDK's LogsQueryClient played in memory from a tenant folder, for code that builds its
 * own client (the registry's log-analytics source): a test puts it in place of the SDK's with
 * vi.mock('@azure/monitor-query-logs'). It answers as the SDK does after reading the REST
 * answer: column descriptors, rows, datetime columns as Dates.
 */
export class FakeLogsQueryClient {
  /** The folder every client answers from, and the queries each workspace was sent (set and read by the test). */
  static folder: TenantFolderSource | undefined;
  static readonly queries: { workspaceId: string; query: string }[] = [];

  async queryWorkspace(workspaceId: string, query: string): Promise<LogsQueryResult> {
    FakeLogsQueryClient.queries.push({ workspaceId, query });
    if (!FakeLogsQueryClient.folder) throw new Error('FakeLogsQueryClient.folder is not set');
    const t = await answer(FakeLogsQueryClient.folder, query);
    const rows = t.rows.map((row) => row.map((v, i) => (t.columns[i]!.type === 'datetime' && typeof v === 'string' ? new Date(v) : v)));
    return { status: 'Success', tables: [{ name: t.name, columnDescriptors: t.columns, rows: rows as never }] } as LogsQueryResult;
  }
}

export interface FakeWorkspace {
  queries: string[];
}

export function serveWorkspace(
  folder: TenantFolderSource,
  workspaceId: string,
  opts: { partial?: boolean; error?: { status: number; code: string; message: string } } = {},
): FakeWorkspace {
  const queries: string[] = [];
  nock(LOG_ANALYTICS)
    .persist()
    .post(`/v1/workspaces/${workspaceId}/query`)
    .reply(async (_uri, body) => {
      const { query } = body as { query: string; timespan?: string };
      queries.push(query);
      if (opts.error) return [opts.error.status, { error: { code: opts.error.code, message: opts.error.message } }];
      const table = await answer(folder, query);
      return [
        200,
        opts.partial
          ? { tables: [table], error: { code: 'PartialError', message: 'Query result set has exceeded the internal data size limit' } }
          : { tables: [table] },
      ];
    });
  return { queries };
}
