import { describe, expect, it } from 'vitest';
import { evaluatePolicy, transitiveGroups, type EvalContext } from '../../src/diagnosis/ca-evaluator.ts';
import { applyChange, whatIf } from '../../src/diagnosis/what-if.ts';
import { policyCheckCard } from '../../src/cards/what-if-cards.ts';
import { checkPolicies } from '../../src/diagnosis/policy-check.ts';
import { parseWhatIfChange } from '../../src/conversation/what-if-condition.ts';
import { ConditionalAccessPolicy, type Group, type NamedLocation } from '../../src/signins/directory.ts';

/**
 * Conditional Access semantics: a policy applies only when every configured condition
 * matches; exclusions win over inclusions; report-only never enforces; unknown inputs give
 * "cannot tell", never a guess.
 */
const SALESFORCE = 'app-sf';
const EXCHANGE = '00000002-0000-0ff1-ce00-000000000000';
const PORTAL = 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c';
const GLOBAL_ADMIN = '62e90394-69f5-4237-9190-012177145e10';
const groups: Group[] = [
  { id: 'g-finance', displayName: 'Finance', members: [{ id: 'u-bob' }] },
  { id: 'g-all-staff', displayName: 'All Staff', members: [{ id: 'g-finance', '@odata.type': '#microsoft.graph.group' }, { id: 'u-amy' }] },
  { id: 'g-bg', displayName: 'CA Exclusion - Break Glass', members: [{ id: 'u-bg' }] },
];
const named: NamedLocation[] = [
  { '@odata.type': '#microsoft.graph.ipNamedLocation', id: 'loc-hq', displayName: 'HQ', isTrusted: true, ipRanges: [{ cidrAddress: '203.0.113.0/24' }] },
  { '@odata.type': '#microsoft.graph.countryNamedLocation', id: 'loc-allowed', displayName: 'Allowed countries', countriesAndRegions: ['US', 'DE'] },
];

const policy = (conditions: Record<string, unknown>, over: Record<string, unknown> = {}) =>
  ConditionalAccessPolicy.parse({
    id: 'p',
    displayName: 'P',
    state: 'enabled',
    conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'], ...conditions },
    grantControls: { operator: 'OR', builtInControls: ['block'] },
    ...over,
  });

const bob: EvalContext = {
  userId: 'u-bob',
  isGuest: false,
  groupIds: transitiveGroups('u-bob', groups),
  roleTemplateIds: new Set(),
  appIds: [SALESFORCE],
  clientAppType: 'browser',
  platform: 'windows',
  ip: '73.20.30.40',
  country: 'US',
  signInRisk: 'none',
  userRisk: 'none',
  device: { isCompliant: false, trustType: '', operatingSystem: 'Windows 10', deviceId: '' },
};
const ctx = (over: Partial<EvalContext>): EvalContext => ({ ...bob, ...over });

type Case = [name: string, conditions: Record<string, unknown>, context: EvalContext, applies: boolean | undefined, over?: Record<string, unknown>];

