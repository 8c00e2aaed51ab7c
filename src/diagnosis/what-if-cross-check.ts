import type { WhatIfApiResult, WhatIfRequest } from '../signins/source.ts';
import type { EvalContext } from './ca-evaluator.ts';
import type { WhatIfResult } from './what-if.ts';
import { chain } from './words.ts';
import { msg, render, type Message, type MessageValue } from '../i18n/message.ts';
import type { MessageKey } from '../i18n/translate.ts';

/**
 * The local what-if beside Microsoft's What If API (Graph conditionalAccess/evaluate): the
 * request built from the same sign-in context (the recipe in ca-policy-schema.md §7), and
 * the policies on which the two answers differ.
 */
const RISK = new Set(['none', 'low', 'medium', 'high', 'hidden']);

export function toWhatIfRequest(e: EvalContext): WhatIfRequest {
  const d = e.device;
  const deviceInfo =
    d && (d.isCompliant != null || d.operatingSystem || d.deviceId || d.displayName)
      ? {
          ...(d.isCompliant != null ? { isCompliant: d.isCompliant } : {}),
          ...(d.operatingSystem ? { operatingSystem: d.operatingSystem } : {}),
          ...(d.deviceId ? { deviceId: d.deviceId } : {}),
          ...(d.displayName ? { displayName: d.displayName } : {}),
          // trustType is left out: the API's values ("EntraID" in its example) are not the log's ("Azure AD joined").
        }
      : undefined;
  return {
    signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: e.userId },
    signInContext: { '@odata.type': '#microsoft.graph.applicationContext', includeApplications: e.appIds },
    signInConditions: {
      ...(e.platform ? { devicePlatform: e.platform } : {}),
      ...(e.clientAppType ? { clientAppType: e.clientAppType } : {}),
      ...(e.signInRisk && RISK.has(e.signInRisk) ? { signInRiskLevel: e.signInRisk } : {}),
      ...(e.userRisk && RISK.has(e.userRisk) ? { userRiskLevel: e.userRisk } : {}),
      ...(e.country ? { country: e.country.toUpperCase() } : {}),
      ...(e.ip ? { ipAddress: e.ip } : {}),
      ...(deviceInfo ? { deviceInfo } : {}),
    },
    appliedPoliciesOnly: false,
  };
}

const REASON_WORDS: Record<string, string> = {
  notEnoughInformation: 'not enough information',
  invalidCondition: 'an invalid condition',
  users: 'users',
  workloadIdentities: 'workload identities',
  application: 'apps',
  userActions: 'user actions',
  authenticationContext: 'authentication context',
  devicePlatform: 'device platform',
  devices: 'device filter',
  clientApps: 'client apps',
  location: 'location',
  signInRisk: 'sign-in risk',
  emptyPolicy: 'the policy is empty',
  invalidPolicy: 'the policy is invalid',
  policyNotEnabled: 'the policy is turned off',
  userRisk: 'user risk',
  time: 'time',
  insiderRisk: 'insider risk',
  authenticationFlow: 'authentication flow',
};

const REASON_KEYS: Record<string, MessageKey> = Object.fromEntries(
  Object.keys(REASON_WORDS).map((r) => [REASON_WORDS[r]!, `engine.whatIf.reason.${r}` as MessageKey]),
);
/** One of Microsoft's reasons, said in English as REASON_WORDS says it; one it has not documented stays as the API wrote it. */
const reasonMsg = (words: string): MessageValue => (REASON_KEYS[words] ? msg(REASON_KEYS[words]) : words);

export interface CrossCheckDifference {
  id: string;
  displayName: string;
  /** Our verdict: undefined when we could not tell. */
  local: boolean | undefined;
  microsoft: boolean;
  /** Microsoft's reasons for "does not apply", in words. */
  reasons: string[];
}

export interface CrossCheck {
  /** Policies both answers cover. */
  compared: number;
  agreed: number;
  /** We could not tell; Microsoft could. */
  settled: CrossCheckDifference[];
  /** We said one thing and Microsoft the other. */
  differences: CrossCheckDifference[];
  /** Policies Microsoft did not return (deleted since, or an entry it could not describe). */
  missing: string[];
}

export function crossCheck(local: WhatIfResult, microsoft: WhatIfApiResult[]): CrossCheck {
  const byId = new Map(microsoft.map((m) => [m.id, m]));
  const out: CrossCheck = { compared: 0, agreed: 0, settled: [], differences: [], missing: [] };
  for (const p of local.policies) {
    const m = byId.get(p.id);
    if (!m) {
      out.missing.push(p.displayName);
      continue;
    }
    out.compared++;
    const d: CrossCheckDifference = {
      id: p.id,
      displayName: p.displayName,
      local: p.applies,
      microsoft: m.policyApplies,
      reasons: m.analysisReasons.filter((r) => r !== 'notSet').map((r) => REASON_WORDS[r] ?? r),
    };
    if (p.applies === m.policyApplies) out.agreed++;
    else if (p.applies === undefined) out.settled.push(d);
    else out.differences.push(d);
  }
  return out;
}

/** One or two sentences for the card, in English. */
export function crossCheckWords(c: CrossCheck): string {
  return render('en', crossCheckMsg(c));
}

/** The same sentences as a message, for the reader's language. */
export function crossCheckMsg(c: CrossCheck): Message {
  const says = (d: CrossCheckDifference): Message =>
    d.microsoft
      ? msg('engine.whatIf.crossCheck.applies', { name: d.displayName })
      : d.reasons.length
        ? msg('engine.whatIf.crossCheck.notAppliesBecause', { name: d.displayName, reasons: chain('engine.policy.join.comma', d.reasons.map(reasonMsg)) })
        : msg('engine.whatIf.crossCheck.notApplies', { name: d.displayName });
  const all = (l: CrossCheckDifference[]) => chain('engine.whatIf.join.semicolon', l.map(says));
  const parts: Message[] = [];
  if (!c.differences.length && !c.settled.length) parts.push(msg('engine.whatIf.crossCheck.agreesAll', { count: c.compared }));
  else if (!c.differences.length) parts.push(msg('engine.whatIf.crossCheck.agreesJudged', { count: c.agreed }));
  if (c.differences.length)
    parts.push(msg('engine.whatIf.crossCheck.differs', { count: c.differences.length, compared: c.compared, says: all(c.differences) }));
  if (c.settled.length) parts.push(msg('engine.whatIf.crossCheck.settled', { says: all(c.settled) }));
  if (c.missing.length) parts.push(msg('engine.whatIf.crossCheck.missing', { names: chain('engine.policy.join.comma', c.missing) }));
  return chain('engine.whatIf.join.sentences', parts) as Message;
}
