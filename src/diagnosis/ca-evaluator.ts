import { isIP } from 'node:net';
import type { ConditionalAccessPolicy, DirectoryRole, Group, NamedLocation } from '../signins/directory.ts';
import type { ConditionVerdict } from './diagnosis-parts.ts';
import { ipRanges, type IpRanges } from './ip-ranges.ts';
import { chain, clientMsg } from './words.ts';
import { msg, render, type Message, type MessageValue } from '../i18n/message.ts';
import type { MessageKey } from '../i18n/translate.ts';

/**
 * A local Conditional Access evaluator: for one policy and one sign-in context, each
 * configured condition with a verdict and the reason. A policy applies only when every
 * configured condition matches; exclusions win over inclusions; an unknown input gives
 * "cannot tell" rather than a guess.
 */

export type ClientAppType = 'browser' | 'mobileAppsAndDesktopClients' | 'exchangeActiveSync' | 'other';
export type Platform = 'android' | 'iOS' | 'windows' | 'windowsPhone' | 'macOS' | 'linux';

export interface EvalContext {
  userId: string;
  isGuest: boolean;
  /** Ids of every group the user is in, directly or through nested groups; undefined when unknown. */
  groupIds?: ReadonlySet<string>;
  /** Directory role template ids the user holds; undefined when unknown. */
  roleTemplateIds?: ReadonlySet<string>;
  /** The resource and the client app: CA is evaluated for the resource. */
  appIds: string[];
  userAction?: string;
  clientAppType?: ClientAppType;
  platform?: Platform;
  ip?: string;
  country?: string;
  signInRisk?: string;
  userRisk?: string;
  device?: { isCompliant?: boolean | null; trustType?: string | null; operatingSystem?: string | null; deviceId?: string | null; displayName?: string | null };
}

export interface Directory {
  namedLocations?: NamedLocation[];
}

export interface PolicyEvaluation {
  /** true applies, false does not, undefined cannot tell from the data at hand. */
  applies: boolean | undefined;
  conditions: ConditionVerdict[];
}

/** Apps Conditional Access groups under "Office 365" (first-party app ids). */
export const OFFICE_365_APPS = new Set([
  '00000002-0000-0ff1-ce00-000000000000', // Office 365 Exchange Online
  '00000003-0000-0ff1-ce00-000000000000', // Office 365 SharePoint Online
  'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe', // Microsoft Teams Services
  '1fec8e78-bce4-4aaf-ab1b-5451cc387264', // Microsoft Teams
  '5e3ce6c0-2b1f-4285-8d4b-75ee78787346', // Microsoft Teams Web Client
  '4765445b-32c6-49b0-83e6-1d93765276ca', // OfficeHome
  'd3590ed6-52b3-4102-aeff-aad2292ab01c', // Microsoft Office
  '27922004-5251-4030-b22d-91ecd9a37ea4', // Outlook Mobile
  '00000004-0000-0ff1-ce00-000000000000', // Skype for Business Online
  '00000006-0000-0ff1-ce04-000000000000', // Microsoft Office 365 Portal
]);

/** Apps behind "Microsoft Admin Portals". */
export const ADMIN_PORTAL_APPS = new Set([
  'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', // Azure Portal
  '797f4846-ba00-4fd7-ba43-dac1f8f63013', // Windows Azure Service Management API
  '00000006-0000-0ff1-ce00-000000000000', // Microsoft Office 365 Portal (admin center)
]);

const LEGACY_CLIENTS = new Map<string, ClientAppType>([
  ['exchange activesync', 'exchangeActiveSync'],
  ['exchange active sync', 'exchangeActiveSync'],
]);

/** clientAppUsed (free text) → the policy's client app type. */
export function clientAppType(clientAppUsed: string | null | undefined): ClientAppType | undefined {
  if (!clientAppUsed) return undefined;
  const c = clientAppUsed.trim().toLowerCase();
  if (c === 'browser') return 'browser';
  if (c.startsWith('mobile apps and desktop') || c === 'modern clients') return 'mobileAppsAndDesktopClients';
  if (c === 'unknown') return undefined;
  return LEGACY_CLIENTS.get(c) ?? 'other';
}

export function isLegacyClient(clientAppUsed: string | null | undefined): boolean {
  const t = clientAppType(clientAppUsed);
  return t === 'exchangeActiveSync' || t === 'other';
}