const CASES: Case[] = [
  // Users
  ['all users', {}, bob, true],
  ['a named user', { users: { includeUsers: ['u-bob'] } }, bob, true],
  ['someone else by name', { users: { includeUsers: ['u-amy'] } }, bob, false],
  ['a group the user is in', { users: { includeGroups: ['g-finance'] } }, bob, true],
  ['a group the user is in through a nested group', { users: { includeGroups: ['g-all-staff'] } }, bob, true],
  ['a role the user holds', { users: { includeRoles: [GLOBAL_ADMIN] } }, ctx({ roleTemplateIds: new Set([GLOBAL_ADMIN]) }), true],
  ['a role the user does not hold', { users: { includeRoles: [GLOBAL_ADMIN] } }, bob, false],
  ['guests: a guest', { users: { includeUsers: ['GuestsOrExternalUsers'] } }, ctx({ isGuest: true }), true],
  ['guests: a member', { users: { includeUsers: ['GuestsOrExternalUsers'] } }, bob, false],
  ['exclusion by name wins over all users', { users: { includeUsers: ['All'], excludeUsers: ['u-bob'] } }, bob, false],
  ['exclusion by group wins over inclusion by group', { users: { includeGroups: ['g-all-staff'], excludeGroups: ['g-finance'] } }, bob, false],
  ['excluded role wins', { users: { includeUsers: ['All'], excludeRoles: [GLOBAL_ADMIN] } }, ctx({ roleTemplateIds: new Set([GLOBAL_ADMIN]) }), false],
  ['guests excluded, the user is a guest', { users: { includeUsers: ['All'], excludeUsers: ['GuestsOrExternalUsers'] } }, ctx({ isGuest: true }), false],
  ['group membership unknown: cannot tell', { users: { includeGroups: ['g-finance'] } }, ctx({ groupIds: undefined }), undefined],
  // Apps
  ['the app itself', { applications: { includeApplications: [SALESFORCE] } }, bob, true],
  ['another app', { applications: { includeApplications: [PORTAL] } }, bob, false],
  ['Office 365 covers Exchange Online', { applications: { includeApplications: ['Office365'] } }, ctx({ appIds: [EXCHANGE] }), true],
  ['Office 365 does not cover Salesforce', { applications: { includeApplications: ['Office365'] } }, bob, false],
  ['admin portals cover the Azure portal', { applications: { includeApplications: ['MicrosoftAdminPortals'] } }, ctx({ appIds: [PORTAL] }), true],
  ['an excluded app wins over all apps', { applications: { includeApplications: ['All'], excludeApplications: [SALESFORCE] } }, bob, false],
  ['a user-action policy does not apply to an app sign-in', { applications: { includeUserActions: ['urn:user:registersecurityinfo'] } }, bob, false],
  // Client apps
  ['legacy clients: IMAP is "other"', { clientAppTypes: ['exchangeActiveSync', 'other'] }, ctx({ clientAppType: 'other' }), true],
  ['legacy clients: a browser is not', { clientAppTypes: ['exchangeActiveSync', 'other'] }, bob, false],
  ['client type unknown: cannot tell', { clientAppTypes: ['browser'] }, ctx({ clientAppType: undefined }), undefined],
  // Platforms
  ['all platforms but iOS, on iOS', { platforms: { includePlatforms: ['all'], excludePlatforms: ['iOS'] } }, ctx({ platform: 'iOS' }), false],
  ['Android only, on Android', { platforms: { includePlatforms: ['android'] } }, ctx({ platform: 'android' }), true],
  ['platform unknown: cannot tell', { platforms: { includePlatforms: ['android'] } }, ctx({ platform: undefined }), undefined],
  // Locations
  ['outside trusted locations, from home', { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } }, bob, true],
  ['outside trusted locations, from HQ', { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } }, ctx({ ip: '203.0.113.9' }), false],
  ['outside allowed countries, from Brazil', { locations: { includeLocations: ['All'], excludeLocations: ['loc-allowed'] } }, ctx({ country: 'BR' }), true],
  ['outside allowed countries, from Germany', { locations: { includeLocations: ['All'], excludeLocations: ['loc-allowed'] } }, ctx({ country: 'DE' }), false],
  // Risk
  ['high sign-in risk, at high', { signInRiskLevels: ['high'] }, ctx({ signInRisk: 'high' }), true],
  ['high sign-in risk, at medium', { signInRiskLevels: ['high'] }, ctx({ signInRisk: 'medium' }), false],
  ['risk hidden (no P2): cannot tell', { signInRiskLevels: ['high'] }, ctx({ signInRisk: 'hidden' }), undefined],
  // Device filters
  [
    'include compliant devices, compliant',
    { devices: { deviceFilter: { mode: 'include', rule: 'device.isCompliant -eq True' } } },
    ctx({ device: { isCompliant: true } }),
    true,
  ],
  [
    'exclude compliant devices, compliant',
    { devices: { deviceFilter: { mode: 'exclude', rule: 'device.isCompliant -eq True' } } },
    ctx({ device: { isCompliant: true } }),
    false,
  ],
  [
    'include hybrid joined (ServerAD), hybrid',
    { devices: { deviceFilter: { mode: 'include', rule: 'device.trustType -eq "ServerAD"' } } },
    ctx({ device: { trustType: 'Hybrid Azure AD joined' } }),
    true,
  ],
  ['filter on an attribute the log lacks: cannot tell', { devices: { deviceFilter: { mode: 'include', rule: 'device.model -eq "Surface"' } } }, bob, undefined],
  // Every condition must match
  ['users match but the app does not', { users: { includeGroups: ['g-finance'] }, applications: { includeApplications: [PORTAL] } }, bob, false],
  ['a disabled policy never applies', {}, bob, false, { state: 'disabled' }],
];

