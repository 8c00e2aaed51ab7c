import { z } from 'zod';
import { listAttempts } from '../../query/list-attempts.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { t } from '../../i18n/translate.ts';
import type { AnswerContext } from '../context.ts';
import { id } from '../payload-fields.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { diagnoseFor } from '../common/diagnose-for.ts';
import { CardListingPayload, diagnosisAnswerCard, othersAgain } from '../common/diagnosis-answer.ts';

/**
 * "Helpful" / "Not helpful" under a diagnosis. An empty id would read as "no filter" to a source: the button names one attempt.
 * `listing`: where the card's other causes were found, to find them again (a stale or damaged one is dropped, not refused).
 */
export const FeedbackPayload = z.object({ correlationId: id, helpful: z.boolean(), listing: CardListingPayload.optional().catch(undefined) });
export type FeedbackPayload = z.infer<typeof FeedbackPayload>;

export async function onFeedback(d: FeedbackPayload, ctx: AnswerContext): Promise<Prepared> {
  // The answer shows the diagnosis again, so it is checked like a diagnosis; the feedback is kept only once it passes.
  const listing = await listAttempts(ctx.source, { correlationId: d.correlationId, now: ctx.now });
  const attempt = listing.attempts[0];
  // The same card again: its other causes read from the same listing, and everyone in them checked too.
  const others = attempt && d.listing ? await othersAgain(ctx, d.listing, attempt) : undefined;
  const { correlationId, helpful } = d;
  return {
    shows: [...usersIn(listing.attempts), ...(others?.users ?? [])],
    render: async () => {
      await ctx.feedback?.record({ correlationId, helpful, by: ctx.asker ?? 'unknown', at: new Date().toISOString() });
      const locale = ctx.locale ?? 'en';
      const thanks = t(locale, helpful ? 'reply.feedback.helped' : 'reply.feedback.notHelped');
      if (!attempt) return { text: thanks, card: noticeCard(t(locale, 'reply.feedback.title'), [thanks], 'Good') };
      return { text: thanks, card: await diagnosisAnswerCard(ctx, attempt, await diagnoseFor(ctx, attempt), { listing: d.listing, others, line: thanks }) };
    },
  };
}
