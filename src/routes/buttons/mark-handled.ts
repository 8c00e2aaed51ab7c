import { z } from 'zod';
import { noticeCard } from '../../cards/simple-cards.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { t } from '../../i18n/translate.ts';

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
  const locale = ctx.locale ?? 'en';
  return {
    shows: [],
    render: async () => {
      // The card the presser sees is in their zone and language; the channels' copies are updated next round in each one's.
      const card = await ctx.notify?.markHandled(episodeKey, ctx.asker ?? 'unknown', ctx.timeZone, locale);
      if (!card)
        return {
          text: t(locale, 'reply.handled.gone'),
          card: noticeCard(t(locale, 'reply.handled.goneTitle'), [t(locale, 'reply.handled.goneDetail')], 'Warning'),
        };
      return { text: t(locale, 'reply.handled.marked'), card };
    },
  };
}
