import { CARD_BUDGET_BYTES, cardBytes } from '../../cards/render.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import type { Reply } from '../context.ts';
import type { Step } from '../turn.ts';

/** A card over Teams' budget would not arrive at all: the answer's sentence arrives instead, in a small card that says why. */
export function fitCard<T extends Omit<Reply, 'command'>>(reply: T): T {
  if (!reply.card || cardBytes(reply.card) <= CARD_BUDGET_BYTES) return reply;
  const kb = Math.ceil(cardBytes(reply.card) / 1024);
  return {
    ...reply,
    card: noticeCard(
      'This answer is too large for a card',
      [
        reply.text.slice(0, 2000),
        `The full card would be ${kb} KB; Teams cards hold 28 KB. Narrow the question (a shorter time, one app) or use the signin-diag command line.`,
      ],
      'Warning',
    ),
  };
}

export const fitCardStep: Step = async (_turn, next) => fitCard(await next());
