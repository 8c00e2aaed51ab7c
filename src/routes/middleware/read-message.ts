import { parseMessage } from '../../conversation/parse.ts';
import type { Step } from '../turn.ts';

/** A message → the command it asks (src/conversation/parse.ts). */
export const readMessage: Step = async (turn, next) => {
  if (turn.input.kind === 'message')
    turn.command = parseMessage(turn.input.text, { now: turn.ctx.now, timeZone: turn.ctx.timeZone, appNames: turn.ctx.appNames });
  return next();
};
