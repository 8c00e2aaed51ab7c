import { z } from 'zod';
import { noticeCard } from '../../cards/simple-cards.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';

/** "Mark handled" on a lockout alert. Episode keys are `person:<user id>:<time>` or `spray:<ip>:<time>` (notify/episodes.ts). */
export const MarkHandledPayload = z.object({
  episodeKey: z
    .string()
    .max(300)
    .regex(/^(person|spray):\S{1,290}$/, 'not an alert of this bot'),
});
export type MarkHandledPayload = z.infer<typeof MarkHandledPayload>;

export async function onMarkHandled(d: MarkHandledPayload, ctx: AnswerContext): Promise<Prepared> {
  // Helpdesk-only (refused before this for anyone else): the alert card names everyone the episode locked out.
  const episodeKey = d.episodeKey;
  return {
    shows: [],
    render: async () => {
      // The card the presser sees is in their zone; the channels' copies are updated next round in each one's.
      const card = await ctx.notify?.markHandled(episodeKey, ctx.asker ?? 'unknown', ctx.timeZone, ctx.locale);
      if (!card)
        return {
          text: 'That lockout is no longer tracked.',
          card: noticeCard('Not found', ['That lockout is no longer tracked (the notification store was reset).'], 'Warning'),
        };
      return { text: 'Marked as handled.', card };
    },
  };
}
