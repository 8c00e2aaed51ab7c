import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { diagnoseRequest } from '../../src/query/diagnose-attempts.ts';
import type { Diagnosis, ScenarioId } from '../../src/diagnosis/types.ts';
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
  block: {
    id: 'p-block',
    displayName: 'Block outside allowed countries',
    state: 'enabled',
    conditions: {
      users: { includeUsers: ['All'], excludeGroups: ['g-breakglass'] },
      applications: { includeApplications: ['All'] },
      clientAppTypes: ['all'],
      locations: { includeLocations: ['All'], excludeLocations: [ALLOWED] },
    },
    grantControls: { operator: 'OR', builtInControls: ['block'] },
  },
  compliant: {
    id: 'p-compliant',
    displayName: 'Finance apps need a compliant device',
    state: 'enabled',
    conditions: { users: { includeGroups: ['g-finance'] }, applications: { includeApplications: ['app-sf'] }, clientAppTypes: ['all'] },
    grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] },
  },
  mfa: {
    id: 'p-mfa',
    displayName: 'MFA outside the office',
    state: 'enabled',
    conditions: {
      users: { includeUsers: ['All'] },
      applications: { includeApplications: ['All'] },
      clientAppTypes: ['all'],
      locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
    },
    grantControls: { operator: 'OR', builtInControls: ['mfa'] },
  },
  legacy: {
    id: 'p-legacy',
    displayName: 'Block legacy authentication',
    state: 'enabled',
    conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['exchangeActiveSync', 'other'] },
    grantControls: { operator: 'OR', builtInControls: ['block'] },
  },
  risk: {
    id: 'p-risk',
    displayName: 'Block high sign-in risk',
    state: 'enabled',
    conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'], signInRiskLevels: ['high'] },
    grantControls: { operator: 'OR', builtInControls: ['block'] },
  },
  guests: {
    id: 'p-guests',
    displayName: 'Guests cannot use admin portals',
    state: 'enabled',
    conditions: {
      users: { includeUsers: ['GuestsOrExternalUsers'] },
      applications: { includeApplications: ['MicrosoftAdminPortals'] },
      clientAppTypes: ['all'],
    },
    grantControls: { operator: 'OR', builtInControls: ['block'] },
  },
  everyoneCompliant: {
    id: 'p-all-compliant',
    displayName: 'Everyone needs a compliant device',
    state: 'enabled',
    conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'] },
    grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] },
  },
} as const;

const DIRECTORY = {
  'users.json': {
    value: [
      {
        id: BOB,
        displayName: 'Bob Kelly',
        userPrincipalName: 'bob@contoso.com',
        mail: 'bob@contoso.com',
        givenName: 'Bob',
        lastPasswordChangeDateTime: '2026-11-19T08:00:00Z',
      },
      {
        id: GAIL,
        displayName: 'Gail Guest',
        userPrincipalName: 'gail_fabrikam.com#EXT#@contoso.onmicrosoft.com',
        mail: 'gail@fabrikam.com',
        userType: 'Guest',
      },
    ],
  },
  'groups.json': {
    value: [
      { id: 'g-finance', displayName: 'Finance', members: [{ id: BOB }] },
      { id: 'g-breakglass', displayName: 'CA Exclusion - Break Glass', members: [] },
    ],
  },
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
    deviceDetail: {
      deviceId: 'd-1',
      displayName: 'BOB-LAPTOP',
      operatingSystem: 'Windows 11',
      browser: 'Edge 130',
      isCompliant: true,
      isManaged: true,
      trustType: 'Azure AD joined',
    },
    location: { city: 'Redmond', countryOrRegion: 'US' },
    authenticationDetails: [
      {
        authenticationMethod: 'Password',
        succeeded: true,
        authenticationStepRequirement: 'Primary authentication',
        authenticationStepResultDetail: 'Correct password',
      },
    ],
    authenticationRequirementPolicies: [],
    appliedConditionalAccessPolicies: [],
    ...over,
  };
}

const BETA_ONLY = [
  'authenticationDetails',
  'authenticationRequirement',
  'authenticationRequirementPolicies',
  'signInEventTypes',
  'userType',
  'crossTenantAccessType',
  'originalRequestId',
  'incomingTokenType',
  'authenticationProtocol',
];

/** The same record as v1.0 returns it: beta-only properties gone, CA entries thin. */
export function v1(r: Row): Row {
  const out = { ...r };
  for (const k of BETA_ONLY) delete out[k];
  if (Array.isArray(out.appliedConditionalAccessPolicies)) {
    out.appliedConditionalAccessPolicies = (out.appliedConditionalAccessPolicies as Row[]).map(
      ({ id, displayName, enforcedGrantControls, enforcedSessionControls, result }) => ({
        id,
        displayName,
        enforcedGrantControls,
        enforcedSessionControls,
        result,
      }),
    );
  }
  return out;
}

