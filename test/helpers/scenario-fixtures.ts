import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { diagnoseRequest } from '../../src/query/diagnose-attempts.ts';
import type { Diagnosis } from '../../src/diagnosis/types.ts';
import { tenantFolder } from './tenant-folder.ts';

/**
 * A small tenant for engine tests: Bob (member, Finance), Gail (a guest), policies of
 * every kind. Each case writes its own sign-ins into a fresh folder.
 */
export const NOW = '2026-11-20T12:00:00Z';
export const BOB = 'u-bob';
export const GAIL = 'u-gail';
const TRUSTED = 'loc-hq';
const ALLOWED = 'loc-countries';

export const POLICIES = {
  block: { id: 'p-block', displayName: 'Block outside allowed countries', state: 'enabled', conditions: { users: { includeUsers: ['All'], excludeGroups: ['g-breakglass'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'], locations: { includeLocations: ['All'], excludeLocations: [ALLOWED] } }, grantControls: { operator: 'OR', builtInControls: ['block'] } },
  compliant: { id: 'p-compliant', displayName: 'Finance apps need a compliant device', state: 'enabled', conditions: { users: { includeGroups: ['g-finance'] }, applications: { includeApplications: ['app-sf'] }, clientAppTypes: ['all'] }, grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] } },
  mfa: { id: 'p-mfa', displayName: 'MFA outside the office', state: 'enabled', conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'], locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } }, grantControls: { operator: 'OR', builtInControls: ['mfa'] } },
  legacy: { id: 'p-legacy', displayName: 'Block legacy authentication', state: 'enabled', conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['exchangeActiveSync', 'other'] }, grantControls: { operator: 'OR', builtInControls: ['block'] } },
  risk: { id: 'p-risk', displayName: 'Block high sign-in risk', state: 'enabled', conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'], signInRiskLevels: ['high'] }, grantControls: { operator: 'OR', builtInControls: ['block'] } },
  guests: { id: 'p-guests', displayName: 'Guests cannot use admin portals', state: 'enabled', conditions: { users: { includeUsers: ['GuestsOrExternalUsers'] }, applications: { includeApplications: ['MicrosoftAdminPortals'] }, clientAppTypes: ['all'] }, grantControls: { operator: 'OR', builtInControls: ['block'] } },
  everyoneCompliant: { id: 'p-all-compliant', displayName: 'Everyone needs a compliant device', state: 'enabled', conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'] }, grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] } },
} as const;

const DIRECTORY = {
  'users.json': {
    value: [
      { id: BOB, displayName: 'Bob Kelly', userPrincipalName: 'bob@contoso.com', mail: 'bob@contoso.com', givenName: 'Bob', lastPasswordChangeDateTime: '2026-11-19T08:00:00Z' },
      { id: GAIL, displayName: 'Gail Guest', userPrincipalName: 'gail_fabrikam.com#EXT#@contoso.onmicrosoft.com', mail: 'gail@fabrikam.com', userType: 'Guest' },
    ],
  },
  'groups.json': { value: [{ id: 'g-finance', displayName: 'Finance', members: [{ id: BOB }] }, { id: 'g-breakglass', displayName: 'CA Exclusion - Break Glass', members: [] }] },
  'conditionalAccessPolicies.json': { value: Object.values(POLICIES) },
  'namedLocations.json': {
    value: [
      { '@odata.type': '#microsoft.graph.ipNamedLocation', id: TRUSTED, displayName: 'HQ', isTrusted: true, ipRanges: [{ cidrAddress: '203.0.113.0/24' }] },
      { '@odata.type': '#microsoft.graph.countryNamedLocation', id: ALLOWED, displayName: 'Allowed countries', countriesAndRegions: ['US', 'DE'] },
    ],
  },
  'servicePrincipals.json': { value: [{ id: 'sp-sf', appId: 'app-sf', displayName: 'Salesforce' }] },
};

let seq = 0;
type Row = Record<string, unknown>;

/** A beta sign-in of Bob at HQ, 10 minutes before NOW; override what the case is about. */
export function row(over: Row = {}): Row {
  seq++;
  return {
    id: `ev-${seq}`,
    createdDateTime: '2026-11-20T11:50:00Z',
    userId: BOB,
    userPrincipalName: 'bob@contoso.com',
    userDisplayName: 'Bob Kelly',
    appId: 'app-office',
    appDisplayName: 'OfficeHome',
    resourceId: 'app-office',
    resourceDisplayName: 'OfficeHome',
    ipAddress: '203.0.113.10',
    clientAppUsed: 'Browser',
    correlationId: 'c-main',
    isInteractive: true,
    status: { errorCode: 0 },
    userType: 'member',
    crossTenantAccessType: 'none',
    homeTenantId: 't-contoso',
    resourceTenantId: 't-contoso',
    riskLevelDuringSignIn: 'none',
    deviceDetail: { deviceId: 'd-1', displayName: 'BOB-LAPTOP', operatingSystem: 'Windows 11', browser: 'Edge 130', isCompliant: true, isManaged: true, trustType: 'Azure AD joined' },
    location: { city: 'Redmond', countryOrRegion: 'US' },
    authenticationDetails: [{ authenticationMethod: 'Password', succeeded: true, authenticationStepRequirement: 'Primary authentication', authenticationStepResultDetail: 'Correct password' }],
    authenticationRequirementPolicies: [],
    appliedConditionalAccessPolicies: [],
    ...over,
  };
}

const BETA_ONLY = ['authenticationDetails', 'authenticationRequirement', 'authenticationRequirementPolicies', 'signInEventTypes', 'userType', 'crossTenantAccessType', 'originalRequestId', 'incomingTokenType', 'authenticationProtocol'];

/** The same record as v1.0 returns it: beta-only properties gone, CA entries thin. */
export function v1(r: Row): Row {
  const out = { ...r };
  for (const k of BETA_ONLY) delete out[k];
  if (Array.isArray(out.appliedConditionalAccessPolicies)) {
    out.appliedConditionalAccessPolicies = (out.appliedConditionalAccessPolicies as Row[]).map(({ id, displayName, enforcedGrantControls, enforcedSessionControls, result }) => ({ id, displayName, enforcedGrantControls, enforcedSessionControls, result }));
  }
  return out;
}

/** A policy entry as the log writes it. */
export function applied(p: (typeof POLICIES)[keyof typeof POLICIES], result: string, grants?: string[]): Row {
  const log: Record<string, string> = { block: 'Block', mfa: 'Mfa', compliantDevice: 'RequireCompliantDevice' };
  return { id: p.id, displayName: p.displayName, result, enforcedGrantControls: grants ?? p.grantControls.builtInControls.map((g) => log[g] ?? g), enforcedSessionControls: [] };
}

/** Writes the rows into a fresh tenant folder and diagnoses correlation `c-main`. */
export async function diagnoseCase(rows: Row[], opts: { withoutDirectory?: (keyof typeof DIRECTORY)[] } = {}): Promise<Diagnosis> {
  const files: Record<string, unknown> = { 'signIns.json': { value: rows } };
  for (const [k, v] of Object.entries(DIRECTORY)) if (!opts.withoutDirectory?.includes(k as keyof typeof DIRECTORY)) files[k] = v;
  const source = new TenantFolderSource(tenantFolder(files));
  const problems = source.loadProblems();
  if (problems.length) throw new Error(`fixture problems: ${JSON.stringify(problems)}`);
  const r = await diagnoseRequest(source, { correlationId: 'c-main', now: NOW });
  if (r.diagnoses.length !== 1) throw new Error(`expected one attempt, got ${r.diagnoses.length}`);
  return r.diagnoses[0]!;
}
