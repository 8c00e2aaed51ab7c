import { formatInTimeZone } from '../time-format.ts';
import { renderCard, toneStyle, type Card } from './render.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';

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
  /** The asker's language; English when absent. */
  locale?: Locale;
}

export function ticketStatusCard(v: TicketStatusView): Card {
  const locale = v.locale ?? 'en';
  const at = formatInTimeZone(v.at, v.timeZone, locale);
  const { target, by } = v;
  const number = v.number ?? '';
  const facts = [
    { title: t(locale, 'ticket.status.about'), value: v.about },
    { title: t(locale, 'ticket.status.system'), value: v.target },
  ];
  if (v.state === 'opened') {
    const title = v.ours ? t(locale, 'ticket.status.sent', { number, target, by, at }) : t(locale, 'ticket.status.opened', { number, by, at });
    const lines = [...(v.fresh ? [] : [t(locale, 'ticket.status.already')]), ...(v.ours ? [t(locale, 'ticket.status.ours', { target, number })] : [])];
    return renderCard('ticket-status', {
      style: toneStyle('Good'),
      title,
      lines,
      facts,
      url: v.url ?? '',
      urlTitle: t(locale, 'ticket.status.openIt', { number }),
      again: '',
      againTitle: '',
    });
  }
  if (v.state === 'sending')
    return renderCard('ticket-status', {
      style: toneStyle('Default'),
      title: t(locale, 'ticket.status.sendingTitle', { by, at }),
      lines: [t(locale, 'ticket.status.sendingLine', { target })],
      facts,
      url: '',
      urlTitle: '',
      again: v.again,
      againTitle: t(locale, 'ticket.status.checkAgain'),
    });
  if (v.state === 'queued')
    return renderCard('ticket-status', {
      style: toneStyle('Warning'),
      title: t(locale, 'ticket.status.queuedTitle', { target }),
      lines: [
        t(locale, 'ticket.status.queuedLine', {
          by,
          at,
          target,
          hasNext: v.nextTryAt ? 'yes' : 'no',
          next: v.nextTryAt ? formatInTimeZone(v.nextTryAt, v.timeZone, locale) : '',
        }),
        ...(v.lastError ? [t(locale, 'ticket.status.lastTry', { tries: v.tries, error: v.lastError })] : []),
      ],
      facts,
      url: '',
      urlTitle: '',
      again: v.again,
      againTitle: t(locale, 'ticket.status.checkAgain'),
    });
  return renderCard('ticket-status', {
    style: toneStyle('Attention'),
    title: t(locale, 'ticket.status.failedTitle', { target }),
    lines: [
      ...(v.lastError ? [t(locale, 'ticket.status.answered', { target, error: v.lastError })] : []),
      t(locale, 'ticket.status.tried', { tries: v.tries }),
    ],
    facts,
    url: '',
    urlTitle: '',
    again: v.again,
    againTitle: t(locale, 'ticket.status.tryAgain'),
  });
}
