import type { ConditionalAccessPolicy, NamedLocation } from '../signins/directory.ts';
import { evaluatePolicy, type EvalContext } from './ca-evaluator.ts';
import { grantOf, grantWords, requirementWords } from './policies.ts';
import type { ConditionVerdict } from './types.ts';

/**
 * What Conditional Access would do with a sign-in that has not happened: every policy's
 * verdict and reasons, and the outcome. Enabled policies decide; report-only ones are shown
 * for what they would do; disabled ones never apply.
 */
export interface Satisfies {
  mfa?: boolean;
  compliantDevice?: boolean;
  domainJoinedDevice?: boolean;
  approvedApplication?: boolean;
  compliantApplication?: boolean;
}

export interface WhatIfPolicy {
  id: string;
  displayName: string;
  state: string;
  applies: boolean | undefined;
  grants: string[];
  operator: string | null;
  /** The grant controls of an applying policy that this sign-in would not meet. */
  unmet: string[];
  conditions: ConditionVerdict[];
}

export type WhatIfOutcome = 'blocked' | 'requires' | 'allowed' | 'unknown';

export interface WhatIfResult {
  outcome: WhatIfOutcome;
  /** One sentence: "Blocked by …", "Allowed once the user completes MFA", "Allowed: no policy applies". */
  summary: string;
  policies: WhatIfPolicy[];
}

function unmetGrants(grants: string[], operator: string | null, s: Satisfies): string[] {
  const controls = grants.filter((g) => g !== 'block');
  if (!controls.length) return [];
  const met = (g: string) => (s as Record<string, boolean | undefined>)[g] === true;
  if ((operator ?? 'OR').toUpperCase() === 'AND') return controls.filter((g) => !met(g));
  return controls.some(met) ? [] : controls;
}

export function whatIf(policies: ConditionalAccessPolicy[], ctx: EvalContext, satisfies: Satisfies, namedLocations?: NamedLocation[]): WhatIfResult {
  const results: WhatIfPolicy[] = policies.map((p) => {
    const e = evaluatePolicy(p, ctx, { namedLocations });
    const grants = (p.grantControls?.builtInControls ?? []).map(grantOf);
    const operator = p.grantControls?.operator ?? null;
    return { id: p.id, displayName: p.displayName, state: p.state, applies: p.state === 'disabled' ? false : e.applies, grants, operator, unmet: e.applies ? unmetGrants(grants, operator, satisfies) : [], conditions: e.conditions };
  });
  const enforced = results.filter((r) => r.state === 'enabled');
  const names = (l: WhatIfPolicy[]) => l.map((r) => `"${r.displayName}"`).join(', ');
  const blockers = enforced.filter((r) => r.applies && r.grants.includes('block'));
  const unknown = enforced.filter((r) => r.applies === undefined);
  const requiring = enforced.filter((r) => r.applies && r.unmet.length);
  let outcome: WhatIfOutcome;
  let summary: string;
  if (blockers.length) {
    outcome = 'blocked';
    summary = `Blocked by ${names(blockers)}.`;
  } else if (requiring.length) {
    outcome = 'requires';
    summary = `Allowed only with ${[...new Set(requiring.map((r) => requirementWords(r.unmet, r.operator)))].join(', and ')} (${names(requiring)}).`;
  } else if (unknown.length) {
    outcome = 'unknown';
    summary = `Cannot tell: ${names(unknown)} may apply, and the details given do not say.`;
  } else {
    outcome = 'allowed';
    const applying = enforced.filter((r) => r.applies);
    const reqs = [...new Set(applying.flatMap((r) => r.grants).map(grantWords))];
    summary = applying.length
      ? `Allowed: ${names(applying)} ${applying.length === 1 ? 'applies' : 'apply'}, and ${reqs.length === 1 ? `its requirement (${reqs[0]}) is` : `the requirements (${reqs.join(', ')}) are`} met.`
      : 'Allowed: no enabled policy applies.';
  }
  // Enforced first, then report-only, then the ones that do not apply.
  const rank = (r: WhatIfPolicy) => (r.state === 'disabled' ? 4 : r.applies === false ? 3 : r.state === 'enabled' ? 0 : 1);
  return { outcome, summary, policies: results.sort((a, b) => rank(a) - rank(b) || a.displayName.localeCompare(b.displayName)) };
}

