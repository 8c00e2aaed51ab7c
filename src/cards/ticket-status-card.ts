import { formatInTimeZone } from '../time-format.ts';
import { renderCard, toneStyle, type Card } from './render.ts';

/**
 * What came of "Open the ticket", said as it is: opened (its number, who opened it, when, a
 * link), being opened by another press right now, queued because the system could not take it (no answer, busy)
 * (stored, retried in the background, when next), or refused (why, and what to do).
 */
export interface TicketStatusView {
  state: 'opened' | 'sending' | 'queued' | 'failed';
  /** This press sent it (or found it already there). */
  fresh: boolean;
  target: string;
  number?: string;
  url?: string;
  /** The number is our reference: the system answered without one of its own. */
  ours?: boolean;
  /** Who opened it (the first press), and when (opened, or when the request was stored). */
  by: string;
  at: string;
  nextTryAt?: string;
  lastError?: string;
  tries: number;
  /** "Bob Kelly's sign-in to Salesforce at 2026-11-20 10:42 PST (AADSTS53003)". */
  about: string;
  timeZone: string;
  /** The press again: the same request (it opens nothing new while one exists). */
  again: Record<string, unknown>;
}

export function ticketStatusCard(v: TicketStatusView): Card {
  const at = formatInTimeZone(v.at, v.timeZone);
  const facts = [
    { title: 'About', value: v.about },
    { title: 'Ticket system', value: v.target },
  ];
  if (v.state === 'opened') {
    const title = v.ours ? `Request ${v.number} sent to ${v.target} by ${v.by} at ${at}` : `Ticket ${v.number} opened by ${v.by} at ${at}`;
    const lines = [
      ...(v.fresh ? [] : ['This sign-in already had this ticket, so nothing new was opened.']),
      ...(v.ours ? [`${v.target} accepted it without a ticket number of its own; ${v.number} is the reference it was sent with.`] : []),
    ];
    return renderCard('ticket-status', {
      style: toneStyle('Good'),
      title,
      lines,
      facts,
      url: v.url ?? '',
      urlTitle: `Open ${v.number}`,
      again: '',
      againTitle: '',
    });
  }
  if (v.state === 'sending')
    return renderCard('ticket-status', {
      style: toneStyle('Default'),
      title: `A ticket is being opened now (by ${v.by} at ${at})`,
      lines: [`Another press is sending it to ${v.target}; nothing new was opened. Check again in a moment for its number.`],
      facts,
      url: '',
      urlTitle: '',
      again: v.again,
      againTitle: 'Check again',
    });
  if (v.state === 'queued')
    return renderCard('ticket-status', {
      style: toneStyle('Warning'),
      title: `Ticket queued, will retry: ${v.target} could not take it now`,
      lines: [
        `The request ${v.by} made at ${at} is stored and sent again in the background${v.nextTryAt ? ` (next try around ${formatInTimeZone(v.nextTryAt, v.timeZone)})` : ''}. It is opened once, when ${v.target} takes it; pressing again opens nothing new.`,
        ...(v.lastError ? [`Last try (${v.tries}): ${v.lastError}`] : []),
      ],
      facts,
      url: '',
      urlTitle: '',
      again: v.again,
      againTitle: 'Check again',
    });
  return renderCard('ticket-status', {
    style: toneStyle('Attention'),
    title: `No ticket: ${v.target} did not take the request`,
    lines: [
      ...(v.lastError ? [`${v.target} answered: ${v.lastError}`] : []),
      `Tried ${v.tries} time${v.tries === 1 ? '' : 's'}. Try again below, or ask an admin to check the ticket settings (README, Tickets).`,
    ],
    facts,
    url: '',
    urlTitle: '',
    again: v.again,
    againTitle: 'Try again',
  });
}
