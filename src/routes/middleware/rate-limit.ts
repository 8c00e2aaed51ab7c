import { noticeCard } from '../../cards/simple-cards.ts';
import type { Step } from '../turn.ts';

/**
 * Too many questions (or buttons) from one asker in a minute: the sentence to wait. In chat it
 * is a plain line; a button must be answered with a card. Past the limit the turn is let in,
 * and the caller is told (the bot starts typing).
 */
export const rateLimit: Step = async (turn, next) => {
  const { rate, onAccepted } = turn.ctx;
  const wait = rate?.limiter.take(rate.key) ?? 0;
  if (wait) {
    const line = `You have asked a lot in the last minute; I can take another question in ${wait} second${wait === 1 ? '' : 's'}.`;
    return turn.input.kind === 'message' ? { text: line } : { text: line, card: noticeCard('Not now', [line], 'Warning') };
  }
  await onAccepted?.();
  return next();
};
