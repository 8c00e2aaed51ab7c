/**
 * Plain words for the raw values the log and the catalog carry: what asked for MFA, the
 * client type, and a title for a code from its meaning rather than its internal name.
 */
import { msg, type MessageValue } from '../i18n/message.ts';
import type { MessageKey } from '../i18n/translate.ts';

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

/*
 * The same words as messages (src/i18n/message.ts), for a card to render in the reader's
 * language. English renders exactly the strings above. Built per call, never rendered here:
 * a key and its values cost a few allocations, a rendering only when a card shows it.
 */

/** Items joined pairwise by `key` ("{a} or {b}"): "x or y or z" as the English join(' or ') gives, each language with its own connective. */
export function chain(key: MessageKey, items: readonly MessageValue[]): MessageValue {
  let out = items[items.length - 1] ?? '';
  for (let i = items.length - 2; i >= 0; i--) out = msg(key, { a: items[i]!, b: out });
  return out;
}

const CLIENT_KEYS: Record<string, MessageKey> = {
  browser: 'engine.condition.client.browser',
  mobileAppsAndDesktopClients: 'engine.condition.client.mobileAppsAndDesktopClients',
  exchangeActiveSync: 'engine.condition.client.exchangeActiveSync',
  other: 'engine.condition.client.other',
};

/** clientWords as a message; a type we have no words for stays as the log wrote it. */
export const clientMsg = (c: string | undefined): MessageValue => {
  if (!c) return msg('engine.condition.client.unknown');
  const key = CLIENT_KEYS[c];
  return key ? msg(key) : c;
};

/*
 * Grant controls: the one vocabulary for them. Policies, the scenarios and the what-if card all say a
 * control with these words, so a control reads the same on every card and in every language.
 */

const GRANT_WORDS: Record<string, string> = {
  block: 'block access',
  mfa: 'multifactor authentication',
  compliantDevice: 'a compliant device',
  domainJoinedDevice: 'a hybrid joined device',
  approvedApplication: 'an approved client app',
  compliantApplication: 'an app protection policy',
  passwordChange: 'a password change',
  termsOfUse: 'accepting the terms of use',
  authenticationStrength: 'an authentication strength',
};
const grantWords = (g: string) => GRANT_WORDS[g] ?? g;

const GRANT_KEYS: Record<string, MessageKey> = {
  block: 'engine.policy.grant.block',
  mfa: 'engine.policy.grant.mfa',
  compliantDevice: 'engine.policy.grant.compliantDevice',
  domainJoinedDevice: 'engine.policy.grant.domainJoinedDevice',
  approvedApplication: 'engine.policy.grant.approvedApplication',
  compliantApplication: 'engine.policy.grant.compliantApplication',
  passwordChange: 'engine.policy.grant.passwordChange',
  termsOfUse: 'engine.policy.grant.termsOfUse',
  authenticationStrength: 'engine.policy.grant.authenticationStrength',
};
/** grantWords as a message; a control we have no words for stays as the log wrote it. */
export const grantMsg = (g: string): MessageValue => {
  const key = GRANT_KEYS[g];
  return key ? msg(key) : g;
};

/** "a compliant device or a hybrid joined device": joined by the policy's operator when it is known. */
export function requirementWords(grants: readonly string[], operator?: string | null): string {
  const words = grants.filter((g) => g !== 'block').map(grantWords);
  const joiner = operator?.toUpperCase() === 'OR' ? ' or ' : operator?.toUpperCase() === 'AND' ? ' and ' : ' / ';
  return words.join(joiner);
}

/** requirementWords as a message; undefined where the English is empty (no control but Block). */
export function requirementMsg(grants: readonly string[], operator?: string | null): MessageValue | undefined {
  const words = grants.filter((g) => g !== 'block').map(grantMsg);
  if (!words.length) return undefined;
  const op = operator?.toUpperCase();
  return chain(op === 'OR' ? 'engine.policy.join.or' : op === 'AND' ? 'engine.policy.join.and' : 'engine.policy.join.slash', words);
}
