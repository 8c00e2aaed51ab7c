import { diagnoseAttempt } from '../diagnosis/diagnose.ts';
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
const MAX_IPS = 5;

export interface DiagnosedListing extends Omit<AttemptListing, 'attempts'> {
  attempts: Attempt[];
  diagnoses: Diagnosis[];
}

export class DiagnosisContext {
  private readonly history = new Map<string, Promise<SignIn[]>>();
  private readonly ipUsers = new Map<string, Promise<number>>();
  private directory?: Promise<Pick<DiagnosisInput, 'policies' | 'namedLocations' | 'groups' | 'roles' | 'servicePrincipals'>>;
  readonly problems: SourceProblem[] = [];

  constructor(
    private readonly source: SignInSource,
    readonly now: string,
    readonly historyHours = DEFAULT_WINDOW_HOURS,
  ) {}

  private window(): { since: string; until: string } {
    const until = Date.parse(this.now);
    return { since: new Date(until - this.historyHours * 3_600_000).toISOString(), until: this.now };
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
    const key = `${ip}|${w.since}|${w.until}`;
    let p = this.ipUsers.get(key);
    if (!p) {
      p = this.source.querySignIns({ ip, outcome: 'failure', since: w.since, until: w.until, limit: 5000 }).then((r) => {
        this.problems.push(...r.problems);
        return new Set(r.events.filter((e) => PASSWORD_FAILURES.has(e.status.errorCode)).map((e) => (e.userPrincipalName ?? e.userId).toLowerCase())).size;
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

  async inputFor(attempt: Attempt): Promise<DiagnosisInput> {
    const d = attempt.decisive;
    const [history, dir, user, registration] = await Promise.all([
      this.userHistory(d.userId, d.createdDateTime),
      this.directoryData(),
      this.source.getUser(d.userId),
      this.source.getRegistrationDetails(d.userId),
    ]);
    const ids = new Set(attempt.events.map((e) => e.id));
    const others = history.filter((e) => !ids.has(e.id));
    const failingIps = [...new Set([...attempt.events, ...others].filter((e) => PASSWORD_FAILURES.has(e.status.errorCode)).map((e) => e.ipAddress).filter((ip): ip is string => !!ip))].slice(0, MAX_IPS);
    const ipFailureUsers: Record<string, number> = {};
    const window = this.historyWindow(d.createdDateTime);
    if (PASSWORD_FAILURES.has(d.status.errorCode)) for (const ip of failingIps) ipFailureUsers[ip] = await this.usersFailingFrom(ip, window);
    return { events: attempt.events, history: others, ipFailureUsers, user, registration, ...dir, now: this.now, historyHours: this.historyHours, historyWindow: window };
  }

  async diagnose(attempt: Attempt): Promise<Diagnosis> {
    return diagnoseAttempt(await this.inputFor(attempt));
  }
}

export async function diagnoseRequest(source: SignInSource, r: AttemptRequest, historyHours = DEFAULT_WINDOW_HOURS): Promise<DiagnosedListing> {
  const listing = await listAttempts(source, r);
  const ctx = new DiagnosisContext(source, r.now, historyHours);
  const diagnoses: Diagnosis[] = [];
  for (const a of listing.attempts) diagnoses.push(await ctx.diagnose(a));
  return { ...listing, diagnoses, problems: [...listing.problems, ...ctx.problems] };
}
