import { diagnoseAttempt } from '../diagnosis/diagnose.ts';
import { membershipOf, type Membership } from './membership.ts';
import type { Attempt } from '../diagnosis/attempts.ts';
import type { Diagnosis, DiagnosisInput } from '../diagnosis/types.ts';
import type { SignIn } from '../signins/signin.ts';
import type { SignInSource, SourceProblem } from '../signins/source.ts';
import { DEFAULT_WINDOW_HOURS, listAttempts, type AttemptListing, type AttemptRequest } from './list-attempts.ts';

/**
 * Fetches what the engine reads about each attempt (the user, their recent history, how
 * many users failed from the same IPs, the directory), then diagnoses it. Look-ups are
 * shared across the attempts of one request, so a person's 50 attempts cost one history query.
 */

const PASSWORD_FAILURES = new Set([50126, 50053, 50034, 50056]);
const REGISTRATION_CODES = new Set([50079, 50072, 53004, 53010]);
const MAX_IPS = 5;

export interface DiagnosedListing extends Omit<AttemptListing, 'attempts'> {
  attempts: Attempt[];
  diagnoses: Diagnosis[];
}

export interface ContextOptions {
  historyHours?: number;
  /**
   * Batch mode (benchmarks, the lockout watcher): every attempt to diagnose lies in this
   * range, so a person's or an IP's events are read once for the whole range and each
   * attempt's window is cut from them in memory.
   */
  batchRange?: { since: string; until: string };
}

export class DiagnosisContext {
  private readonly history = new Map<string, Promise<SignIn[]>>();
  private readonly ipUsers = new Map<string, Promise<number>>();
  private readonly batchUsers = new Map<string, Promise<TimedEvents>>();
  private readonly batchIps = new Map<string, Promise<TimedEvents>>();
  private readonly membership = new Map<string, Membership>();
  readonly historyHours: number;
  private readonly batch?: { since: string; until: string };
  private directory?: Promise<Pick<DiagnosisInput, 'policies' | 'namedLocations' | 'groups' | 'roles' | 'servicePrincipals'>>;
  readonly problems: SourceProblem[] = [];

  constructor(
    private readonly source: SignInSource,
    readonly now: string,
    options: ContextOptions = {},
  ) {
    this.historyHours = options.historyHours ?? DEFAULT_WINDOW_HOURS;
    this.batch = options.batchRange;
  }

  private batchFetch(cache: Map<string, Promise<TimedEvents>>, key: string, query: Parameters<SignInSource['querySignIns']>[0]): Promise<TimedEvents> {
    let p = cache.get(key);
    if (!p) {
      const since = new Date(Date.parse(this.batch!.since) - this.historyHours * 3_600_000).toISOString();
      p = this.source.querySignIns({ ...query, since, until: this.batch!.until, limit: 1_000_000 }).then((r) => {
        this.problems.push(...r.problems);
        return timed(r.events);
      });
      cache.set(key, p);
    }
    return p;
  }

  /** Batch mode: the caller already read this user's events for the whole range. */
  primeUser(userId: string, events: SignIn[]): void {
    this.batchUsers.set(userId, Promise.resolve(timed(events)));
  }

  /** Batch mode: drop what was read for this user, once their attempts are done. */
  forgetUser(userId: string): void {
    this.batchUsers.delete(userId);
    this.membership.delete(userId);
    for (const k of this.history.keys()) if (k.startsWith(`${userId}|`)) this.history.delete(k);
  }

  private nowWindow?: { since: string; until: string };

  private window(): { since: string; until: string } {
    this.nowWindow ??= { since: new Date(Date.parse(this.now) - this.historyHours * 3_600_000).toISOString(), until: this.now };
    return this.nowWindow;
  }

  /** The last N hours before now; an attempt outside that window gets the N hours before it. */
  historyWindow(around: string): { since: string; until: string } {
    const w = this.window();
    const t = Date.parse(around);
    if (t >= Date.parse(w.since) && t <= Date.parse(w.until)) return w;
    return { since: new Date(t - this.historyHours * 3_600_000).toISOString(), until: around };
  }

  userHistory(userId: string, around: string): Promise<SignIn[]> {
    const { since, until } = this.historyWindow(around);
    if (this.batch) return this.batchFetch(this.batchUsers, userId, { user: userId }).then((all) => between(all, since, until));
    const key = `${userId}|${since}|${until}`;
    let p = this.history.get(key);
    if (!p) {
      p = this.source.querySignIns({ user: userId, since, until, limit: 5000 }).then((r) => {
        this.problems.push(...r.problems);
        return r.events;
      });
      this.history.set(key, p);
    }
    return p;
  }

