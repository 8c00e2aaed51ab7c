import { AsyncLocalStorage } from 'node:async_hooks';
import type { Priority } from './budget.ts';

/**
 * How long a piece of work may spend waiting for Microsoft Graph in total (a 429's or 503's
 * Retry-After, the backoff between retries). Someone asking in Teams is told when to come
 * back rather than kept waiting: Graph has been seen to ask for an hour (Retry-After: 3600),
 * and honouring that three times held one question for three hours. The lockout watcher has
 * nobody waiting on it and may wait longer.
 */
export const WAIT_CAP_MS: Record<Priority, number> = { interactive: 60_000, background: 15 * 60_000 };

/** What is left of one piece of work's waiting time; shared by every request (and page) of it. */
export class WaitAllowance {
  constructor(public remainingMs: number) {}

  /** Takes `ms` from the allowance; false (and nothing taken) when it is not there. */
  take(ms: number): boolean {
    if (ms > this.remainingMs) return false;
    this.remainingMs -= ms;
    return true;
  }
}

const scope = new AsyncLocalStorage<WaitAllowance>();

/**
 * Runs `work` with one allowance for all the Graph requests made inside it: wrap a whole
 * question in this and the question, not each lookup, waits at most `ms`. Without a scope
 * every lookup (a request with its retries and pages) has its own allowance.
 */
export function withWaitAllowance<T>(ms: number, work: () => Promise<T>): Promise<T> {
  return scope.run(new WaitAllowance(ms), work);
}

export const scopedAllowance = (): WaitAllowance | undefined => scope.getStore();

/** "45 seconds", "60 minutes", "3 hours": how long Graph asked for, rounded up. */
export function waitWords(ms: number): string {
  const s = Math.max(1, Math.ceil(ms / 1000));
  if (s < 120) return `${s} second${s === 1 ? '' : 's'}`;
  const m = Math.ceil(s / 60);
  if (m <= 180) return `${m} minutes`;
  return `${Math.ceil(m / 60)} hours`;
}

/** "14:32 UTC" (the minute after the instant, so "after" holds), with the date when it is not today. */
export function clockWords(at: number, now: number): string {
  const d = new Date(Math.ceil(at / 60_000) * 60_000);
  const hhmm = d.toISOString().slice(11, 16);
  const sameDay = d.toISOString().slice(0, 10) === new Date(now).toISOString().slice(0, 10);
  return sameDay ? `${hhmm} UTC` : `${hhmm} UTC on ${d.getUTCDate()} ${d.toLocaleString('en-GB', { month: 'long', timeZone: 'UTC' })}`;
}

/** The sentence for the person when the service asked for a longer wait than the work may spend. */
export function throttledSentence(status: number, waitMs: number, now: number, alreadyAsked: boolean, service = 'Microsoft Graph'): string {
  const who = status === 429 ? `${service} is throttling this app` : `${service} is overloaded (it answered ${status})`;
  const wait = alreadyAsked ? `it asked us to wait another ${waitWords(waitMs)}` : `it asked us to wait ${waitWords(waitMs)}`;
  return `${who}; ${wait}, so try again after ${clockWords(now + waitMs, now)}.`;
}

/** Retry-After as milliseconds: delay-seconds or an HTTP date (RFC 9110); undefined when absent or unreadable. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (!header) return undefined;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
