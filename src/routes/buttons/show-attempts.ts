import { z } from 'zod';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { AttemptsQuery, attemptsSummary } from '../common/attempts-summary.ts';

/** "All attempts" on a diagnosis, and "Show these columns" on a summary (Teams merges the column chooser's value into the data). */
export const ShowAttemptsPayload = AttemptsQuery.extend({ successes: z.boolean().optional() });
export type ShowAttemptsPayload = z.infer<typeof ShowAttemptsPayload>;

export function onShowAttempts(d: ShowAttemptsPayload, ctx: AnswerContext): Promise<Prepared> {
  const { successes, ...query } = d;
  return attemptsSummary(query, { page: 1, successes: successes ?? false }, ctx);
}
