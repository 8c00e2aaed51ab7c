import { z } from 'zod';
import { listAttempts } from '../../query/list-attempts.ts';
import { diagnosisCard } from '../../cards/diagnosis-card.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import type { AnswerContext } from '../context.ts';
import { id } from '../payload-fields.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { diagnoseFor } from '../common/diagnose-for.ts';

/** "Helpful" / "Not helpful" under a diagnosis. An empty id would read as "no filter" to a source: the button names one attempt. */
export const FeedbackPayload = z.object({ correlationId: id, helpful: z.boolean() });
export type FeedbackPayload = z.infer<typeof FeedbackPayload>;

export async function onFeedback(d: FeedbackPayload, ctx: AnswerContext): Promise<Prepared> {
  // The answer shows the diagnosis again, so it is checked like a diagnosis; the feedback is kept only once it passes.
  const listing = await listAttempts(ctx.source, { correlationId: d.correlationId, now: ctx.now });
  const { correlationId, helpful } = d;
  return {
    shows: usersIn(listing.attempts),
    render: async () => {
      await ctx.feedback?.record({ correlationId, helpful, by: ctx.asker ?? 'unknown', at: new Date().toISOString() });
      const attempt = listing.attempts[0];
      const thanks = helpful ? 'Thanks: recorded that this diagnosis helped.' : 'Thanks: recorded that this diagnosis did not help. The team reviews these.';
      if (!attempt) return { text: thanks, card: noticeCard('Feedback recorded', [thanks], 'Good') };
      return { text: thanks, card: diagnosisCard(await diagnoseFor(ctx, attempt), attempt.decisive, ctx.timeZone, { feedback: thanks, locale: ctx.locale }) };
    },
  };
}
