import type { Diagnosis } from '../diagnosis/types.ts';
import { formatInTimeZone } from '../time-format.ts';
import { renderCard, type Card } from './render.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';
import { scenarioTitle } from './localized.ts';

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
  /** The asker's language; English when absent. */
  locale?: Locale;
}

/** A suggested priority: someone else may have the password, or an emergency account signed in, or risk blocked them, is High; the rest Moderate. */
export function suggestedPriority(d: Diagnosis): '2' | '3' {
  return d.findings.some((f) => f.kind === 'compromise' || f.kind === 'break-glass') || d.scenario === 'risk-blocked' ? '2' : '3';
}

export function ticketFormCard(i: TicketFormInput): Card {
  const { d } = i;
  const locale = i.locale ?? 'en';
  const who = d.user.displayName ?? d.user.userPrincipalName ?? d.user.id;
  const label = (key: 'priority' | 'critical' | 'high' | 'moderate' | 'low' | 'forWhom' | 'note' | 'notePlaceholder' | 'send') =>
    t(locale, `ticket.form.${key}`);
  return renderCard('ticket-form', {
    labels: {
      priority: label('priority'),
      critical: label('critical'),
      high: label('high'),
      moderate: label('moderate'),
      low: label('low'),
      forWhom: label('forWhom'),
      note: label('note'),
      notePlaceholder: label('notePlaceholder'),
      send: label('send'),
    },
    title: t(locale, 'ticket.form.title', { target: i.target }),
    subtitle: `${who} · ${d.app.displayName ?? d.app.id ?? t(locale, 'ticket.form.unknownApp')} · ${formatInTimeZone(d.time, i.timeZone, locale)} · ${scenarioTitle(d, locale)}`,
    priority: suggestedPriority(d),
    forWhom: d.user.userPrincipalName && d.user.displayName ? `${d.user.displayName} (${d.user.userPrincipalName})` : who,
    contents: t(locale, 'ticket.form.contents'),
    send: { correlationId: d.correlationId, ...(i.message ?? {}) },
  });
}
