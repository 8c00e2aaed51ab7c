import type { AuditEntry } from '../../trust/audit.ts';
import type { AnswerContext } from '../context.ts';
import { namedIn } from '../route.ts';
import type { Step } from '../turn.ts';

/** One audit line for a question or button, from what the context says of the asker. */
export async function recordAudit(
  ctx: AnswerContext,
  action: string,
  subject: string | undefined,
  outcome: AuditEntry['outcome'],
  more: Pick<AuditEntry, 'asked' | 'withheld'> = {},
): Promise<void> {
  const extra = { ...(more.asked !== undefined ? { asked: more.asked } : {}), ...(more.withheld?.length ? { withheld: more.withheld } : {}) };
  await ctx.audit?.record({
    at: new Date().toISOString(),
    askerId: ctx.askerId,
    asker: ctx.asker,
    action,
    subject,
    outcome,
    ...extra,
    conversation: ctx.conversation?.conversationId,
  });
}

/**
 * One line per outcome of a route that reads someone's sign-ins: refused (before loading, or
 * by what was loaded: `withheld` says whose), answered (the subject is everyone shown), or
 * failed (recorded, then the error goes on to be explained or thrown). What the payload named
 * (`asked`) is kept beside it; it decides nothing.
 */
export const audit: Step = async (turn, next) => {
  const { name, route, payload } = turn.found!;
  if (route.who === 'anyone') return next();
  const asked = route.asked ? route.asked(payload) : namedIn(payload);
  const subject = () => (turn.shows?.length ? turn.shows.join(',') : asked);
  try {
    const answer = await next();
    if (turn.refused) await recordAudit(turn.ctx, name, asked, 'refused', { asked, withheld: turn.refused.withheld });
    else await recordAudit(turn.ctx, name, subject(), 'answered', { asked });
    return answer;
  } catch (e) {
    await recordAudit(turn.ctx, name, subject(), 'failed', { asked });
    throw e;
  }
};
