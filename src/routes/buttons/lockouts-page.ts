import { z } from 'zod';
import type { AnswerContext } from '../context.ts';
import { iso } from '../payload-fields.ts';
import type { Prepared } from '../prepared.ts';
import { lockoutsIn } from '../common/lockouts-window.ts';

/** "Next 10 people" on the lockouts card: the same window read again, the next page of people. */
export const LockoutsPagePayload = z.object({
  since: iso,
  until: iso,
  timeText: z.string().max(100).optional(),
  asked: z.boolean(),
  page: z.number().int().min(1).max(500),
});
export type LockoutsPagePayload = z.infer<typeof LockoutsPagePayload>;

export function onLockoutsPage(d: LockoutsPagePayload, ctx: AnswerContext): Promise<Prepared> {
  const { page, ...window } = d;
  return lockoutsIn(window, ctx, page);
}
