import type { Command } from '../../conversation/command.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { alertsNotHere } from '../common/notices.ts';

const WHICH = { lockouts: 'lockout alerts', incidents: 'incident alerts' } as const;

/** "Stop lockout notifications" (or "…outage notifications"; "stop notifications": both) in the conversation that subscribed. */
export async function unsubscribe(c: Command, ctx: AnswerContext): Promise<Prepared> {
  return {
    shows: [],
    render: async () => {
      if (!ctx.notify || !ctx.conversation) return alertsNotHere();
      const where = ctx.conversation.where ?? 'this conversation';
      const which = c.alertKind ? WHICH[c.alertKind] : 'alerts';
      const removed = await ctx.notify.unsubscribe(ctx.conversation.conversationId, c.alertKind);
      const line = removed ? `I will stop posting ${which} to ${where}.` : `${where} was not subscribed to ${which}.`;
      const title = c.alertKind === 'incidents' ? 'Incident alerts stopped' : c.alertKind === 'lockouts' ? 'Lockout alerts stopped' : 'Alerts stopped';
      return { text: line, card: noticeCard(removed ? title : 'Nothing to stop', [line]) };
    },
  };
}
