import { noticeCard } from '../../cards/simple-cards.ts';
import { asDiagError } from '../../errors.ts';
import { t, type MessageKey } from '../../i18n/translate.ts';
import type { Step } from '../turn.ts';

/**
 * A source that could not answer (Graph refused, throttled, timed out) says why, in a card
 * with the error's title and explanation (src/errors.ts). Anything else is thrown on to the
 * bot's handler: a sentence and a reference there, the detail in the log.
 */
export const explainErrors: Step = async (turn, next) => {
  try {
    return await next();
  } catch (e) {
    const known = asDiagError(e);
    if (!known) throw e;
    // The kind's title in the asker's language; the explanation too where it is a catalogue message (else as the source wrote it).
    const locale = turn.ctx.locale ?? 'en';
    const title = t(locale, `error.${known.kind}` as MessageKey);
    const explanation = known.words ? t(locale, known.words.key as MessageKey, known.words.values) : known.explanation;
    return { text: explanation, card: noticeCard(title, [explanation], 'Attention') };
  }
};
