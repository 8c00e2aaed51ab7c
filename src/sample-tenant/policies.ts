import type { Apps, Person } from './directory.ts';
import { GLOBAL_ADMIN_ROLE, HELPDESK_ADMIN_ROLE } from './directory.ts';
import type { Rng } from './rng.ts';

/**
 * Contoso's Conditional Access set and, beside each policy, the generator's own rule for
 * when it applies and whether the sign-in satisfies it. This is the sample's ground truth
 * for the `appliedConditionalAccessPolicies` it writes, not a general evaluator.
 */

export interface SignInContext {
  person: Person;
  guest: boolean;
  resourceId: string;
  clientApp: 'Browser' | 'Mobile Apps and Desktop clients' | 'IMAP4' | 'POP3' | 'Authenticated SMTP' | 'Exchange ActiveSync';
  country: string;
  trustedNetwork: boolean;
  platform: 'windows' | 'macOS' | 'iOS' | 'android';
  compliant: boolean;
  signInRisk: 'none' | 'low' | 'medium' | 'high';
  /** The attempt has done MFA (or carries an MFA claim). */
  mfaDone: boolean;
  /** Before the CA go-live, the tenant ran on security defaults: no policy was evaluated. */
  beforeGoLive: boolean;
}

type Grant = 'block' | 'mfa' | 'compliantDevice' | 'domainJoinedDevice' | 'compliantApplication';

export interface SamplePolicy {
  json: Record<string, unknown>;
  grants: Grant[];
  operator: 'AND' | 'OR';
  applies: (c: SignInContext) => boolean;
  /** The condition that decides this policy, written to conditionsNotSatisfied when it does not apply. */
  about: string;
}

export const ALLOWED_COUNTRIES = ['US', 'CA', 'GB', 'DE', 'FR', 'NL', 'IE'];
const LEGACY = new Set(['IMAP4', 'POP3', 'Authenticated SMTP', 'Exchange ActiveSync']);
const LOG_GRANT: Record<Grant, string> = {
  block: 'Block',
  mfa: 'Mfa',
  compliantDevice: 'RequireCompliantDevice',
  domainJoinedDevice: 'RequireDomainJoinedDevice',
  compliantApplication: 'RequireCompliantApp',
};

export function buildNamedLocations(rng: Rng) {
  const hq = {
    '@odata.type': '#microsoft.graph.ipNamedLocation',
    id: rng.guid(),
    displayName: 'Contoso HQ network',
    isTrusted: true,
    ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '203.0.113.0/24' }],
  };
  const berlin = {
    '@odata.type': '#microsoft.graph.ipNamedLocation',
    id: rng.guid(),
    displayName: 'Berlin office',
    isTrusted: true,
    ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '198.51.100.0/24' }],
  };
  const allowed = {
    '@odata.type': '#microsoft.graph.countryNamedLocation',
    id: rng.guid(),
    displayName: 'Allowed countries',
    countriesAndRegions: ALLOWED_COUNTRIES,
    includeUnknownCountriesAndRegions: false,
    countryLookupMethod: 'clientIpAddress',
  };
  const tor = {
    '@odata.type': '#microsoft.graph.ipNamedLocation',
    id: rng.guid(),
    displayName: 'Known bad IP ranges',
    isTrusted: false,
    ipRanges: [{ '@odata.type': '#microsoft.graph.iPv4CidrRange', cidrAddress: '185.220.101.0/24' }],
  };
  return { hq, berlin, allowed, tor };
}
export type NamedLocations = ReturnType<typeof buildNamedLocations>;

