import { z } from 'zod';
import { REMEDIATION_IDS, REMEDIATIONS } from '../../diagnosis/remediations.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { isGraphRemediation } from '../../remediate/actions.ts';
import { pressRemediation, type PressResult } from '../../remediate/press.ts';
import type { AnswerContext } from '../context.ts';
import { id } from '../payload-fields.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { approvalView, blockedSentence, tapLine } from '../common/remediate-words.ts';
import { approvalCard } from '../../cards/remediate-cards.ts';
import { auditRemediation, loadAttempt, offered } from '../common/remediate-load.ts';
import { CardListingPayload, diagnosisAnswerCard, othersAgain } from '../common/diagnosis-answer.ts';

/**
 * A remediation button on a diagnosis card: the attempt and what to do; whom it acts on is read from the attempt.
 * `listing`: where the card's other causes were found, so the card it redraws keeps them (a damaged one is dropped).
 */
export const RemediatePayload = z.object({ correlationId: id, remediation: z.enum(REMEDIATION_IDS), listing: CardListingPayload.optional().catch(undefined) });
export type RemediatePayload = z.infer<typeof RemediatePayload>;

export async function onRemediate(d: RemediatePayload, ctx: AnswerContext): Promise<Prepared> {
  // Helpdesk only (checked before this); what the answer shows is the attempt, so the asker is checked against its rows too.
  const listing = await loadAttempt(ctx, d.correlationId);
  const attempt = listing.attempts[0];
  // The card it redraws keeps its other causes: read from the same listing, everyone in them checked too.
  const others = attempt && d.listing ? await othersAgain(ctx, d.listing, attempt) : undefined;
  return {
    shows: [...usersIn(listing.attempts), ...(others?.users ?? [])],
    render: async () => {
      const found = await offered(ctx, listing, d.remediation);
      const spec = REMEDIATIONS[d.remediation];
      if (!found || !isGraphRemediation(d.remediation)) {
        const line = found
          ? `${spec.button(found.target.name)} is done in the admin center, not from here.`
          : 'That action is not offered for this attempt (it was not found again, or its diagnosis no longer suggests it). Nothing was changed.';
        return { text: line, card: noticeCard('Nothing done', [line], 'Warning') };
      }
      const { diagnosis, target } = found;
      // The same card as before the press (other causes, incident, look-back note, what was done), with the press's line.
      const card = (line: string) => diagnosisAnswerCard(ctx, attempt!, diagnosis, { listing: d.listing, others, line, pressed: d.remediation });
      if (!ctx.remedy) {
        const line = `Remediation runs only in Teams, with your own sign-in: ${spec.button(target.name)} there, or in the Entra admin center.`;
        return { text: line, card: await card(line) };
      }
      const rolesHint = ctx.allUsers?.find((u) => u.id.toLowerCase() === target.id.toLowerCase())?.assignedRoleTemplateIds ?? [];
      const result = await pressRemediation(
        ctx.remedy,
        { remediation: d.remediation, correlationId: d.correlationId, target, since: diagnosis.time, rolesHint },
        { name: ctx.asker ?? 'unknown', ...(ctx.askerId ? { id: ctx.askerId } : {}) },
      );
      if (result.kind === 'pending' || result.kind === 'ran') await auditRemediation(ctx, result.record);
      const line = sentenceOf(result);
      const secret = result.kind === 'ran' && result.outcome.tap ? ` ${tapLine(target.name, result.outcome.tap)}` : '';
      return {
        // The text is the card's summary in notifications: never the pass.
        text: line,
        card: await card(`${line}${secret}`),
        ...(result.kind === 'pending'
          ? (() => {
              const view = approvalView(result.record, true, [], ctx.locale);
              return { everyone: { text: view.title, card: approvalCard(view, ctx.locale), how: 'post' as const } };
            })()
          : {}),
      };
    },
  };
}

function sentenceOf(r: PressResult): string {
  switch (r.kind) {
    case 'dry-run':
    case 'no-token':
      return r.sentence;
    case 'pending':
      return `This needs a second person's approval (two-person rule): the request is posted in this conversation, and runs when someone else approves it. Nothing was changed yet.`;
    case 'ran':
      return r.outcome.sentence;
    case 'blocked':
      return blockedSentence(r.record);
  }
}
