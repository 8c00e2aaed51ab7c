import type { SignIn } from './signin.ts';
import type { SignInQuery } from './source.ts';

/**
 * What every adapter does with the records its store hands back: keep those that match the
 * whole query (a store's index or server-side filter decides only part of it), once each,
 * up to the limit, and say when the limit cut the list.
 */
const eq = (a: string | null | undefined, b: string) => a != null && a.toLowerCase() === b.trim().toLowerCase();

/**
 * The query's app filters: `app` (a list of one) and `apps`, each a list of names any of which
 * may name the app or the resource of a sign-in; every list must match (AND). Blank names
 * are dropped, so a list of only blanks matches nothing, in every adapter alike.
 */
export function appGroups(q: SignInQuery): string[][] {
  const groups = [...(q.app !== undefined ? [[q.app]] : []), ...(q.apps !== undefined ? [q.apps] : [])];
  return groups.map((g) => [...new Set(g.map((a) => a.trim()).filter((a) => a !== ''))]);
}

/** Every key of the query that the index did not already decide, checked on the record. */
export function matches(s: SignIn, q: SignInQuery): boolean {
  if (q.user !== undefined && !eq(s.userId, q.user) && !eq(s.userPrincipalName, q.user)) return false;
  for (const names of appGroups(q))
    if (!names.some((a) => eq(s.appId, a) || eq(s.appDisplayName, a) || eq(s.resourceId, a) || eq(s.resourceDisplayName, a))) return false;
  if (q.correlationId !== undefined && !eq(s.correlationId, q.correlationId)) return false;
  if (q.requestId !== undefined && !eq(s.id, q.requestId) && !eq(s.originalRequestId, q.requestId)) return false;
  if (q.ip !== undefined && !eq(s.ipAddress, q.ip)) return false;
  if (q.errorCode !== undefined && s.status.errorCode !== q.errorCode) return false;
  if (q.outcome === 'failure' && s.status.errorCode === 0) return false;
  if (q.outcome === 'success' && s.status.errorCode !== 0) return false;
  const t = Date.parse(s.createdDateTime);
  if (q.since !== undefined && t < Date.parse(q.since)) return false;
  if (q.until !== undefined && t > Date.parse(q.until)) return false;
  return true;
}

export class QueryResult {
  readonly events: SignIn[] = [];
  truncated = false;
  private readonly seen = new Set<string>();

  constructor(
    private readonly q: SignInQuery,
    private readonly limit = q.limit ?? Infinity,
  ) {}

  /** Keeps the record if it matches and is new; false once the limit is reached (stop reading). */
  add(s: SignIn): boolean {
    if (!matches(s, this.q) || this.seen.has(s.id)) return true;
    if (this.events.length >= this.limit) {
      this.truncated = true;
      return false;
    }
    this.seen.add(s.id);
    this.events.push(s);
    return true;
  }

  get full(): boolean {
    return this.events.length >= this.limit;
  }
}
