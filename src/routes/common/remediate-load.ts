import type { RemediationId } from '../../diagnosis/remediations.ts';
import type { Diagnosis } from '../../diagnosis/types.ts';
import { listAttempts, type AttemptListing } from '../../query/list-attempts.ts';
import { personName } from '../../cards/remediate-buttons.ts';
import type { Target } from '../../remediate/actions.ts';
import type { AuditEntry } from '../../trust/audit.ts';
import type { RemediationRecord } from '../../remediate/records.ts';
import type { AnswerContext } from '../context.ts';
import { diagnoseFor } from './diagnose-for.ts';

/**
 * The attempt a remediation button names, loaded and diagnosed again: whom it acts on is the
 * person of the loaded records, and it runs only if the diagnosis still offers it. The ids
 * the button carried decide nothing.
 */
export async function loadAttempt(ctx: AnswerContext, correlationId: string): Promise<AttemptListing> {
  return listAttempts(ctx.source, { correlationId, now: ctx.now });
}

export interface Offered {
  diagnosis: Diagnosis;
  target: Target;
}

export async function offered(ctx: AnswerContext, listing: AttemptListing, remediation: RemediationId): Promise<Offered | undefined> {
  const attempt = listing.attempts[0];
  if (!attempt) return undefined;
  const diagnosis = await diagnoseFor(ctx, attempt);
  if (!diagnosis.remediations?.includes(remediation)) return undefined;
  return { diagnosis, target: { id: diagnosis.user.id, name: personName(diagnosis.user) } };
}

/** The audit line of a remediation: beside the button's own line, what was done to whom, with the approval and Graph's request id. */
export async function auditRemediation(ctx: AnswerContext, r: RemediationRecord): Promise<void> {
  const remediation: NonNullable<AuditEntry['remediation']> = {
    what: r.remediation,
    whom: r.targetId,
    whomName: r.targetName,
    state: r.state,
    requestedBy: r.requestedBy,
    ...(r.approvedBy ? { approvedBy: r.approvedBy } : {}),
    ...(r.requestId ? { requestId: r.requestId } : {}),
  };
  await ctx.audit?.record({
    at: new Date().toISOString(),
    askerId: ctx.askerId,
    asker: ctx.asker,
    action: `remediate:${r.remediation}`,
    subject: r.targetId,
    outcome: r.state === 'refused' ? 'refused' : r.state === 'failed' ? 'failed' : 'answered',
    conversation: ctx.conversation?.conversationId,
    remediation,
  });
}