/** The change of a what-if, as the conversation reads it (kept structural here: no import of conversation/). */
export interface ContextChange {
  platform?: EvalContext['platform'];
  device?: 'unmanaged' | 'compliant' | 'hybrid' | 'registered';
  network?: 'trusted' | 'untrusted';
  country?: string;
  client?: EvalContext['clientAppType'];
  mfa?: boolean;
  risk?: string;
}

const TRUST_TYPE = { compliant: 'Azure AD joined', hybrid: 'Hybrid Azure AD joined', registered: 'Azure AD registered', unmanaged: '' } as const;

/** The first usable address of a trusted IP location; for "untrusted", an address in none (TEST-NET-2). */
function addressFor(network: 'trusted' | 'untrusted', namedLocations: NamedLocation[] | undefined): string | undefined {
  if (network === 'untrusted') return '198.18.0.10';
  const range = namedLocations?.find((n) => n.isTrusted && n.ipRanges?.length)?.ipRanges?.[0]?.cidrAddress;
  if (!range) return undefined;
  const [net] = range.split('/');
  const parts = net!.split('.').map(Number);
  if (parts.length !== 4) return undefined;
  parts[3] = Math.min(254, parts[3]! + 10);
  return parts.join('.');
}

/** A sign-in context with one thing (or a few) changed, and the controls it would then satisfy. */
export function applyChange(base: EvalContext, baseSatisfies: Satisfies, change: ContextChange, namedLocations?: NamedLocation[]): { ctx: EvalContext; satisfies: Satisfies } {
  const ctx: EvalContext = { ...base, device: { ...(base.device ?? {}) } };
  const satisfies: Satisfies = { ...baseSatisfies };
  if (change.platform) {
    ctx.platform = change.platform;
    ctx.device!.operatingSystem = change.platform === 'iOS' ? 'iOS' : change.platform === 'android' ? 'Android' : change.platform === 'macOS' ? 'MacOs' : change.platform === 'linux' ? 'Linux' : 'Windows';
  }
  if (change.device) {
    const compliant = change.device === 'compliant' || change.device === 'hybrid';
    ctx.device = { ...ctx.device, isCompliant: compliant, trustType: TRUST_TYPE[change.device], deviceId: change.device === 'unmanaged' ? '' : (ctx.device?.deviceId || 'what-if-device') };
    satisfies.compliantDevice = compliant;
    satisfies.domainJoinedDevice = change.device === 'hybrid';
  }
  if (change.network) {
    const ip = addressFor(change.network, namedLocations);
    if (ip) ctx.ip = ip;
    else if (change.network === 'untrusted') ctx.ip = '198.18.0.10';
  }
  if (change.country) ctx.country = change.country;
  if (change.client) ctx.clientAppType = change.client;
  if (change.mfa !== undefined) satisfies.mfa = change.mfa;
  if (change.risk) ctx.signInRisk = change.risk;
  return { ctx, satisfies };
}

/** The fix a diagnosis card offers to preview, from what failed; none when no single change would help. */
export function fixToPreview(scenario: string, failedGrants: string[]): string | undefined {
  if (scenario === 'ca-grant-failed') return failedGrants.includes('domainJoinedDevice') && !failedGrants.includes('compliantDevice') ? 'on a hybrid joined device' : 'on a compliant device';
  if (scenario === 'ca-mfa' || scenario === 'mfa-not-completed') return 'with MFA';
  if (scenario === 'ca-blocked') return 'from the office network';
  if (scenario === 'legacy-auth') return 'in a browser';
  if (scenario === 'risk-blocked') return 'with no risk';
  return undefined;
}
