import { diagnoseAttempt } from '../diagnosis/diagnose.ts';
import { chooseAttempt, type AttemptChoice } from '../diagnosis/choose-attempt.ts';
import { membershipOf, type Membership } from './membership.ts';
import type { Attempt } from '../diagnosis/attempts.ts';
import type { Diagnosis, DiagnosisInput } from '../diagnosis/types.ts';
import type { SignIn } from '../signins/signin.ts';
import type { DirectoryAudit } from '../signins/directory-audit.ts';
import type { IpFailure, SignInSource, SourceProblem } from '../signins/source.ts';
import { DEFAULT_WINDOW_HOURS, listAttempts, type AttemptListing, type AttemptRequest } from './list-attempts.ts';
import { hoursBefore, windowBefore } from '../instants.ts';

/** Entra keeps the directory audit log this many days: one read of them serves a whole request. */
const AUDIT_DAYS = 30;

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
  private readonly history = new Map<string, Block[]>();
  private readonly ipUsers = new Map<string, Block[]>();
  private readonly batchUsers = new Map<string, Promise<TimedEvents>>();
  private readonly batchIps = new Map<string, Promise<TimedEvents>>();
  private readonly membership = new Map<string, Membership>();
  /** Set by primeIps, which was given the whole range: an IP it did not see had no failures. */
  private primedIps?: Map<string, { times: Float64Array; accounts: string[] }>;
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
      const since = hoursBefore(this.batch!.since, this.historyHours);
      // No limit: the whole range is wanted, and a source sorts a limited read before cutting it.
      p = this.source.querySignIns({ ...query, since, until: this.batch!.until }).then((r) => {
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

  /**
   * Batch mode: the password failures of the whole range (the window and the N hours before
   * it), as IP, time and account only, so the failures from each IP are counted from them
   * instead of one read per IP, and no record is held for it. `failuresByIp` or
   * `ipFailuresOf` give them; `IP_FAILURE_CODES` are the codes to ask for.
   */
  primeIps(failures: Iterable<IpFailure>): void {
    const byIp = new Map<string, IpFailure[]>();
    for (const f of failures) {
      // Keyed as `usersFailingFrom` compares an IP (trimmed, any case).
      const key = ipKey(f.ip);
      const list = byIp.get(key);
      if (list) list.push(f);
      else byIp.set(key, [f]);
    }
    this.primedIps = new Map();
    for (const [key, list] of byIp) {
      list.sort((a, b) => a.t - b.t);
      this.primedIps.set(key, { times: Float64Array.from(list, (f) => f.t), accounts: list.map((f) => f.account.toLowerCase()) });
    }
  }

  /** Batch mode: drop what was read for this user, once their attempts are done. */
  forgetUser(userId: string): void {
    this.batchUsers.delete(userId);
    this.membership.delete(userId);
    this.history.delete(userId);
    this.auditLog.delete(userId);
  }

  /**
   * The N hours before the attempt, whatever the clock says now: the same attempt gets the
   * same evidence (and so the same verdict) whenever it is asked about.
   */
  historyWindow(around: string): { since: string; until: string } {
    // An attempt asks twice (its history, then its input): the last answer is kept. Read-only.
    if (this.lastWindow?.around !== around) this.lastWindow = { around, window: windowBefore(around, this.historyHours) };
    return this.lastWindow.window;
  }

  private lastWindow: { around: string; window: { since: string; until: string } } | undefined;

  /**
   * Reads a person's or an IP's events in blocks wider than one window (N hours either side),
   * so a person's many attempts, each with its own window, cost one or two reads.
   */
  private blockRead(
    cache: Map<string, Block[]>,
    key: string,
    query: Parameters<SignInSource['querySignIns']>[0],
    since: string,
    until: string,
  ): Promise<SignIn[]> {
    const lo = Date.parse(since);
    const hi = Date.parse(until);
    const blocks = cache.get(key) ?? [];
    let hit = blocks.find((b) => b.lo <= lo && b.hi >= hi);
    if (!hit) {
      const pad = this.historyHours * 3_600_000;
      const bLo = lo - pad;
      const bHi = Math.max(hi, Math.min(hi + pad, Date.parse(this.now)));
      hit = {
        lo: bLo,
        hi: bHi,
        events: this.source.querySignIns({ ...query, since: new Date(bLo).toISOString(), until: new Date(bHi).toISOString(), limit: 5000 }).then((r) => {
          this.problems.push(...r.problems);
          return timed(r.events);
        }),
      };
      if (blocks.length >= 8) blocks.shift();
      blocks.push(hit);
      cache.set(key, blocks);
    }
    return hit.events.then((all) => between(all, since, until));
  }

  userHistory(userId: string, around: string): Promise<SignIn[]> {
    const { since, until } = this.historyWindow(around);
    if (this.batch) return this.batchFetch(this.batchUsers, userId, { user: userId }).then((all) => between(all, since, until));
    return this.blockRead(this.history, userId, { user: userId }, since, until);
  }

  /** Distinct accounts that failed from this IP in the window. */
  usersFailingFrom(ip: string, w: { since: string; until: string }): Promise<number> {
    if (this.batch && this.primedIps) return Promise.resolve(countPrimed(this.primedIps.get(ipKey(ip)), w));
    if (this.batch) return this.batchFetch(this.batchIps, ip, { ip, outcome: 'failure' }).then((all) => countUsers(between(all, w.since, w.until)));
    return this.blockRead(this.ipUsers, ip, { ip, outcome: 'failure' }, w.since, w.until).then(countUsers);
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
    const aboutRegistration = attempt.events.some(
      (e) =>
        REGISTRATION_CODES.has(e.status.errorCode) ||
        (e.authenticationRequirementPolicies ?? []).some((r) => String(r.requirementProvider).startsWith('mfaRegistrationRequired')),
    );
    const [history, dir, user, registration] = await Promise.all([
      this.userHistory(d.userId, d.createdDateTime),
      this.directoryData(),
      this.source.getUser(d.userId),
      aboutRegistration ? this.source.getRegistrationDetails(d.userId) : Promise.resolve(undefined),
    ]);
    const ids = new Set(attempt.events.map((e) => e.id));
    const others = history.filter((e) => !ids.has(e.id));
    const failingIps = [
      ...new Set(
        [...attempt.events, ...others]
          .filter((e) => PASSWORD_FAILURES.has(e.status.errorCode))
          .map((e) => e.ipAddress)
          .filter((ip): ip is string => !!ip),
      ),
    ].slice(0, MAX_IPS);
    const ipFailureUsers: Record<string, number> = {};
    // A per-user read (Graph) costs a request, made only when asked for; from listed groups it is free.
    let member = this.membership.get(d.userId);
    if (!member && (opts.membership || !this.source.membership)) this.membership.set(d.userId, (member = await membershipOf(this.source, d.userId, dir)));
    const window = this.historyWindow(d.createdDateTime);
    if (PASSWORD_FAILURES.has(d.status.errorCode)) for (const ip of failingIps) ipFailureUsers[ip] = await this.usersFailingFrom(ip, window);
    // Up to now: "what changed" cuts its own span, and "the tenant now" needs the latest state.
    const audits = await this.auditsIn({ since: window.since, until: this.now }, d.userId);
    return {
      events: attempt.events,
      history: others,
      ipFailureUsers,
      user,
      registration,
      ...dir,
      ...member,
      ...(audits ? { audits } : {}),
      now: this.now,
      historyHours: this.historyHours,
      historyWindow: window,
    };
  }

  /** Per person (or '' for everyone), the 30 days' audit entries with their times parsed once: a window's attempts each cut theirs from it. */
  /** The oldest instant the 30 days' audit log covers (ms), worked out once. */
  private auditHorizon: number | undefined;
  private readonly auditLog = new Map<string, Promise<{ all: DirectoryAudit[]; times: Float64Array } | undefined>>();

  /**
   * The directory audit entries in a window; undefined when the source cannot read the log.
   * `about` (the person's id) lets a live source read only what "what changed" uses about them.
   */
  async auditsIn(w: { since: string; until: string }, about?: string): Promise<DirectoryAudit[] | undefined> {
    if (!this.source.listDirectoryAudits) return undefined;
    const who = about ? { about } : {};
    this.auditHorizon ??= Date.parse(hoursBefore(this.now, AUDIT_DAYS * 24));
    if (Date.parse(w.since) < this.auditHorizon) return this.source.listDirectoryAudits({ ...w, ...who });
    // One read per person for the request, the last 30 days up to now: windows are cut from it.
    let read = this.auditLog.get(about ?? '');
    if (!read) {
      read = this.source
        .listDirectoryAudits({ ...windowBefore(this.now, AUDIT_DAYS * 24), ...who })
        .then((all) => all && { all, times: Float64Array.from(all, (a) => Date.parse(a.activityDateTime)) });
      this.auditLog.set(about ?? '', read);
    }
    const got = await read;
    if (!got) return undefined;
    const lo = Date.parse(w.since);
    const hi = Date.parse(w.until);
    // A time that does not parse is NaN and never in the window, as Date.parse compared it before.
    return got.all.filter((_, i) => got.times[i]! >= lo && got.times[i]! <= hi);
  }

  async diagnose(attempt: Attempt): Promise<Diagnosis> {
    return diagnoseAttempt(await this.inputFor(attempt));
  }
}

export async function diagnoseRequest(source: SignInSource, r: AttemptRequest, historyHours = DEFAULT_WINDOW_HOURS): Promise<DiagnosedListing> {
  return diagnoseListing(source, await listAttempts(source, r), r.now, historyHours);
}

/** Diagnoses attempts already listed (the bot lists first, checks the asker may see them, then diagnoses). */
export async function diagnoseListing(
  source: SignInSource,
  listing: AttemptListing,
  now: string,
  historyHours = DEFAULT_WINDOW_HOURS,
): Promise<DiagnosedListing> {
  const ctx = new DiagnosisContext(source, now, { historyHours });
  const diagnoses: Diagnosis[] = [];
  for (const a of listing.attempts) diagnoses.push(await ctx.diagnose(a));
  return { ...listing, diagnoses, problems: [...listing.problems, ...ctx.problems] };
}

/**
 * "Why did X fail": which failed attempt of the listing to diagnose, and the others grouped
 * by cause (see chooseAttempt). Reads how many accounts failed from each failing IP in the
 * listing's window, and the person's successes in the N hours before it (familiar places).
 */
export async function pickAttempt(source: SignInSource, listing: AttemptListing, now: string, ctx = new DiagnosisContext(source, now)): Promise<AttemptChoice> {
  const failed = listing.attempts.filter((a) => a.decisive.status.errorCode !== 0);
  if (!failed.length) return { groups: [] };
  const until = listing.window.until ?? failed[0]!.decisive.createdDateTime;
  const since = listing.window.since ?? failed[failed.length - 1]!.decisive.createdDateTime;
  const ips = [...new Set(failed.map((a) => a.decisive.ipAddress).filter((ip): ip is string => !!ip))].slice(0, 10);
  const ipFailureUsers: Record<string, number> = {};
  for (const ip of ips) ipFailureUsers[ip] = await ctx.usersFailingFrom(ip, { since, until });
  const userId = failed[0]!.decisive.userId;
  const earlier = listing.user || failed.every((a) => a.decisive.userId === userId) ? await ctx.userHistory(listing.user?.id ?? userId, since) : [];
  const successes = [...listing.attempts.map((a) => a.decisive), ...earlier].filter((e) => e.status.errorCode === 0);
  return chooseAttempt(listing.attempts, { ipFailureUsers, successes });
}

/** An IP as sources compare it (query-result.ts `matches`, the store's ip_l): trimmed, lower case. */
const ipKey = (ip: string) => ip.trim().toLowerCase();

const NO_EVENTS: Promise<TimedEvents> = Promise.resolve({ events: [], times: new Float64Array(0) });

/** The codes `usersFailingFrom` counts: what a batch caller asks `failuresByIp` for. */
export const IP_FAILURE_CODES: readonly number[] = [...PASSWORD_FAILURES];

/** The failures among these events that `primeIps` takes (for a source without `failuresByIp`): password failures that name an IP. */
export function* ipFailuresOf(events: Iterable<SignIn>): Generator<IpFailure> {
  for (const e of events)
    if (e.ipAddress && PASSWORD_FAILURES.has(e.status.errorCode))
      yield { ip: e.ipAddress, t: Date.parse(e.createdDateTime), account: e.userPrincipalName ?? e.userId };
}

/** Distinct accounts among an IP's primed failures in the window (both ends inclusive), as countUsers counts them. */
function countPrimed(p: { times: Float64Array; accounts: string[] } | undefined, w: { since: string; until: string }): number {
  if (!p) return 0;
  const hi = firstAtOrAfter(p.times, Date.parse(w.until) + 1);
  const seen = new Set<string>();
  for (let i = firstAtOrAfter(p.times, Date.parse(w.since)); i < hi; i++) seen.add(p.accounts[i]!);
  return seen.size;
}

/** The index of the first time ≥ x in ascending times. */
function firstAtOrAfter(times: Float64Array, x: number): number {
  let a = 0;
  let b = times.length;
  while (a < b) {
    const m = (a + b) >>> 1;
    if (times[m]! < x) a = m + 1;
    else b = m;
  }
  return a;
}

/** Distinct accounts among password failures (unknown user names count by the name tried). */
function countUsers(events: SignIn[]): number {
  return new Set(events.filter((e) => PASSWORD_FAILURES.has(e.status.errorCode)).map((e) => (e.userPrincipalName ?? e.userId).toLowerCase())).size;
}

/** Events read for a span of time [lo, hi] (ms). */
interface Block {
  lo: number;
  hi: number;
  events: Promise<TimedEvents>;
}

/** Events oldest first with their times parsed once, so windows are cut by binary search. */
interface TimedEvents {
  events: SignIn[];
  times: Float64Array;
}

function timed(events: readonly SignIn[]): TimedEvents {
  // Each time parsed once (not twice per comparison); the sort is stable, as before.
  const order = events.map((e, i) => ({ e, t: Date.parse(e.createdDateTime), i }));
  order.sort((a, b) => a.t - b.t || a.i - b.i);
  return { events: order.map((x) => x.e), times: Float64Array.from(order, (x) => x.t) };
}

function between(all: TimedEvents, since: string, until: string): SignIn[] {
  // Newest first, as a source returns them.
  return all.events.slice(firstAtOrAfter(all.times, Date.parse(since)), firstAtOrAfter(all.times, Date.parse(until) + 1)).reverse();
}
