/**
 * Plain words for the raw values the log and the catalog carry: grant controls, what asked
 * for MFA, risk detections, the client type, and a title for a code from its meaning rather
 * than its internal name. The one vocabulary for them: policies, scenarios and cards all take
 * these words, so a control or a provider reads the same everywhere and in every language.
 */
import { msg, type MessageValue } from '../i18n/message.ts';
import type { MessageKey } from '../i18n/translate.ts';

/**
 * A table's entry for a raw value from the log or Graph, or undefined: only the table's own
 * keys, so a value such as "constructor" or "toString" is not looked up on Object.prototype
 * (it would come out as a function's source). Every table below is read through this.
 */
const own = <V>(table: Readonly<Record<string, V>>, value: string): V | undefined => (Object.hasOwn(table, value) ? table[value] : undefined);

const CLIENTS: Record<string, string> = {
  browser: 'a browser',
  mobileAppsAndDesktopClients: 'a mobile app or desktop client',
  exchangeActiveSync: 'Exchange ActiveSync',
  other: 'a legacy client (IMAP, POP, SMTP and the like)',
};

export const clientWords = (c: string | undefined) => (c ? (own(CLIENTS, c) ?? c) : 'unknown');

/** A short title from a catalog meaning: its first clause, without the trailing period. */
export function titleFromMeaning(meaning: string): string {
  const first = meaning.split(/(?<=\.)\s|;\s/)[0]!.replace(/\.$/, '');
  return first.length > 70 ? `${first.slice(0, 67).replace(/\s+\S*$/, '')}…` : first;
}

/*
 * Words as messages (src/i18n/message.ts), for a card to render in the reader's language;
 * clientMsg's English renders exactly clientWords' strings. Built per call, never rendered here:
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
  const key = own(CLIENT_KEYS, c);
  return key ? msg(key) : c;
};

/*
 * Grant controls. requirementWords is the English string for the places that still keep one (the
 * policy scope line, the report's report-only rows, what-if's de-duplication key); grantMsg and
 * requirementMsg render the same English and are what a card shows in the reader's language.
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
const grantWords = (g: string) => own(GRANT_WORDS, g) ?? g;

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
  const key = own(GRANT_KEYS, g);
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

// Lower-case words for a camelCase value no table knows ("someNewProvider" → "some new provider").
const spaced = (s: string) => s.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();

// What asked for MFA: providers named alike share a phrase (both CA providers are "Conditional Access").
const PROVIDERS = {
  user: 'engine.phrase.provider.user',
  request: 'engine.phrase.provider.request',
  servicePrincipal: 'engine.phrase.provider.servicePrincipal',
  v1ConditionalAccess: 'engine.phrase.provider.conditionalAccess',
  multiConditionalAccess: 'engine.phrase.provider.conditionalAccess',
  v1ConditionalAccessDependency: 'engine.phrase.provider.conditionalAccessDependency',
  v1ConditionalAccessPolicyIdRequested: 'engine.phrase.provider.conditionalAccessRequested',
  authenticationStrengths: 'engine.phrase.provider.authenticationStrengths',
  securityDefaults: 'engine.phrase.provider.securityDefaults',
  tenantSessionRiskPolicy: 'engine.phrase.provider.tenantSessionRiskPolicy',
  riskBasedPolicy: 'engine.phrase.provider.riskBasedPolicy',
  accountCompromisePolicies: 'engine.phrase.provider.accountCompromisePolicies',
  proofUpCodeRequest: 'engine.phrase.provider.proofUpCodeRequest',
  scopeBasedAuthRequirementPolicy: 'engine.phrase.provider.scopeBasedAuthRequirementPolicy',
  gpsLocationCondition: 'engine.phrase.provider.gpsLocationCondition',
  mfaRegistrationRequiredByIdentityProtectionPolicy: 'engine.phrase.provider.mfaRegistrationRequiredByIdentityProtectionPolicy',
  mfaRegistrationRequiredBySecurityDefaults: 'engine.phrase.provider.mfaRegistrationRequiredBySecurityDefaults',
  mfaRegistrationRequiredByMultiConditionalAccess: 'engine.phrase.provider.mfaRegistrationRequiredByMultiConditionalAccess',
  baselineProtection: 'engine.phrase.provider.baselineProtection',
} as const satisfies Record<string, MessageKey>;
/** What asked for MFA ("per-user MFA on the account and Conditional Access"), each provider a phrase; '' when none. */
export function providersOf(providers: readonly string[]): MessageValue {
  const seen = new Set<string>();
  const items: MessageValue[] = [];
  for (const p of providers) {
    const key = own<MessageKey>(PROVIDERS, p);
    const id = key ?? spaced(p);
    if (seen.has(id)) continue;
    seen.add(id);
    items.push(key ? msg(key) : id);
  }
  return chain('engine.phrase.and', items);
}

const RISKS = {
  unfamiliarFeatures: 'engine.phrase.risk.unfamiliarFeatures',
  passwordSpray: 'engine.phrase.risk.passwordSpray',
  anonymizedIPAddress: 'engine.phrase.risk.anonymizedIPAddress',
  maliciousIPAddress: 'engine.phrase.risk.maliciousIPAddress',
  leakedCredentials: 'engine.phrase.risk.leakedCredentials',
  unlikelyTravel: 'engine.phrase.risk.unlikelyTravel',
  impossibleTravel: 'engine.phrase.risk.impossibleTravel',
  suspiciousIPAddress: 'engine.phrase.risk.suspiciousIPAddress',
  newCountry: 'engine.phrase.risk.newCountry',
  mcasImpossibleTravel: 'engine.phrase.risk.impossibleTravel',
  investigationsThreatIntelligence: 'engine.phrase.risk.investigationsThreatIntelligence',
  adminConfirmedUserCompromised: 'engine.phrase.risk.adminConfirmedUserCompromised',
} as const satisfies Record<string, MessageKey>;
/** The risk detections ("password spray, atypical travel"), joined with ", "; '' when none. */
export const risksOf = (events: readonly string[]): MessageValue =>
  chain(
    'engine.phrase.comma',
    events.map((e) => {
      const key = own<MessageKey>(RISKS, e);
      return key ? msg(key) : spaced(e);
    }),
  );
