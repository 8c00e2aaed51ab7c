import type { PolicyFilter } from '../../conversation/command.ts';
import { ADMIN_PORTAL_APPS, OFFICE_365_APPS, PLATFORM_NAMES } from '../../diagnosis/ca-evaluator.ts';
import { grantOf } from '../../diagnosis/policies.ts';
import { clientWords, requirementWords } from '../../diagnosis/words.ts';
import type { ConditionalAccessPolicy } from '../../signins/directory.ts';

/**
 * "Which policies apply to bob / to Salesforce / are report-only": each Conditional Access
 * policy read from its definition, in words: its state, what it requires, and whether (and why)
 * it covers the person or app asked about. Who and which app are known before any sign-in; the
 * rest (location, device, client app, risk) is only known at a sign-in, so it is said as
 * "applies when …", never decided.
 */

export type PolicyState = 'on' | 'report-only' | 'off';

export interface PolicyLine {
  id: string;
  name: string;
  state: PolicyState;
  /** "requires multifactor authentication", "blocks access". */
  requires: string;
  /** Whether it covers the person or app asked about; undefined when that cannot be told (membership unknown) or nothing was asked. */
  covers?: boolean;
  /** Why it covers them or not ("included: group Finance"; "excluded: group CA Exclusion - Break Glass"). */
  why: string[];
  /** The conditions only a sign-in decides: "when the client is Exchange ActiveSync". Empty: every sign-in in scope. */
  when: string[];
}

/** The person as the policies see them: directory id, guest or not, groups (nested) and role templates when known. */
export interface PersonScope {
  id: string;
  isGuest: boolean;
  groupIds?: ReadonlySet<string>;
  roleTemplateIds?: ReadonlySet<string>;
}

/** Names for the ids a policy holds: groups, roles (by template id), users, apps (by app id), named locations. */
export interface Names {
  groups: ReadonlyMap<string, string>;
  roles: ReadonlyMap<string, string>;
  users: ReadonlyMap<string, string>;
  apps: ReadonlyMap<string, string>;
  locations: ReadonlyMap<string, string>;
}

const list = (v: readonly string[] | null | undefined): readonly string[] => v ?? [];
const lower = (s: string) => s.toLowerCase();

export function stateOf(p: ConditionalAccessPolicy): PolicyState {
  return p.state === 'enabled' ? 'on' : p.state === 'enabledForReportingButNotEnforced' ? 'report-only' : 'off';
}

/** The grant controls in words: "blocks access", "requires a compliant device or a hybrid joined device". */
export function requiresOf(p: ConditionalAccessPolicy): string {
  const g = p.grantControls;
  const grants = list(g?.builtInControls).map(grantOf);
  if (grants.includes('block')) return 'blocks access';
  const words = [
    requirementWords(
      grants.filter((x) => x !== 'authenticationStrength'),
      g?.operator,
    ),
    g?.authenticationStrength?.displayName ? `the authentication strength "${g.authenticationStrength.displayName}"` : '',
    list(g?.termsOfUse).length ? 'accepting the terms of use' : '',
  ].filter(Boolean);
  if (words.length) return `requires ${words.join(g?.operator?.toUpperCase() === 'OR' ? ' or ' : ' and ')}`;
  return p.sessionControls && Object.keys(p.sessionControls).length ? 'sets session controls only' : 'grants access (no control)';
}

const named = (kind: string, ids: readonly string[], names: ReadonlyMap<string, string>) =>
  ids.map((id) => `${kind} ${names.get(id) ?? names.get(lower(id)) ?? id}`).join(', ');

/** Whether the policy's users cover this person, and why. Exclusions win, as in Entra. */
export function personCovered(p: ConditionalAccessPolicy, who: PersonScope, n: Names): { covers: boolean | undefined; why: string } {
  const u = p.conditions.users;
  if (!u) return { covers: false, why: 'it names no users' };
  const among = (ids: readonly string[], set: ReadonlySet<string> | undefined) => (set ? ids.filter((id) => set.has(id)) : undefined);
  if (list(u.excludeUsers).includes(who.id)) return { covers: false, why: 'excluded by name' };
  if (who.isGuest && (list(u.excludeUsers).includes('GuestsOrExternalUsers') || u.excludeGuestsOrExternalUsers))
    return { covers: false, why: 'excluded: guests and external users' };
  const exGroups = among(list(u.excludeGroups), who.groupIds);
  if (exGroups?.length) return { covers: false, why: `excluded: ${named('group', exGroups, n.groups)}` };
  const exRoles = among(list(u.excludeRoles), who.roleTemplateIds);
  if (exRoles?.length) return { covers: false, why: `excluded: ${named('role', exRoles, n.roles)}` };
  const unknownExclusion = (list(u.excludeGroups).length > 0 && !who.groupIds) || (list(u.excludeRoles).length > 0 && !who.roleTemplateIds);

  let included: string | undefined;
  if (list(u.includeUsers).includes('All')) included = 'included: all users';
  else if (list(u.includeUsers).includes(who.id)) included = 'included by name';
  else if (who.isGuest && (list(u.includeUsers).includes('GuestsOrExternalUsers') || u.includeGuestsOrExternalUsers))
    included = 'included: guests and external users';
  else {
    const g = among(list(u.includeGroups), who.groupIds);
    const r = among(list(u.includeRoles), who.roleTemplateIds);
    if (g?.length) included = `included: ${named('group', g, n.groups)}`;
    else if (r?.length) included = `included: ${named('role', r, n.roles)}`;
    else if ((list(u.includeGroups).length && !who.groupIds) || (list(u.includeRoles).length && !who.roleTemplateIds))
      return { covers: undefined, why: 'their group or role membership could not be read, so inclusion cannot be checked' };
  }
  if (!included) return { covers: false, why: `not included (${usersWords(p, n) || 'nobody'})` };
  if (unknownExclusion) return { covers: undefined, why: `${included}, but their group or role membership could not be read to check the exclusions` };
  return { covers: true, why: included };
}

