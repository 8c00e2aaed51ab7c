import { z } from 'zod';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { AttemptsQuery, attemptsSummary } from '../common/attempts-summary.ts';

/** "Show successes too" (and back to "Failures only") on the sign-in list: the same question, every attempt or the failures, from the first page. */
export const ShowSuccessesPayload = AttemptsQuery.extend({ successes: z.boolean() });
export type ShowSuccessesPayload = z.infer<typeof ShowSuccessesPayload>;

export function onShowSuccesses(d: ShowSuccessesPayload, ctx: AnswerContext): Promise<Prepared> {
  const { successes, ...query } = d;
  return attemptsSummary(query, { page: 1, successes }, ctx);
}
