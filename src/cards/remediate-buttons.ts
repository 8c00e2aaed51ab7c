import type { Diagnosis } from '../diagnosis/types.ts';
import { REMEDIATIONS, type RemediationId } from '../diagnosis/remediations.ts';
import type { Locale } from '../i18n/locales.ts';
import { t, type MessageKey } from '../i18n/translate.ts';

/** The person a remediation acts on, by the name the card shows. */
export const personName = (u: Diagnosis['user']): string => u.displayName ?? u.userPrincipalName ?? u.id;

/**
 * What a remediation does, to whom, in the asker's language: "Revoke Megan Bowen's sign-in sessions".
 * The English catalogue says exactly what the remediation's spec says (test/i18n/cards.test.ts).
 */
export const remediationWords = (id: RemediationId, name: string, locale: Locale): string => t(locale, `remediation.${id}.button` as MessageKey, { name });
/** Its button, short enough for a 320 px card ("Revoke sessions"): the line above it names the person. */
export const remediationShort = (id: RemediationId, locale: Locale): string => t(locale, `remediation.${id}.short` as MessageKey);

/**
 * One button per remediation the diagnosis offers: a Graph action is an Action.Execute
 * (`remediate`, run with the presser's own rights), a hand-off an Action.OpenUrl to the admin
 * center. The button names only the attempt and the remediation: whom it acts on is read
 * again from the attempt when it is pressed, never from the button.
 */
export function remediationButtons(d: Diagnosis, locale: Locale = 'en'): { id: string; line: string; title: string; correlationId: string; url: string }[] {
  if (!d.correlationId) return [];
  return (d.remediations ?? []).map((id) => {
    const spec = REMEDIATIONS[id];
    const action = remediationWords(id, personName(d.user), locale);
    const line = t(locale, spec.kind === 'handoff' ? 'remediation.line.handoff' : 'remediation.line.graph', { action });
    return { id, line, title: remediationShort(id, locale), correlationId: d.correlationId, url: spec.kind === 'handoff' ? spec.url(d.user.id) : '' };
  });
}
