import { WAIT_CAP_MS, withWaitAllowance } from '../signins/graph/throttle.ts';
import type { Answer, AnswerContext, Reply } from './context.ts';
import { commandOrigin, navigable } from './navigation.ts';
import { pressOf } from './table.ts';
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
export const answerMessage = (message: string, ctx: AnswerContext, opts: Navigation = {}): Promise<Reply> =>
  withWaitAllowance(WAIT_CAP_MS.interactive, () => answer({ ctx, input: { kind: 'message', text: message } }, opts));
export const answerAction = (verb: unknown, data: unknown, ctx: AnswerContext, opts: Navigation = {}): Promise<Reply> =>
  withWaitAllowance(WAIT_CAP_MS.interactive, () => answer({ ctx, input: { kind: 'button', verb, data } }, opts));

/**
 * For a chat client with cards (the bot; the CLI has none): `navigable`, the card's buttons carry
 * how it was produced (navigation.ts); `replacing`, the reply replaces the card the button was on
 * (a personal chat), so it gets a Back button to that card when the card said how it was produced.
 */
export interface Navigation {
  navigable?: boolean;
  replacing?: boolean;
}

export { pressOf } from './table.ts';
export { pressedOn } from './navigation.ts';
export type { Press } from './route.ts';

/** The reply, with what the message was read as beside it (once it was read). */
async function answer(turn: Turn, opts: Navigation): Promise<Reply> {
  const answered = await runTurn(turn);
  const a = opts.navigable ? navigate(turn, answered, opts.replacing ?? false) : answered;
  return turn.command ? { command: turn.command, ...a } : a;
}

/**
 * The answer's buttons carry how its card was produced (navigation.ts), once the turn was
 * answered (not refused). A state change for everyone (an alert marked handled) is no view to
 * go back to; a note (feedback) shows the same card again, so it keeps that card's origin.
 */
function navigate(turn: Turn, a: Answer, replacing: boolean): Answer {
  if (!a.card || !turn.found || turn.refused) return a;
  const press = turn.input.kind === 'button' ? pressOf(turn.found.name) : 'view';
  if (press === 'state' || press === 'act') return a;
  const origin = press === 'note' ? turn.nav?.replaced : (turn.nav?.origin ?? (turn.command ? commandOrigin(turn.command) : undefined));
  if (!origin) return a;
  const back = !replacing ? undefined : press === 'note' ? origin.b : turn.nav?.replaced;
  return { ...a, card: navigable(a.card, origin, back) };
}