export function buildPolicies(rng: Rng, apps: Apps, groups: Record<string, string>, loc: NamedLocations, goLive: string): SamplePolicy[] {
  const base = (displayName: string, state: string, conditions: Record<string, unknown>, grants: Grant[], operator: 'AND' | 'OR' = 'OR') => ({
    id: rng.guid(),
    displayName,
    state,
    createdDateTime: goLive,
    modifiedDateTime: goLive,
    templateId: null,
    conditions: {
      clientAppTypes: ['all'],
      signInRiskLevels: [],
      userRiskLevels: [],
      platforms: null,
      locations: null,
      devices: null,
      ...conditions,
    },
    grantControls: { operator, builtInControls: grants, customAuthenticationFactors: [], termsOfUse: [] },
    sessionControls: null,
  });
  const users = (u: Record<string, unknown>) => ({
    includeUsers: [],
    excludeUsers: [],
    includeGroups: [],
    excludeGroups: [groups['CA Exclusion - Break Glass']],
    includeRoles: [],
    excludeRoles: [],
    ...u,
  });
  const allApps = { includeApplications: ['All'], excludeApplications: [], includeUserActions: [] };
  const breakGlass = (c: SignInContext) => c.person.groups.includes('CA Exclusion - Break Glass');
  const inGroup = (c: SignInContext, g: string) => c.person.groups.includes(g);
  const policies: SamplePolicy[] = [];
  const about: Record<string, string> = {
    CA001: 'users',
    CA002: 'location',
    CA003: 'clientType',
    CA004: 'users,application',
    CA005: 'location',
    CA006: 'signInRisk',
    CA007: 'users,application',
    CA008: 'users',
    CA009: 'users,devicePlatform',
    CA010: 'clientType',
    CA011: 'none',
    CA012: 'users',
  };
  const add = (json: ReturnType<typeof base>, grants: Grant[], applies: (c: SignInContext) => boolean, operator: 'AND' | 'OR' = 'OR') =>
    policies.push({ json, grants, operator, applies, about: about[json.displayName.slice(0, 5)] ?? 'users' });

  add(
    base(
      'CA001: Require MFA for administrators',
      'enabled',
      { users: users({ includeRoles: [GLOBAL_ADMIN_ROLE, HELPDESK_ADMIN_ROLE] }), applications: allApps },
      ['mfa'],
    ),
    ['mfa'],
    (c) => !breakGlass(c) && c.person.roles.length > 0,
  );
  add(
    base(
      'CA002: Require MFA outside trusted locations',
      'enabled',
      {
        users: users({ includeUsers: ['All'], excludeGroups: [groups['CA Exclusion - Break Glass'], groups['Service Accounts']] }),
        applications: allApps,
        locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
      },
      ['mfa'],
    ),
    ['mfa'],
    (c) => !breakGlass(c) && !inGroup(c, 'Service Accounts') && !c.trustedNetwork,
  );
  add(
    base(
      'CA003: Block legacy authentication',
      'enabled',
      { users: users({ includeUsers: ['All'] }), applications: allApps, clientAppTypes: ['exchangeActiveSync', 'other'] },
      ['block'],
    ),
    ['block'],
    (c) => !breakGlass(c) && LEGACY.has(c.clientApp),
  );
  add(
    base(
      'CA004: Finance apps require a compliant device',
      'enabled',
      {
        users: users({ includeGroups: [groups.Finance] }),
        applications: { includeApplications: [apps.salesforce.id, apps.expenses.id], excludeApplications: [], includeUserActions: [] },
        clientAppTypes: ['browser', 'mobileAppsAndDesktopClients'],
      },
      ['compliantDevice'],
    ),
    ['compliantDevice'],
    (c) => !breakGlass(c) && inGroup(c, 'Finance') && (c.resourceId === apps.salesforce.id || c.resourceId === apps.expenses.id),
  );
  add(
    base(
      'CA005: Block sign-ins from outside allowed countries',
      'enabled',
      {
        users: users({ includeUsers: ['All'] }),
        applications: allApps,
        locations: { includeLocations: ['All'], excludeLocations: [loc.allowed.id] },
      },
      ['block'],
    ),
    ['block'],
    (c) => !breakGlass(c) && !ALLOWED_COUNTRIES.includes(c.country),
  );
  add(
    base('CA006: Block high sign-in risk', 'enabled', { users: users({ includeUsers: ['All'] }), applications: allApps, signInRiskLevels: ['high'] }, [
      'block',
    ]),
    ['block'],
    (c) => !breakGlass(c) && c.signInRisk === 'high',
  );
  add(
    base(
      'CA007: Guests cannot use admin portals',
      'enabled',
      {
        users: users({
          includeGuestsOrExternalUsers: {
            guestOrExternalUserTypes: 'b2bCollaborationGuest,b2bCollaborationMember',
            externalTenants: { '@odata.type': '#microsoft.graph.conditionalAccessAllExternalTenants', membershipKind: 'all' },
          },
        }),
        applications: { includeApplications: ['MicrosoftAdminPortals', apps.azureManagement.id], excludeApplications: [], includeUserActions: [] },
      },
      ['block'],
    ),
    ['block'],
    (c) => c.guest && (c.resourceId === apps.azureManagement.id || c.resourceId === apps.azurePortal.id),
  );
  add(
    base(
      'CA008: Require compliant or hybrid joined device (report-only)',
      'enabledForReportingButNotEnforced',
      {
        users: users({ includeUsers: ['All'], excludeUsers: ['GuestsOrExternalUsers'] }),
        applications: allApps,
      },
      ['compliantDevice', 'domainJoinedDevice'],
    ),
    ['compliantDevice', 'domainJoinedDevice'],
    (c) => !breakGlass(c) && !c.guest,
  );
  add(
    base(
      'CA009: Mobile apps require app protection',
      'enabled',
      {
        users: users({ includeGroups: [groups.Executives] }),
        applications: { includeApplications: ['Office365'], excludeApplications: [], includeUserActions: [] },
        platforms: { includePlatforms: ['iOS', 'android'], excludePlatforms: [] },
      },
      ['compliantApplication'],
    ),
    ['compliantApplication'],
    (c) => inGroup(c, 'Executives') && (c.platform === 'iOS' || c.platform === 'android') && c.resourceId !== apps.azureManagement.id,
  );
  add(
    base(
      'CA010: Block Exchange ActiveSync (retired)',
      'disabled',
      { users: users({ includeUsers: ['All'] }), applications: allApps, clientAppTypes: ['exchangeActiveSync'] },
      ['block'],
    ),
    ['block'],
    (c) => c.clientApp === 'Exchange ActiveSync',
  );
  add(
    base(
      'CA011: Block all apps for all users (pilot, report-only)',
      'enabledForReportingButNotEnforced',
      { users: users({ includeUsers: ['All'], excludeGroups: [] }), applications: allApps },
      ['block'],
    ),
    ['block'],
    () => true,
  );
  add(
    base('CA012: Contractors require MFA everywhere', 'enabled', { users: users({ includeGroups: [groups.Contractors] }), applications: allApps }, ['mfa']),
    ['mfa'],
    (c) => inGroup(c, 'Contractors'),
  );
  return policies;
}

