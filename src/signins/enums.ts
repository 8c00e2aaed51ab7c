import { z } from 'zod';

/**
 * Graph enums are "evolvable": the service adds members over time, and members after
 * `unknownFutureValue` only come back when the request sends
 * `Prefer: include-unknown-enum-members`. A record with a member we have never heard of
 * is still a valid record, so every enum accepts any string; the known members are kept
 * for typing and for the code that reads them.
 */
export function evolvableEnum<const T extends readonly string[]>(members: T) {
  return z.string() as unknown as z.ZodType<T[number] | (string & {})>;
}

/** appliedConditionalAccessPolicy.result, in service order; the reportOnly* four need the Prefer header. */
export const POLICY_RESULTS = [
  'success',
  'failure',
  'notApplied',
  'notEnabled',
  'unknown',
  'unknownFutureValue',
  'reportOnlySuccess',
  'reportOnlyFailure',
  'reportOnlyNotApplied',
  'reportOnlyInterrupted',
] as const;
export type PolicyResult = (typeof POLICY_RESULTS)[number] | (string & {});

export const CONDITIONAL_ACCESS_STATUS = ['success', 'failure', 'notApplied', 'unknownFutureValue'] as const;

export const RISK_LEVELS = ['low', 'medium', 'high', 'hidden', 'none', 'unknownFutureValue'] as const;

export const RISK_STATES = ['none', 'confirmedSafe', 'remediated', 'dismissed', 'atRisk', 'confirmedCompromised', 'unknownFutureValue'] as const;

/** signInAccessType; `passthrough` needs the Prefer header. */
export const CROSS_TENANT_ACCESS_TYPES = [
  'none',
  'b2bCollaboration',
  'b2bDirectConnect',
  'microsoftSupport',
  'serviceProvider',
  'unknownFutureValue',
  'passthrough',
] as const;

export const SIGN_IN_USER_TYPES = ['member', 'guest', 'unknownFutureValue'] as const;

export const SIGN_IN_EVENT_TYPES = ['interactiveUser', 'nonInteractiveUser', 'servicePrincipal', 'managedIdentity', 'unknownFutureValue'] as const;

/** authenticationRequirementPolicy.requirementProvider; the last two need the Prefer header. */
export const REQUIREMENT_PROVIDERS = [
  'user',
  'request',
  'servicePrincipal',
  'v1ConditionalAccess',
  'multiConditionalAccess',
  'tenantSessionRiskPolicy',
  'accountCompromisePolicies',
  'v1ConditionalAccessDependency',
  'v1ConditionalAccessPolicyIdRequested',
  'mfaRegistrationRequiredByIdentityProtectionPolicy',
  'baselineProtection',
  'mfaRegistrationRequiredByBaselineProtection',
  'mfaRegistrationRequiredByMultiConditionalAccess',
  'enforcedForCspAdmins',
  'securityDefaults',
  'mfaRegistrationRequiredBySecurityDefaults',
  'proofUpCodeRequest',
  'crossTenantOutboundRule',
  'gpsLocationCondition',
  'riskBasedPolicy',
  'unknownFutureValue',
  'scopeBasedAuthRequirementPolicy',
  'authenticationStrengths',
] as const;
export type RequirementProvider = (typeof REQUIREMENT_PROVIDERS)[number] | (string & {});

/** conditionalAccessConditions flag values: Graph writes "application,users", Log Analytics the integer. */
export const CONDITION_FLAGS: Readonly<Record<string, number>> = {
  none: 0,
  application: 1,
  users: 2,
  devicePlatform: 4,
  location: 8,
  clientType: 16,
  signInRisk: 32,
  userRisk: 64,
  time: 128,
  deviceState: 256,
  client: 512,
  ipAddressSeenByAzureAD: 1024,
  ipAddressSeenByResourceProvider: 2048,
  unknownFutureValue: 4096,
  servicePrincipals: 8192,
  servicePrincipalRisk: 16384,
  authenticationFlows: 32768,
  insiderRisk: 65536,
};

/** Turns either serialisation of the conditions flags into a list of names. */
export function conditionNames(value: string | number | null | undefined): string[] {
  if (value === null || value === undefined) return [];
  if (typeof value === 'number') {
    return Object.entries(CONDITION_FLAGS)
      .filter(([, bit]) => bit !== 0 && (value & bit) === bit)
      .map(([name]) => name);
  }
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '' && s !== 'none');
}
