import { AUDIT_COLUMNS } from '../../src/signins/kusto/audit-query.ts';
import type { DirectoryAudit } from '../../src/signins/directory-audit.ts';

/**
 * The directory audit log as the fakes serve it: Graph's `GET /auditLogs/directoryAudits`
 * filters (only the clauses the List directoryAudits page documents are understood; anything
 * else throws, so a test notices) and a workspace's `AuditLogs` table as the REST API answers
 * our projected query (JSON columns as text after tostring()).
 */
const unquote = (s: string) => s.slice(1, -1).replace(/''/g, "'");

/** Whether an entry passes a `$filter` our adapter writes (clauses joined by " and "). */
export function auditMatchesFilter(filter: string, a: DirectoryAudit): boolean {
  return (filter ? filter.split(' and ') : []).every((clause) => {
    let m: RegExpExecArray | null;
    if ((m = /^activityDateTime (ge|le) (\S+)$/.exec(clause)))
      return m[1] === 'ge' ? Date.parse(a.activityDateTime) >= Date.parse(m[2]!) : Date.parse(a.activityDateTime) <= Date.parse(m[2]!);
    if ((m = /^targetResources\/any\(t: t\/id eq ('(?:[^']|'')*')\)$/.exec(clause)))
      return (a.targetResources ?? []).some((t) => t.id?.toLowerCase() === unquote(m![1]!).toLowerCase());
    if ((m = /^targetResources\/any\(t: t\/displayName eq ('(?:[^']|'')*')\)$/.exec(clause)))
      return (a.targetResources ?? []).some((t) => t.displayName === unquote(m![1]!));
    if ((m = /^loggedByService eq ('(?:[^']|'')*')$/.exec(clause))) return a.loggedByService === unquote(m[1]!);
    throw new Error(`not a documented directoryAudits filter: ${clause}`);
  });
}

/** The REST table answering an `auditQuery` statement: its time bounds, its person filter (a superset, as KQL's `contains`), its take. */
export function auditLogsTable(all: DirectoryAudit[], query: string) {
  const lo = /ActivityDateTime >= datetime\(([^)]+)\)/.exec(query)?.[1];
  const hi = /ActivityDateTime <= datetime\(([^)]+)\)/.exec(query)?.[1];
  const about = /contains @'((?:[^']|'')*)' or LoggedByService == 'Conditional Access' or tostring\(TargetResources\) contains @'((?:[^']|'')*)'/.exec(query);
  const take = Number(/\| take (\d+)/.exec(query)?.[1] ?? 5000);
  const rows = all
    .filter((a) => (!lo || Date.parse(a.activityDateTime) >= Date.parse(lo)) && (!hi || Date.parse(a.activityDateTime) <= Date.parse(hi)))
    .filter((a) => {
      if (!about) return true;
      const targets = JSON.stringify(a.targetResources ?? []).toLowerCase();
      return targets.includes(about[1]!.toLowerCase()) || a.loggedByService === 'Conditional Access' || targets.includes(about[2]!.toLowerCase());
    })
    .slice(0, take)
    .map((a) => ({
      Id: a.id,
      Category: a.category,
      ActivityDisplayName: a.activityDisplayName,
      ActivityDateTime: a.activityDateTime,
      LoggedByService: a.loggedByService,
      OperationType: a.operationType,
      Result: a.result,
      CorrelationId: (a as { correlationId?: string }).correlationId ?? null,
      InitiatedBy: JSON.stringify(a.initiatedBy ?? {}),
      TargetResources: JSON.stringify(a.targetResources ?? []),
    }));
  const columns = AUDIT_COLUMNS.map((name) => ({ name, type: name === 'ActivityDateTime' ? 'datetime' : 'string' }));
  return { name: 'PrimaryResult', columns, rows: rows.map((r) => AUDIT_COLUMNS.map((c) => (r as Record<string, unknown>)[c] ?? null)) };
}

export const isAuditQuery = (kql: string) => kql.startsWith('AuditLogs\n');