/** The `appliedConditionalAccessPolicies` a sign-in in context `c` would log. */
export function appliedPolicies(policies: SamplePolicy[], c: SignInContext) {
  if (c.beforeGoLive) return { list: [], status: 'notApplied' as const, failed: [] as SamplePolicy[] };
  const failed: SamplePolicy[] = [];
  let anyApplied = false;
  const list = policies.map((p) => {
    const state = p.json.state as string;
    const applies = p.applies(c);
    const satisfied = grantSatisfied(p, c);
    let result: string;
    if (state === 'disabled') result = 'notEnabled';
    else if (state === 'enabledForReportingButNotEnforced') {
      result = !applies
        ? 'reportOnlyNotApplied'
        : satisfied
          ? 'reportOnlySuccess'
          : p.grants.includes('mfa') && !p.grants.includes('block')
            ? 'reportOnlyInterrupted'
            : 'reportOnlyFailure';
    } else if (!applies) result = 'notApplied';
    else {
      anyApplied = true;
      result = satisfied ? 'success' : 'failure';
      if (!satisfied) failed.push(p);
    }
    const enforced = state === 'enabled' && applies;
    return {
      id: p.json.id as string,
      displayName: p.json.displayName as string,
      enforcedGrantControls: enforced || state !== 'enabled' ? p.grants.map((g) => LOG_GRANT[g]) : [],
      enforcedSessionControls: [],
      result,
      conditionsSatisfied: applies ? satisfiedConditions(p) : 'none',
      conditionsNotSatisfied: applies ? 'none' : p.about,
    };
  });
  const status = failed.length ? 'failure' : anyApplied ? 'success' : 'notApplied';
  return { list, status, failed };
}

function satisfiedConditions(p: SamplePolicy): string {
  const names = new Set(['application', 'users', ...p.about.split(',').filter((a) => a !== 'none')]);
  return [...names].join(',');
}

function grantSatisfied(p: SamplePolicy, c: SignInContext): boolean {
  const one = (g: Grant) =>
    g === 'block'
      ? false
      : g === 'mfa'
        ? c.mfaDone
        : g === 'compliantDevice'
          ? c.compliant
          : g === 'domainJoinedDevice'
            ? c.compliant && c.person.onPremisesSyncEnabled
            : false;
  return p.operator === 'AND' ? p.grants.every(one) : p.grants.some(one);
}
