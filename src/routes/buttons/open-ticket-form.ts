import { z } from 'zod';
import { ticketFormCard } from '../../cards/ticket-form-card.ts';
import type { AnswerContext } from '../context.ts';
import { t } from '../../i18n/translate.ts';
import { id } from '../payload-fields.ts';
import type { Prepared } from '../prepared.ts';
import { ticketAnswer, whereDiagnosis, withTicketAttempt } from '../common/tickets.ts';

/** "Open a ticket" on a diagnosis: the form (priority, for whom, a note) for that sign-in, or the ticket it already has. */
export const OpenTicketFormPayload = z.object({ correlationId: id });
export type OpenTicketFormPayload = z.infer<typeof OpenTicketFormPayload>;

export function onOpenTicketForm(d: OpenTicketFormPayload, ctx: AnswerContext): Promise<Prepared> {
  // The form names the person, so it is shown only after the presser is checked against the loaded sign-in.
  return withTicketAttempt(d.correlationId, ctx, 'ticket.gone.form', async (desk, attempt, diagnosis, locale) => {
    // A sign-in that already has a ticket (or a queued one) shows it, rather than a form that would open nothing new.
    const existing = await desk.status(attempt.correlationId || d.correlationId);
    if (existing) return ticketAnswer({ record: existing, fresh: false, target: desk.target.name }, diagnosis, ctx, d.correlationId);
    return {
      text: t(locale, 'ticket.form.reply', {
        target: desk.target.name,
        name: diagnosis.user.displayName ?? diagnosis.user.userPrincipalName ?? t(locale, 'ticket.form.thisSignIn'),
      }),
      card: ticketFormCard({ d: diagnosis, target: desk.target.name, timeZone: ctx.timeZone, message: whereDiagnosis(ctx), locale }),
    };
  });
}
