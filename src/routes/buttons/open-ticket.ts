import { z } from 'zod';
import { listAttempts } from '../../query/list-attempts.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { DiagError } from '../../errors.ts';
import { Priority, ticketFacts, type TicketForm } from '../../tickets/facts.ts';
import type { TicketOutcome } from '../../tickets/desk.ts';
import type { AnswerContext } from '../context.ts';
import { t } from '../../i18n/translate.ts';
import { id } from '../payload-fields.ts';
import { showsNobody, usersIn, type Prepared } from '../prepared.ts';
import { diagnoseFor } from '../common/diagnose-for.ts';
import { recordAudit } from '../middleware/audit.ts';
import { noTickets, ticketAnswer } from '../common/tickets.ts';

/**
 * "Open the ticket" on the form (its inputs arrive in the data), and "Check again" on a queued
 * one. The correlation id is all that decides what the ticket is about: the sign-in is loaded by
 * it and the presser checked against it (authorize) before anything is built or sent. Where the
 * diagnosis card is in Teams (chat and message ids) only makes the ticket's link back.
 */
export const OpenTicketPayload = z.object({
  correlationId: id,
  // The form prefills these; a press without them (Check again, an older card) gets the defaults: Moderate, the person.
  priority: Priority.default('3'),
  forWhom: z.string().trim().max(300).default(''),
  note: z.string().trim().max(2000).default(''),
  chatId: id.optional(),
  messageId: id.optional(),
  chat: z.boolean().optional(),
});
export type OpenTicketPayload = z.infer<typeof OpenTicketPayload>;

export async function onOpenTicket(d: OpenTicketPayload, ctx: AnswerContext): Promise<Prepared> {
  const desk = ctx.tickets;
  if (!desk) return showsNobody(noTickets(ctx.locale));
  const listing = await listAttempts(ctx.source, { correlationId: d.correlationId, now: ctx.now });
  return {
    shows: usersIn(listing.attempts),
    render: async () => {
      const locale = ctx.locale ?? 'en';
      const attempt = listing.attempts[0];
      if (!attempt)
        return {
          text: t(locale, 'ticket.gone.text'),
          card: noticeCard(t(locale, 'ticket.gone.title'), [t(locale, 'ticket.gone.open')]),
        };
      const diagnosis = await diagnoseFor(ctx, attempt);
      const who = diagnosis.user.displayName ?? diagnosis.user.userPrincipalName ?? diagnosis.user.id;
      const form: TicketForm = {
        priority: d.priority,
        note: d.note,
        forWhom: d.forWhom || who,
        openedBy: ctx.asker ?? 'unknown',
        openedAt: new Date().toISOString(),
        ...(d.chatId && d.messageId ? { message: { chatId: d.chatId, messageId: d.messageId, chat: d.chat ?? false } } : {}),
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
