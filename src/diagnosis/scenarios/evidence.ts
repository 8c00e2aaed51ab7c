import type { AppliedConditionalAccessPolicy, SignIn } from '../../signins/signin.ts';
import type { Citation } from '../diagnosis-parts.ts';
import type { Facts } from './facts.ts';

/** The evidence a scenario cites: which event, which field, what it said. */

export const cite = (e: SignIn, field: string, value: unknown): Citation => ({
  eventId: e.id,
  field,
  value: Array.isArray(value) ? value.join(', ') : String(value),
});

export function codeEvidence(f: Facts): Citation[] {
  return [cite(f.decisive, 'status.errorCode', f.code)];
}

/** The policy's result as the event that recorded it says it (the decisive event when none does). */
export function policyEvidence(f: Facts, p: AppliedConditionalAccessPolicy): Citation {
  const e = f.events.find((x) => x.appliedConditionalAccessPolicies?.some((q) => q.id === p.id && q.result === p.result)) ?? f.decisive;
  return cite(
    e,
    `appliedConditionalAccessPolicies[${p.displayName ?? p.id}].result`,
    `${p.result}${p.enforcedGrantControls?.length ? ` (${p.enforcedGrantControls.join(', ')})` : ''}`,
  );
}

/** What asked for MFA or registration, from the latest event that names a wanted provider. */
export function providerEvidence(f: Facts, wanted: (p: string) => boolean): Citation[] {
  for (let i = f.events.length - 1; i >= 0; i--) {
    const e = f.events[i]!;
    const hit = (e.authenticationRequirementPolicies ?? []).filter((r) => wanted(String(r.requirementProvider)));
    if (hit.length)
      return [
        cite(
          e,
          'authenticationRequirementPolicies.requirementProvider',
          hit.map((r) => `${r.requirementProvider}${r.detail ? ` (${r.detail})` : ''}`),
        ),
      ];
  }
  return [];
}
