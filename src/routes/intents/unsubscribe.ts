import type { Command } from '../../conversation/command.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { t } from '../../i18n/translate.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { alertsNotHere } from '../common/notices.ts';

/** "Stop lockout notifications" (or "…outage notifications"; "stop notifications": both) in the conversation that subscribed. */
export async function unsubscribe(c: Command, ctx: AnswerContext): Promise<Prepared> {
  return {
    shows: [],
    render: async () => {
      if (!ctx.notify || !ctx.conversation) return alertsNotHere(ctx.locale);
      const locale = ctx.locale ?? 'en';
      const where = ctx.conversation.where ?? t(locale, 'subscribe.thisConversation');
      const kind = c.alertKind ?? 'all';
      const which = t(locale, `reply.unsubscribe.which.${kind}`);
      const removed = await ctx.notify.unsubscribe(ctx.conversation.conversationId, c.alertKind);
      const line = t(locale, removed ? 'reply.unsubscribe.stopped' : 'reply.unsubscribe.notSubscribed', { which, where });
      return { text: line, card: noticeCard(t(locale, removed ? `reply.unsubscribe.title.${kind}` : 'reply.unsubscribe.title.nothing'), [line]) };
    },
  };
}
