import { z } from 'zod';
import { SignIn } from '../signin.ts';
import { ConditionalAccessPolicy, DirectoryRole, Group, NamedLocation, ServicePrincipal, User, UserRegistrationDetails } from '../directory.ts';
import type { AuditQuery, SignInQuery, SignInResult, SignInSource, SourceProblem, WhatIfApiResult, WhatIfRequest } from '../source.ts';
import type { DirectoryAudit } from '../directory-audit.ts';
import { readDirectoryAudits } from './audits.ts';
import { evaluateWhatIf } from './evaluate.ts';
import { QueryResult, appGroups } from '../query-result.ts';
import { GraphClient, GraphError } from './graph-client.ts';
import { Entity, ListPage, envelope } from './envelope.ts';
import { and, anyApp, instant, isGuid, isUserKey, literal, segment } from './odata.ts';
import type { WaitAllowance } from './throttle.ts';

/**
 * The live tenant through Microsoft Graph. Sign-ins come from beta `auditLogs/signIns`
 * (v1.0 when beta is refused) with a narrow server-side filter; the window is widened to
 * whole minutes so that the same question asked again within a minute is the same request
 * (the client's cache answers it), and the exact window is applied here.
 *
 * What people typed reaches a URL's path only as a validated, percent-encoded segment (an
 * object id, or a UPN/mail-shaped name for users); anything else is "not found" without a
 * request. Next links are followed only on the origin of the first request; every answer's
 * envelope is checked before it is read.
 */
const USER_FIELDS = 'id,displayName,userPrincipalName,mail,givenName,surname,accountEnabled,userType,lastPasswordChangeDateTime,onPremisesSyncEnabled';
const PAGE_SIZE = 1000;
const MAX_PAGES = 5;
const DIRECTORY_TTL = 10 * 60_000;

function minuteFloor(iso: string): string {
  const t = Date.parse(iso);
  return new Date(t - (t % 60_000)).toISOString();
}
function minuteCeil(iso: string): string {
  const t = Date.parse(iso);
  return new Date(t % 60_000 ? t - (t % 60_000) + 60_000 : t).toISOString();
}

export class GraphSource implements SignInSource {
  readonly description = 'Microsoft Graph';
  private version: 'beta' | 'v1.0' = 'beta';
  private readonly problems: SourceProblem[] = [];
  private readonly users = new Map<string, { user: User; until: number }>();

