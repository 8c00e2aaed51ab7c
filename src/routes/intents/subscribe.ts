import type { Command } from '../../conversation/command.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { alertsNotHere } from '../common/notices.ts';

/** "Notify this channel about lockouts" (or "…about outages"): alerts posted to the conversation asked from. Shows no one's records. */
export async function subscribe(c: Command, ctx: AnswerContext): Promise<Prepared> {
  return {
    shows: [],
    render: async () => {
      if (!ctx.notify || !ctx.conversation) return alertsNotHere();
      const where = ctx.conversation.where ?? 'this conversation';
      const kind = c.alertKind ?? 'lockouts';
      // The subscriber's zone (Teams sends it with the message) becomes the channel's: an alert has no reader to take it from.
      const r = await ctx.notify.subscribe(ctx.conversation, ctx.asker ?? 'unknown', {
        ...(kind === 'lockouts' ? { minUsers: c.minUsers, groupName: c.groupName } : {}),
        timeZone: ctx.timeZone,
        kind,
        // The subscriber's language becomes the channel's, as their zone does (incident cards are English for now).
        language: ctx.locale,
      });
      if (kind === 'incidents') {
        const lines = [
          `I will post a card to ${where} when failures of several people share one cause: an outage of the pass-through agents or Seamless SSO, an app failing for several people, a Conditional Access policy that starts blocking people after a change, one IP failing many accounts. One card per incident, updated as it grows and when it ends (30 minutes without a failure of it).`,
          zoneWords(r.subscription.timeZone ?? 'UTC'),
          'Say "stop outage notifications" to end it.',
        ];
        return { text: lines[0]!, card: noticeCard(r.created ? 'Incident alerts are on' : 'Incident alerts updated', lines, 'Good') };
      }
      const scope = [
        r.subscription.groupName ? `members of ${r.subscription.groupName}` : 'anyone',
        r.subscription.minUsers > 1 ? `only when a spray locks out ${r.subscription.minUsers} or more people` : '',
      ]
        .filter(Boolean)
        .join(', ');
      const lines = [
        `I will post a card to ${where} when ${scope} is locked out, with where the failed attempts came from. One card per lockout episode, updated as it grows or ends.`,
        zoneWords(r.subscription.timeZone ?? 'UTC'),
        ...(r.note ? [r.note] : []),
        'Say "stop lockout notifications" to end it.',
      ];
      return { text: lines[0]!, card: noticeCard(r.created ? 'Lockout alerts are on' : 'Lockout alerts updated', lines, 'Good') };
    },
  };
}

/** UTC is also what a message without a zone gets, so only another zone is said to be the asker's. */
const zoneWords = (zone: string) =>
  zone === 'UTC' ? 'Times on the alerts are in UTC.' : `Times on the alerts are in ${zone.replace(/_/g, ' ')}, your time zone in Teams.`;
