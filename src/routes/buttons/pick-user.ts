import { z } from 'zod';
import type { AnswerContext } from '../context.ts';
import { id, iso } from '../payload-fields.ts';
import type { Prepared } from '../prepared.ts';
import { aboutSignIns } from '../common/sign-ins.ts';

/** "This one" on a "which one?" card: the question asked again about the person chosen. */
export const PickUserPayload = z.object({
  userId: id,
  intent: z.enum(['diagnose', 'list', 'what-if']),
  app: id.optional(),
  since: iso.optional(),
  until: iso.optional(),
});
export type PickUserPayload = z.infer<typeof PickUserPayload>;

export function onPickUser(d: PickUserPayload, ctx: AnswerContext): Promise<Prepared> {
  return aboutSignIns({ intent: d.intent === 'list' ? 'list' : 'diagnose', app: d.app, since: d.since, until: d.until, understood: [] }, ctx, d.userId);
}
