import { z } from 'zod';
import { RISK_LEVELS, evolvableEnum } from './enums.ts';

/** Directory objects the diagnosis reads: users, groups, CA policies, named locations, apps. */

const str = z.string().nullish();
const strList = z.array(z.string()).nullish();

export const User = z.looseObject({
  id: z.string().min(1),
  displayName: str,
  userPrincipalName: z.string().min(1),
  mail: str,
  givenName: str,
  surname: str,
  accountEnabled: z.boolean().nullish(),
  userType: str,
  lastPasswordChangeDateTime: str,
  onPremisesSyncEnabled: z.boolean().nullish(),
  /** Not a Graph property of users: directory role template ids, where the folder provides them. */
  assignedRoleTemplateIds: strList,
});
export type User = z.infer<typeof User>;

export const Group = z.looseObject({
  id: z.string().min(1),
  displayName: str,
  members: z.array(z.looseObject({ id: z.string(), '@odata.type': str })).nullish(),
});
export type Group = z.infer<typeof Group>;

const Filter = z.looseObject({ mode: z.enum(['include', 'exclude']).or(z.string()), rule: z.string() });

const GuestsOrExternalUsers = z.looseObject({
  guestOrExternalUserTypes: str,
  externalTenants: z.looseObject({ membershipKind: str, members: strList }).nullish(),
});

export const ConditionalAccessConditions = z.looseObject({
  users: z
    .looseObject({
      includeUsers: strList,
      excludeUsers: strList,
      includeGroups: strList,
      excludeGroups: strList,
      includeRoles: strList,
      excludeRoles: strList,
      includeGuestsOrExternalUsers: GuestsOrExternalUsers.nullish(),
      excludeGuestsOrExternalUsers: GuestsOrExternalUsers.nullish(),
    })
    .nullish(),
  applications: z
    .looseObject({
      includeApplications: strList,
      excludeApplications: strList,
      includeUserActions: strList,
      includeAuthenticationContextClassReferences: strList,
      applicationFilter: Filter.nullish(),
    })
    .nullish(),
  clientApplications: z.looseObject({}).nullish(),
  clientAppTypes: strList,
  platforms: z.looseObject({ includePlatforms: strList, excludePlatforms: strList }).nullish(),
  locations: z.looseObject({ includeLocations: strList, excludeLocations: strList }).nullish(),
  signInRiskLevels: z.array(evolvableEnum(RISK_LEVELS)).nullish(),
  userRiskLevels: z.array(evolvableEnum(RISK_LEVELS)).nullish(),
  devices: z.looseObject({ deviceFilter: Filter.nullish() }).nullish(),
});
export type ConditionalAccessConditions = z.infer<typeof ConditionalAccessConditions>;

export const ConditionalAccessPolicy = z.looseObject({
  id: z.string().min(1),
  displayName: z.string(),
  state: z.string(), // enabled | disabled | enabledForReportingButNotEnforced
  createdDateTime: str,
  modifiedDateTime: str,
  conditions: ConditionalAccessConditions,
  grantControls: z
    .looseObject({
      operator: str,
      builtInControls: strList,
      customAuthenticationFactors: strList,
      termsOfUse: strList,
      authenticationStrength: z.looseObject({ id: str, displayName: str }).nullish(),
    })
    .nullish(),
  sessionControls: z.looseObject({}).nullish(),
});
export type ConditionalAccessPolicy = z.infer<typeof ConditionalAccessPolicy>;

export const NamedLocation = z.looseObject({
  '@odata.type': str,
  id: z.string().min(1),
  displayName: z.string(),
  ipRanges: z.array(z.looseObject({ cidrAddress: z.string() })).nullish(),
  isTrusted: z.boolean().nullish(),
  countriesAndRegions: strList,
  includeUnknownCountriesAndRegions: z.boolean().nullish(),
});
export type NamedLocation = z.infer<typeof NamedLocation>;

export const ServicePrincipal = z.looseObject({
  id: str,
  appId: z.string().min(1),
  displayName: z.string(),
  servicePrincipalType: str,
  appOwnerOrganizationId: str,
});
export type ServicePrincipal = z.infer<typeof ServicePrincipal>;

export const UserRegistrationDetails = z.looseObject({
  id: z.string().min(1),
  userPrincipalName: str,
  userDisplayName: str,
  isMfaRegistered: z.boolean().nullish(),
  isMfaCapable: z.boolean().nullish(),
  isSsprRegistered: z.boolean().nullish(),
  isPasswordlessCapable: z.boolean().nullish(),
  methodsRegistered: strList,
  defaultMfaMethod: str,
  isAdmin: z.boolean().nullish(),
});
export type UserRegistrationDetails = z.infer<typeof UserRegistrationDetails>;

/** `GET /directoryRoles?$expand=members`: activated roles with their template id and members. */
export const DirectoryRole = z.looseObject({
  id: z.string().min(1),
  roleTemplateId: z.string().min(1),
  displayName: str,
  members: z.array(z.looseObject({ id: z.string(), '@odata.type': str })).nullish(),
});
export type DirectoryRole = z.infer<typeof DirectoryRole>;
