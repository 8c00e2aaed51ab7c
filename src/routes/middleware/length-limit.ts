import { noticeCard } from '../../cards/simple-cards.ts';
import { MAX_MESSAGE_CHARS } from '../../trust/limits.ts';
import type { Step } from '../turn.ts';

/** A message longer than any question is refused with its length, before it is parsed. */
export const lengthLimit: Step = async (turn, next) => {
  if (turn.input.kind !== 'message' || turn.input.text.length <= MAX_MESSAGE_CHARS) return next();
  const line = `That message is ${turn.input.text.length.toLocaleString('en-US')} characters long; I read questions of up to ${MAX_MESSAGE_CHARS.toLocaleString('en-US')}. Ask it in a sentence, for example "why did bob fail to sign in".`;
  return { text: line, card: noticeCard('That message is too long', [line], 'Warning') };
};
