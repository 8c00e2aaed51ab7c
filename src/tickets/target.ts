import type { TicketFacts } from './facts.ts';

/** A ticket the helpdesk's system opened: its number as that system shows it, and a link to it when the system gives one. */
export interface OpenedTicket {
  number: string;
  url?: string;
  /** The system answered without a number of its own (a webhook that only accepts): `number` is our reference for the request. */
  ours?: true;
}

/**
 * A ticket system (ServiceNow, Jira Service Management, a webhook). `key` names one request
 * (the target and the sign-in's correlation id): sent with it where the system can keep it, so
 * a retry after a crash between the call and its answer finds the ticket instead of opening a
 * second (`find`).
 */
export interface TicketTarget {
  readonly id: 'servicenow' | 'jira' | 'webhook';
  /** For people: "ServiceNow (contoso.service-now.com)". No secrets. */
  readonly name: string;
  open(t: TicketFacts, key: string): Promise<OpenedTicket>;
  /** The ticket already opened under `key`, where the system can be asked. */
  find?(key: string): Promise<OpenedTicket | undefined>;
}

/**
 * A target that did not open the ticket. `retry`: it may work later (no answer, a timeout, 408,
 * 429, 5xx); otherwise the target refused the request as it is (401, 403, 400: settings or
 * fields to fix), and trying again the same way would only fail the same way.
 */
export class TicketTargetError extends Error {
  constructor(
    message: string,
    readonly retry: boolean,
  ) {
    super(message);
    this.name = 'TicketTargetError';
  }
}

/** How long one call to a ticket system may take: a button press is answered within Teams' limit, the rest is the outbox's. */
export const CALL_TIMEOUT_MS = 8000;

/** A JSON call; any failure becomes a TicketTargetError that says whether to retry. The body of an error is cut: it may echo what was sent. */
export async function callJson(what: string, url: string, init: RequestInit, timeoutMs = CALL_TIMEOUT_MS): Promise<{ status: number; body: unknown }> {
  let res: Response;
  try {
    res = await fetch(url, { ...init, redirect: 'error', signal: AbortSignal.timeout(timeoutMs) });
  } catch (e) {
    const err = e as Error;
    const why = err.name === 'TimeoutError' ? `no answer within ${Math.round(timeoutMs / 1000)} s` : (errorCause(err) ?? err.message);
    throw new TicketTargetError(`${what}: ${why}`, true);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) {
    const retry = res.status === 408 || res.status === 429 || res.status >= 500;
    throw new TicketTargetError(`${what}: HTTP ${res.status}${text ? ` (${text.replace(/\s+/g, ' ').slice(0, 200)})` : ''}`, retry);
  }
  if (!text) return { status: res.status, body: undefined };
  try {
    return { status: res.status, body: JSON.parse(text) as unknown };
  } catch {
    throw new TicketTargetError(`${what}: HTTP ${res.status} with a body that is not JSON`, false);
  }
}

/** Node's fetch says only "fetch failed"; the cause says which (ECONNREFUSED, ENOTFOUND). */
function errorCause(e: Error): string | undefined {
  const c = (e as { cause?: { code?: string; message?: string } }).cause;
  return c ? (c.code ?? c.message) : undefined;
}

export const basicAuth = (user: string, secret: string) => `Basic ${Buffer.from(`${user}:${secret}`).toString('base64')}`;
