import type { AuditQuery } from '../source.ts';
import { kqlDatetime, kqlString } from './signin-query.ts';
import { SECURITY_DEFAULTS_TARGET } from '../directory-audit.ts';

/**
 * KQL for the directory audit log as Azure Monitor stores it (the `AuditLogs` table, its
 * documented columns): the same entries Graph's directoryAudits lists, one row each, with
 * `InitiatedBy` and `TargetResources` as the same JSON. The time is `ActivityDateTime`, when
 * the change was made (`TimeGenerated` is when the workspace received it).
 *
 * With `about`, only what "what changed" reads, like the Graph reads: entries naming the
 * person among their targets, the Conditional Access service's entries, the security
 * defaults entries. `contains` over the targets' JSON is a superset (an id mentioned in a
 * modified property also matches); the reader checks the target id exactly.
 */
export const AUDIT_COLUMNS = [
  'Id',
  'Category',
  'ActivityDisplayName',
  'ActivityDateTime',
  'LoggedByService',
  'OperationType',
  'Result',
  'CorrelationId',
  'InitiatedBy',
  'TargetResources',
] as const;

export function auditWhere(q: AuditQuery): string[] {
  const w: string[] = [];
  if (q.since) w.push(`ActivityDateTime >= ${kqlDatetime(q.since)}`);
  if (q.until) w.push(`ActivityDateTime <= ${kqlDatetime(q.until)}`);
  const about = q.about?.trim();
  if (about !== undefined)
    w.push(
      `(tostring(TargetResources) contains ${kqlString(about)} or LoggedByService == 'Conditional Access' or tostring(TargetResources) contains ${kqlString(SECURITY_DEFAULTS_TARGET)})`,
    );
  return w;
}

/** The audit entries of a window, newest first, at most `take` rows; dynamic columns as JSON text (read back the same from any client). */
export function auditQuery(q: AuditQuery, take: number): string {
  const where = auditWhere(q);
  return [
    'AuditLogs',
    ...(where.length ? [`| where ${where.join(' and ')}`] : []),
    '| extend ActivityDisplayName = iff(isempty(ActivityDisplayName), OperationName, ActivityDisplayName), OperationType = AADOperationType',
    '| extend InitiatedBy = tostring(InitiatedBy), TargetResources = tostring(TargetResources)',
    `| project ${AUDIT_COLUMNS.join(', ')}`,
    '| order by ActivityDateTime desc',
    `| take ${Math.max(1, Math.trunc(take))}`,
  ].join('\n');
}
