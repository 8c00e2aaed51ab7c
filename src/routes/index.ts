import { WAIT_CAP_MS, withWaitAllowance } from '../signins/graph/throttle.ts';
import type { AnswerContext, Reply } from './context.ts';
import { runTurn } from './pipeline.ts';
import type { Turn } from './turn.ts';

/**
 * The answer layer's entry points: a message, or a pressed button, through the middleware
 * (pipeline.ts) to its route (table.ts). The bot, the CLI's `ask` and the tests call these.
 */
export type { AnswerContext, Reply } from './context.ts';
export { recordAudit } from './middleware/audit.ts';
export { fitCard } from './middleware/fit-card.ts';

/**
 * One question, or one button, waits at most a minute in all for a throttled source (Graph's
 * Retry-After, however many lookups it makes), then says when to come back.
 */
export const answerMessage = (message: string, ctx: AnswerContext): Promise<Reply> =>
  withWaitAllowance(WAIT_CAP_MS.interactive, () => answer({ ctx, input: { kind: 'message', text: message } }));
export const answerAction = (verb: unknown, data: unknown, ctx: AnswerContext): Promise<Reply> =>
  withWaitAllowance(WAIT_CAP_MS.interactive, () => answer({ ctx, input: { kind: 'button', verb, data } }));

/** The reply, with what the message was read as beside it (once it was read). */
async function answer(turn: Turn): Promise<Reply> {
  const a = await runTurn(turn);
  return turn.command ? { command: turn.command, ...a } : a;
}
