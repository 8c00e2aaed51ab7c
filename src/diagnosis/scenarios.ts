import type { AppliedConditionalAccessPolicy, SignIn } from '../signins/signin.ts';
import { conditionNames } from '../signins/enums.ts';
import type { ConditionalAccessPolicy } from '../signins/directory.ts';
import { lookupCode, type CodeInsight } from './catalog.ts';
import { titleFromMeaning } from './words.ts';
import { isLegacyClient } from './ca-evaluator.ts';
import { failedPolicies, grantOf, isExternal } from './policies.ts';
import type { Citation, FailureScenario, ScenarioId } from './types.ts';

/**
 * One rule per scenario of spec/scenarios.md, in precedence order: the first rule that
 * holds names the attempt. A rule returns the evidence it rests on, or null.
 */

export interface Facts {
  events: SignIn[];
  decisive: SignIn;
  code: number;
  insight?: CodeInsight;
  failed: AppliedConditionalAccessPolicy[];
  failedGrants: string[];
  /** requirementProvider values across the attempt (beta only). */
  providers: string[];
  /** Whether any event carried the appliedConditionalAccessPolicies property at all. */
  caDetails: boolean;
  definitions: Map<string, ConditionalAccessPolicy>;
}

export interface RuleMatch {
  evidence: Citation[];
}

export interface ScenarioRule {
  id: FailureScenario;
  title: string;
  test: (f: Facts) => RuleMatch | null;
}

export const cite = (e: SignIn, field: string, value: unknown): Citation => ({ eventId: e.id, field, value: Array.isArray(value) ? value.join(', ') : String(value) });

const CA_FAILURE_CODES = new Set([53003, 53000, 53001, 53002, 53009, 530032]);
const CA_PROVIDERS = new Set(['multiConditionalAccess', 'v1ConditionalAccess', 'v1ConditionalAccessDependency', 'v1ConditionalAccessPolicyIdRequested', 'authenticationStrengths']);
const SECURITY_DEFAULTS = new Set(['securityDefaults', 'mfaRegistrationRequiredBySecurityDefaults']);
const MFA_PROMPT_CODES = new Set([50074, 50076, 50158]);

export function collectFacts(events: SignIn[], decisive: SignIn, definitions: Map<string, ConditionalAccessPolicy>): Facts {
  const failed = failedPolicies(events);
  return {
    events,
    decisive,
    code: decisive.status.errorCode,
    insight: lookupCode(decisive.status.errorCode),
    failed,
    failedGrants: [...new Set(failed.flatMap((p) => (p.enforcedGrantControls ?? []).map(grantOf)))],
    providers: [...new Set(events.flatMap((e) => (e.authenticationRequirementPolicies ?? []).map((r) => String(r.requirementProvider))))],
    caDetails: events.some((e) => e.appliedConditionalAccessPolicies != null),
    definitions,
  };
}

function codeEvidence(f: Facts): Citation[] {
  return [cite(f.decisive, 'status.errorCode', f.code)];
}

function policyEvidence(f: Facts, p: AppliedConditionalAccessPolicy): Citation {
  const e = f.events.find((x) => x.appliedConditionalAccessPolicies?.some((q) => q.id === p.id && q.result === p.result)) ?? f.decisive;
  return cite(e, `appliedConditionalAccessPolicies[${p.displayName ?? p.id}].result`, `${p.result}${p.enforcedGrantControls?.length ? ` (${p.enforcedGrantControls.join(', ')})` : ''}`);
}

function providerEvidence(f: Facts, wanted: (p: string) => boolean): Citation[] {
  for (let i = f.events.length - 1; i >= 0; i--) {
    const e = f.events[i]!;
    const hit = (e.authenticationRequirementPolicies ?? []).filter((r) => wanted(String(r.requirementProvider)));
    if (hit.length) return [cite(e, 'authenticationRequirementPolicies.requirementProvider', hit.map((r) => `${r.requirementProvider}${r.detail ? ` (${r.detail})` : ''}`))];
  }
  return [];
}

/**
 * The attempt was refused by CA: a CA failure code, or an enforced policy that failed on
 * something other than MFA (a policy failing only for MFA is a prompt, not a refusal).
 */
function caRefusal(f: Facts): boolean {
  return CA_FAILURE_CODES.has(f.code) || (f.code !== 0 && !MFA_PROMPT_CODES.has(f.code) && f.failedGrants.some((g) => g !== 'mfa'));
}

export function isRiskPolicy(f: Facts, p: AppliedConditionalAccessPolicy): boolean {
  const def = f.definitions.get(p.id);
  if (def && ((def.conditions.signInRiskLevels?.length ?? 0) > 0 || (def.conditions.userRiskLevels?.length ?? 0) > 0)) return true;
  const sat = conditionNames(p.conditionsSatisfied);
  return sat.includes('signInRisk') || sat.includes('userRisk');
}

