import type { Command } from '../../conversation/command.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { failedSignIns, failureFilters } from '../common/failed-sign-ins.ts';

/** "Who failed to sign in today", "everything blocked for Salesforce": the tenant's failed sign-ins, by person and by cause. */
export function failures(c: Command, ctx: AnswerContext): Promise<Prepared> {
  return failedSignIns(failureFilters(c, ctx.now, ctx.locale), ctx, 1);
}
