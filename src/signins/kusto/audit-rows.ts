import { json, str } from './signin-rows.ts';
import { DirectoryAudit } from '../directory-audit.ts';
import type { SourceProblem } from '../source.ts';

/**
 * AuditLogs rows (the columns `auditQuery` projects) → the Graph directoryAudit shape, so the
 * three sources hand "what changed" the same records. `InitiatedBy` and `TargetResources`
 * hold the same JSON as Graph's `initiatedBy` and `targetResources`.
 */
type Row = Record<string, unknown>;

const at = (v: unknown) => (v instanceof Date ? v.toISOString() : str(v));

export function rowToAudit(r: Row): Row {
  return {
    id: str(r.Id),
    category: str(r.Category),
    activityDisplayName: str(r.ActivityDisplayName ?? r.OperationName),
    activityDateTime: at(r.ActivityDateTime ?? r.TimeGenerated),
    loggedByService: str(r.LoggedByService),
    operationType: str(r.OperationType ?? r.AADOperationType),
    result: str(r.Result),
    correlationId: str(r.CorrelationId),
    initiatedBy: json(r.InitiatedBy),
    targetResources: json(r.TargetResources),
  };
}

/** Rows → audit entries, newest first; rows that do not fit are skipped and reported. */
export function auditsFromRows(rows: Row[], where: string): { audits: DirectoryAudit[]; problems: SourceProblem[] } {
  const audits: DirectoryAudit[] = [];
  const problems: SourceProblem[] = [];
  for (const row of rows) {
    const a = DirectoryAudit.safeParse(rowToAudit(row));
    if (a.success) audits.push(a.data);
    else problems.push({ where, message: `an AuditLogs row did not fit (${a.error.issues[0]?.path.join('.')}: ${a.error.issues[0]?.message}); skipped` });
  }
  audits.sort((a, b) => Date.parse(b.activityDateTime) - Date.parse(a.activityDateTime));
  return { audits, problems };
}
