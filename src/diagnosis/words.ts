/**
 * Plain words for the raw values the log and the catalog carry: what asked for MFA, the
 * client type, and a title for a code from its meaning rather than its internal name.
 */

const PROVIDERS: Record<string, string> = {
  user: 'per-user MFA on the account',
  request: 'the app itself (it asked for MFA in its sign-in request)',
  servicePrincipal: "the app's own settings",
  v1ConditionalAccess: 'Conditional Access',
  multiConditionalAccess: 'Conditional Access',
  v1ConditionalAccessDependency: 'Conditional Access on a service the app depends on',
  v1ConditionalAccessPolicyIdRequested: 'Conditional Access (a policy the app asked for)',
  authenticationStrengths: 'a Conditional Access authentication strength',
  securityDefaults: 'security defaults',
  tenantSessionRiskPolicy: 'the Identity Protection sign-in risk policy',
  riskBasedPolicy: 'an Identity Protection risk policy',
  accountCompromisePolicies: 'an Identity Protection account-compromise policy',
  proofUpCodeRequest: 'a request to register security information',
  scopeBasedAuthRequirementPolicy: 'a requirement of the permissions the app asked for',
  gpsLocationCondition: 'a GPS location condition',
  mfaRegistrationRequiredByIdentityProtectionPolicy: 'the Identity Protection MFA registration policy',
  mfaRegistrationRequiredBySecurityDefaults: 'security defaults (MFA registration)',
  mfaRegistrationRequiredByMultiConditionalAccess: 'Conditional Access (MFA registration)',
  baselineProtection: 'baseline protection',
};

export function providerWords(providers: string[]): string {
  return [...new Set(providers.map((p) => PROVIDERS[p] ?? p.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()))].join(' and ');
}

const CLIENTS: Record<string, string> = {
  browser: 'a browser',
  mobileAppsAndDesktopClients: 'a mobile app or desktop client',
  exchangeActiveSync: 'Exchange ActiveSync',
  other: 'a legacy client (IMAP, POP, SMTP and the like)',
};

export const clientWords = (c: string | undefined) => (c ? (CLIENTS[c] ?? c) : 'unknown');

/** A short title from a catalog meaning: its first clause, without the trailing period. */
export function titleFromMeaning(meaning: string): string {
  const first = meaning.split(/(?<=\.)\s|;\s/)[0]!.replace(/\.$/, '');
  return first.length > 70 ? `${first.slice(0, 67).replace(/\s+\S*$/, '')}…` : first;
}

const RISKS: Record<string, string> = {
  unfamiliarFeatures: 'unfamiliar sign-in properties',
  passwordSpray: 'password spray',
  anonymizedIPAddress: 'anonymous IP address (such as Tor)',
  maliciousIPAddress: 'malicious IP address',
  leakedCredentials: 'leaked credentials',
  unlikelyTravel: 'atypical travel',
  impossibleTravel: 'impossible travel',
  suspiciousIPAddress: 'suspicious IP address',
  newCountry: 'a new country',
  mcasImpossibleTravel: 'impossible travel',
  investigationsThreatIntelligence: 'Microsoft threat intelligence',
  adminConfirmedUserCompromised: 'an admin confirmed the user compromised',
};

export function riskWords(events: readonly string[] | null | undefined): string {
  return (events ?? []).map((e) => RISKS[e] ?? e.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase()).join(', ');
}