describe('the local Conditional Access evaluator', () => {
  for (const [name, conditions, context, applies, over] of CASES) {
    it(name, () => {
      const r = evaluatePolicy(policy(conditions, over), context, { namedLocations: named });
      expect(r.applies).toBe(applies);
      // Every configured condition has a verdict and a reason.
      for (const c of r.conditions) expect(c.reason.length).toBeGreaterThan(5);
    });
  }
  it('has at least 30 combinations', () => expect(CASES.length).toBeGreaterThanOrEqual(30));
});

describe('what-if outcomes', () => {
  const mfaOutside = policy(
    { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } },
    { id: 'mfa', displayName: 'MFA outside trusted', grantControls: { operator: 'OR', builtInControls: ['mfa'] } },
  );
  const compliantFinance = policy(
    { users: { includeGroups: ['g-finance'] }, applications: { includeApplications: [SALESFORCE] } },
    { id: 'cd', displayName: 'Finance: compliant device', grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] } },
  );
  const reportOnlyBlock = policy({}, { id: 'ro', displayName: 'Pilot: block all', state: 'enabledForReportingButNotEnforced' });

  it('report-only never enforces', () => {
    expect(whatIf([reportOnlyBlock], bob, {}).outcome).toBe('allowed');
    expect(whatIf([{ ...reportOnlyBlock, state: 'enabled' }], bob, {}).outcome).toBe('blocked');
  });

  it('requirements: unmet, then met by the change', () => {
    const before = whatIf([mfaOutside, compliantFinance], bob, { mfa: false, compliantDevice: false }, named);
    expect(before.outcome).toBe('requires');
    expect(before.summary).toMatch(/multifactor authentication.*and a compliant device|a compliant device.*and multifactor authentication/);
    const { ctx: fixed, satisfies } = applyChange(bob, { mfa: true }, parseWhatIfChange('on a compliant device'), named);
    expect(whatIf([mfaOutside, compliantFinance], fixed, satisfies, named).outcome).toBe('allowed');
  });

  it('AND needs every control; OR any one', () => {
    const and = policy({}, { grantControls: { operator: 'AND', builtInControls: ['mfa', 'compliantDevice'] } });
    expect(whatIf([and], bob, { mfa: true }).outcome).toBe('requires');
    const or = policy({}, { grantControls: { operator: 'OR', builtInControls: ['mfa', 'compliantDevice'] } });
    expect(whatIf([or], bob, { mfa: true }).outcome).toBe('allowed');
  });

  it('"from the office network" moves the sign-in into a trusted location', () => {
    const { ctx: office } = applyChange(bob, {}, parseWhatIfChange('from the office network'), named);
    expect(office.ip).toMatch(/^203\.0\.113\./);
    expect(whatIf([mfaOutside], office, {}, named).outcome).toBe('allowed');
    // Without the named locations, "all trusted locations" cannot be judged: said, not guessed.
    expect(whatIf([mfaOutside], office, {}).outcome).toBe('unknown');
  });

  it('reads the change from words', () => {
    expect(parseWhatIfChange('from an unmanaged iPhone')).toMatchObject({ platform: 'iOS', device: 'unmanaged' });
    expect(parseWhatIfChange('from Brazil in a browser with MFA')).toMatchObject({ country: 'BR', client: 'browser', mfa: true });
    expect(parseWhatIfChange('on a hybrid joined laptop at high risk')).toMatchObject({ device: 'hybrid', platform: 'windows', risk: 'high' });
  });
});