/** deviceDetail.operatingSystem (free text) → the policy's platform. */
export function platformOf(os: string | null | undefined): Platform | undefined {
  if (!os) return undefined;
  const o = os.toLowerCase();
  if (o.startsWith('windows phone')) return 'windowsPhone';
  if (o.startsWith('windows')) return 'windows';
  if (o.startsWith('ios') || o.startsWith('ipados') || o.startsWith('iphone')) return 'iOS';
  if (o.startsWith('android')) return 'android';
  if (o.startsWith('mac')) return 'macOS';
  if (o.startsWith('linux') || o.startsWith('ubuntu')) return 'linux';
  return undefined;
}

/** Groups the user is in, following nested groups. */
const parentMaps = new WeakMap<Group[], Map<string, string[]>>();

/** member id → the groups it is a direct member of; built once per group list. */
function parentsOfMembers(groups: Group[]): Map<string, string[]> {
  let parentsOf = parentMaps.get(groups);
  if (!parentsOf) {
    parentsOf = new Map();
    for (const g of groups)
      for (const m of g.members ?? []) {
        const list = parentsOf.get(m.id) ?? [];
        list.push(g.id);
        parentsOf.set(m.id, list);
      }
    parentMaps.set(groups, parentsOf);
  }
  return parentsOf;
}

export function transitiveGroups(userId: string, groups: Group[]): Set<string> {
  const parentsOf = parentsOfMembers(groups);
  const found = new Set<string>();
  const queue = [...(parentsOf.get(userId) ?? [])];
  while (queue.length) {
    const g = queue.pop()!;
    if (found.has(g)) continue;
    found.add(g);
    queue.push(...(parentsOf.get(g) ?? []));
  }
  return found;
}

export function roleTemplatesOf(userId: string, roles: DirectoryRole[]): Set<string> {
  return new Set(roles.filter((r) => (r.members ?? []).some((m) => m.id === userId)).map((r) => r.roleTemplateId));
}

/** A verdict says its reason as a message (for the reader's language) with its English beside it. */
const verdict = (condition: string, met: boolean | undefined, reasonMsg: Message): ConditionVerdict => ({
  condition,
  met,
  reason: render('en', reasonMsg),
  reasonMsg,
});
const because = (key: MessageKey, values?: Record<string, MessageValue>) => msg(key, values);
const list = (v: string[] | null | undefined) => v ?? [];

export function evaluatePolicy(p: ConditionalAccessPolicy, c: EvalContext, dir: Directory = {}): PolicyEvaluation {
  const conditions: ConditionVerdict[] = [];
  const k = p.conditions;
  if (p.state === 'disabled') conditions.push(verdict('state', false, because('engine.condition.policyOff')));
  if (k.users) conditions.push(usersCondition(k.users, c));
  if (k.applications) conditions.push(appsCondition(k.applications, c));
  if (list(k.clientAppTypes).length && !list(k.clientAppTypes).includes('all')) conditions.push(clientAppsCondition(list(k.clientAppTypes), c));
  if (k.platforms && (list(k.platforms.includePlatforms).length || list(k.platforms.excludePlatforms).length))
    conditions.push(platformCondition(k.platforms, c));
  if (k.locations && (list(k.locations.includeLocations).length || list(k.locations.excludeLocations).length))
    conditions.push(locationCondition(k.locations, c, dir));
  if (list(k.signInRiskLevels).length) conditions.push(riskCondition('sign-in risk', list(k.signInRiskLevels), c.signInRisk));
  if (list(k.userRiskLevels).length) conditions.push(riskCondition('user risk', list(k.userRiskLevels), c.userRisk));
  if (k.devices?.deviceFilter?.rule) conditions.push(deviceFilterCondition(k.devices.deviceFilter.mode, k.devices.deviceFilter.rule, c));
  const applies = conditions.some((v) => v.met === false) ? false : conditions.some((v) => v.met === undefined) ? undefined : true;
  return { applies, conditions };
}

function among(ids: string[], set: ReadonlySet<string> | undefined): string[] | undefined {
  if (!set) return undefined;
  const out: string[] = [];
  for (const id of ids) if (set.has(id)) out.push(id);
  return out;
}

