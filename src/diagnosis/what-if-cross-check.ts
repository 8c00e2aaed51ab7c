import type { WhatIfApiResult, WhatIfRequest } from '../signins/source.ts';
import type { EvalContext } from './ca-evaluator.ts';
import type { WhatIfResult } from './what-if.ts';

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

/** One or two sentences for the card. */
export function crossCheckWords(c: CrossCheck): string {
  const says = (d: CrossCheckDifference) =>
    `"${d.displayName}" ${d.microsoft ? 'applies' : `does not apply${d.reasons.length ? ` (${d.reasons.join(', ')})` : ''}`}`;
  const parts: string[] = [];
  if (!c.differences.length && !c.settled.length) parts.push(`Microsoft’s What If API agrees on all ${c.compared} polic${c.compared === 1 ? 'y' : 'ies'}.`);
  else if (!c.differences.length) parts.push(`Microsoft’s What If API agrees on the ${c.agreed} policies judged here.`);
  if (c.differences.length)
    parts.push(
      `Microsoft’s What If API differs on ${c.differences.length} of ${c.compared}: it says ${c.differences.map(says).join('; ')}. Its answer is the authoritative one.`,
    );
  if (c.settled.length) parts.push(`Where this evaluation could not tell, Microsoft says ${c.settled.map(says).join('; ')}.`);
  if (c.missing.length) parts.push(`Not in Microsoft’s answer: ${c.missing.join(', ')}.`);
  return parts.join(' ');
}
