import { z } from 'zod';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { AttemptsQuery, attemptsSummary } from '../common/attempts-summary.ts';

/** "Next 12" on the sign-in list: the same question and rows (failures only, or with successes), the next page. */
export const AttemptsPagePayload = AttemptsQuery.extend({ page: z.number().int().min(2).max(500), successes: z.boolean().default(false) });
export type AttemptsPagePayload = z.infer<typeof AttemptsPagePayload>;

export function onAttemptsPage(d: AttemptsPagePayload, ctx: AnswerContext): Promise<Prepared> {
  const { page, successes, ...query } = d;
  return attemptsSummary(query, { page, successes }, ctx);
}
