import nock from 'nock';
import type { SignInQuery } from '../../src/signins/source.ts';
import { transitiveGroups } from '../../src/diagnosis/ca-evaluator.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { auditMatchesFilter } from './audit-fakes.ts';

/**
 * Microsoft Graph, played by nock from a tenant folder, in the documented response shapes
 * (list responses with `@odata.context`, `value` and `@odata.nextLink`; errors as
 * `{"error": {"code", "message"}}`). Only the `$filter` subset our adapter writes is read.
 */
export const GRAPH = 'https://graph.microsoft.com';

/** Splits at top-level " and ", outside quotes and parentheses. */
function topLevelAnd(filter: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < filter.length; i++) {
    const ch = filter[i]!;
    if (ch === "'") {
      if (quoted && filter[i + 1] === "'") i++;
      else quoted = !quoted;
    } else if (!quoted && ch === '(') depth++;
    else if (!quoted && ch === ')') depth--;
    else if (!quoted && depth === 0 && filter.startsWith(' and ', i)) {
      parts.push(filter.slice(start, i));
      start = i + 5;
      i += 4;
    }
  }
  parts.push(filter.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

const unquote = (s: string) => s.slice(1, -1).replace(/''/g, "'");

const LIT = "'(?:[^']|'')*'";
const APP_TERM = `(appId|appDisplayName|resourceId|resourceDisplayName) eq (${LIT})`;
const APP_GROUP = new RegExp(`^\\((${APP_TERM})(?: or ${APP_TERM})*\\)$`);

/**
 * "(appDisplayName eq 'a' or resourceDisplayName eq 'a' or appId eq 'g' or resourceId eq 'g')":
 * the names, each of which must be asked of both the app and the resource (else it throws).
 */
function appNamesOf(clause: string): string[] | undefined {
  if (!APP_GROUP.test(clause)) return undefined;
  const asApp: string[] = [];
  const asResource: string[] = [];
  for (const m of clause.matchAll(new RegExp(APP_TERM, 'g'))) (m[1]!.startsWith('app') ? asApp : asResource).push(unquote(m[2]!));
  if (JSON.stringify(asApp) !== JSON.stringify(asResource)) throw new Error(`the fake Graph reads "${clause}" as app names not also asked as the resource`);
  return asApp;
}

/** The query a filter we wrote asks for; throws on anything else (the test should notice). */
export function queryFromFilter(filter: string): SignInQuery {
  const q: SignInQuery = {};
  for (const clause of topLevelAnd(filter)) {
    let m: RegExpExecArray | null;
    if ((m = /^\(id eq ('(?:[^']|'')*') or originalRequestId eq ('(?:[^']|'')*')\)$/.exec(clause))) q.requestId = unquote(m[1]!);
    else if (clause.startsWith('signInEventTypes/any(')) continue;
    else if ((m = /^createdDateTime (ge|le) (\S+)$/.exec(clause))) q[m[1] === 'ge' ? 'since' : 'until'] = m[2]!;
    else if ((m = /^status\/errorCode eq (-?\d+)$/.exec(clause))) q.errorCode = Number(m[1]);
    else if (appNamesOf(clause)) {
      if (q.apps) throw new Error('the fake Graph reads one list of app names');
      q.apps = appNamesOf(clause);
    } else if ((m = /^(\w+) eq ('(?:[^']|'')*')$/.exec(clause))) {
      const v = unquote(m[2]!);
      const key = {
        userId: 'user',
        userPrincipalName: 'user',
        correlationId: 'correlationId',
        ipAddress: 'ip',
        id: 'requestId',
      }[m[1]!] as keyof SignInQuery | undefined;
      if (!key) throw new Error(`the fake Graph does not know "${clause}"`);
      (q as Record<string, unknown>)[key] = v;
    } else throw new Error(`the fake Graph cannot read "${clause}"`);
  }
  return q;
}

export interface FakeGraph {
  /** Requests seen, by path (query string dropped). */
  requests: string[];
  done(): void;
}

export function serveTenant(
  folder: TenantFolderSource,
  opts: { caForbidden?: boolean; membershipForbidden?: boolean; version?: 'beta' | 'v1.0' } = {},
): FakeGraph {
  const requests: string[] = [];
  const list = (context: string, value: unknown[]) => ({ '@odata.context': `${GRAPH}/v1.0/$metadata#${context}`, value });
  const scope = nock(GRAPH).persist();
  scope.get(/\/(beta|v1\.0)\/auditLogs\/signIns/).reply(async (uri) => {
    const url = new URL(uri, GRAPH);
    requests.push(url.pathname);
    if (opts.version === 'v1.0' && url.pathname.startsWith('/beta/'))
      return [400, { error: { code: 'BadRequest', message: 'Resource not found for the segment signIns.' } }];
    const q = queryFromFilter(url.searchParams.get('$filter') ?? '');
    const top = Number(url.searchParams.get('$top') ?? 1000);
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const all = (await folder.querySignIns({ ...q, limit: skip + top + 1 })).events;
    const page = all.slice(skip, skip + top);
    const body: Record<string, unknown> = list('auditLogs/signIns', page);
    if (all.length > skip + top) {
      const next = new URL(url);
      next.searchParams.set('$skiptoken', String(skip + top));
      body['@odata.nextLink'] = next.toString();
    }
    return [200, body];
  });
  // Registered before the single-user route, which would otherwise match this path too.
  scope.get(/\/v1\.0\/users\/[^/?]+\/transitiveMemberOf/).reply(async (uri) => {
    requests.push('/v1.0/users/{id}/transitiveMemberOf');
    if (opts.membershipForbidden)
      return [403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }];
    const id = decodeURIComponent(new URL(uri, GRAPH).pathname.split('/')[3]!);
    const groups = transitiveGroups(id, await folder.listGroups());
    const value = [
      ...(await folder.listGroups())
        .filter((g) => groups.has(g.id))
        .map((g) => ({ '@odata.type': '#microsoft.graph.group', id: g.id, displayName: g.displayName })),
      ...((await folder.listDirectoryRoles()) ?? [])
        .filter((r) => (r.members ?? []).some((m) => m.id === id))
        .map((r) => ({ '@odata.type': '#microsoft.graph.directoryRole', id: r.id, roleTemplateId: r.roleTemplateId, displayName: r.displayName })),
    ];
    return [200, list('directoryObjects', value)];
  });
  scope.get(/\/v1\.0\/users\/[^/?]+/).reply(async (uri) => {
    const url = new URL(uri, GRAPH);
    requests.push('/v1.0/users/{key}');
    const key = decodeURIComponent(url.pathname.split('/').pop()!);
    const u = await folder.getUser(key);
    // Graph finds users by id or UPN, not by mail.
    if (!u || (u.id.toLowerCase() !== key.toLowerCase() && u.userPrincipalName.toLowerCase() !== key.toLowerCase()))
      return [404, { error: { code: 'Request_ResourceNotFound', message: `Resource '${key}' does not exist.` } }];
    return [200, u];
  });
  scope.get(/\/v1\.0\/users\?/).reply(async (uri) => {
    const url = new URL(uri, GRAPH);
    requests.push('/v1.0/users?$filter');
    const f = url.searchParams.get('$filter') ?? '';
    const mail = /^mail eq ('(?:[^']|'')*')$/.exec(f);
    if (mail) {
      const u = folder.allUsers().filter((x) => x.mail?.toLowerCase() === unquote(mail[1]!).toLowerCase());
      return [200, list('users', u)];
    }
    const start = /startswith\(displayName,('(?:[^']|'')*')\)/.exec(f);
    const frag = start ? unquote(start[1]!).toLowerCase() : '';
    const u = folder.allUsers().filter((x) =>
      [x.displayName, x.givenName, x.surname, x.userPrincipalName, x.mail].some(
        (v) =>
          v?.toLowerCase().startsWith(frag) ||
          v
            ?.toLowerCase()
            .split(/\s+/)
            .some((w) => w.startsWith(frag)),
      ),
    );
    return [200, list('users', u.slice(0, Number(url.searchParams.get('$top') ?? 10)))];
  });
  const forbidden = [403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } }] as const;
  scope
    .get(/\/v1\.0\/identity\/conditionalAccess\/policies/)
    .reply(
      async () => (
        requests.push('/v1.0/identity/conditionalAccess/policies'),
        opts.caForbidden ? [...forbidden] : [200, list('identity/conditionalAccess/policies', (await folder.listPolicies()) ?? [])]
      ),
    );
  scope
    .get(/\/v1\.0\/identity\/conditionalAccess\/namedLocations/)
    .reply(
      async () => (
        requests.push('/v1.0/identity/conditionalAccess/namedLocations'),
        opts.caForbidden ? [...forbidden] : [200, list('identity/conditionalAccess/namedLocations', (await folder.listNamedLocations()) ?? [])]
      ),
    );
  scope
    .get(/\/v1\.0\/servicePrincipals/)
    .reply(async () => (requests.push('/v1.0/servicePrincipals'), [200, list('servicePrincipals', await folder.listServicePrincipals())]));
  scope
    .get(/\/v1\.0\/directoryRoles/)
    .reply(async () => (requests.push('/v1.0/directoryRoles'), [200, list('directoryRoles', (await folder.listDirectoryRoles()) ?? [])]));
  scope.get(/\/beta\/reports\/authenticationMethods\/userRegistrationDetails\//).reply(async (uri) => {
    requests.push('/beta/reports/authenticationMethods/userRegistrationDetails/{id}');
    const id = decodeURIComponent(new URL(uri, GRAPH).pathname.split('/').pop()!);
    const r = await folder.getRegistrationDetails(id);
    return r ? [200, r] : [404, { error: { code: 'Request_ResourceNotFound', message: 'not found' } }];
  });
  scope.get(/\/v1\.0\/auditLogs\/directoryAudits/).reply(async (uri) => {
    requests.push('/v1.0/auditLogs/directoryAudits');
    const f = new URL(uri, GRAPH).searchParams.get('$filter') ?? '';
    const audits = (await folder.listDirectoryAudits({})) ?? [];
    return [
      200,
      list(
        'auditLogs/directoryAudits',
        audits.filter((a) => auditMatchesFilter(f, a)),
      ),
    ];
  });
  return { requests, done: () => nock.cleanAll() };
}

/** A credential that needs no network: the token endpoint is not what these tests are about. */
export const fakeCredential = { getToken: async () => ({ token: 'test-token', expiresOnTimestamp: Date.now() + 3_600_000 }) };

/**
 * Every request nock had no interceptor for (another host, with net connect disabled): recorded
 * so a test can say "nothing went anywhere else", not merely "nothing succeeded".
 */
export function recordUnmatched(): { requests: string[]; stop(): void } {
  const requests: string[] = [];
  const listener = (req: { method?: string; href?: string; host?: string; path?: string }) =>
    requests.push(`${req.method ?? '?'} ${req.href ?? `${req.host ?? ''}${req.path ?? ''}`}`);
  nock.emitter.on('no match', listener);
  return { requests, stop: () => void nock.emitter.removeListener('no match', listener) };
}
