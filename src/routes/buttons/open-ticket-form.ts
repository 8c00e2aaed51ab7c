import { z } from 'zod';
import { listAttempts } from '../../query/list-attempts.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { ticketFormCard } from '../../cards/ticket-form-card.ts';
import type { AnswerContext } from '../context.ts';
import { t } from '../../i18n/translate.ts';
import { id } from '../payload-fields.ts';
import { showsNobody, usersIn, type Prepared } from '../prepared.ts';
import { diagnoseFor } from '../common/diagnose-for.ts';
import { noTickets, ticketAnswer, whereDiagnosis } from '../common/tickets.ts';

/** "Open a ticket" on a diagnosis: the form (priority, for whom, a note) for that sign-in, or the ticket it already has. */
export const OpenTicketFormPayload = z.object({ correlationId: id });
export type OpenTicketFormPayload = z.infer<typeof OpenTicketFormPayload>;

export async function onOpenTicketForm(d: OpenTicketFormPayload, ctx: AnswerContext): Promise<Prepared> {
  const desk = ctx.tickets;
  if (!desk) return showsNobody(noTickets(ctx.locale));
  // Loaded by its id before anything is shown: the form names the person, so the asker is checked against the sign-in (authorize).
  const listing = await listAttempts(ctx.source, { correlationId: d.correlationId, now: ctx.now });
  return {
    shows: usersIn(listing.attempts),
    render: async () => {
      const locale = ctx.locale ?? 'en';
      const attempt = listing.attempts[0];
      if (!attempt)
        return {
          text: t(locale, 'ticket.gone.text'),
          card: noticeCard(t(locale, 'ticket.gone.title'), [t(locale, 'ticket.gone.form')]),
        };
      const diagnosis = await diagnoseFor(ctx, attempt);
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
    },
  };
}
