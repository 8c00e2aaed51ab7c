import { REMEDIATIONS } from '../../diagnosis/remediations.ts';
import type { ApprovalView } from '../../cards/remediate-cards.ts';
import type { TapValue } from '../../remediate/actions.ts';
import type { RemediationRecord } from '../../remediate/records.ts';

/** The sentences of remediation answers, shared by the press and the approval. */

/** The pass, for the presser's eyes only: this line is in the invoke response and nowhere else. */
export const tapLine = (name: string, t: TapValue): string =>
  `Temporary Access Pass for ${name}: ${t.value}${t.lifetimeInMinutes ? ` (valid ${t.lifetimeInMinutes} minutes${t.startDateTime ? ` from ${t.startDateTime}` : ''})` : ''}. Shown once, to you only: give it to them directly.`;

/** The approval card's words, for a record in any state; never a pass's value. */
export function approvalView(r: RemediationRecord, pending: boolean, more: string[] = []): ApprovalView {
  const spec = REMEDIATIONS[r.remediation];
  const what = spec.kind === 'graph' ? spec.would(r.targetName) : spec.button(r.targetName);
  return {
    approval: r.key,
    title: pending ? `Approval needed: ${spec.button(r.targetName)}` : `${spec.button(r.targetName)}: ${r.state}`,
    lines: [
      `${r.requestedBy} asked to ${what}. A second person approves it; it then runs with the approver's own rights, and Entra checks their role.`,
      ...more,
    ],
    facts: [
      { title: 'Attempt', value: r.correlationId },
      { title: 'Asked by', value: r.requestedBy },
      ...(r.approvedBy ? [{ title: r.state === 'declined' ? 'Declined by' : 'Approved by', value: r.approvedBy }] : []),
      ...(r.requestId ? [{ title: 'Graph request id', value: r.requestId }] : []),
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
