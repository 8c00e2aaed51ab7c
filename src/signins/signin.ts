import { z } from 'zod';
import {
  CONDITIONAL_ACCESS_STATUS,
  CROSS_TENANT_ACCESS_TYPES,
  POLICY_RESULTS,
  REQUIREMENT_PROVIDERS,
  RISK_LEVELS,
  RISK_STATES,
  SIGN_IN_EVENT_TYPES,
  SIGN_IN_USER_TYPES,
  evolvableEnum,
} from './enums.ts';

/**
 * The Graph `signIn` resource, beta and v1.0. Everything beta-only is optional, so a
 * v1.0 record parses too; extra properties are kept (looseObject) because the service
 * adds fields faster than any schema.
 */

const str = z.string().nullish();
const strList = z.array(z.string()).nullish();

export const SignInStatus = z.looseObject({
  errorCode: z.number().int(),
  failureReason: str,
  additionalDetails: str,
});

export const DeviceDetail = z.looseObject({
  deviceId: str,
  displayName: str,
  operatingSystem: str,
  browser: str,
  browserId: str,
  isCompliant: z.boolean().nullish(),
  isManaged: z.boolean().nullish(),
  trustType: str,
});
export type DeviceDetail = z.infer<typeof DeviceDetail>;

export const SignInLocation = z.looseObject({
  city: str,
  state: str,
  countryOrRegion: str,
  geoCoordinates: z.looseObject({ altitude: z.number().nullish(), latitude: z.number().nullish(), longitude: z.number().nullish() }).nullish(),
});
export type SignInLocation = z.infer<typeof SignInLocation>;

const RuleSatisfied = z.looseObject({ conditionalAccessCondition: str, ruleSatisfied: str });

export const AppliedConditionalAccessPolicy = z.looseObject({
  id: z.string(),
  displayName: str,
  enforcedGrantControls: strList,
  enforcedSessionControls: strList,
  result: evolvableEnum(POLICY_RESULTS),
  // beta
  conditionsSatisfied: z.union([z.string(), z.number()]).nullish(),
  conditionsNotSatisfied: z.union([z.string(), z.number()]).nullish(),
  includeRulesSatisfied: z.array(RuleSatisfied).nullish(),
  excludeRulesSatisfied: z.array(RuleSatisfied).nullish(),
  sessionControlsNotSatisfied: strList,
  authenticationStrength: z.looseObject({ authenticationStrengthId: str, displayName: str, authenticationStrengthResult: str }).nullish(),
});
export type AppliedConditionalAccessPolicy = z.infer<typeof AppliedConditionalAccessPolicy>;

export const AuthenticationDetail = z.looseObject({
  authenticationStepDateTime: str,
  authenticationMethod: str,
  authenticationMethodDetail: str,
  succeeded: z.boolean().nullish(),
  authenticationStepResultDetail: str,
  authenticationStepRequirement: str,
});
export type AuthenticationDetail = z.infer<typeof AuthenticationDetail>;

export const AuthenticationRequirementPolicy = z.looseObject({
  requirementProvider: evolvableEnum(REQUIREMENT_PROVIDERS),
  detail: str,
});
export type AuthenticationRequirementPolicy = z.infer<typeof AuthenticationRequirementPolicy>;

const isoInstant = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');

export const SignIn = z.looseObject({
  // v1.0
  id: z.string().min(1),
  createdDateTime: isoInstant,
  userId: z.string(),
  userDisplayName: str,
  userPrincipalName: str,
  appId: str,
  appDisplayName: str,
  ipAddress: str,
  clientAppUsed: str,
  correlationId: str,
  conditionalAccessStatus: evolvableEnum(CONDITIONAL_ACCESS_STATUS).nullish(),
  isInteractive: z.boolean().nullish(),
  resourceDisplayName: str,
  resourceId: str,
  resourceTenantId: str,
  homeTenantId: str,
  riskDetail: str,
  riskEventTypes: strList,
  riskEventTypes_v2: strList,
  riskLevelAggregated: evolvableEnum(RISK_LEVELS).nullish(),
  riskLevelDuringSignIn: evolvableEnum(RISK_LEVELS).nullish(),
  riskState: evolvableEnum(RISK_STATES).nullish(),
  servicePrincipalId: str,
  servicePrincipalName: str,
  status: SignInStatus,
  userAgent: str,
  deviceDetail: DeviceDetail.nullish(),
  location: SignInLocation.nullish(),
  appliedConditionalAccessPolicies: z.array(AppliedConditionalAccessPolicy).nullish(),
  // beta only
  authenticationDetails: z.array(AuthenticationDetail).nullish(),
  authenticationRequirement: str,
  authenticationRequirementPolicies: z.array(AuthenticationRequirementPolicy).nullish(),
  authenticationMethodsUsed: strList,
  authenticationProtocol: str,
  signInEventTypes: z.array(evolvableEnum(SIGN_IN_EVENT_TYPES)).nullish(),
  userType: evolvableEnum(SIGN_IN_USER_TYPES).nullish(),
  crossTenantAccessType: evolvableEnum(CROSS_TENANT_ACCESS_TYPES).nullish(),
  incomingTokenType: str,
  tokenIssuerType: str,
  tokenIssuerName: str,
  originalRequestId: str,
  uniqueTokenIdentifier: str,
  homeTenantName: str,
  signInIdentifier: str,
  flaggedForReview: z.boolean().nullish(),
  isTenantRestricted: z.boolean().nullish(),
  autonomousSystemNumber: z.number().nullish(),
  processingTimeInMilliseconds: z.number().nullish(),
  networkLocationDetails: z.array(z.looseObject({ networkType: str, networkNames: strList })).nullish(),
  authenticationProcessingDetails: z.array(z.looseObject({ key: str, value: str })).nullish(),
  sessionLifetimePolicies: z.array(z.looseObject({ expirationRequirement: str, detail: str })).nullish(),
  mfaDetail: z.looseObject({ authMethod: str, authDetail: str }).nullish(),
});
export type SignIn = z.infer<typeof SignIn>;

/** Which Graph version a record looks like: beta-only properties present or not. */
export function looksLikeBeta(s: SignIn): boolean {
  return (
    s.authenticationDetails != null || s.authenticationRequirement != null || s.signInEventTypes != null || s.userType != null || s.originalRequestId != null
  );
}

export function isSuccess(s: Pick<SignIn, 'status'>): boolean {
  return s.status.errorCode === 0;
}

/** "Seattle, US": the city and country the log gives, '' when it gives neither. */
export function placeOf(e: Pick<SignIn, 'location'> | undefined): string {
  return [e?.location?.city, e?.location?.countryOrRegion].filter(Boolean).join(', ');
}
