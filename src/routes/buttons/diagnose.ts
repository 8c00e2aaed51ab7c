import { z } from 'zod';
import type { AnswerContext } from '../context.ts';
import { id, iso } from '../payload-fields.ts';
import type { Prepared } from '../prepared.ts';
import { aboutSignIns } from '../common/sign-ins.ts';

/** "Diagnose" on a summary row, a lockout, a flagged sign-in, another cause: one attempt by id, or a person's newest failure. */
export const DiagnosePayload = z
  .object({ correlationId: id.optional(), userId: id.optional(), since: iso.optional(), until: iso.optional() })
  .refine((d) => d.correlationId || d.userId, 'needs a correlationId or a userId');
export type DiagnosePayload = z.infer<typeof DiagnosePayload>;

export function onDiagnose(d: DiagnosePayload, ctx: AnswerContext): Promise<Prepared> {
  return d.correlationId
    ? aboutSignIns({ intent: 'diagnose', correlationId: d.correlationId, understood: [] }, ctx)
    : aboutSignIns({ intent: 'diagnose', since: d.since, until: d.until, understood: [] }, ctx, d.userId);
}