function usersCondition(u: NonNullable<ConditionalAccessPolicy['conditions']['users']>, c: EvalContext): ConditionVerdict {
  const inGroup = (ids: string[]) => among(ids, c.groupIds);
  const inRole = (ids: string[]) => among(ids, c.roleTemplateIds);
  // Exclusions first: they win.
  if (list(u.excludeUsers).includes(c.userId)) return verdict('users', false, because('engine.condition.users.excludedByName'));
  if (c.isGuest && (list(u.excludeUsers).includes('GuestsOrExternalUsers') || u.excludeGuestsOrExternalUsers))
    return verdict('users', false, because('engine.condition.users.guestsExcluded'));
  const exGroups = inGroup(list(u.excludeGroups));
  if (exGroups?.length)
    return verdict('users', false, because('engine.condition.users.inExcludedGroup', { groups: chain('engine.policy.join.comma', exGroups) }));
  const exRoles = inRole(list(u.excludeRoles));
  if (exRoles?.length) return verdict('users', false, because('engine.condition.users.excludedRole'));
  const unknownExclusion = (list(u.excludeGroups).length > 0 && !c.groupIds) || (list(u.excludeRoles).length > 0 && !c.roleTemplateIds);

  let included: Message | undefined;
  let unknownInclusion = false;
  if (list(u.includeUsers).includes('All')) included = because('engine.condition.users.allUsers');
  else if (list(u.includeUsers).includes(c.userId)) included = because('engine.condition.users.includedByName');
  else if (c.isGuest && (list(u.includeUsers).includes('GuestsOrExternalUsers') || u.includeGuestsOrExternalUsers))
    included = because('engine.condition.users.guestsIncluded');
  else {
    const g = inGroup(list(u.includeGroups));
    const r = inRole(list(u.includeRoles));
    if (g?.length) included = because('engine.condition.users.inIncludedGroup');
    else if (r?.length) included = because('engine.condition.users.includedRole');
    else unknownInclusion = (list(u.includeGroups).length > 0 && !c.groupIds) || (list(u.includeRoles).length > 0 && !c.roleTemplateIds);
  }
  if (!included) {
    return unknownInclusion
      ? verdict('users', undefined, because('engine.condition.users.inclusionUnknown'))
      : verdict('users', false, because('engine.condition.users.notIncluded'));
  }
  if (unknownExclusion) return verdict('users', undefined, because('engine.condition.users.exclusionUnknown', { included }));
  return verdict('users', true, included);
}

function appMatches(entry: string, appIds: string[]): boolean {
  if (entry === 'All') return true;
  if (entry === 'Office365') return appIds.some((a) => OFFICE_365_APPS.has(a.toLowerCase()));
  if (entry === 'MicrosoftAdminPortals') return appIds.some((a) => ADMIN_PORTAL_APPS.has(a.toLowerCase()));
  return appIds.some((a) => a.toLowerCase() === entry.toLowerCase());
}

function appsCondition(a: NonNullable<ConditionalAccessPolicy['conditions']['applications']>, c: EvalContext): ConditionVerdict {
  const actions = list(a.includeUserActions);
  if (actions.length) {
    if (!c.userAction)
      return verdict('applications', false, because('engine.condition.apps.userActions', { actions: chain('engine.policy.join.comma', actions) }));
    return actions.includes(c.userAction)
      ? verdict('applications', true, because('engine.condition.apps.userAction', { action: c.userAction }))
      : verdict('applications', false, because('engine.condition.apps.otherUserAction'));
  }
  const ex = list(a.excludeApplications).find((e) => appMatches(e, c.appIds));
  if (ex) return verdict('applications', false, because('engine.condition.apps.excluded', { app: ex }));
  const inc = list(a.includeApplications).find((e) => appMatches(e, c.appIds));
  if (!inc) return verdict('applications', false, because('engine.condition.apps.notInPolicy'));
  return verdict(
    'applications',
    true,
    because(
      inc === 'All'
        ? 'engine.condition.apps.coversAll'
        : inc === 'Office365'
          ? 'engine.condition.apps.coversOffice365'
          : inc === 'MicrosoftAdminPortals'
            ? 'engine.condition.apps.coversAdminPortals'
            : 'engine.condition.apps.coversThisApp',
    ),
  );
}

function clientAppsCondition(types: string[], c: EvalContext): ConditionVerdict {
  if (!c.clientAppType) return verdict('client apps', undefined, because('engine.condition.clients.unknown'));
  const want = types.map((t) => (t === 'easSupported' ? 'exchangeActiveSync' : t));
  const client = clientMsg(c.clientAppType);
  return want.includes(c.clientAppType)
    ? verdict('client apps', true, because('engine.condition.clients.inScope', { client }))
    : verdict(
        'client apps',
        false,
        because('engine.condition.clients.notInScope', { client, covered: chain('engine.policy.join.comma', want.map(clientMsg)) }),
      );
}

