import type { Command } from '../../conversation/command.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { alertsNotHere } from '../common/notices.ts';

/** "Stop lockout notifications" in the conversation that subscribed. */
export async function unsubscribe(_c: Command, ctx: AnswerContext): Promise<Prepared> {
  return {
    shows: [],
    render: async () => {
      if (!ctx.notify || !ctx.conversation) return alertsNotHere();
      const where = ctx.conversation.where ?? 'this conversation';
      const removed = await ctx.notify.unsubscribe(ctx.conversation.conversationId);
      const line = removed ? `I will stop posting lockout alerts to ${where}.` : `${where} was not subscribed to lockout alerts.`;
      return { text: line, card: noticeCard(removed ? 'Lockout alerts stopped' : 'Nothing to stop', [line]) };
    },
  };
}