  constructor(
    readonly client: GraphClient,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** The `$filter` for a query; exported for tests (quoting must hold). */
  signInFilter(q: SignInQuery, version: 'beta' | 'v1.0' = this.version): string {
    const user = q.user?.trim();
    return and([
      user ? (isGuid(user) ? `userId eq ${literal(user.toLowerCase())}` : `userPrincipalName eq ${literal(user.toLowerCase())}`) : undefined,
      ...appGroups(q).map(anyApp),
      q.correlationId ? `correlationId eq ${literal(q.correlationId.trim())}` : undefined,
      q.requestId
        ? version === 'beta'
          ? `(id eq ${literal(q.requestId.trim())} or originalRequestId eq ${literal(q.requestId.trim())})`
          : `id eq ${literal(q.requestId.trim())}`
        : undefined,
      q.since ? `createdDateTime ge ${instant(minuteFloor(q.since))}` : undefined,
      q.until ? `createdDateTime le ${instant(minuteCeil(q.until))}` : undefined,
      q.errorCode !== undefined ? `status/errorCode eq ${Math.trunc(q.errorCode)}` : q.outcome === 'success' ? 'status/errorCode eq 0' : undefined,
      q.ip ? `ipAddress eq ${literal(q.ip.trim())}` : undefined,
      q.includeNonInteractive && version === 'beta' ? "signInEventTypes/any(t: t eq 'interactiveUser' or t eq 'nonInteractiveUser')" : undefined,
    ]);
  }

  async querySignIns(q: SignInQuery): Promise<SignInResult> {
    // A list of app names with none in it names no sign-in: nothing to ask Graph.
    if (appGroups(q).some((names) => !names.length)) return { events: [], truncated: false, problems: [] };
    const limit = q.limit === undefined ? PAGE_SIZE * MAX_PAGES : Math.max(1, Math.trunc(q.limit) || 1);
    const problems: SourceProblem[] = [];
    const result = new QueryResult(q, limit);
    let url: string | undefined = this.signInsUrl(q, Math.min(PAGE_SIZE, limit));
    let pages = 0;
    const priority = q.priority ?? 'interactive';
    // Every page of this question draws on one waiting allowance.
    const allowance = this.client.allowance(priority);
    while (url) {
      let raw: unknown;
      try {
        raw = await this.client.get(url, { reports: true, priority, allowance, headers: { Prefer: 'include-unknown-enum-members' } });
      } catch (e) {
        // Beta refused (some clouds, some tenants): the same question on v1.0, with its thinner records.
        if (e instanceof GraphError && this.version === 'beta' && pages === 0 && (e.status === 400 || e.status === 404 || e.code === 'BadRequest')) {
          this.version = 'v1.0';
          this.problems.push({ where: 'Microsoft Graph', message: 'the beta endpoint was refused; reading v1.0 sign-ins, which lack MFA details' });
          url = this.signInsUrl(q, Math.min(PAGE_SIZE, limit));
          continue;
        }
        throw e;
      }
      if (raw === undefined) break;
      const page = envelope(ListPage, raw, `the sign-ins list, page ${pages + 1}`);
      pages++;
      for (const record of page.value) {
        const parsed = SignIn.safeParse(record);
        if (!parsed.success) {
          problems.push({ where: 'Microsoft Graph signIn', message: `${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}; skipped` });
          continue;
        }
        // The filter was widened to whole minutes and cannot say "failure"; the rest is checked here.
        if (!result.add(parsed.data)) break;
      }
      url = page['@odata.nextLink'] ?? undefined;
      if (url && (result.full || pages >= MAX_PAGES)) {
        result.truncated = true;
        break;
      }
      if (url && !this.client.sameOrigin(url)) {
        problems.push(this.foreignNextLink('the sign-ins list', url));
        result.truncated = true;
        break;
      }
    }
    const events = result.events.sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime));
    return { events, truncated: result.truncated, problems };
  }

  private signInsUrl(q: SignInQuery, top: number): string {
    const params = new URLSearchParams({ $filter: this.signInFilter(q), $top: String(Math.max(1, Math.min(PAGE_SIZE, Math.trunc(top) || PAGE_SIZE))) });
    return `/${this.version}/auditLogs/signIns?${params.toString().replace(/\+/g, '%20')}`;
  }

  private remember(u: User): User {
    const until = this.now() + DIRECTORY_TTL;
    for (const k of [u.id, u.userPrincipalName, u.mail]) if (k) this.users.set(k.toLowerCase(), { user: u, until });
    return u;
  }

  async getUser(idOrUpn: string): Promise<User | undefined> {
    const typed = idOrUpn.trim();
    // Only an object id or a UPN/mail names a user; `..` or `a/b` would name another URL.
    if (!isUserKey(typed)) return undefined;
    const key = typed.toLowerCase();
    const hit = this.users.get(key);
    if (hit && hit.until > this.now()) return hit.user;
    const allowance = this.client.allowance();
    const raw = await this.client.get<unknown>(`/v1.0/users/${segment(typed)}?$select=${USER_FIELDS}`, { cacheMs: DIRECTORY_TTL, allowance });
    if (raw !== undefined) {
      const u = User.safeParse(envelope(Entity, raw, 'a user'));
      if (u.success) return this.remember(u.data);
      this.problems.push({ where: 'Microsoft Graph /v1.0/users/{id}', message: 'a user record did not match the expected shape; skipped' });
      return undefined;
    }
    // Guests sign in with their real address, which is their mail, not their UPN.
    if (!isGuid(typed)) {
      const found = await this.list(
        `/v1.0/users?$filter=${encodeURIComponent(`mail eq ${literal(typed)}`)}&$select=${USER_FIELDS}`,
        User,
        'the list of users',
        1,
        DIRECTORY_TTL,
        allowance,
      );
      if (found[0]) return this.remember(found[0]);
    }
    return undefined;
  }

  async findUsers(fragment: string, limit = 10): Promise<User[]> {
    const f = fragment.trim();
    if (!f) return [];
    const first = f.split(/\s+/)[0]!;
    const filter = [
      `startswith(displayName,${literal(f)})`,
      `startswith(givenName,${literal(first)})`,
      `startswith(surname,${literal(f)})`,
      `startswith(userPrincipalName,${literal(f)})`,
      `startswith(mail,${literal(f)})`,
    ].join(' or ');
    const top = Math.max(1, Math.min(999, Math.trunc(limit) || 10));
    const users = await this.list(`/v1.0/users?$filter=${encodeURIComponent(filter)}&$select=${USER_FIELDS}&$top=${top}`, User, 'the list of users', top);
    return users.map((u) => this.remember(u));
  }

  private async list<T>(
    path: string,
    schema: z.ZodType<T>,
    what: string,
    max = PAGE_SIZE * MAX_PAGES,
    cacheMs = DIRECTORY_TTL,
    allowance: WaitAllowance = this.client.allowance(),
  ): Promise<T[]> {
    const out: T[] = [];
    let url: string | undefined = path;
    for (let pages = 0; url && pages < MAX_PAGES && out.length < max; pages++) {
      const raw: unknown = await this.client.get<unknown>(url, { cacheMs, allowance });
      if (raw === undefined) break;
      const page: ListPage = envelope(ListPage, raw, pages ? `${what}, page ${pages + 1}` : what);
      for (const record of page.value) {
        const r = schema.safeParse(record);
        if (r.success) out.push(r.data);
        else this.problems.push({ where: `Microsoft Graph ${path.split('?')[0]}`, message: `a record did not match the expected shape; skipped` });
      }
      url = page['@odata.nextLink'] ?? undefined;
      if (url && out.length < max && !this.client.sameOrigin(url)) {
        this.problems.push(this.foreignNextLink(what, url));
        break;
      }
    }
    return out.slice(0, max);
  }

  /** A next link to another site: not followed (the token would go along), logged, and the list said to be cut. */
  private foreignNextLink(what: string, url: string): SourceProblem {
    let origin = 'an unreadable address';
    try {
      origin = new URL(url).origin;
    } catch {
      // keep the words above
    }
    this.client.log(`Microsoft Graph: the next page of ${what} is on ${origin}, not ${this.client.origin}; not followed, so the list is cut`);
    return { where: 'Microsoft Graph', message: `the next page of ${what} pointed to another site (${origin}) and was not read, so the list is incomplete` };
  }

  /** Directory data the caller may not be allowed to read: `undefined`, and the reason kept. */
  private async optional<T>(what: string, read: () => Promise<T>): Promise<T | undefined> {
    try {
      return await read();
    } catch (e) {
      if (e instanceof GraphError && (e.status === 403 || e.status === 401)) {
        if (!this.problems.some((p) => p.where === what)) this.problems.push({ where: what, message: e.explanation });
        return undefined;
      }
      throw e;
    }
  }

  async listGroups(): Promise<Group[] | undefined> {
    // Listing every group with members does not scale to real tenants: one user's membership comes from membership().
    return undefined;
  }

  async listPolicies(): Promise<ConditionalAccessPolicy[] | undefined> {
    return this.optional('Conditional Access policies', () =>
      this.list('/v1.0/identity/conditionalAccess/policies', ConditionalAccessPolicy, 'Conditional Access policies'),
    );
  }

  async listNamedLocations(): Promise<NamedLocation[] | undefined> {
    return this.optional('named locations', () => this.list('/v1.0/identity/conditionalAccess/namedLocations', NamedLocation, 'named locations'));
  }

  async listServicePrincipals(): Promise<ServicePrincipal[]> {
    return (
      (await this.optional('service principals', () =>
        this.list('/v1.0/servicePrincipals?$select=id,appId,displayName&$top=999', ServicePrincipal, 'service principals'),
      )) ?? []
    );
  }

  async listDirectoryRoles(): Promise<DirectoryRole[] | undefined> {
    return this.optional('directory roles', () => this.list('/v1.0/directoryRoles?$expand=members($select=id)', DirectoryRole, 'directory roles'));
  }

  async getRegistrationDetails(userId: string): Promise<UserRegistrationDetails | undefined> {
    // Registration details are keyed by object id only.
    const id = userId.trim();
    if (!isGuid(id)) return undefined;
    const raw = await this.optional('MFA registration details', () =>
      this.client.get<unknown>(`/beta/reports/authenticationMethods/userRegistrationDetails/${segment(id)}`, { cacheMs: DIRECTORY_TTL }),
    );
    if (raw === undefined) return undefined;
    const r = UserRegistrationDetails.safeParse(envelope(Entity, raw, 'MFA registration details'));
    return r.success ? r.data : undefined;
  }

  async membership(userId: string): Promise<{ groupIds: Set<string>; roleTemplateIds: Set<string> } | undefined> {
    const Member = z.looseObject({ '@odata.type': z.string().nullish(), id: z.string(), roleTemplateId: z.string().nullish() });
    const id = userId.trim();
    // Not an id or UPN: nobody Graph could name, so membership is unknown (not empty), without a request.
    if (!isUserKey(id)) return undefined;
    const members = await this.optional('group and role membership', () =>
      this.list(`/v1.0/users/${segment(id)}/transitiveMemberOf?$select=id,roleTemplateId&$top=999`, Member, 'group and role membership'),
    );
    if (!members) return undefined;
    const groupIds = new Set(members.filter((m) => /group$/i.test(m['@odata.type'] ?? '')).map((m) => m.id));
    const roleTemplateIds = new Set(
      members
        .filter((m) => /directoryRole$/i.test(m['@odata.type'] ?? ''))
        .map((m) => m.roleTemplateId)
        .filter((r): r is string => !!r),
    );
    return { groupIds, roleTemplateIds };
  }

  /** The directory audit log (AuditLog.Read.All); `undefined` with the reason in loadProblems() when Graph refuses. */
  async listDirectoryAudits(q: AuditQuery = {}): Promise<DirectoryAudit[] | undefined> {
    return readDirectoryAudits(this.client, q, (p) => {
      if (!this.problems.some((x) => x.where === p.where && x.message === p.message)) this.problems.push(p);
    });
  }

  async evaluateConditionalAccess(request: WhatIfRequest): Promise<WhatIfApiResult[] | undefined> {
    return evaluateWhatIf(this.client, request);
  }

  loadProblems(): SourceProblem[] {
    return this.problems;
  }

  asOf(): string | undefined {
    return undefined;
  }
}

export const windowRounding = { minuteFloor, minuteCeil };