/** Conditional Access spells platforms in camel case; people read product names. */
export const PLATFORM_NAMES: Record<string, string> = {
  android: 'Android',
  iOS: 'iOS',
  windows: 'Windows',
  windowsPhone: 'Windows Phone',
  macOS: 'macOS',
  linux: 'Linux',
};

function platformCondition(pl: NonNullable<ConditionalAccessPolicy['conditions']['platforms']>, c: EvalContext): ConditionVerdict {
  if (!c.platform) return verdict('device platforms', undefined, because('engine.condition.platforms.unknown'));
  const has = (v: string[] | null | undefined) => list(v).some((x) => x === 'all' || x.toLowerCase() === c.platform!.toLowerCase());
  const platform = PLATFORM_NAMES[c.platform] ?? c.platform;
  if (has(pl.excludePlatforms)) return verdict('device platforms', false, because('engine.condition.platforms.excluded', { platform }));
  return has(pl.includePlatforms)
    ? verdict('device platforms', true, because('engine.condition.platforms.inScope', { platform }))
    : verdict('device platforms', false, because('engine.condition.platforms.notInScope', { platform }));
}

/** Whether the sign-in's IP or country falls in a location entry: true, false, or undefined (cannot tell). */
function inLocation(entry: string, c: EvalContext, dir: Directory): boolean | undefined {
  if (entry === 'All') return true;
  const named = dir.namedLocations;
  if (entry === 'AllTrusted') {
    if (!named || !c.ip) return undefined;
    return named.filter((n) => n.isTrusted).some((n) => ipIn(c.ip!, n) === true);
  }
  const n = named?.find((x) => x.id === entry);
  if (!n) return undefined;
  if (n.ipRanges?.length) return c.ip ? ipIn(c.ip, n) : undefined;
  if (n.countriesAndRegions) {
    if (!c.country) return n.includeUnknownCountriesAndRegions ? true : undefined;
    return n.countriesAndRegions.map((x) => x.toUpperCase()).includes(c.country.toUpperCase());
  }
  return undefined;
}

/** Built once per named location: the same few locations are checked for every sign-in. */
const rangesOf = new WeakMap<NamedLocation, IpRanges>();

function ipIn(ip: string, n: NamedLocation): boolean | undefined {
  if (!isIP(ip)) return undefined;
  let r = rangesOf.get(n);
  if (!r) {
    r = ipRanges((n.ipRanges ?? []).map((x) => x.cidrAddress));
    rangesOf.set(n, r);
  }
  return r.has(ip);
}

function locationName(entry: string, dir: Directory): MessageValue {
  if (entry === 'All') return because('engine.condition.locations.any');
  if (entry === 'AllTrusted') return because('engine.condition.locations.allTrusted');
  return dir.namedLocations?.find((n) => n.id === entry)?.displayName ?? because('engine.condition.locations.byId', { id: entry });
}

function locationCondition(l: NonNullable<ConditionalAccessPolicy['conditions']['locations']>, c: EvalContext, dir: Directory): ConditionVerdict {
  const where: MessageValue = [c.ip, c.country].filter(Boolean).join(', ') || because('engine.condition.locations.unknownPlace');
  for (const e of list(l.excludeLocations)) {
    const r = inLocation(e, c, dir);
    if (r === true) return verdict('locations', false, because('engine.condition.locations.insideExcluded', { where, location: locationName(e, dir) }));
    if (r === undefined)
      return verdict('locations', undefined, because('engine.condition.locations.cannotTellInside', { where, location: locationName(e, dir) }));
  }
  let unknown = false;
  for (const e of list(l.includeLocations)) {
    const r = inLocation(e, c, dir);
    if (r === true) {
      const excluded = list(l.excludeLocations).map((x) => locationName(x, dir));
      return verdict(
        'locations',
        true,
        excluded.length
          ? because('engine.condition.locations.fromOutside', { where, excluded: chain('engine.policy.join.and', excluded) })
          : because('engine.condition.locations.from', { where }),
      );
    }
    if (r === undefined) unknown = true;
  }
  return unknown
    ? verdict('locations', undefined, because('engine.condition.locations.cannotTellIncluded', { where }))
    : verdict('locations', false, because('engine.condition.locations.outsideIncluded', { where }));
}

const RISK_LEVEL_KEYS: Record<string, MessageKey> = {
  none: 'engine.condition.riskLevel.none',
  low: 'engine.condition.riskLevel.low',
  medium: 'engine.condition.riskLevel.medium',
  high: 'engine.condition.riskLevel.high',
};
const riskLevel = (r: string): MessageValue => (RISK_LEVEL_KEYS[r] ? msg(RISK_LEVEL_KEYS[r]) : r);

