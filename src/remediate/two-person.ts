import { isRemediationId, type RemediationId } from '../diagnosis/remediations.ts';

/**
 * The two-person rule (REMEDIATION_APPROVAL): which remediations a second, different person
 * must approve in the channel before they run. `id` always; `id:privileged` when the person it
 * acts on holds a directory role. Default: confirming a compromise always, revoking an
 * admin's sessions, a Temporary Access Pass for a privileged account.
 */
export type TwoPersonRule = ReadonlyMap<RemediationId, 'always' | 'privileged'>;

export const DEFAULT_APPROVAL = 'confirmCompromised,revokeSessions:privileged,issueTap:privileged';

export function parseTwoPerson(text: string): TwoPersonRule {
  const rule = new Map<RemediationId, 'always' | 'privileged'>();
  for (const part of text
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const [id, when, ...rest] = part.split(':');
    if (!isRemediationId(id) || rest.length || (when !== undefined && when !== 'privileged'))
      throw new Error(`"${part}" is not a remediation (or remediation:privileged); known: revokeSessions, issueTap, confirmCompromised, dismissRisk`);
    rule.set(id, when === 'privileged' ? 'privileged' : 'always');
  }
  return rule;
}

/** Whether this remediation on this person needs approval; `roles` are the directory roles they hold (undefined: unknown, so asked). */
export function needsApproval(rule: TwoPersonRule, id: RemediationId, roles: readonly string[] | undefined): boolean {
  const when = rule.get(id);
  if (!when) return false;
  return when === 'always' || roles === undefined || roles.length > 0;
}