describe('check my policies', () => {
  it('all users and all apps with block: the whole organisation; break-glass exclusion noticed', () => {
    const noBreakGlass = checkPolicies([policy({}, { displayName: 'Block everything' })], groups, []);
    expect(noBreakGlass.findings[0]).toMatchObject({ severity: 'high' });
    expect(noBreakGlass.findings[0]!.text).toMatch(/blocks the whole organisation. No emergency-access/);
    const withBreakGlass = checkPolicies(
      [policy({ users: { includeUsers: ['All'], excludeGroups: ['g-bg'] } }, { grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] } })],
      groups,
      [],
    );
    expect(withBreakGlass.findings[0]!.text).toMatch(/admins included.*excludes "CA Exclusion - Break Glass"/);
  });

  it('report-only policies that would fail many recent sign-ins, with the count', () => {
    const ro = policy(
      { locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } },
      { id: 'ro', displayName: 'Pilot', state: 'enabledForReportingButNotEnforced' },
    );
    const events = Array.from({ length: 10 }, (_, i) => ({
      id: `e${i}`,
      createdDateTime: '2026-11-20T10:00:00Z',
      userId: 'u',
      status: { errorCode: 0 },
      appliedConditionalAccessPolicies: [{ id: 'ro', result: i < 4 ? 'reportOnlyFailure' : 'reportOnlyNotApplied' }],
    }));
    const r = checkPolicies([ro], groups, events as never);
    expect(r.findings[0]).toMatchObject({ affected: 4 });
    expect(r.findings[0]!.text).toMatch(/would have failed 4 of the last 10 sign-ins \(40%\)/);
  });

  it('exclusions the source cannot name are not called "no break-glass"; an excluded break-glass user is recognised', () => {
    const p = policy(
      { users: { includeUsers: ['All'], excludeGroups: ['g-bg'] } },
      { grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] } },
    );
    const unknownGroups = checkPolicies([p], undefined, []);
    expect(unknownGroups.findings[0]!.text).toMatch(/excludes 1 account or group whose names cannot be read here/);
    expect(unknownGroups.findings[0]!.text).not.toMatch(/No emergency-access/);
    const byUser = policy({ users: { includeUsers: ['All'], excludeUsers: ['u-bg'] } }, { displayName: 'Block everything' });
    const users = [{ id: 'u-bg', userPrincipalName: 'breakglass1@contoso.com', displayName: 'Emergency Access 1' }] as never;
    expect(checkPolicies([byUser], groups, [], users).findings[0]!.text).toMatch(/It excludes "Emergency Access 1"/);
  });

  it('a disabled policy and a narrow one raise nothing', () => {
    expect(checkPolicies([policy({}, { state: 'disabled' }), policy({ users: { includeGroups: ['g-finance'] } })], groups, []).findings).toEqual([]);
  });

  it('the card shows one block per policy, with every finding for it', () => {
    const ro = policy({}, { id: 'ro', displayName: 'Pilot block', state: 'enabledForReportingButNotEnforced' });
    const events = Array.from({ length: 10 }, (_, i) => ({
      id: `e${i}`,
      createdDateTime: '2026-11-20T10:00:00Z',
      userId: 'u',
      status: { errorCode: 0 },
      appliedConditionalAccessPolicies: [{ id: 'ro', result: 'reportOnlyFailure' }],
    }));
    const r = checkPolicies([ro], groups, events as never);
    expect(r.findings.length).toBe(2);
    const card = JSON.stringify(policyCheckCard(r, ''));
    expect(card).toMatch(/1 policy to look at/);
    expect(card.match(/Pilot block/g)).toHaveLength(1);
    expect(card).toMatch(/blocks the whole organisation/);
    expect(card).toMatch(/would have failed 10 of the last 10 sign-ins/);
  });
});