function riskCondition(name: 'sign-in risk' | 'user risk', levels: string[], risk: string | undefined): ConditionVerdict {
  const kind = name === 'sign-in risk' ? 'signIn' : 'user';
  if (!risk || risk === 'hidden') return verdict(name, undefined, because(`engine.condition.risk.${kind}.unknown`));
  const level = riskLevel(risk);
  return levels.includes(risk)
    ? verdict(name, true, because(`engine.condition.risk.${kind}.was`, { level }))
    : verdict(name, false, because(`engine.condition.risk.${kind}.wasNot`, { level, levels: chain('engine.policy.join.or', levels.map(riskLevel)) }));
}

/** Log trustType strings → the device filter's values. */
const TRUST: Record<string, string> = {
  'azure ad joined': 'AzureAD',
  'hybrid azure ad joined': 'ServerAD',
  'azure ad registered': 'Workplace',
  'microsoft entra joined': 'AzureAD',
  'microsoft entra hybrid joined': 'ServerAD',
  'microsoft entra registered': 'Workplace',
};

/**
 * Device filter rules: `device.attr -op value` clauses joined by -and / -or (no parentheses).
 * Unknown attributes make the verdict "cannot tell".
 */
export function evaluateDeviceRule(rule: string, device: EvalContext['device']): boolean | undefined {
  const attrs: Record<string, string | undefined> = {
    deviceid: device?.deviceId ?? undefined,
    displayname: device?.displayName ?? undefined,
    operatingsystem: device?.operatingSystem ?? undefined,
    trusttype: device?.trustType ? (TRUST[device.trustType.toLowerCase()] ?? device.trustType) : undefined,
    iscompliant: device?.isCompliant == null ? undefined : String(device.isCompliant),
  };
  const orParts = rule.split(/\s+-or\s+/i);
  let sawUnknown = false;
  for (const orPart of orParts) {
    let all: boolean | undefined = true;
    for (const clause of orPart.split(/\s+-and\s+/i)) {
      const m = /^\s*\(?\s*device\.(\w+)\s+-(\w+)\s+(.+?)\s*\)?\s*$/i.exec(clause);
      if (!m) {
        all = undefined;
        continue;
      }
      const have = attrs[m[1]!.toLowerCase()];
      const raw = m[3]!.trim();
      const values = raw.startsWith('[')
        ? raw
            .slice(1, -1)
            .split(',')
            .map((v) => v.trim().replace(/^"|"$/g, ''))
        : [raw.replace(/^"|"$/g, '')];
      if (have === undefined) {
        all = all === false ? false : undefined;
        continue;
      }
      const h = have.toLowerCase();
      const v = values.map((x) => x.toLowerCase());
      const op = m[2]!.toLowerCase();
      const r =
        op === 'eq'
          ? h === v[0]
          : op === 'ne'
            ? h !== v[0]
            : op === 'startswith'
              ? h.startsWith(v[0]!)
              : op === 'notstartswith'
                ? !h.startsWith(v[0]!)
                : op === 'contains'
                  ? h.includes(v[0]!)
                  : op === 'notcontains'
                    ? !h.includes(v[0]!)
                    : op === 'in'
                      ? v.includes(h)
                      : op === 'notin'
                        ? !v.includes(h)
                        : undefined;
      if (r === false) all = false;
      else if (r === undefined && all !== false) all = undefined;
    }
    if (all === true) return true;
    if (all === undefined) sawUnknown = true;
  }
  return sawUnknown ? undefined : false;
}

function deviceFilterCondition(mode: string, rule: string, c: EvalContext): ConditionVerdict {
  const r = evaluateDeviceRule(rule, c.device);
  if (r === undefined) return verdict('device filter', undefined, because('engine.condition.deviceFilter.cannotEvaluate', { rule }));
  const matched = mode === 'exclude' ? !r : r;
  // Graph's device filter has two modes, include and exclude; another is said as the API spelled it.
  if (mode !== 'include' && mode !== 'exclude')
    return verdict(
      'device filter',
      matched,
      because(r ? 'engine.condition.deviceFilter.matchesMode' : 'engine.condition.deviceFilter.notMatchesMode', { mode, rule }),
    );
  const key = mode === 'exclude' ? (r ? 'matchesExclude' : 'notMatchesExclude') : r ? 'matchesInclude' : 'notMatchesInclude';
  return verdict('device filter', matched, because(`engine.condition.deviceFilter.${key}`, { rule }));
}
