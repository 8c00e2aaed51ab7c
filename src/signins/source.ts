import type { DirectoryAudit } from './directory-audit.ts';
import type { SignIn } from './signin.ts';
import type { ConditionalAccessPolicy, DirectoryRole, Group, NamedLocation, ServicePrincipal, User, UserRegistrationDetails } from './directory.ts';

/**
 * A question to a sign-in log. A query names what it knows; every given key must match (AND). Results come newest first.
 */
export interface SignInQuery {
  /** A user id (GUID) or a user principal name; UPNs compare case-insensitively. */
  user?: string;
  /**
   * An app id (GUID) or display name (case-insensitive, exact), matched against the app OR the
   * resource of a sign-in, as `apps` is: a list of one (the CLI's `--app`).
   */
  app?: string;
  /**
   * Any of these names, each matched case-insensitively and exactly against the app (id or
   * display name) OR the resource (id or display name): "outlook" asks for Outlook Mobile,
   * Microsoft Office and Office 365 Exchange Online, whichever side of the sign-in names them.
   */
  apps?: string[];
  correlationId?: string;
  /** Matches `id` or `originalRequestId`: the portal calls both "request id". */
  requestId?: string;
  /** Inclusive lower bound, ISO-8601. */
  since?: string;
  /** Inclusive upper bound, ISO-8601. */
  until?: string;
  outcome?: 'failure' | 'success' | 'any';
  errorCode?: number;
  ip?: string;
  /** At most this many events (newest first). */
  limit?: number;
  /** Graph: also non-interactive sign-ins (the folder and Log Analytics always have them). */
  includeNonInteractive?: boolean;
  /** Who is waiting: an agent (interactive) or the lockout watcher (background). */
  priority?: 'interactive' | 'background';
}

/**
 * A question to the directory audit log. `about` (a user's object id) lets a live source read
 * only what "what changed" uses: entries that target that user, and the tenant-wide policy
 * changes (Conditional Access, security defaults). A source may return more (a folder
 * returns the whole window); the reader picks what concerns the user.
 */
export interface AuditQuery {
  /** Inclusive bounds, ISO-8601. */
  since?: string;
  until?: string;
  about?: string;
}

/** Something the source could not read or could not tell; reported, never thrown. */
export interface SourceProblem {
  /** Where: a file and line, or an API call. */
  where: string;
  message: string;
}

export interface SignInResult {
  events: SignIn[];
  /** True when `limit` cut the list: there were more matching events. */
  truncated: boolean;
  problems: SourceProblem[];
}

/**
 * Where sign-ins are read: a tenant folder's files, Graph's sign-in reports, a Log Analytics
 * workspace. Also the directory audit log: it is a log read by time range from the same
 * store as the sign-ins (Graph's auditLogs, the workspace's AuditLogs table, the folder's
 * directoryAudits.json), so a log-only adapter that can read it offers it here.
 */
export interface SignInLog {
  /** A short human description: "tenant folder tenants/sample", "Microsoft Graph (beta)". */
  readonly description: string;
  querySignIns(query: SignInQuery): Promise<SignInResult>;
  /** Problems met while loading (malformed records and the like). */
  loadProblems(): SourceProblem[];
  /** The instant the data describes, when it is a snapshot (a tenant folder); undefined for live sources. */
  asOf(): string | undefined;
  /** The directory audit log in a time range, newest first; absent, or `undefined` when the source cannot read it (no file, no permission, no AuditLogs table). */
  listDirectoryAudits?(q: AuditQuery): Promise<DirectoryAudit[] | undefined>;
  /**
   * Every sign-in in the range, a few people at a time: `each` gets some people's events (all
   * of each one's in the range, newest first, by user id) and is awaited before more are read,
   * so batch work over a whole window (`diagnose` with only a window) never holds the range at
   * once. Optional: without it the range is read in slices of time and grouped by the caller.
   */
  signInsByPerson?(
    range: { since: string; until: string },
    each: (people: Map<string, SignIn[]>) => Promise<void>,
  ): Promise<{ truncated: boolean; problems: SourceProblem[] }>;
  /**
   * The failures in the range with one of these error codes that name an IP, as only their IP,
   * time and account (UPN, else user id): what "how many accounts failed from this IP" counts,
   * without reading a record. Optional: without it the caller reads the failures whole.
   */
  failuresByIp?(range: { since: string; until: string }, errorCodes: readonly number[]): Promise<IpFailure[]>;
}

