import type { Attempt } from '../../diagnosis/attempts.ts';
import type { Diagnosis } from '../../diagnosis/types.ts';
import { DiagnosisContext } from '../../query/diagnose-attempts.ts';
import type { AnswerContext } from '../context.ts';
import { auditActors, forAsker } from '../hide-actors.ts';

/**
 * One attempt diagnosed for this asker: someone asking about their own sign-ins reads "an
 * administrator" where the audit log names who changed the tenant or their account.
 */
export async function diagnoseFor(ctx: AnswerContext, attempt: Attempt): Promise<Diagnosis> {
  const dctx = new DiagnosisContext(ctx.source, ctx.now);
  const d = await dctx.diagnose(attempt);
  if (ctx.access?.kind !== 'limited') return d;
  // The same entries the diagnosis read (cached by the context): from its history window up to now.
  const audits = await dctx.auditsIn({ since: dctx.historyWindow(d.time).since, until: ctx.now }, attempt.decisive.userId);
  return forAsker(d, ctx.access, auditActors(audits, ctx.askerId));
}
