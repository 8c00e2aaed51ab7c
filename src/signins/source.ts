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
  listGroups(): Promise<Group[]>;
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
}
