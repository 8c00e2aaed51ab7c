import type { AppliedConditionalAccessPolicy, SignIn } from '../../signins/signin.ts';
import { conditionNames } from '../../signins/enums.ts';
import type { ConditionalAccessPolicy } from '../../signins/directory.ts';
import { lookupCode, type CodeInsight } from '../catalog.ts';
import { failedPolicies, grantOf } from '../policies.ts';

/** What the scenario tests read about an attempt, worked out once from its events. */
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
  definitions: ReadonlyMap<string, ConditionalAccessPolicy>;
}

export function collectFacts(events: SignIn[], decisive: SignIn, definitions: ReadonlyMap<string, ConditionalAccessPolicy>): Facts {
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

/** The codes and requirement providers more than one scenario tells apart. */
export const CA_FAILURE_CODES = new Set([53003, 53000, 53001, 53002, 53009, 530032]);
export const CA_PROVIDERS = new Set([
  'multiConditionalAccess',
  'v1ConditionalAccess',
  'v1ConditionalAccessDependency',
  'v1ConditionalAccessPolicyIdRequested',
  'authenticationStrengths',
]);
export const SECURITY_DEFAULTS = new Set(['securityDefaults', 'mfaRegistrationRequiredBySecurityDefaults']);
export const MFA_PROMPT_CODES = new Set([50074, 50076, 50158]);

/**
 * The attempt was refused by CA: a CA failure code, or an enforced policy that failed on
 * something other than MFA (a policy failing only for MFA is a prompt, not a refusal).
 */
export function caRefusal(f: Facts): boolean {
  return CA_FAILURE_CODES.has(f.code) || (f.code !== 0 && !MFA_PROMPT_CODES.has(f.code) && f.failedGrants.some((g) => g !== 'mfa'));
}

/** A policy on sign-in or user risk: by its definition's conditions, else by what the log says it satisfied. */
export function isRiskPolicy(f: Facts, p: AppliedConditionalAccessPolicy): boolean {
  const def = f.definitions.get(p.id);
  if (def && ((def.conditions.signInRiskLevels?.length ?? 0) > 0 || (def.conditions.userRiskLevels?.length ?? 0) > 0)) return true;
  const sat = conditionNames(p.conditionsSatisfied);
  return sat.includes('signInRisk') || sat.includes('userRisk');
}

/** The first event with a failed multifactor step. */
export function mfaStepFailed(f: Facts): SignIn | undefined {
  return f.events.find((e) =>
    (e.authenticationDetails ?? []).some((s) => s.succeeded === false && /multi-?factor|mfa/i.test(`${s.authenticationStepRequirement ?? ''}`)),
  );
}
