import { groupAttempts, type Attempt } from '../diagnosis/attempts.ts';
import type { User } from '../signins/directory.ts';
import type { SignInQuery, SignInSource, SourceProblem } from '../signins/source.ts';
import { hoursBefore } from '../instants.ts';

/** What an agent asked for: the query's keys, and `now`, the clock, so answers are reproducible. */
export type AttemptRequest = Pick<SignInQuery, 'user' | 'app' | 'apps' | 'correlationId' | 'requestId' | 'since' | 'until' | 'ip' | 'errorCode' | 'outcome'> & {
  now: string;
  /** The directory user `user` names, when the caller has already looked them up: not fetched again. */
  knownUser?: User;
};

export interface AttemptListing {
  attempts: Attempt[];
  /** The directory user the request named, when it resolved to one. */
  user?: User;
  /** Several directory users matched the name: the caller must choose. */
  ambiguousUser?: User[];
  window: { since?: string; until?: string };
  truncated: boolean;
  problems: SourceProblem[];
}

/** Like Microsoft's diagnostic: with no time given, the last 48 hours. */
export const DEFAULT_WINDOW_HOURS = 48;
const MAX_EVENTS = 5000;
/** How long one attempt's rows can spread (MFA prompts, retries). */
const ATTEMPT_SPAN_MS = 15 * 60_000;

/**
 * Finds the attempts a request is about. A correlation or request id names an attempt
 * directly, so no default window applies to it; everything else looks back 48 hours.
 * The whole attempt is fetched: rows of it may fall outside the window or the filter.
 */
export async function listAttempts(source: SignInSource, r: AttemptRequest): Promise<AttemptListing> {
  let user: User | undefined;
  let userKey = r.user;
  if (r.user) {
    user = r.knownUser ?? (await source.getUser(r.user));
    if (!user) {
      const found = await source.findUsers(r.user, 10);
      if (found.length > 1) return { attempts: [], ambiguousUser: found, window: {}, truncated: false, problems: [] };
      user = found[0];
    }
    // Guests sign in with their real address; the log's userId is the one key that always matches.
    if (user) userKey = user.id;
  }
  // A blank id is no id: sources drop an empty filter, which would read every sign-in without a window.
  if ((r.correlationId !== undefined && !r.correlationId.trim()) || (r.requestId !== undefined && !r.requestId.trim())) {
    return { attempts: [], window: {}, truncated: false, problems: [] };
  }
  const byId = r.correlationId !== undefined || r.requestId !== undefined;
  // A correlation id that names nothing may be a request id: the portal shows both as GUIDs.
  if (r.correlationId && !r.requestId) {
    const probe = await source.querySignIns({ correlationId: r.correlationId, limit: 1 });
    if (!probe.events.length) return listAttempts(source, { ...r, correlationId: undefined, requestId: r.correlationId });
  }
  const until = r.until ?? (byId ? undefined : r.now);
  const since = r.since ?? (byId ? undefined : hoursBefore(until ?? r.now, DEFAULT_WINDOW_HOURS));
  const found = await source.querySignIns({
    user: userKey,
    app: r.app,
    apps: r.apps,
    correlationId: r.correlationId,
    requestId: r.requestId,
    ip: r.ip,
    errorCode: r.errorCode,
    outcome: r.outcome,
    since,
    until,
    limit: MAX_EVENTS,
  });
  const problems = [...found.problems];
  // Complete the attempts that may have rows outside the window: those that start at its edge.
  // (An attempt lasts minutes; anything later inside the window is already whole.)
  const events = [...found.events];
  const have = new Set(events.map((e) => e.id));
  const edge = since === undefined ? -Infinity : Date.parse(since) + ATTEMPT_SPAN_MS;
  // Only failures: a success at the edge needs no earlier interrupt to be understood.
  const correlations = [
    ...new Set(
      found.events
        .filter((e) => Date.parse(e.createdDateTime) <= edge && e.status.errorCode !== 0)
        .map((e) => e.correlationId)
        .filter((c): c is string => !!c),
    ),
  ];
  if (correlations.length <= 200) {
    for (const correlationId of correlations) {
      const more = await source.querySignIns({ correlationId });
      problems.push(...more.problems);
      for (const e of more.events) if (!have.has(e.id)) (have.add(e.id), events.push(e));
    }
  }
  return { attempts: groupAttempts(events), user, window: { since, until }, truncated: found.truncated, problems };
}