/** A policy entry as the log writes it. */
export function applied(p: (typeof POLICIES)[keyof typeof POLICIES], result: string, grants?: string[]): Row {
  const log: Record<string, string> = { block: 'Block', mfa: 'Mfa', compliantDevice: 'RequireCompliantDevice' };
  return {
    id: p.id,
    displayName: p.displayName,
    result,
    enforcedGrantControls: grants ?? p.grantControls.builtInControls.map((g) => log[g] ?? g),
    enforcedSessionControls: [],
  };
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

/** Pieces of records the cases are built from. */
export const guest = {
  userId: GAIL,
  userPrincipalName: 'gail@fabrikam.com',
  userDisplayName: 'Gail Guest',
  userType: 'guest',
  crossTenantAccessType: 'b2bCollaboration',
  homeTenantId: 't-fabrikam',
};
export const portal = {
  appId: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c',
  appDisplayName: 'Azure Portal',
  resourceId: '797f4846-ba00-4fd7-ba43-dac1f8f63013',
  resourceDisplayName: 'Windows Azure Service Management API',
};
export const salesforce = { appId: 'app-sf', appDisplayName: 'Salesforce', resourceId: 'app-sf', resourceDisplayName: 'Salesforce' };
export const home = { ipAddress: '73.20.30.40', location: { city: 'Seattle', countryOrRegion: 'US' } };
export const personalLaptop = {
  deviceDetail: { deviceId: '', displayName: '', operatingSystem: 'Windows 10', browser: 'Chrome 130', isCompliant: false, isManaged: false, trustType: '' },
};
export const mfaStep = (succeeded: boolean, detail: string) => ({
  authenticationMethod: 'Mobile app notification',
  succeeded,
  authenticationStepRequirement: 'Multi-factor authentication',
  authenticationStepResultDetail: detail,
});
export const password = { authenticationMethod: 'Password', succeeded: true, authenticationStepRequirement: 'Primary authentication' };
export const badPassword = {
  authenticationDetails: [{ authenticationMethod: 'Password', succeeded: false, authenticationStepRequirement: 'Primary authentication' }],
  appliedConditionalAccessPolicies: [],
};
export const caProvider = [{ requirementProvider: 'multiConditionalAccess', detail: 'Conditional Access' }];
export const code = (n: number, reason?: string) => ({ status: { errorCode: n, failureReason: reason ?? null } });

/** One attempt that shows a scenario: what happened, and the records of it (fresh each call). */
export interface ScenarioStory {
  story: string;
  rows: () => Row[];
}

/**
 * A story for every scenario id, so a scenario without one does not compile;
 * test/diagnosis/scenario-modules.test.ts checks each is named as its key says.
 */
export const SCENARIO_STORIES: { readonly [K in ScenarioId]: ScenarioStory } = {
  success: {
    story: 'Bob signs in from home with MFA; a report-only policy would have blocked him',
    rows: () => [
      row({
        ...home,
        authenticationRequirement: 'multiFactorAuthentication',
        appliedConditionalAccessPolicies: [
          applied(POLICIES.mfa, 'success'),
          applied(POLICIES.block, 'notApplied', []),
          { id: 'p-ro', displayName: 'Pilot: block everything', result: 'reportOnlyFailure', enforcedGrantControls: ['Block'] },
        ],
      }),
    ],
  },
  'legacy-auth': {
    story: "Bob's IMAP client is refused by the legacy-authentication block",
    rows: () => [row({ ...code(53003), clientAppUsed: 'IMAP4', appliedConditionalAccessPolicies: [applied(POLICIES.legacy, 'failure')] })],
  },
  'b2b-blocked': {
    story: 'Gail, a guest, is blocked from the admin portals',
    rows: () => [row({ ...guest, ...portal, ...code(53003), appliedConditionalAccessPolicies: [applied(POLICIES.guests, 'failure')] })],
  },
  'risk-blocked': {
    story: 'A high-risk sign-in from Tor meets the risk policy',
    rows: () => [
      row({
        ...code(53003),
        ipAddress: '185.220.101.3',
        riskLevelDuringSignIn: 'high',
        riskEventTypes_v2: ['anonymizedIPAddress'],
        appliedConditionalAccessPolicies: [applied(POLICIES.risk, 'failure'), applied(POLICIES.mfa, 'failure')],
      }),
    ],
  },
  'mfa-proofup-risky': {
    story: 'Bob may not register MFA from a risky sign-in',
    rows: () => [row({ ...code(53004), riskLevelDuringSignIn: 'medium' })],
  },
  'ca-blocked': {
    story: 'Bob signs in from Brazil, outside the allowed countries',
    rows: () => [
      row({
        ...code(53003),
        ipAddress: '200.147.35.14',
        location: { city: 'São Paulo', countryOrRegion: 'BR' },
        appliedConditionalAccessPolicies: [applied(POLICIES.block, 'failure')],
      }),
    ],
  },
  'ca-grant-failed': {
    story: 'Bob opens Salesforce on his personal laptop, which is not compliant',
    rows: () => [row({ ...salesforce, ...personalLaptop, ...code(53000), appliedConditionalAccessPolicies: [applied(POLICIES.compliant, 'failure')] })],
  },
  'security-defaults': {
    story: 'Security defaults refuse a sign-in from a modern client',
    rows: () => [row(code(530035))],
  },
  'mfa-proofup': {
    story: 'Bob must register MFA methods before he signs in',
    rows: () => [
      row({ ...home, ...code(50079), authenticationRequirementPolicies: [{ requirementProvider: 'mfaRegistrationRequiredByMultiConditionalAccess' }] }),
    ],
  },
  'mfa-not-completed': {
    story: 'Bob is prompted for MFA at home and declines the prompt',
    rows: () => [
      row({ ...home, ...code(50074), createdDateTime: '2026-11-20T11:50:00Z', authenticationRequirementPolicies: caProvider }),
      row({
        ...home,
        ...code(500121),
        createdDateTime: '2026-11-20T11:51:00Z',
        authenticationRequirementPolicies: caProvider,
        authenticationDetails: [password, mfaStep(false, 'MFA denied; user declined the authentication')],
      }),
    ],
  },
  'ca-mfa': {
    story: 'Bob stops at the MFA prompt that "MFA outside the office" asks for',
    rows: () => [
      row({ ...home, ...code(50074), authenticationRequirementPolicies: caProvider, appliedConditionalAccessPolicies: [applied(POLICIES.mfa, 'failure')] }),
    ],
  },
  'mfa-other': {
    story: "Per-user MFA on Bob's account prompts him",
    rows: () => [row({ ...code(50076), authenticationRequirementPolicies: [{ requirementProvider: 'user', detail: 'Per-user MFA' }] })],
  },
  'account-locked': {
    story: 'Bob mistypes his password three times, then smart lockout stops him',
    rows: () => {
      const rows = [1, 2, 3].map((i) => row({ ...code(50126), ...badPassword, correlationId: `c-typo-${i}`, createdDateTime: `2026-11-20T11:4${i}:00Z` }));
      rows.push(row({ ...code(0), correlationId: 'c-ok', createdDateTime: '2026-11-20T09:00:00Z' }));
      return [
        ...rows,
        row({ ...code(50053, 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.'), ...badPassword }),
      ];
    },
  },
  'invalid-credentials': {
    story: "Bob's phone replays his old password over Exchange ActiveSync",
    rows: () => {
      const rows = [0, 1, 2, 3].map((i) =>
        row({
          ...code(50126),
          ...badPassword,
          correlationId: `c-stale-${i}`,
          clientAppUsed: 'Exchange ActiveSync',
          ipAddress: '172.58.12.201',
          createdDateTime: `2026-11-20T0${6 + i}:00:00Z`,
          deviceDetail: { operatingSystem: 'iOS 17.6' },
        }),
      );
      return [
        ...rows.slice(0, 3),
        row({
          ...code(50126),
          ...badPassword,
          clientAppUsed: 'Exchange ActiveSync',
          ipAddress: '172.58.12.201',
          createdDateTime: '2026-11-20T10:00:00Z',
          deviceDetail: { operatingSystem: 'iOS 17.6' },
        }),
      ];
    },
  },
  pta: {
    story: 'The pass-through authentication agents cannot reach a domain controller',
    rows: () => [row(code(80001))],
  },
  'seamless-sso': {
    story: "Bob's Kerberos ticket for Seamless SSO is stale",
    rows: () => [row(code(81010))],
  },
  'app-config': {
    story: 'Bob is not assigned to Salesforce',
    rows: () => [row({ ...salesforce, ...code(50105) })],
  },
  'app-sp': {
    story: 'Salesforce sends a SAML request Entra cannot accept',
    rows: () => [row({ ...salesforce, ...code(75011) })],
  },
  'error-code-insight': {
    story: "Bob's account is disabled",
    rows: () => [row(code(50057))],
  },
  'unknown-error': {
    story: 'A code the catalog does not know',
    rows: () => [row(code(1001010, 'Other.'))],
  },
};

/** Diagnoses a scenario's story. */
export const diagnoseStory = (id: ScenarioId): Promise<Diagnosis> => diagnoseCase(SCENARIO_STORIES[id].rows());