function mfaStepFailed(f: Facts): SignIn | undefined {
  return f.events.find((e) => (e.authenticationDetails ?? []).some((s) => s.succeeded === false && /multi-?factor|mfa/i.test(`${s.authenticationStepRequirement ?? ''}`)));
}

export const RULES: ScenarioRule[] = [
  {
    id: 'legacy-auth',
    title: 'Legacy authentication blocked',
    test: (f) =>
      isLegacyClient(f.decisive.clientAppUsed) && (caRefusal(f) || f.code === 530035)
        ? { evidence: [cite(f.decisive, 'clientAppUsed', f.decisive.clientAppUsed), ...codeEvidence(f), ...f.failed.slice(0, 2).map((p) => policyEvidence(f, p))] }
        : null,
  },
  {
    id: 'b2b-blocked',
    title: 'Guest access blocked',
    test: (f) => {
      if (!isExternal(f.decisive) || !(caRefusal(f) || f.code === 500212 || f.code === 500213)) return null;
      const d = f.decisive;
      const who = d.userType ? cite(d, 'userType', d.userType) : cite(d, 'homeTenantId', `${d.homeTenantId} (resource tenant ${d.resourceTenantId})`);
      return { evidence: [who, ...(d.crossTenantAccessType ? [cite(d, 'crossTenantAccessType', d.crossTenantAccessType)] : []), ...codeEvidence(f), ...f.failed.slice(0, 2).map((p) => policyEvidence(f, p))] };
    },
  },
  {
    id: 'risk-blocked',
    title: 'Blocked because the sign-in was risky',
    test: (f) => {
      if (f.code === 53011 || f.code === 530034) return { evidence: [...codeEvidence(f), cite(f.decisive, 'riskLevelDuringSignIn', f.decisive.riskLevelDuringSignIn ?? 'not recorded')] };
      const risky = f.failed.filter((p) => isRiskPolicy(f, p));
      if (!caRefusal(f) || !risky.length) return null;
      return { evidence: [...codeEvidence(f), ...risky.map((p) => policyEvidence(f, p)), cite(f.decisive, 'riskLevelDuringSignIn', f.decisive.riskLevelDuringSignIn ?? 'not recorded')] };
    },
  },
  {
    id: 'mfa-proofup-risky',
    title: 'MFA registration refused (risk or location)',
    test: (f) => (f.code === 53004 || f.code === 53010 ? { evidence: [...codeEvidence(f), ...(f.decisive.riskLevelDuringSignIn && f.decisive.riskLevelDuringSignIn !== 'none' ? [cite(f.decisive, 'riskLevelDuringSignIn', f.decisive.riskLevelDuringSignIn)] : [])] } : null),
  },
  {
    id: 'ca-blocked',
    title: 'Blocked by Conditional Access',
    test: (f) => {
      const blocks = f.failed.filter((p) => (p.enforcedGrantControls ?? []).map(grantOf).includes('block'));
      if (f.code === 53003 || f.code === 530032 || (f.code !== 0 && blocks.length)) return { evidence: [...codeEvidence(f), ...(blocks.length ? blocks : f.failed).slice(0, 3).map((p) => policyEvidence(f, p))] };
      return null;
    },
  },
  {
    id: 'ca-grant-failed',
    title: 'A Conditional Access requirement was not met',
    test: (f) => {
      const grantFailures = f.failed.filter((p) => (p.enforcedGrantControls ?? []).map(grantOf).some((g) => g !== 'block' && g !== 'mfa'));
      if ([53000, 53001, 53002, 53009].includes(f.code) || (f.code !== 0 && !MFA_PROMPT_CODES.has(f.code) && grantFailures.length)) {
        const d = f.decisive.deviceDetail;
        return { evidence: [...codeEvidence(f), ...grantFailures.slice(0, 3).map((p) => policyEvidence(f, p)), ...(d ? [cite(f.decisive, 'deviceDetail.isCompliant', d.isCompliant ?? 'empty')] : [])] };
      }
      return null;
    },
  },
  {
    id: 'security-defaults',
    title: 'Stopped by security defaults',
    test: (f) => {
      if (f.code === 530035) return { evidence: codeEvidence(f) };
      const ev = providerEvidence(f, (p) => SECURITY_DEFAULTS.has(p));
      return f.code !== 0 && ev.length ? { evidence: [...codeEvidence(f), ...ev] } : null;
    },
  },
  {
    id: 'mfa-proofup',
    title: 'Must register MFA methods first',
    test: (f) => {
      const ev = providerEvidence(f, (p) => p.startsWith('mfaRegistrationRequiredBy'));
      return f.code === 50079 || f.code === 50072 || (f.code !== 0 && ev.length) ? { evidence: [...codeEvidence(f), ...ev] } : null;
    },
  },
  {
    id: 'mfa-not-completed',
    title: 'MFA was not completed',
    test: (f) => {
      const e = mfaStepFailed(f);
      if (f.code !== 500121 && !(f.code !== 0 && e)) return null;
      const step = e?.authenticationDetails?.find((s) => s.succeeded === false && /multi-?factor|mfa/i.test(s.authenticationStepRequirement ?? ''));
      return { evidence: [...codeEvidence(f), ...(e && step ? [cite(e, 'authenticationDetails.authenticationStepResultDetail', step.authenticationStepResultDetail ?? 'failed')] : [])] };
    },
  },
  {
    id: 'ca-mfa',
    title: 'Stopped at MFA required by Conditional Access',
    test: (f) => {
      if (!MFA_PROMPT_CODES.has(f.code)) return null;
      const ev = providerEvidence(f, (p) => CA_PROVIDERS.has(p));
      if (ev.length) return { evidence: [...codeEvidence(f), ...ev] };
      const mfaPolicies = f.failed.filter((p) => (p.enforcedGrantControls ?? []).map(grantOf).includes('mfa'));
      return f.providers.length === 0 && mfaPolicies.length ? { evidence: [...codeEvidence(f), ...mfaPolicies.map((p) => policyEvidence(f, p))] } : null;
    },
  },
  {
    id: 'mfa-other',
    title: 'Stopped at MFA required outside Conditional Access',
    test: (f) => {
      if (!MFA_PROMPT_CODES.has(f.code)) return null;
      const ev = providerEvidence(f, (p) => !CA_PROVIDERS.has(p) && !SECURITY_DEFAULTS.has(p));
      if (ev.length) return { evidence: [...codeEvidence(f), ...ev] };
      // No requirement detail (v1.0), but the CA list is there and no policy asked for MFA.
      const caAskedMfa = f.events.some((e) => (e.appliedConditionalAccessPolicies ?? []).some((p) => (p.result === 'success' || p.result === 'failure') && (p.enforcedGrantControls ?? []).map(grantOf).includes('mfa')));
      return f.providers.length === 0 && f.caDetails && !caAskedMfa ? { evidence: [...codeEvidence(f), cite(f.decisive, 'appliedConditionalAccessPolicies', 'no applied policy requires MFA')] } : null;
    },
  },
  { id: 'account-locked', title: 'Account locked', test: (f) => (f.code === 50053 ? { evidence: [...codeEvidence(f), cite(f.decisive, 'status.failureReason', f.decisive.status.failureReason ?? '')] } : null) },
  { id: 'invalid-credentials', title: 'Wrong user name or password', test: (f) => ([50126, 50056, 50034].includes(f.code) ? { evidence: codeEvidence(f) } : null) },
  { id: 'pta', title: 'Pass-through authentication failed', test: (f) => (f.insight?.category === 'pta' || (f.code >= 80001 && f.code <= 80014) ? { evidence: codeEvidence(f) } : null) },
  { id: 'seamless-sso', title: 'Seamless single sign-on failed', test: (f) => (f.insight?.category === 'seamless-sso' || (f.code >= 81001 && f.code <= 81016) ? { evidence: codeEvidence(f) } : null) },
  {
    id: 'app-config',
    title: 'The application is not set up for this user in Entra',
    test: (f) => (f.insight && (f.insight.category === 'app-config' || f.insight.category === 'consent') ? { evidence: [...codeEvidence(f), cite(f.decisive, 'appDisplayName', f.decisive.appDisplayName ?? f.decisive.appId ?? '')] } : null),
  },
  { id: 'app-sp', title: 'The application sent a request Entra cannot accept', test: (f) => (f.insight?.category === 'app-sp' ? { evidence: [...codeEvidence(f), cite(f.decisive, 'appDisplayName', f.decisive.appDisplayName ?? f.decisive.appId ?? '')] } : null) },
  { id: 'error-code-insight', title: 'Sign-in failed', test: (f) => (f.insight ? { evidence: codeEvidence(f) } : null) },
  { id: 'unknown-error', title: 'Failed with an error code we do not know', test: (f) => ({ evidence: [...codeEvidence(f), cite(f.decisive, 'status.failureReason', f.decisive.status.failureReason ?? '')] }) },
];

export interface ScenarioDecision {
  scenario: ScenarioId;
  title: string;
  evidence: Citation[];
}

export function decideScenario(f: Facts): ScenarioDecision {
  if (f.code === 0) return { scenario: 'success', title: 'Signed in successfully', evidence: [cite(f.decisive, 'status.errorCode', 0)] };
  for (const rule of RULES) {
    const m = rule.test(f);
    if (m) return { scenario: rule.id, title: rule.id === 'error-code-insight' && f.insight ? `Sign-in failed: ${titleFromMeaning(f.insight.meaning).replace(/^./, (c) => c.toLowerCase())}` : rule.title, evidence: m.evidence };
  }
  throw new Error('unreachable: unknown-error always matches');
}
