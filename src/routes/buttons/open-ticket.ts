import { z } from 'zod';
import { DiagError } from '../../errors.ts';
import { t } from '../../i18n/translate.ts';
import { Priority, ticketFacts, type TicketForm } from '../../tickets/facts.ts';
import type { TicketOutcome } from '../../tickets/desk.ts';
import type { AnswerContext } from '../context.ts';
import { id } from '../payload-fields.ts';
import type { Prepared } from '../prepared.ts';
import { recordAudit } from '../middleware/audit.ts';
import { ticketAnswer, withTicketAttempt } from '../common/tickets.ts';

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

export function onOpenTicket(d: OpenTicketPayload, ctx: AnswerContext): Promise<Prepared> {
  return withTicketAttempt(d.correlationId, ctx, 'ticket.gone.open', async (desk, attempt, diagnosis) => {
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
      throw new DiagError('storageFailed', t(ctx.locale ?? 'en', 'reply.ticket.notStored'), (e as Error).message);
    }
    const r = outcome.record;
    if (outcome.fresh && r.state === 'opened')
      await recordAudit(ctx, 'ticketOpened', diagnosis.user.id, 'answered', { asked: `${r.ticket!.number} in ${desk.target.name} about ${r.correlationId}` });
    return ticketAnswer(outcome, diagnosis, ctx, d.correlationId);
  });
}
