import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Claim } from './store.ts';

/**
 * Who is sending a card right now, and when a recorded intent ("sending") has been abandoned.
 * Teams' send API has no idempotency key, so the store records the intent before each send;
 * an intent whose process is gone before it recorded the outcome may or may not have reached
 * Teams, and is sent once more, marked as a possible repeat. One that another live process
 * holds is left alone: sending it too would post the card twice.
 */
export interface Runner {
  host: string;
  pid: number;
  /** Unique per NotificationService start, so a restart (even with the same pid) is a new runner. */
  run: string;
}

export const newRunner = (): Runner => ({ host: hostname(), pid: process.pid, run: randomUUID() });

/**
 * How long another host's intent is trusted to be in progress. Far above one send (the
 * connector client retries a few times within seconds), so a slow live instance is never
 * doubled; a crashed instance on another host is covered after this long.
 */
export const CLAIM_TIMEOUT_MS = 5 * 60_000;

/** Sends in progress in this process: `${run}|${deliveryKey}` → settles once the outcome is stored. */
const inFlight = new Map<string, Promise<unknown>>();

export function track<T>(runner: Runner, key: string, work: Promise<T>): Promise<T> {
  const id = `${runner.run}|${key}`;
  inFlight.set(id, work);
  return work.finally(() => inFlight.delete(id));
}

/** The send of this claim that is running in this process, if it is. */
export const runningHere = (c: Claim, key: string): Promise<unknown> | undefined =>
  c.host === hostname() && c.pid === process.pid ? inFlight.get(`${c.run}|${key}`) : undefined;

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export function claimAbandoned(c: Claim, key: string, nowMs: number): boolean {
  if (c.host === hostname()) {
    // This process: abandoned unless its send is running (an earlier start with the same pid, as in a container, is gone).
    if (c.pid === process.pid) return !inFlight.has(`${c.run}|${key}`);
    if (!pidAlive(c.pid)) return true;
  }
  return nowMs - Date.parse(c.at) > CLAIM_TIMEOUT_MS;
}
