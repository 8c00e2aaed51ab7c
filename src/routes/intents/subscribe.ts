import type { Command } from '../../conversation/command.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { languageName } from '../../i18n/format.ts';
import { languageNamedIn, type Locale } from '../../i18n/locales.ts';
import { t } from '../../i18n/translate.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { alertsNotHere } from '../common/notices.ts';

/**
 * "Notify this channel about lockouts" (or "…about outages"): alerts posted to the conversation asked from. Shows no one's records.
 * "… in German" ("auf Englisch", "en français", "英語で") writes the alerts in that language; without one, in the asker's.
 */
export async function subscribe(c: Command, ctx: AnswerContext): Promise<Prepared> {
  return {
    shows: [],
    render: async () => {
      if (!ctx.notify || !ctx.conversation) return alertsNotHere(ctx.locale);
      const locale: Locale = ctx.locale ?? 'en';
      const where = ctx.conversation.where ?? t(locale, 'subscribe.thisConversation');
      const kind = c.alertKind ?? 'lockouts';
      const asked = c.languageText ? languageNamedIn(c.languageText) : undefined;
      // The subscriber's zone (Teams sends it with the message) becomes the channel's: an alert has no reader to take it from.
      const r = await ctx.notify.subscribe(ctx.conversation, ctx.asker ?? 'unknown', {
        ...(kind === 'lockouts' ? { minUsers: c.minUsers, groupName: c.groupName } : {}),
        timeZone: ctx.timeZone,
        kind,
        // The language named in the request, else the subscriber's, as their zone is.
        language: asked ?? locale,
      });
      const zone = r.subscription.timeZone ?? 'UTC';
      const language = t(locale, asked ? 'subscribe.language.asked' : 'subscribe.language.yours', {
        language: languageName(locale, r.subscription.language ?? 'en'),
      });
      // UTC is also what a message without a zone gets, so only another zone is said to be the asker's.
      const zoneLine = zone === 'UTC' ? t(locale, 'subscribe.zone.utc') : t(locale, 'subscribe.zone.asker', { zone: zone.replace(/_/g, ' ') });
      if (kind === 'incidents') {
        const lines = [t(locale, 'subscribe.incidents.line', { where }), zoneLine, language, t(locale, 'subscribe.incidents.stop')];
        return { text: lines[0]!, card: noticeCard(t(locale, r.created ? 'subscribe.incidents.on' : 'subscribe.incidents.updated'), lines, 'Good') };
      }
      const { groupName, minUsers } = r.subscription;
      const lines = [
        groupName ? t(locale, 'subscribe.lockouts.group', { where, group: groupName }) : t(locale, 'subscribe.lockouts.anyone', { where }),
        ...(minUsers > 1 ? [t(locale, 'subscribe.lockouts.minUsers', { n: minUsers })] : []),
        zoneLine,
        language,
        // The service's note (a group not found) is English for now.
        ...(r.note ? [r.note] : []),
        t(locale, 'subscribe.lockouts.stop'),
      ];
      return { text: lines[0]!, card: noticeCard(t(locale, r.created ? 'subscribe.lockouts.on' : 'subscribe.lockouts.updated'), lines, 'Good') };
    },
  };
}