/** Whether the policy's apps cover this app (by app id), and why. */
export function appCovered(p: ConditionalAccessPolicy, appIds: readonly string[], n: Names): { covers: boolean; why: string } {
  const a = p.conditions.applications;
  if (!a) return { covers: false, why: 'it names no apps' };
  if (list(a.includeUserActions).length) return { covers: false, why: `it targets a user action (${list(a.includeUserActions).join(', ')}), not app sign-ins` };
  const matches = (entry: string) =>
    entry === 'All' ||
    (entry === 'Office365' && appIds.some((x) => OFFICE_365_APPS.has(lower(x)))) ||
    (entry === 'MicrosoftAdminPortals' && appIds.some((x) => ADMIN_PORTAL_APPS.has(lower(x)))) ||
    appIds.some((x) => lower(x) === lower(entry));
  const ex = list(a.excludeApplications).find(matches);
  if (ex) return { covers: false, why: `excluded: ${appName(ex, n)}` };
  const inc = list(a.includeApplications).find(matches);
  if (!inc)
    return {
      covers: false,
      why: `not included (${
        list(a.includeApplications)
          .map((x) => appName(x, n))
          .join(', ') || 'no apps'
      })`,
    };
  return { covers: true, why: `included: ${appName(inc, n)}` };
}

function appName(entry: string, n: Names): string {
  if (entry === 'All') return 'all cloud apps';
  if (entry === 'Office365') return 'Office 365';
  if (entry === 'MicrosoftAdminPortals') return 'Microsoft admin portals';
  if (entry === 'None') return 'no apps';
  return n.apps.get(lower(entry)) ?? entry;
}

/** Who the policy names, in words: "all users, except group CA Exclusion - Break Glass". */
export function usersWords(p: ConditionalAccessPolicy, n: Names): string {
  const u = p.conditions.users;
  if (!u) return '';
  const people = (ids: readonly string[]) =>
    ids.map((id) =>
      id === 'All' ? 'all users' : id === 'GuestsOrExternalUsers' ? 'guests and external users' : id === 'None' ? 'nobody' : (n.users.get(id) ?? id),
    );
  const inc = [
    ...people(list(u.includeUsers)),
    ...(u.includeGuestsOrExternalUsers ? ['guests and external users'] : []),
    ...list(u.includeGroups).map((g) => `group ${n.groups.get(g) ?? g}`),
    ...list(u.includeRoles).map((r) => `role ${n.roles.get(r) ?? r}`),
  ];
  const exc = [
    ...people(list(u.excludeUsers)),
    ...(u.excludeGuestsOrExternalUsers ? ['guests and external users'] : []),
    ...list(u.excludeGroups).map((g) => `group ${n.groups.get(g) ?? g}`),
    ...list(u.excludeRoles).map((r) => `role ${n.roles.get(r) ?? r}`),
  ];
  return `${inc.join(', ') || 'nobody'}${exc.length ? `, except ${exc.join(', ')}` : ''}`;
}

/** The conditions a sign-in decides, as "when …" clauses. */
export function whenOf(p: ConditionalAccessPolicy, n: Names): string[] {
  const k = p.conditions;
  const out: string[] = [];
  const clients = list(k.clientAppTypes).filter((c) => c !== 'all');
  if (clients.length) out.push(`when the client is ${clients.map((c) => clientWords(c === 'easSupported' ? 'exchangeActiveSync' : c)).join(' or ')}`);
  const plat = k.platforms;
  const platforms = (ids: readonly string[]) => ids.map((x) => PLATFORM_NAMES[x] ?? x).join(', ');
  if (list(plat?.includePlatforms).length)
    out.push(
      `on ${list(plat?.includePlatforms).includes('all') ? 'any device platform' : platforms(list(plat?.includePlatforms))}${list(plat?.excludePlatforms).length ? ` except ${platforms(list(plat?.excludePlatforms))}` : ''}`,
    );
  const loc = k.locations;
  const where = (ids: readonly string[]) =>
    ids.map((id) => (id === 'All' ? 'any location' : id === 'AllTrusted' ? 'trusted locations' : (n.locations.get(id) ?? `location ${id}`))).join(', ');
  const anywhere = !list(loc?.includeLocations).length || list(loc?.includeLocations).includes('All');
  if (list(loc?.excludeLocations).length)
    out.push(`when signing in from ${anywhere ? 'outside' : `${where(list(loc?.includeLocations))}, but outside`} ${where(list(loc?.excludeLocations))}`);
  else if (!anywhere) out.push(`when signing in from ${where(list(loc?.includeLocations))}`);
  if (list(k.signInRiskLevels).length) out.push(`when the sign-in risk is ${list(k.signInRiskLevels).join(' or ')}`);
  if (list(k.userRiskLevels).length) out.push(`when the user risk is ${list(k.userRiskLevels).join(' or ')}`);
  const f = k.devices?.deviceFilter;
  if (f?.rule) out.push(`when the device ${f.mode === 'exclude' ? 'does not match' : 'matches'} the filter ${f.rule}`);
  return out;
}

