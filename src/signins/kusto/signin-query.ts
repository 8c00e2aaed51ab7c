import { DiagError } from '../../errors.ts';
import type { SignInQuery } from '../source.ts';
import { appGroups } from '../query-result.ts';

/**
 * KQL for the Entra sign-in tables (SigninLogs, AADNonInteractiveUserSignInLogs), which any
 * Kusto store holding them shares: a Log Analytics workspace, Sentinel, an Azure Data
 * Explorer database they are exported to. Values people typed only ever appear as verbatim
 * string literals with quotes doubled (`@'o''brien'`), never spliced raw.
 */
export function kqlString(value: string): string {
  // Control characters have no business in a name or an id; they are dropped rather than escaped.
  return `@'${value.replace(/[\u0000-\u001f]/g, '').replace(/'/g, "''")}'`;
}

export function kqlDatetime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new DiagError('badInput', `"${iso}" is not a date and time, so no sign-ins were looked up.`, `not a date-time: ${iso}`);
  return `datetime(${d.toISOString()})`;
}

export const SIGNIN_TABLES = ['SigninLogs', 'AADNonInteractiveUserSignInLogs'] as const;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The `where` clauses for a query; exported for tests (quoting must hold). */
export function whereClauses(q: SignInQuery): string[] {
  const w: string[] = [];
  // CreatedDateTime is when the sign-in happened; TimeGenerated is when the workspace got it.
  if (q.since) w.push(`CreatedDateTime >= ${kqlDatetime(q.since)}`);
  if (q.until) w.push(`CreatedDateTime <= ${kqlDatetime(q.until)}`);
  const user = q.user?.trim();
  if (user) w.push(GUID.test(user) ? `UserId =~ ${kqlString(user)}` : `UserPrincipalName =~ ${kqlString(user)}`);
  // Each list of app names: any name as the app or as the resource (ResourceIdentity holds the resource's app id).
  for (const names of appGroups(q)) w.push(anyApp(names));
  if (q.correlationId) w.push(`CorrelationId =~ ${kqlString(q.correlationId.trim())}`);
  if (q.requestId) w.push(`(Id =~ ${kqlString(q.requestId.trim())} or OriginalRequestId =~ ${kqlString(q.requestId.trim())})`);
  // ResultType is a string column.
  if (q.errorCode !== undefined) w.push(`ResultType == ${kqlString(String(Math.trunc(q.errorCode)))}`);
  else if (q.outcome === 'success') w.push(`ResultType == '0'`);
  else if (q.outcome === 'failure') w.push(`ResultType != '0'`);
  if (q.ip) w.push(`IPAddress == ${kqlString(q.ip.trim())}`);
  return w;
}

function anyApp(names: readonly string[]): string {
  // No name: no sign-in matches (as the check on each record says).
  if (!names.length) return 'false';
  const list = (values: readonly string[]) => `(${values.map(kqlString).join(', ')})`;
  const ids = names.filter((n) => GUID.test(n));
  const displayNames = names.filter((n) => !GUID.test(n));
  const terms = [
    ...(ids.length ? [`AppId in~ ${list(ids)}`, `ResourceIdentity in~ ${list(ids)}`] : []),
    ...(displayNames.length ? [`AppDisplayName in~ ${list(displayNames)}`, `ResourceDisplayName in~ ${list(displayNames)}`] : []),
  ];
  return `(${terms.join(' or ')})`;
}

/**
 * The JSON columns are dynamic in SigninLogs and strings in AADNonInteractiveUserSignInLogs;
 * a union of the two would split each into `X_dynamic` and `X_string`. Every leg makes them
 * strings first, and names the processing time the same way.
 */
const NORMALISE = [
  ...['Status', 'DeviceDetail', 'LocationDetails', 'ConditionalAccessPolicies', 'MfaDetail'].map((c) => `${c} = tostring(column_ifexists('${c}', ''))`),
  `ProcessingTimeInMilliseconds = tostring(column_ifexists('ProcessingTimeInMilliseconds', column_ifexists('ProcessingTimeInMs', '')))`,
].join(', ');

/** Both tables, filtered the same way, newest first, at most `take` rows. */
export function signInsQuery(q: SignInQuery, take: number): string {
  const where = whereClauses(q);
  const filtered = (table: string) => `(${table}${where.length ? ` | where ${where.join(' and ')}` : ''} | extend ${NORMALISE})`;
  return [
    `union withsource=SourceTable ${SIGNIN_TABLES.map(filtered).join(', ')}`,
    `| order by CreatedDateTime desc`,
    `| take ${Math.max(1, Math.trunc(take))}`,
  ].join('\n');
}
