import type { Diagnosis } from '../diagnosis/types.ts';
import { formatInTimeZone } from '../time-format.ts';
import { renderCard, type Card } from './render.ts';

/**
 * "Open a ticket": a short form before anything is sent: the priority, who it is for
 * (prefilled with the person), a note. Its button sends the sign-in's correlation id, and
 * where the diagnosis card is in Teams (for the ticket's link back); the handler loads the
 * sign-in again by that id and checks the presser may see it, so nothing here is trusted.
 */
export interface TicketFormInput {
  d: Diagnosis;
  /** The ticket system, for people: "ServiceNow (contoso.service-now.com)". */
  target: string;
  timeZone: string;
  /** Where the diagnosis card is, when the press came from Teams. */
  message?: { chatId: string; messageId: string; chat: boolean };
}

/** A suggested priority: someone else may have the password, or an emergency account signed in, or risk blocked them, is High; the rest Moderate. */
export function suggestedPriority(d: Diagnosis): '2' | '3' {
  return d.findings.some((f) => f.kind === 'compromise' || f.kind === 'break-glass') || d.scenario === 'risk-blocked' ? '2' : '3';
}

export function ticketFormCard(i: TicketFormInput): Card {
  const { d } = i;
  const who = d.user.displayName ?? d.user.userPrincipalName ?? d.user.id;
  return renderCard('ticket-form', {
    title: `Open a ticket in ${i.target}`,
    subtitle: `${who} · ${d.app.displayName ?? d.app.id ?? 'unknown app'} · ${formatInTimeZone(d.time, i.timeZone)} · ${d.title}`,
    priority: suggestedPriority(d),
    forWhom: d.user.userPrincipalName && d.user.displayName ? `${d.user.displayName} (${d.user.userPrincipalName})` : who,
    contents:
      'The ticket holds who and when, the app, the diagnosis, the correlation id, request id and time, the Conditional Access policies involved, ' +
      'the recommended actions and who takes them, links to this diagnosis and to the sign-in logs, and your name. One ticket per sign-in: pressing again shows the same one.',
    send: { correlationId: d.correlationId, ...(i.message ?? {}) },
  });
}