  /** Distinct accounts that failed from this IP in the window. */
  usersFailingFrom(ip: string, w: { since: string; until: string }): Promise<number> {
    if (this.batch) return this.batchFetch(this.batchIps, ip, { ip, outcome: 'failure' }).then((all) => countUsers(between(all, w.since, w.until)));
    const key = `${ip}|${w.since}|${w.until}`;
    let p = this.ipUsers.get(key);
    if (!p) {
      p = this.source.querySignIns({ ip, outcome: 'failure', since: w.since, until: w.until, limit: 5000 }).then((r) => {
        this.problems.push(...r.problems);
        return countUsers(r.events);
      });
      this.ipUsers.set(key, p);
    }
    return p;
  }

  directoryData() {
    this.directory ??= Promise.all([
      this.source.listPolicies(),
      this.source.listNamedLocations(),
      this.source.listGroups(),
      this.source.listDirectoryRoles(),
      this.source.listServicePrincipals(),
    ]).then(([policies, namedLocations, groups, roles, servicePrincipals]) => ({ policies, namedLocations, groups, roles, servicePrincipals }));
    return this.directory;
  }

  /**
   * `membership`: ask a per-user source (Graph) for the user's groups and roles, one more
   * directory request. A diagnosis does without (the sign-in log records which conditions
   * matched); a what-if needs it (there is no log for a sign-in that has not happened).
   */
  async inputFor(attempt: Attempt, opts: { membership?: boolean } = {}): Promise<DiagnosisInput> {
    const d = attempt.decisive;
    // MFA registration details matter only when the attempt is about registering.
    const aboutRegistration = attempt.events.some((e) => REGISTRATION_CODES.has(e.status.errorCode) || (e.authenticationRequirementPolicies ?? []).some((r) => String(r.requirementProvider).startsWith('mfaRegistrationRequired')));
    const [history, dir, user, registration] = await Promise.all([
      this.userHistory(d.userId, d.createdDateTime),
      this.directoryData(),
      this.source.getUser(d.userId),
      aboutRegistration ? this.source.getRegistrationDetails(d.userId) : Promise.resolve(undefined),
    ]);
    const ids = new Set(attempt.events.map((e) => e.id));
    const others = history.filter((e) => !ids.has(e.id));
    const failingIps = [...new Set([...attempt.events, ...others].filter((e) => PASSWORD_FAILURES.has(e.status.errorCode)).map((e) => e.ipAddress).filter((ip): ip is string => !!ip))].slice(0, MAX_IPS);
    const ipFailureUsers: Record<string, number> = {};
    // A per-user read (Graph) costs a request, made only when asked for; from listed groups it is free.
    let member = this.membership.get(d.userId);
    if (!member && (opts.membership || !this.source.membership)) this.membership.set(d.userId, (member = await membershipOf(this.source, d.userId, dir)));
    const window = this.historyWindow(d.createdDateTime);
    if (PASSWORD_FAILURES.has(d.status.errorCode)) for (const ip of failingIps) ipFailureUsers[ip] = await this.usersFailingFrom(ip, window);
    return { events: attempt.events, history: others, ipFailureUsers, user, registration, ...dir, ...member, now: this.now, historyHours: this.historyHours, historyWindow: window };
  }

  async diagnose(attempt: Attempt): Promise<Diagnosis> {
    return diagnoseAttempt(await this.inputFor(attempt));
  }
}

export async function diagnoseRequest(source: SignInSource, r: AttemptRequest, historyHours = DEFAULT_WINDOW_HOURS): Promise<DiagnosedListing> {
  const listing = await listAttempts(source, r);
  const ctx = new DiagnosisContext(source, r.now, { historyHours });
  const diagnoses: Diagnosis[] = [];
  for (const a of listing.attempts) diagnoses.push(await ctx.diagnose(a));
  return { ...listing, diagnoses, problems: [...listing.problems, ...ctx.problems] };
}

/** Distinct accounts among password failures (unknown user names count by the name tried). */
function countUsers(events: SignIn[]): number {
  return new Set(events.filter((e) => PASSWORD_FAILURES.has(e.status.errorCode)).map((e) => (e.userPrincipalName ?? e.userId).toLowerCase())).size;
}

/** Events oldest first with their times parsed once, so windows are cut by binary search. */
interface TimedEvents {
  events: SignIn[];
  times: Float64Array;
}

function timed(events: SignIn[]): TimedEvents {
  const sorted = [...events].sort((a, b) => Date.parse(a.createdDateTime) - Date.parse(b.createdDateTime));
  return { events: sorted, times: Float64Array.from(sorted, (e) => Date.parse(e.createdDateTime)) };
}

function between(all: TimedEvents, since: string, until: string): SignIn[] {
  const lo = Date.parse(since);
  const hi = Date.parse(until);
  const first = (x: number) => {
    let a = 0;
    let b = all.times.length;
    while (a < b) {
      const m = (a + b) >>> 1;
      if (all.times[m]! < x) a = m + 1;
      else b = m;
    }
    return a;
  };
  // Newest first, as a source returns them.
  return all.events.slice(first(lo), first(hi + 1)).reverse();
}
