import type { SignInQuery } from '../source.ts';
import { appGroups } from '../query-result.ts';

/**
 * A SignInQuery as SQL over `signins`, every value a bound parameter: the text of the
 * statement depends only on which keys the query gives (and how many names `apps` lists),
 * never on what they say. Same semantics as the shared `matches` (query-result.ts): keys are
 * compared trimmed and case-insensitively against the lower-cased columns, times as
 * Date.parse gives them; newest first, later-read records first on a tie.
 */
export interface BoundSql {
  sql: string;
  params: (string | number)[];
}

const key = (s: string) => s.trim().toLowerCase();

export function signInSql(q: SignInQuery, limit?: number): BoundSql {
  const where: string[] = [];
  const params: (string | number)[] = [];
  const on = (clause: string, ...values: (string | number)[]) => {
    where.push(clause);
    params.push(...values);
  };
  if (q.user !== undefined) on('(user_id_l = ? OR upn_l = ?)', key(q.user), key(q.user));
  // `app` and `apps` each match the app or the resource, by id or name (appGroups: trimmed, no empty names).
  for (const group of appGroups(q)) {
    if (group.length === 0) where.push('FALSE');
    else {
      const names = group.map(key);
      const list = `(${names.map(() => '?').join(', ')})`;
      on(`(app_id_l IN ${list} OR app_name_l IN ${list} OR resource_id_l IN ${list} OR resource_name_l IN ${list})`, ...names, ...names, ...names, ...names);
    }
  }
  if (q.correlationId !== undefined) on('correlation_l = ?', key(q.correlationId));
  if (q.requestId !== undefined) on('(id_l = ? OR original_request_l = ?)', key(q.requestId), key(q.requestId));
  if (q.ip !== undefined) on('ip_l = ?', key(q.ip));
  if (q.errorCode !== undefined) on('error_code = ?', q.errorCode);
  if (q.outcome === 'failure') where.push('error_code <> 0');
  if (q.outcome === 'success') where.push('error_code = 0');
  // An unreadable bound filters nothing, as in `matches` (a comparison with NaN is false).
  const since = q.since === undefined ? NaN : Date.parse(q.since);
  const until = q.until === undefined ? NaN : Date.parse(q.until);
  if (Number.isFinite(since)) on('t_ms >= ?', since);
  if (Number.isFinite(until)) on('t_ms <= ?', until);
  const from = `FROM signins${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`;
  // Without a limit the caller orders the rows (sortNewestFirst), cheaper than DuckDB's sort for a
  // whole window's rows. With one, DuckDB's top-N keeps only the first rows.
  if (limit === undefined) return { sql: `SELECT ${COLUMNS} ${from}`, params };
  return { sql: `SELECT ${COLUMNS} ${from} ORDER BY t_ms DESC, file DESC, ord DESC LIMIT ?`, params: [...params, limit] };
}

/** What a question reads of each row: its order, its id (to check the record read back is this one) and where the record is. */
const COLUMNS = 't_ms, file, ord, id, off, len, json';

export interface Row {
  t_ms: number;
  file: string;
  ord: number;
  id: string;
  /** The record's byte span in its export file; null for a CSV record, whose JSON is `json`. */
  off: number | null;
  len: number | null;
  json: string | null;
}

/** Newest first; on a tie the later file, then the later record in it, as the ORDER BY above. */
export function sortNewestFirst(rows: Row[]): Row[] {
  return rows.sort((a, b) => b.t_ms - a.t_ms || (a.file < b.file ? 1 : a.file > b.file ? -1 : 0) || b.ord - a.ord);
}

/** The range's bounds as a WHERE clause, unreadable bounds filtering nothing (as in signInSql). */
function rangeWhere(range: { since: string; until: string }): BoundSql {
  const since = Date.parse(range.since);
  const until = Date.parse(range.until);
  return {
    sql: `${Number.isFinite(since) ? 't_ms >= ?' : 'TRUE'} AND ${Number.isFinite(until) ? 't_ms <= ?' : 'TRUE'}`,
    params: [...(Number.isFinite(since) ? [since] : []), ...(Number.isFinite(until) ? [until] : [])],
  };
}

/** The people of the range (lower-cased user id) and how many events each has, by id: what the batches are cut from. */
export function peopleSql(range: { since: string; until: string }): BoundSql {
  const w = rangeWhere(range);
  return { sql: `SELECT user_id_l, count(*)::INTEGER AS n FROM signins WHERE ${w.sql} GROUP BY user_id_l ORDER BY user_id_l`, params: w.params };
}

/** The rows of the people whose lower-cased ids lie between `first` and `last` (inclusive), in the range; unordered. */
export function peopleRowsSql(range: { since: string; until: string }, first: string, last: string): BoundSql {
  const w = rangeWhere(range);
  return { sql: `SELECT ${COLUMNS}, user_id_l FROM signins WHERE ${w.sql} AND user_id_l >= ? AND user_id_l <= ?`, params: [...w.params, first, last] };
}

/**
 * Every row whose record id occurs more than once in the range: a read of the range keeps only
 * the first of them newest first (QueryResult), so a read by person must drop the same others.
 */
export function duplicatesSql(range: { since: string; until: string }): BoundSql {
  const w = rangeWhere(range);
  return {
    sql: `SELECT t_ms, file, ord, id FROM signins WHERE ${w.sql} AND id IN (SELECT id FROM signins WHERE ${w.sql} GROUP BY id HAVING count(*) > 1)`,
    params: [...w.params, ...w.params],
  };
}

/** The range's failures with these codes that name an IP: the IP, time and account (UPN, else user id), lower-cased as `matches` compares. */
export function ipFailuresSql(range: { since: string; until: string }, errorCodes: readonly number[]): BoundSql {
  const w = rangeWhere(range);
  const codes = errorCodes.length ? `error_code IN (${errorCodes.map(() => '?').join(', ')})` : 'FALSE';
  return {
    sql: `SELECT ip_l, t_ms, coalesce(upn_l, user_id_l) AS account FROM signins WHERE ${w.sql} AND ${codes} AND ip_l IS NOT NULL AND ip_l <> ''`,
    params: [...w.params, ...errorCodes],
  };
}
