import { z } from 'zod';
import { listAttempts } from '../../query/list-attempts.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { ticketStatusCard } from '../../cards/ticket-status-card.ts';
import type { Diagnosis } from '../../diagnosis/types.ts';
import { DiagError } from '../../errors.ts';
import { formatInTimeZone } from '../../time-format.ts';
import { Priority, ticketFacts, type TicketForm } from '../../tickets/facts.ts';
import type { TicketOutcome } from '../../tickets/desk.ts';
import type { Answer, AnswerContext } from '../context.ts';
import { id } from '../payload-fields.ts';
import { showsNobody, usersIn, type Prepared } from '../prepared.ts';
import { diagnoseFor } from '../common/diagnose-for.ts';
import { recordAudit } from '../middleware/audit.ts';

/**
 * "Open the ticket" on the form (its inputs arrive in the data), and "Check again" on a queued
 * one. The correlation id is all that decides what the ticket is about: the sign-in is loaded by
 * it and the presser checked against it (authorize) before anything is built or sent. Where the
 * diagnosis card is in Teams (chat and message ids) only makes the ticket's link back.
 */
export const OpenTicketPayload = z.object({
  correlationId: id,
  priority: Priority.default('3'),
  forWhom: z.string().trim().max(300).default(''),
  note: z.string().trim().max(2000).default(''),
  chatId: id.optional(),
  messageId: id.optional(),
  personal: z.boolean().optional(),
});
export type OpenTicketPayload = z.infer<typeof OpenTicketPayload>;

export const NO_TICKETS: Answer = {
  text: 'No ticket system is set up for this bot.',
  card: noticeCard('No ticket system', ['No ticket system is set up for this bot: an admin sets TICKET_TARGET (README, Tickets).'], 'Warning'),
};

export async function onOpenTicket(d: OpenTicketPayload, ctx: AnswerContext): Promise<Prepared> {
  const desk = ctx.tickets;
  if (!desk) return showsNobody(NO_TICKETS);
  const listing = await listAttempts(ctx.source, { correlationId: d.correlationId, now: ctx.now });
  return {
    shows: usersIn(listing.attempts),
    render: async () => {
      const attempt = listing.attempts[0];
      if (!attempt)
        return {
          text: 'That sign-in is no longer in the logs.',
          card: noticeCard('Nothing found', ['That sign-in is no longer in the logs, so no ticket was opened.']),
        };
      const diagnosis = await diagnoseFor(ctx, attempt);
      const who = diagnosis.user.displayName ?? diagnosis.user.userPrincipalName ?? diagnosis.user.id;
      const form: TicketForm = {
        priority: d.priority,
        note: d.note,
        forWhom: d.forWhom || who,
        openedBy: ctx.asker ?? 'unknown',
        openedAt: new Date().toISOString(),
        ...(d.chatId && d.messageId ? { message: { chatId: d.chatId, messageId: d.messageId, personal: d.personal ?? false } } : {}),
      };
      let outcome: TicketOutcome;
      try {
        outcome = await desk.open(attempt.correlationId || d.correlationId, ticketFacts(diagnosis, form));
      } catch (e) {
        throw new DiagError(
          'storageFailed',
          'The ticket request could not be stored, so nothing was sent. Please try again in a moment.',
          (e as Error).message,
        );
      }
      const r = outcome.record;
      if (outcome.fresh && r.state === 'opened')
        await recordAudit(ctx, 'ticketOpened', diagnosis.user.id, 'answered', { asked: `${r.ticket!.number} in ${desk.target.name} about ${r.correlationId}` });
      return ticketAnswer(outcome, diagnosis, ctx, d.correlationId);
    },
  };
}

/** The card and line for a request as it is stored now. */
export function ticketAnswer(o: TicketOutcome, d: Diagnosis, ctx: AnswerContext, correlationId: string): Answer {
  const r = o.record;
  const about = `${d.user.displayName ?? d.user.userPrincipalName ?? d.user.id}'s sign-in to ${d.app.displayName ?? d.app.id ?? 'an app'} at ${formatInTimeZone(d.time, ctx.timeZone)}${d.errorCode ? ` (AADSTS${d.errorCode})` : ''}`;
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
  });
  const text =
    r.state === 'opened'
      ? `Ticket ${r.ticket!.number} ${o.fresh ? 'opened' : 'was already opened'} by ${r.facts.openedBy} in ${o.target}.`
      : r.state === 'queued'
        ? `Ticket queued: ${o.target} did not answer; the request is stored and retried in the background.`
        : r.state === 'sending'
          ? `A ticket for this sign-in is being opened now by ${r.facts.openedBy}.`
          : `No ticket: ${o.target} did not take the request.`;
  return { text, card };
}

/** Where the diagnosis card is in Teams, when the press came from there: the ticket links back to it. */
export function whereDiagnosis(ctx: AnswerContext): { chatId: string; messageId: string; personal: boolean } | undefined {
  if (!ctx.conversation || !ctx.pressedMessageId) return undefined;
  return {
    chatId: ctx.conversation.conversationId,
    messageId: ctx.pressedMessageId,
    personal: (ctx.conversation.conversationType ?? 'personal') !== 'channel',
  };
}