/** Which apps the policy covers, as a "when" clause, for an answer that asked about no app; none when it covers all. */
export function appsWhen(p: ConditionalAccessPolicy, n: Names): string | undefined {
  const a = p.conditions.applications;
  if (!a) return undefined;
  if (list(a.includeUserActions).length) return `for the user action ${list(a.includeUserActions).join(', ')} (not app sign-ins)`;
  const inc = list(a.includeApplications);
  const exc = list(a.excludeApplications);
  if (inc.includes('All') && !exc.length) return undefined;
  const apps = (ids: readonly string[]) => ids.map((x) => appName(x, n)).join(' or ');
  return inc.includes('All')
    ? `when signing in to any app except ${apps(exc)}`
    : `when signing in to ${apps(inc)}${exc.length ? ` (except ${apps(exc)})` : ''}`;
}

const BREAK_GLASS = /break.?glass|emergency/i;

/** Whether a policy is of the kind asked about ("which are report-only", "which target guests"), and why, in words. */
export function ofKind(p: ConditionalAccessPolicy, filter: PolicyFilter, n: Names): string | undefined {
  const k = p.conditions;
  const u = k.users;
  const grants = list(p.grantControls?.builtInControls).map(grantOf);
  switch (filter) {
    case 'report-only':
      return stateOf(p) === 'report-only' ? 'report-only: it logs what it would do, and enforces nothing' : undefined;
    case 'enabled':
      return stateOf(p) === 'on' ? 'on' : undefined;
    case 'disabled':
      return stateOf(p) === 'off' ? 'off' : undefined;
    case 'guests': {
      if (list(u?.excludeUsers).includes('GuestsOrExternalUsers') || u?.excludeGuestsOrExternalUsers) return undefined;
      if (list(u?.includeUsers).includes('GuestsOrExternalUsers') || u?.includeGuestsOrExternalUsers) return 'included: guests and external users';
      return list(u?.includeUsers).includes('All') ? 'included: all users, guests among them' : undefined;
    }
    case 'break-glass': {
      const excluded = [
        ...list(u?.excludeGroups).map((g) => ({ kind: 'group', name: n.groups.get(g) })),
        ...list(u?.excludeUsers).map((x) => ({ kind: 'user', name: n.users.get(x) })),
      ].filter((x) => x.name && BREAK_GLASS.test(x.name));
      return excluded.length ? `excluded: ${excluded.map((x) => `${x.kind} ${x.name}`).join(', ')}` : undefined;
    }
    case 'admins':
      if (list(u?.includeRoles).length) return `included: ${named('role', list(u?.includeRoles), n.roles)}`;
      return list(k.applications?.includeApplications).includes('MicrosoftAdminPortals') ? 'covers the Microsoft admin portals' : undefined;
    case 'mfa':
      return grants.includes('mfa') || p.grantControls?.authenticationStrength ? requiresOf(p) : undefined;
    case 'device':
      return grants.some((g) => g === 'compliantDevice' || g === 'domainJoinedDevice') ||
        k.devices?.deviceFilter?.rule ||
        list(k.platforms?.includePlatforms).length
        ? [requiresOf(p), ...whenOf(p, n).filter((w) => /device|^on /.test(w))].join(', ')
        : undefined;
    case 'location':
      return list(k.locations?.includeLocations).length || list(k.locations?.excludeLocations).length
        ? (whenOf(p, n).find((w) => w.startsWith('when signing in from')) ?? 'from any location')
        : undefined;
    case 'legacy-auth':
      return list(k.clientAppTypes).some((c) => c === 'exchangeActiveSync' || c === 'easSupported' || c === 'other')
        ? whenOf(p, n).find((w) => w.startsWith('when the client'))
        : undefined;
    case 'risk':
      return list(k.signInRiskLevels).length || list(k.userRiskLevels).length
        ? whenOf(p, n)
            .filter((w) => / risk /.test(w))
            .join('; ')
        : undefined;
  }
}

/** One policy as a line, before anything about a person or app is asked. */
export function lineOf(p: ConditionalAccessPolicy, n: Names): PolicyLine {
  return { id: p.id, name: p.displayName, state: stateOf(p), requires: requiresOf(p), why: [], when: whenOf(p, n) };
}
