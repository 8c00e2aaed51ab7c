/** Pages of the Microsoft Entra admin center and the Azure portal the answers point to. */
const ENTRA = 'https://entra.microsoft.com/#view';

export const links = {
  signInLogs: () => `${ENTRA}/Microsoft_AAD_IAM/SignInEventsV3Blade`,
  policy: (id: string) => `${ENTRA}/Microsoft_AAD_ConditionalAccess/PolicyBlade/policyId/${encodeURIComponent(id)}`,
  policies: () => `${ENTRA}/Microsoft_AAD_ConditionalAccess/ConditionalAccessBlade/~/Policies`,
  namedLocations: () => `${ENTRA}/Microsoft_AAD_ConditionalAccess/ConditionalAccessBlade/~/NamedLocations`,
  user: (id: string) => `${ENTRA}/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/overview/userId/${encodeURIComponent(id)}`,
  userAuthMethods: (id: string) => `${ENTRA}/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/UserAuthMethods/userId/${encodeURIComponent(id)}`,
  enterpriseApp: (appId: string, objectId?: string) =>
    objectId
      ? `${ENTRA}/Microsoft_AAD_IAM/ManagedAppMenuBlade/~/Overview/objectId/${encodeURIComponent(objectId)}/appId/${encodeURIComponent(appId)}`
      : `${ENTRA}/Microsoft_AAD_IAM/StartboardApplicationsMenuBlade/~/AppAppsPreview`,
  riskySignIns: () => `${ENTRA}/Microsoft_AAD_IAM/SecurityMenuBlade/~/RiskySignIns`,
  tenantProperties: () => `${ENTRA}/Microsoft_AAD_IAM/ActiveDirectoryMenuBlade/~/Properties`,
  passThroughAgents: () => `${ENTRA}/Microsoft_AAD_IAM/PassThroughAuthenticationConnectorsBlade`,
  newSupportRequest: () => `${ENTRA}/Microsoft_Azure_Support/NewSupportRequestV3Blade/callerName/ActiveDirectory/issueType/technical`,
  mySecurityInfo: () => 'https://aka.ms/mysecurityinfo',
  selfServiceReset: () => 'https://aka.ms/sspr',
};
