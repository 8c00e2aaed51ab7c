import { noticeCard } from '../../cards/simple-cards.ts';
import { asDiagError } from '../../errors.ts';
import type { Step } from '../turn.ts';

/**
 * A source that could not answer (Graph refused, throttled, timed out) says why, in a card
 * with the error's title and explanation (src/errors.ts). Anything else is thrown on to the
 * bot's handler: a sentence and a reference there, the detail in the log.
 */
export const explainErrors: Step = async (_turn, next) => {
  try {
    return await next();
  } catch (e) {
    const known = asDiagError(e);
    if (!known) throw e;
    return { text: known.explanation, card: noticeCard(known.title, [known.explanation], 'Attention') };
  }
};
