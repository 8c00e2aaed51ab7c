import { z } from 'zod';
import { approvalCard } from '../../cards/remediate-cards.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { answerApproval } from '../../remediate/press.ts';
import { RECORD_KEY } from '../../remediate/records.ts';
import type { AnswerContext } from '../context.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { auditRemediation, loadAttempt, offered } from '../common/remediate-load.ts';
import { approvalView, blockedSentence, outcomeLine, tapLine } from '../common/remediate-words.ts';
import { t } from '../../i18n/translate.ts';

/** Approve or Decline on an approval card: the record's key only; what it runs and on whom is the stored request's, checked again. */
export const ApproveRemediationPayload = z.object({ approval: z.string().regex(RECORD_KEY, 'not an approval of this bot'), approve: z.boolean() });
export type ApproveRemediationPayload = z.infer<typeof ApproveRemediationPayload>;

export async function onApproveRemediation(d: ApproveRemediationPayload, ctx: AnswerContext): Promise<Prepared> {
  const locale = ctx.locale ?? 'en';
  const record = await ctx.remedy?.records.read(d.approval);
  if (!record || !ctx.remedy) {
    const line = t(locale, 'reply.remediation.approval.unknown');
    return { shows: [], render: async () => ({ text: line, card: noticeCard(t(locale, 'reply.remediation.approval.unknownTitle'), [line], 'Warning') }) };
  }
  const remedy = ctx.remedy;
  // What the approver sees is the request about this attempt: checked against the attempt's rows, loaded again.
  const listing = await loadAttempt(ctx, record.correlationId);
  return {
    shows: usersIn(listing.attempts),
    render: async () => {
      const found = await offered(ctx, listing, record.remediation);
      if (!found) {
        const line = t(locale, 'reply.remediation.approval.gone');
        return { text: line, card: approvalCard(approvalView(record, true, [line], locale), locale) };
      }
      const by = { name: ctx.asker ?? 'unknown', ...(ctx.askerId ? { id: ctx.askerId } : {}) };
      const r = await answerApproval(remedy, d.approval, found.target, by, d.approve);
      if (r.kind === 'gone') {
        const line = blockedSentence(r.record, locale);
        return { text: line, card: approvalCard(approvalView(r.record ?? record, false, [line], locale), locale) };
      }
      if (r.kind === 'same-person') {
        const line = t(locale, 'reply.remediation.approval.samePerson');
        return { text: line, card: approvalCard(approvalView(r.record, true, [line], locale), locale) };
      }
      if (r.kind === 'no-token') return { text: r.sentence, card: approvalCard(approvalView(r.record, true, [r.sentence], locale), locale) };
      await auditRemediation(ctx, r.record);
      const line = r.kind === 'declined' ? t(locale, 'reply.remediation.approval.declined', { by: r.record.approvedBy ?? '' }) : outcomeLine(locale, r.outcome);
      const shared = approvalCard(approvalView(r.record, false, [line], locale), locale);
      const secret = r.kind === 'ran' && r.outcome.tap ? [tapLine(r.record.targetName, r.outcome.tap, locale)] : [];
      return {
        text: line,
        // The approver's own view holds the pass; everyone's copy of the card holds the outcome only.
        card: secret.length ? approvalCard(approvalView(r.record, false, [line, ...secret], locale), locale) : shared,
        everyone: { text: line, card: shared, how: 'update' as const },
      };
    },
  };
}
