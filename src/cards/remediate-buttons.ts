import type { Diagnosis } from '../diagnosis/types.ts';
import { REMEDIATIONS } from '../diagnosis/remediations.ts';

/** The person a remediation acts on, by the name the card shows. */
export const personName = (u: Diagnosis['user']): string => u.displayName ?? u.userPrincipalName ?? u.id;

/**
 * One button per remediation the diagnosis offers: a Graph action is an Action.Execute
 * (`remediate`, run with the presser's own rights), a hand-off an Action.OpenUrl to the admin
 * center. The button names only the attempt and the remediation: whom it acts on is read
 * again from the attempt when it is pressed, never from the button.
 */
export function remediationButtons(d: Diagnosis): { id: string; line: string; title: string; correlationId: string; url: string }[] {
  if (!d.correlationId) return [];
  return (d.remediations ?? []).map((id) => {
    const spec = REMEDIATIONS[id];
    const line =
      spec.kind === 'handoff' ? `${spec.button(personName(d.user))}: in the admin center.` : `${spec.button(personName(d.user))}, with your own rights.`;
    return { id, line, title: spec.short, correlationId: d.correlationId, url: spec.kind === 'handoff' ? spec.url(d.user.id) : '' };
  });
}
