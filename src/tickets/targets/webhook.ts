import { createHash, createHmac } from 'node:crypto';
import { z } from 'zod';
import type { TicketFacts } from '../facts.ts';
import { ticketSummary } from '../facts.ts';
import { plainTextBody } from '../formats.ts';
import { callJson, type OpenedTicket, type TicketTarget } from '../target.ts';

/**
 * Any other system (Power Automate, Zendesk, Freshservice, a script): one JSON POST, signed.
 * `X-Signature-256: sha256=<hex HMAC-SHA256 of the raw body with the shared secret>`; the body
 * carries `sentAt`, which `X-Signature-Timestamp` repeats, so a receiver can refuse an old
 * body replayed (the signature covers the time). `Idempotency-Key` is the request's key: a
 * retry after a crash sends the same key, and a receiver that keeps keys opens one ticket.
 * The receiver may answer `{ "number": "…", "url": "…" }` (or `id`/`key`); with no number, the
 * card shows our reference for the request.
 */
export interface WebhookOptions {
  url: string;
  secret: string;
}

export const SIGNATURE_HEADER = 'x-signature-256';
export const TIMESTAMP_HEADER = 'x-signature-timestamp';

const Answer = z
  .object({
    number: z.union([z.string(), z.number()]).optional(),
    id: z.union([z.string(), z.number()]).optional(),
    key: z.string().optional(),
    // Shown as a button on the card: only a web page.
    url: z
      .string()
      .url()
      .refine((u) => u.startsWith('https://'))
      .optional()
      .catch(undefined),
  })
  .passthrough();

export function signature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/** Our reference for a request when the receiver gives none: short, stable for the key. */
export const reference = (key: string) => `REQ-${createHash('sha256').update(key).digest('hex').slice(0, 8).toUpperCase()}`;

export class WebhookTarget implements TicketTarget {
  readonly id = 'webhook' as const;
  readonly name: string;

  constructor(
    private readonly o: WebhookOptions,
    private readonly clock: () => Date = () => new Date(),
  ) {
    this.name = `the ticket webhook (${new URL(o.url).host})`;
  }

  async open(t: TicketFacts, key: string): Promise<OpenedTicket> {
    const sentAt = this.clock();
    const body = JSON.stringify({
      type: 'signin-diag.ticket',
      version: 1,
      key,
      sentAt: sentAt.toISOString(),
      summary: ticketSummary(t),
      text: plainTextBody(t),
      ticket: t,
    });
    const r = await callJson('The ticket webhook', this.o.url, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        Accept: 'application/json',
        'Idempotency-Key': key,
        [SIGNATURE_HEADER]: signature(this.o.secret, body),
        [TIMESTAMP_HEADER]: String(Math.floor(sentAt.getTime() / 1000)),
      },
      body,
    });
    const a = Answer.safeParse(r.body ?? {});
    const number = a.success ? (a.data.number ?? a.data.key ?? a.data.id) : undefined;
    const url = a.success ? a.data.url : undefined;
    return number !== undefined && String(number).length
      ? { number: String(number).slice(0, 60), ...(url ? { url } : {}) }
      : { number: reference(key), ours: true };
  }
}
