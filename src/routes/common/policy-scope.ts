import type { PolicyFilter } from '../../conversation/command.ts';
import { ADMIN_PORTAL_APPS, OFFICE_365_APPS, PLATFORM_NAMES } from '../../diagnosis/ca-evaluator.ts';
import { grantOf } from '../../diagnosis/policies.ts';
import { chain, clientMsg, requirementMsg } from '../../diagnosis/words.ts';
import { msg, type Message, type MessageValue } from '../../i18n/message.ts';
import type { ConditionalAccessPolicy } from '../../signins/directory.ts';

/**
 * "Which policies apply to bob / to Salesforce / are report-only": each Conditional Access
 * policy read from its definition, in words: its state, what it requires, and whether (and why)
 * it covers the person or app asked about. Who and which app are known before any sign-in; the
 * rest (location, device, client app, risk) is only known at a sign-in, so it is said as
 * "applies when …", never decided. Every phrase is a message (policies.*), so the card says it in
 * the asker's language; names (groups, roles, apps, locations) stay as the directory has them.
 */

export type PolicyState = 'on' | 'report-only' | 'off';

export interface PolicyLine {
  id: string;
  name: string;
  state: PolicyState;
  /** "requires multifactor authentication", "blocks access". */
  requires: Message;
  /** Whether it covers the person or app asked about; undefined when that cannot be told (membership unknown) or nothing was asked. */
  covers?: boolean;
  /** Why it covers them or not ("included: group Finance"; "excluded: group CA Exclusion - Break Glass"). */
  why: MessageValue[];
  /** The conditions only a sign-in decides: "when the client is Exchange ActiveSync". Empty: every sign-in in scope. */
  when: Message[];
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

/** Items as English joined them: ", " (engine.policy.join.comma), " or ", "; ": each language with its own mark. */
const commas = (items: readonly MessageValue[]): MessageValue => chain('engine.policy.join.comma', items);
const ors = (items: readonly MessageValue[]): MessageValue => chain('engine.policy.join.or', items);
export const semicolons = (items: readonly MessageValue[]): MessageValue => chain('policies.join.semicolon', items);

export function stateOf(p: ConditionalAccessPolicy): PolicyState {
  return p.state === 'enabled' ? 'on' : p.state === 'enabledForReportingButNotEnforced' ? 'report-only' : 'off';
}

/** A policy's state in a few words: "on", "report-only", "off". */
export const stateMsg = (s: PolicyState): Message => msg(s === 'on' ? 'policies.state.on' : s === 'off' ? 'policies.state.off' : 'policies.state.reportOnly');

/** The grant controls in words: "blocks access", "requires a compliant device or a hybrid joined device". */
export function requiresOf(p: ConditionalAccessPolicy): Message {
  const g = p.grantControls;
  const grants = list(g?.builtInControls).map(grantOf);
  if (grants.includes('block')) return msg('policies.requires.block');
  const controls = requirementMsg(
    grants.filter((x) => x !== 'authenticationStrength'),
    g?.operator,
  );
  const words: MessageValue[] = [
    ...(controls ? [controls] : []),
    ...(g?.authenticationStrength?.displayName ? [msg('policies.requires.strength', { name: g.authenticationStrength.displayName })] : []),
    ...(list(g?.termsOfUse).length ? [msg('engine.policy.grant.termsOfUse')] : []),
  ];
  if (words.length)
    return msg('policies.requires.grants', { grants: chain(g?.operator?.toUpperCase() === 'OR' ? 'engine.policy.join.or' : 'engine.policy.join.and', words) });
  return msg(p.sessionControls && Object.keys(p.sessionControls).length ? 'policies.requires.sessionOnly' : 'policies.requires.nothing');
}

const nameOf = (id: string, names: ReadonlyMap<string, string>) => names.get(id) ?? names.get(lower(id)) ?? id;
const group = (name: string) => msg('policies.kind.group', { name });
const role = (name: string) => msg('policies.kind.role', { name });
const named = (kind: (name: string) => Message, ids: readonly string[], names: ReadonlyMap<string, string>) => commas(ids.map((id) => kind(nameOf(id, names))));

export interface Verdict {
  covers: boolean | undefined;
  why: Message;
}

/** Whether the policy's users cover this person, and why. Exclusions win, as in Entra. */
export function personCovered(p: ConditionalAccessPolicy, who: PersonScope, n: Names): Verdict {
  const u = p.conditions.users;
  if (!u) return { covers: false, why: msg('policies.why.namesNoUsers') };
  const among = (ids: readonly string[], set: ReadonlySet<string> | undefined) => (set ? ids.filter((id) => set.has(id)) : undefined);
  if (list(u.excludeUsers).includes(who.id)) return { covers: false, why: msg('policies.why.excludedByName') };
  if (who.isGuest && (list(u.excludeUsers).includes('GuestsOrExternalUsers') || u.excludeGuestsOrExternalUsers))
    return { covers: false, why: msg('policies.why.excluded', { what: msg('policies.who.guests') }) };
  const exGroups = among(list(u.excludeGroups), who.groupIds);
  if (exGroups?.length) return { covers: false, why: msg('policies.why.excluded', { what: named(group, exGroups, n.groups) }) };
  const exRoles = among(list(u.excludeRoles), who.roleTemplateIds);
  if (exRoles?.length) return { covers: false, why: msg('policies.why.excluded', { what: named(role, exRoles, n.roles) }) };
  const unknownExclusion = (list(u.excludeGroups).length > 0 && !who.groupIds) || (list(u.excludeRoles).length > 0 && !who.roleTemplateIds);

  let included: Message | undefined;
  if (list(u.includeUsers).includes('All')) included = msg('policies.why.included', { what: msg('policies.who.all') });
  else if (list(u.includeUsers).includes(who.id)) included = msg('policies.why.includedByName');
  else if (who.isGuest && (list(u.includeUsers).includes('GuestsOrExternalUsers') || u.includeGuestsOrExternalUsers))
    included = msg('policies.why.included', { what: msg('policies.who.guests') });
  else {
    const g = among(list(u.includeGroups), who.groupIds);
    const r = among(list(u.includeRoles), who.roleTemplateIds);
    if (g?.length) included = msg('policies.why.included', { what: named(group, g, n.groups) });
    else if (r?.length) included = msg('policies.why.included', { what: named(role, r, n.roles) });
    else if ((list(u.includeGroups).length && !who.groupIds) || (list(u.includeRoles).length && !who.roleTemplateIds))
      return { covers: undefined, why: msg('policies.why.membershipUnknown') };
  }
  if (!included) return { covers: false, why: msg('policies.why.notIncluded', { who: usersWords(p, n) ?? msg('policies.who.nobody') }) };
  if (unknownExclusion) return { covers: undefined, why: msg('policies.why.exclusionsUnknown', { included }) };
  return { covers: true, why: included };
}

/** Whether the policy's apps cover this app (by app id), and why. */
export function appCovered(p: ConditionalAccessPolicy, appIds: readonly string[], n: Names): { covers: boolean; why: Message } {
  const a = p.conditions.applications;
  if (!a) return { covers: false, why: msg('policies.why.namesNoApps') };
  if (list(a.includeUserActions).length) return { covers: false, why: msg('policies.why.userAction', { actions: list(a.includeUserActions).join(', ') }) };
  const matches = (entry: string) =>
    entry === 'All' ||
    (entry === 'Office365' && appIds.some((x) => OFFICE_365_APPS.has(lower(x)))) ||
    (entry === 'MicrosoftAdminPortals' && appIds.some((x) => ADMIN_PORTAL_APPS.has(lower(x)))) ||
    appIds.some((x) => lower(x) === lower(entry));
  const ex = list(a.excludeApplications).find(matches);
  if (ex) return { covers: false, why: msg('policies.why.excluded', { what: appName(ex, n) }) };
  const inc = list(a.includeApplications).find(matches);
  if (!inc) {
    const included = list(a.includeApplications).map((x) => appName(x, n));
    return { covers: false, why: msg('policies.why.notIncluded', { who: included.length ? commas(included) : msg('policies.app.none') }) };
  }
  return { covers: true, why: msg('policies.why.included', { what: appName(inc, n) }) };
}

function appName(entry: string, n: Names): MessageValue {
  if (entry === 'All') return msg('policies.app.all');
  if (entry === 'Office365') return 'Office 365';
  if (entry === 'MicrosoftAdminPortals') return msg('policies.app.adminPortals');
  if (entry === 'None') return msg('policies.app.none');
  return n.apps.get(lower(entry)) ?? entry;
}

/** Who the policy names, in words: "all users, except group CA Exclusion - Break Glass"; undefined when it names nobody at all. */
export function usersWords(p: ConditionalAccessPolicy, n: Names): MessageValue | undefined {
  const u = p.conditions.users;
  if (!u) return undefined;
  const people = (ids: readonly string[]): MessageValue[] =>
    ids.map((id) =>
      id === 'All'
        ? msg('policies.who.all')
        : id === 'GuestsOrExternalUsers'
          ? msg('policies.who.guests')
          : id === 'None'
            ? msg('policies.who.nobody')
            : (n.users.get(id) ?? id),
    );
  const inc = [
    ...people(list(u.includeUsers)),
    ...(u.includeGuestsOrExternalUsers ? [msg('policies.who.guests')] : []),
    ...list(u.includeGroups).map((g) => group(n.groups.get(g) ?? g)),
    ...list(u.includeRoles).map((r) => role(n.roles.get(r) ?? r)),
  ];
  const exc = [
    ...people(list(u.excludeUsers)),
    ...(u.excludeGuestsOrExternalUsers ? [msg('policies.who.guests')] : []),
    ...list(u.excludeGroups).map((g) => group(n.groups.get(g) ?? g)),
    ...list(u.excludeRoles).map((r) => role(n.roles.get(r) ?? r)),
  ];
  const who = inc.length ? commas(inc) : msg('policies.who.nobody');
  return exc.length ? msg('policies.who.except', { who, excluded: commas(exc) }) : who;
}

/** What a "when" clause is about: the filters pick their clauses by it, never by the words. */
export type WhenKind = 'client' | 'platform' | 'location' | 'risk' | 'device';
export interface When {
  kind: WhenKind;
  msg: Message;
}

const RISK: Record<string, Message> = {
  low: msg('policies.risk.low'),
  medium: msg('policies.risk.medium'),
  high: msg('policies.risk.high'),
  none: msg('policies.risk.none'),
};
const riskWords = (levels: readonly string[]) => ors(levels.map((l) => RISK[l] ?? l));

/** The conditions a sign-in decides, as "when …" clauses. */
export function whenOf(p: ConditionalAccessPolicy, n: Names): When[] {
  const k = p.conditions;
  const out: When[] = [];
  const clients = list(k.clientAppTypes).filter((c) => c !== 'all');
  if (clients.length)
    out.push({
      kind: 'client',
      msg: msg('policies.when.client', { clients: ors(clients.map((c) => clientMsg(c === 'easSupported' ? 'exchangeActiveSync' : c))) }),
    });
  const plat = k.platforms;
  const platforms = (ids: readonly string[]) => commas(ids.map((x) => PLATFORM_NAMES[x] ?? x));
  if (list(plat?.includePlatforms).length) {
    const on = list(plat?.includePlatforms).includes('all') ? msg('policies.when.anyPlatform') : platforms(list(plat?.includePlatforms));
    const except = list(plat?.excludePlatforms);
    out.push({
      kind: 'platform',
      msg: except.length
        ? msg('policies.when.platformsExcept', { platforms: on, excluded: platforms(except) })
        : msg('policies.when.platforms', { platforms: on }),
    });
  }
  const loc = k.locations;
  const where = (ids: readonly string[]) =>
    commas(
      ids.map((id) =>
        id === 'All'
          ? msg('policies.where.any')
          : id === 'AllTrusted'
            ? msg('policies.where.trusted')
            : (n.locations.get(id) ?? msg('policies.where.location', { id })),
      ),
    );
  const anywhere = !list(loc?.includeLocations).length || list(loc?.includeLocations).includes('All');
  if (list(loc?.excludeLocations).length)
    out.push({
      kind: 'location',
      msg: anywhere
        ? msg('policies.when.outside', { excluded: where(list(loc?.excludeLocations)) })
        : msg('policies.when.fromButOutside', { where: where(list(loc?.includeLocations)), excluded: where(list(loc?.excludeLocations)) }),
    });
  else if (!anywhere) out.push({ kind: 'location', msg: msg('policies.when.from', { where: where(list(loc?.includeLocations)) }) });
  if (list(k.signInRiskLevels).length) out.push({ kind: 'risk', msg: msg('policies.when.signInRisk', { levels: riskWords(list(k.signInRiskLevels)) }) });
  if (list(k.userRiskLevels).length) out.push({ kind: 'risk', msg: msg('policies.when.userRisk', { levels: riskWords(list(k.userRiskLevels)) }) });
  const f = k.devices?.deviceFilter;
  if (f?.rule)
    out.push({ kind: 'device', msg: msg(f.mode === 'exclude' ? 'policies.when.deviceNotMatches' : 'policies.when.deviceMatches', { rule: f.rule }) });
  return out;
}

/** Which apps the policy covers, as a "when" clause, for an answer that asked about no app; none when it covers all. */
export function appsWhen(p: ConditionalAccessPolicy, n: Names): Message | undefined {
  const a = p.conditions.applications;
  if (!a) return undefined;
  if (list(a.includeUserActions).length) return msg('policies.when.userAction', { actions: list(a.includeUserActions).join(', ') });
  const inc = list(a.includeApplications);
  const exc = list(a.excludeApplications);
  if (inc.includes('All') && !exc.length) return undefined;
  const apps = (ids: readonly string[]) => ors(ids.map((x) => appName(x, n)));
  if (inc.includes('All')) return msg('policies.when.anyAppExcept', { excluded: apps(exc) });
  return exc.length ? msg('policies.when.appsExcept', { apps: apps(inc), excluded: apps(exc) }) : msg('policies.when.apps', { apps: apps(inc) });
}

const BREAK_GLASS = /break.?glass|emergency/i;

/** Whether a policy is of the kind asked about ("which are report-only", "which target guests"), and why, in words. */
export function ofKind(p: ConditionalAccessPolicy, filter: PolicyFilter, n: Names): MessageValue | undefined {
  const k = p.conditions;
  const u = k.users;
  const grants = list(p.grantControls?.builtInControls).map(grantOf);
  const whens = (...kinds: WhenKind[]) =>
    whenOf(p, n)
      .filter((w) => kinds.includes(w.kind))
      .map((w) => w.msg);
  switch (filter) {
    case 'report-only':
      return stateOf(p) === 'report-only' ? msg('policies.filterWhy.reportOnly') : undefined;
    case 'enabled':
      return stateOf(p) === 'on' ? stateMsg('on') : undefined;
    case 'disabled':
      return stateOf(p) === 'off' ? stateMsg('off') : undefined;
    case 'guests': {
      if (list(u?.excludeUsers).includes('GuestsOrExternalUsers') || u?.excludeGuestsOrExternalUsers) return undefined;
      if (list(u?.includeUsers).includes('GuestsOrExternalUsers') || u?.includeGuestsOrExternalUsers)
        return msg('policies.why.included', { what: msg('policies.who.guests') });
      return list(u?.includeUsers).includes('All') ? msg('policies.filterWhy.allUsersGuests') : undefined;
    }
    case 'break-glass': {
      const excluded = [
        ...list(u?.excludeGroups).map((g) => ({ kind: group, name: n.groups.get(g) })),
        ...list(u?.excludeUsers).map((x) => ({ kind: (name: string) => msg('policies.kind.user', { name }), name: n.users.get(x) })),
      ].filter((x): x is { kind: (name: string) => Message; name: string } => !!x.name && BREAK_GLASS.test(x.name));
      return excluded.length ? msg('policies.why.excluded', { what: commas(excluded.map((x) => x.kind(x.name))) }) : undefined;
    }
    case 'admins':
      if (list(u?.includeRoles).length) return msg('policies.why.included', { what: named(role, list(u?.includeRoles), n.roles) });
      return list(k.applications?.includeApplications).includes('MicrosoftAdminPortals') ? msg('policies.filterWhy.adminPortals') : undefined;
    case 'mfa':
      return grants.includes('mfa') || p.grantControls?.authenticationStrength ? requiresOf(p) : undefined;
    case 'device':
      return grants.some((g) => g === 'compliantDevice' || g === 'domainJoinedDevice') ||
        k.devices?.deviceFilter?.rule ||
        list(k.platforms?.includePlatforms).length
        ? commas([requiresOf(p), ...whens('platform', 'device')])
        : undefined;
    case 'location':
      return list(k.locations?.includeLocations).length || list(k.locations?.excludeLocations).length
        ? (whens('location')[0] ?? msg('policies.filterWhy.anyLocation'))
        : undefined;
    case 'legacy-auth':
      return list(k.clientAppTypes).some((c) => c === 'exchangeActiveSync' || c === 'easSupported' || c === 'other') ? whens('client')[0] : undefined;
    case 'risk':
      return list(k.signInRiskLevels).length || list(k.userRiskLevels).length ? semicolons(whens('risk')) : undefined;
  }
}

/** One policy as a line, before anything about a person or app is asked. */
export function lineOf(p: ConditionalAccessPolicy, n: Names): PolicyLine {
  return {
    id: p.id,
    name: p.displayName,
    state: stateOf(p),
    requires: requiresOf(p),
    why: [],
    when: whenOf(p, n).map((w) => w.msg),
  };
}
