import { noticeCard } from '../../cards/simple-cards.ts';
import { ticketStatusCard } from '../../cards/ticket-status-card.ts';
import type { Diagnosis } from '../../diagnosis/types.ts';
import type { TicketOutcome } from '../../tickets/desk.ts';
import { formatInTimeZone } from '../../time-format.ts';
import type { Answer, AnswerContext } from '../context.ts';
import type { Locale } from '../../i18n/locales.ts';
import { t } from '../../i18n/translate.ts';
import type { Attempt } from '../../diagnosis/attempts.ts';
import { listAttempts } from '../../query/list-attempts.ts';
import type { TicketDesk } from '../../tickets/desk.ts';
import { showsNobody, usersIn, type Prepared } from '../prepared.ts';
import { diagnoseFor } from './diagnose-for.ts';

/** What the two ticket buttons (Open a ticket, Open the ticket) say alike, in the asker's language. */
export function noTickets(locale: Locale = 'en'): Answer {
  return {
    text: t(locale, 'ticket.none.text'),
    card: noticeCard(t(locale, 'ticket.none.title'), [t(locale, 'ticket.none.line')], 'Warning'),
  };
}

/**
 * What both ticket buttons do first: the sign-in is loaded by its correlation id, so the presser
 * is checked against the person it names (authorize) before anything is built, shown or sent;
 * then `then` gets its attempt and diagnosis. A sign-in no longer in the logs says so (`gone`
 * is the line that says what to do instead).
 */
export async function withTicketAttempt(
  correlationId: string,
  ctx: AnswerContext,
  gone: 'ticket.gone.open' | 'ticket.gone.form',
  then: (desk: TicketDesk, attempt: Attempt, diagnosis: Diagnosis, locale: Locale) => Promise<Answer>,
): Promise<Prepared> {
  const desk = ctx.tickets;
  if (!desk) return showsNobody(noTickets(ctx.locale));
  const listing = await listAttempts(ctx.source, { correlationId, now: ctx.now });
  return {
    shows: usersIn(listing.attempts),
    render: async () => {
      const locale = ctx.locale ?? 'en';
      const attempt = listing.attempts[0];
      if (!attempt) return { text: t(locale, 'ticket.gone.text'), card: noticeCard(t(locale, 'ticket.gone.title'), [t(locale, gone)]) };
      return then(desk, attempt, await diagnoseFor(ctx, attempt), locale);
    },
  };
}

/** The card and line for a request as it is stored now. */
export function ticketAnswer(o: TicketOutcome, d: Diagnosis, ctx: AnswerContext, correlationId: string): Answer {
  const r = o.record;
  const locale = ctx.locale ?? 'en';
  const about = `${t(locale, 'ticket.about', {
    name: d.user.displayName ?? d.user.userPrincipalName ?? d.user.id,
    app: d.app.displayName ?? d.app.id ?? t(locale, 'ticket.anApp'),
    time: formatInTimeZone(d.time, ctx.timeZone, locale),
  })}${d.errorCode ? ` (AADSTS${d.errorCode})` : ''}`;
  const at = r.state === 'opened' ? r.openedAt! : r.facts.openedAt;
  const card = ticketStatusCard({
    state: r.state,
    fresh: o.fresh,
    target: o.target,
    number: r.ticket?.number,
    url: r.ticket?.url,
    ours: r.ticket?.ours,
    by: r.facts.openedBy,
    at,
    nextTryAt: r.nextTryAt,
    lastError: r.lastError,
    tries: r.tries,
    about,
    timeZone: ctx.timeZone,
    again: { correlationId },
    locale,
  });
  const target = o.target;
  const text =
    r.state === 'opened'
      ? t(locale, 'ticket.reply.opened', { number: r.ticket!.number, fresh: o.fresh ? 'yes' : 'no', by: r.facts.openedBy, target })
      : r.state === 'queued'
        ? t(locale, 'ticket.reply.queued', { target })
        : r.state === 'sending'
          ? t(locale, 'ticket.reply.sending', { by: r.facts.openedBy })
          : t(locale, 'ticket.reply.failed', { target });
  return { text, card };
}

/** Where the diagnosis card is in Teams, when the press came from there: the ticket links back to it. */
export function whereDiagnosis(ctx: AnswerContext): { chatId: string; messageId: string; chat: boolean } | undefined {
  if (!ctx.conversation || !ctx.pressedMessageId) return undefined;
  return {
    chatId: ctx.conversation.conversationId,
    messageId: ctx.pressedMessageId,
    chat: (ctx.conversation.conversationType ?? 'personal') !== 'channel',
  };
}
