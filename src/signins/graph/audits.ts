import { DiagError } from '../../errors.ts';
import { DirectoryAudit, SECURITY_DEFAULTS_TARGET } from '../directory-audit.ts';
import type { AuditQuery, SourceProblem } from '../source.ts';
import { ListPage, envelope } from './envelope.ts';
import { GraphError, type GraphClient } from './graph-client.ts';
import { and, instant, isGuid, literal } from './odata.ts';

/**
 * The directory audit log through Microsoft Graph (`GET /v1.0/auditLogs/directoryAudits`,
 * AuditLog.Read.All). It is an identity and access report, so every page goes through the
 * reports budget like a sign-in page.
 *
 * A tenant's whole log for 30 days can run to tens of thousands of entries, so a question
 * about one person asks only for what "what changed" reads, with filters the List
 * directoryAudits page documents (`activityDateTime` ge/le, `loggedByService` eq,
 * `targetResources/any(t: t/id eq …)` and `…/displayName eq …`); Graph documents no `or`
 * across them, so it is three narrow reads:
 *   - entries whose target is the person (password, authentication methods, group membership);
 *   - entries logged by the Conditional Access service (policies added, updated, deleted);
 *   - entries about the Security Defaults Policy.
 * Newest first (`$orderby`), so a cut list loses the oldest entries, and says so.
 */
const MAX_PAGES = 5;
/** Same minute, same URL: a second question within the minute is answered by the client's cache. */
const CACHE_MS = 60_000;
const WHERE = 'Microsoft Graph directory audit log';

const minuteFloor = (iso: string) => {
  const t = Date.parse(iso);
  return new Date(t - (t % 60_000)).toISOString();
};
const minuteCeil = (iso: string) => {
  const t = Date.parse(iso);
  return new Date(t % 60_000 ? t - (t % 60_000) + 60_000 : t).toISOString();
};

/** The `$filter`s for a question, one per read; exported for tests (quoting and documented operators must hold). */
export function auditFilters(q: AuditQuery): string[] {
  const window = [
    q.since ? `activityDateTime ge ${instant(minuteFloor(q.since))}` : undefined,
    q.until ? `activityDateTime le ${instant(minuteCeil(q.until))}` : undefined,
  ];
  const about = q.about?.trim();
  if (about === undefined) return [and(window)];
  // Sign-in records name people by object id; anything else names nobody Graph could target.
  const targeted = isGuid(about) ? [and([...window, `targetResources/any(t: t/id eq ${literal(about.toLowerCase())})`])] : [];
  return [
    ...targeted,
    and([...window, `loggedByService eq ${literal('Conditional Access')}`]),
    and([...window, `targetResources/any(t: t/displayName eq ${literal(SECURITY_DEFAULTS_TARGET)})`]),
  ];
}

/** The documented example answers `"Type": "Group"` where the resource says `type`: either is read. */
function normalise(record: unknown): unknown {
  if (record === null || typeof record !== 'object') return record;
  const r = record as { targetResources?: unknown };
  if (!Array.isArray(r.targetResources)) return record;
  const targetResources = r.targetResources.map((t: unknown) =>
    t !== null && typeof t === 'object' && !('type' in t) && 'Type' in t ? { ...t, type: (t as { Type: unknown }).Type } : t,
  );
  return { ...r, targetResources };
}

/** Why the log cannot be read, in words that say what to do. */
function unreadable(e: DiagError): string {
  if (e instanceof GraphError && (e.status === 401 || e.status === 403))
    return 'the bot’s app registration cannot read the directory audit log: grant it the AuditLog.Read.All application permission (with admin consent) to see who changed a policy, a password, authentication methods or group membership';
  return `the directory audit log could not be read: ${e.explanation}`;
}

/**
 * The entries in [since, until], newest first; `undefined` when Graph refused (no permission,
 * throttled past the wait, unavailable): "what changed" then says it could not read the log,
 * and `report` is told why. A diagnosis goes on without the log rather than failing.
 */
export async function readDirectoryAudits(client: GraphClient, q: AuditQuery, report: (p: SourceProblem) => void): Promise<DirectoryAudit[] | undefined> {
  const found = new Map<string, DirectoryAudit>();
  const allowance = client.allowance();
  const lo = q.since ? Date.parse(q.since) : -Infinity;
  const hi = q.until ? Date.parse(q.until) : Infinity;
  try {
    for (const filter of auditFilters(q)) {
      const params = new URLSearchParams({ ...(filter ? { $filter: filter } : {}), $orderby: 'activityDateTime desc' });
      let url: string | undefined = `/v1.0/auditLogs/directoryAudits?${params.toString().replace(/\+/g, '%20')}`;
      for (let pages = 0; url;) {
        const raw: unknown = await client.get<unknown>(url, { reports: true, allowance, cacheMs: CACHE_MS });
        if (raw === undefined) break;
        const page = envelope(ListPage, raw, `the directory audit log, page ${pages + 1}`);
        pages++;
        for (const record of page.value) {
          const a = DirectoryAudit.safeParse(normalise(record));
          if (!a.success) {
            report({ where: WHERE, message: `${a.error.issues[0]?.path.join('.')}: ${a.error.issues[0]?.message}; an entry was skipped` });
            continue;
          }
          const at = Date.parse(a.data.activityDateTime);
          // The filter was widened to whole minutes; the exact window is applied here.
          if (at >= lo && at <= hi) found.set(a.data.id, a.data);
        }
        url = page['@odata.nextLink'] ?? undefined;
        if (url && pages >= MAX_PAGES) {
          report({ where: WHERE, message: `more than ${MAX_PAGES} pages matched (${filter}); only the newest were read, so older changes may be missing` });
          break;
        }
        if (url && !client.sameOrigin(url)) {
          report({ where: WHERE, message: 'the next page pointed to another site and was not read, so older changes may be missing' });
          break;
        }
      }
    }
  } catch (e) {
    if (!(e instanceof DiagError)) throw e;
    report({ where: WHERE, message: unreadable(e) });
    return undefined;
  }
  return [...found.values()].sort((a, b) => Date.parse(b.activityDateTime) - Date.parse(a.activityDateTime));
}
