import { z } from 'zod';
import type { AnswerContext } from '../context.ts';
import { appNames, appText, id, iso } from '../payload-fields.ts';
import type { Prepared } from '../prepared.ts';
import { failedSignIns } from '../common/failed-sign-ins.ts';

/** "More" on the failed sign-ins card: the same question (window and filters), the next page of people. */
export const FailuresPagePayload = z.object({
  since: iso,
  until: iso,
  app: id.optional(),
  apps: appNames.optional(),
  appText: appText.optional(),
  errorCode: z.number().int().optional(),
  ip: id.optional(),
  policyText: z.string().min(1).max(200).optional(),
  blockedOnly: z.boolean().optional(),
  timeText: z.string().max(100).optional(),
  page: z.number().int().min(1).max(500),
});
export type FailuresPagePayload = z.infer<typeof FailuresPagePayload>;

export function onFailuresPage(d: FailuresPagePayload, ctx: AnswerContext): Promise<Prepared> {
  const { page, ...filters } = d;
  return failedSignIns(filters, ctx, page);
}