/** One failure as `failuresByIp` gives it: the IP as recorded, the time (ms), the account tried. */
export interface IpFailure {
  ip: string;
  t: number;
  account: string;
}

/**
 * Who and what the tenant holds: people, groups, policies, apps, roles. A workspace holds
 * none of it, so a log-only source is combined with a directory (Graph or a folder). The
 * What If API sits here: it evaluates the directory's policies for one of its users.
 * A directory also has a description and load problems, so a combined source can name
 * both halves and report what either could not read.
 */
export interface Directory {
  readonly description: string;
  /** Users whose display name, given name, UPN or mail contains or starts with the fragment. */
  findUsers(fragment: string, limit?: number): Promise<User[]>;
  getUser(idOrUpn: string): Promise<User | undefined>;
  /** Groups with their members; `undefined` when the source cannot list them (Graph): membership is then unknown, not empty. */
  listGroups(): Promise<Group[] | undefined>;
  /** `undefined` when the source cannot read them (no file, no permission): not the same as none. */
  listPolicies(): Promise<ConditionalAccessPolicy[] | undefined>;
  listNamedLocations(): Promise<NamedLocation[] | undefined>;
  listServicePrincipals(): Promise<ServicePrincipal[]>;
  /** Directory roles with members; `undefined` when the source cannot read them. */
  listDirectoryRoles(): Promise<DirectoryRole[] | undefined>;
  getRegistrationDetails(userId: string): Promise<UserRegistrationDetails | undefined>;
  /** Problems met while loading the directory. */
  loadProblems(): SourceProblem[];
  /**
   * The groups (transitively) and directory role templates one user holds, for sources that
   * cannot list every group with its members (Graph); `undefined` when they cannot be read.
   */
  membership?(userId: string): Promise<{ groupIds: Set<string>; roleTemplateIds: Set<string> } | undefined>;
  /** Microsoft's What If API (Graph `conditionalAccess/evaluate`), where the source can call it. */
  evaluateConditionalAccess?(request: WhatIfRequest): Promise<WhatIfApiResult[] | undefined>;
}

/**
 * What the rest of the app is given: a log and its directory in one. A folder and Graph are
 * both halves themselves; a log-only adapter (Log Analytics) is made whole with `combine`.
 */
export interface SignInSource extends SignInLog, Directory {}

/** The body of POST /identity/conditionalAccess/evaluate (documented shape; sparse conditions allowed). */
export interface WhatIfRequest {
  signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn'; userId: string };
  signInContext: { '@odata.type': '#microsoft.graph.applicationContext'; includeApplications: string[] };
  signInConditions: {
    devicePlatform?: string;
    clientAppType?: string;
    signInRiskLevel?: string;
    userRiskLevel?: string;
    country?: string;
    ipAddress?: string;
    deviceInfo?: { isCompliant?: boolean; trustType?: string; operatingSystem?: string; deviceId?: string; displayName?: string };
  };
  appliedPoliciesOnly: boolean;
}

/** One policy of the What If API's answer: whether it applies and, when not, the flags saying why. */
export interface WhatIfApiResult {
  id: string;
  displayName: string;
  state: string;
  policyApplies: boolean;
  /** `notSet` when it applies; otherwise e.g. `users`, `application`, `devicePlatform`, `notEnoughInformation`. */
  analysisReasons: string[];
}
