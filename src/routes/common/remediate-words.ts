import { REMEDIATIONS } from '../../diagnosis/remediations.ts';
import type { ApprovalView } from '../../cards/remediate-cards.ts';
import type { TapValue } from '../../remediate/actions.ts';
import type { RemediationRecord } from '../../remediate/records.ts';
import type { Locale } from '../../i18n/locales.ts';
import { t, type MessageKey } from '../../i18n/translate.ts';

/** The sentences of remediation answers, shared by the press and the approval. */

/** The pass, for the presser's eyes only: this line is in the invoke response and nowhere else. */
export const tapLine = (name: string, t: TapValue): string =>
  `Temporary Access Pass for ${name}: ${t.value}${t.lifetimeInMinutes ? ` (valid ${t.lifetimeInMinutes} minutes${t.startDateTime ? ` from ${t.startDateTime}` : ''})` : ''}. Shown once, to you only: give it to them directly.`;

/** The approval card's words, for a record in any state; never a pass's value. */
export function approvalView(r: RemediationRecord, pending: boolean, more: string[] = [], locale: Locale = 'en'): ApprovalView {
  const spec = REMEDIATIONS[r.remediation];
  // English says what a run would do in its own words; another language names the action as its button does (remediation.<id>.button).
  const button = locale === 'en' ? spec.button(r.targetName) : t(locale, `remediation.${r.remediation}.button` as MessageKey, { name: r.targetName });
  const what = locale !== 'en' ? button : spec.kind === 'graph' ? spec.would(r.targetName) : spec.button(r.targetName);
  const state = t(locale, `remediation.approval.state.${r.state}`);
  return {
    approval: r.key,
    title: pending ? t(locale, 'remediation.approval.needed', { action: button }) : t(locale, 'remediation.approval.stateTitle', { action: button, state }),
    lines: [t(locale, 'remediation.approval.asked', { by: r.requestedBy, action: what }), ...more],
    facts: [
      { title: t(locale, 'remediation.approval.fact.attempt'), value: r.correlationId },
      { title: t(locale, 'remediation.approval.fact.askedBy'), value: r.requestedBy },
      ...(r.approvedBy
        ? [{ title: t(locale, r.state === 'declined' ? 'remediation.approval.fact.declinedBy' : 'remediation.approval.fact.approvedBy'), value: r.approvedBy }]
        : []),
      ...(r.requestId ? [{ title: t(locale, 'remediation.approval.fact.requestId'), value: r.requestId }] : []),
    ],
    pending,
    tone: pending ? 'Warning' : r.state === 'done' || r.state === 'already' ? 'Good' : 'Attention',
  };
}

export function blockedSentence(rec: RemediationRecord | undefined): string {
  if (!rec) return 'That button is already being answered: nothing more was sent.';
  const when = `${rec.at.slice(0, 16).replace('T', ' ')} UTC`;
  if (rec.state === 'pending') return `Already waiting for approval: ${rec.requestedBy} asked at ${when}. Nothing more was sent.`;
  if (rec.state === 'running') return `Already running, pressed by ${rec.approvedBy ?? rec.requestedBy} at ${when}: nothing more was sent.`;
  return `Already answered at ${when} (${rec.approvedBy ? `asked by ${rec.requestedBy}, approved by ${rec.approvedBy}` : `by ${rec.requestedBy}`}): ${rec.sentence ?? rec.state}. Nothing more was sent.`;
}

/** A remediation's record as a line on the diagnosis card it was pressed on: what, in which state, asked (and approved) by whom, when. */
export function doneSentence(rec: RemediationRecord): string {
  const what = REMEDIATIONS[rec.remediation].button(rec.targetName);
  const when = `${rec.at.slice(0, 16).replace('T', ' ')} UTC`;
  const who = rec.approvedBy
    ? `asked by ${rec.requestedBy}, ${rec.state === 'declined' ? 'declined' : 'approved'} by ${rec.approvedBy}`
    : `by ${rec.requestedBy}`;
  if (rec.state === 'pending') return `${what}: waiting for a second person's approval (asked by ${rec.requestedBy} at ${when}).`;
  if (rec.state === 'running') return `${what}: running (${who}, ${when}).`;
  return `${what}: ${rec.sentence ?? rec.state} (${who}, ${when}).`;
}
