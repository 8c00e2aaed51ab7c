import type { DirectoryAudit } from './directory-audit.ts';
import type { SignIn } from './signin.ts';
import type { ConditionalAccessPolicy, DirectoryRole, Group, NamedLocation, ServicePrincipal, User, UserRegistrationDetails } from './directory.ts';

/**
 * The port every sign-in source implements: the tenant folder, Microsoft Graph, Log Analytics.
 * A query names what it knows; every given key must match (AND). Results come newest first.
 */
export interface SignInQuery {
  /** A user id (GUID) or a user principal name; UPNs compare case-insensitively. */
  user?: string;
  /** An app id (GUID) or an app display name (case-insensitive, exact). */
  app?: string;
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

export interface SignInSource {
  /** A short human description: "tenant folder tenants/sample", "Microsoft Graph (beta)". */
  readonly description: string;
  querySignIns(query: SignInQuery): Promise<SignInResult>;
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
  /** Problems met while loading (malformed records and the like). */
  loadProblems(): SourceProblem[];
  /** The instant the data describes, when it is a snapshot (a tenant folder); undefined for live sources. */
  asOf(): string | undefined;
  /**
   * The groups (transitively) and directory role templates one user holds, for sources that
   * cannot list every group with its members (Graph); `undefined` when they cannot be read.
   */
  membership?(userId: string): Promise<{ groupIds: Set<string>; roleTemplateIds: Set<string> } | undefined>;
  /** The directory audit log in a time range, newest first; absent or `undefined` when the source cannot read it (Graph and Log Analytics do not yet). */
  listDirectoryAudits?(q: { since?: string; until?: string }): Promise<DirectoryAudit[] | undefined>;
  /** Microsoft's What If API (Graph `conditionalAccess/evaluate`), where the source can call it. */
  evaluateConditionalAccess?(request: WhatIfRequest): Promise<WhatIfApiResult[] | undefined>;
}

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
