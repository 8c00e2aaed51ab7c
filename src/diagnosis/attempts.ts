import type { SignIn } from '../signins/signin.ts';

/**
 * An attempt is the group of events that share a correlationId: an MFA interrupt, a
 * "stay signed in?" prompt and the final result are rows of one attempt (scenarios.md).
 * Events without a correlationId stand alone.
 */
export interface Attempt {
  correlationId: string;
  /** Oldest first. */
  events: SignIn[];
  /** The event that says how the attempt ended. */
  decisive: SignIn;
}

/**
 * Codes logged as failures that are normal steps of a sign-in: another row of the same
 * attempt carries the outcome (signin-schema.md §8).
 */
export const INTERRUPT_CODES: ReadonlySet<number> = new Set([50074, 50076, 50140, 50125, 50199, 50072, 50079, 50058, 50158]);

const time = (s: SignIn) => Date.parse(s.createdDateTime);

/** Groups events into attempts, newest attempt first (by its latest event). */
export function groupAttempts(events: readonly SignIn[]): Attempt[] {
  const groups = new Map<string, SignIn[]>();
  for (const e of events) {
    const key = e.correlationId ? e.correlationId.toLowerCase() : `event:${e.id}`;
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    if (!list.some((x) => x.id === e.id)) list.push(e);
  }
  const attempts: Attempt[] = [];
  for (const [key, list] of groups) {
    list.sort((a, b) => time(a) - time(b) || a.id.localeCompare(b.id));
    attempts.push({ correlationId: key.startsWith('event:') ? '' : list[0]!.correlationId!, events: list, decisive: decisiveEvent(list) });
  }
  attempts.sort((a, b) => latest(b) - latest(a) || b.correlationId.localeCompare(a.correlationId));
  return attempts;
}

function latest(a: Attempt): number {
  return time(a.events[a.events.length - 1]!);
}

/**
 * The last event that is not an interrupt; when every row is an interrupt (the user gave
 * up at the prompt), the last row.
 */
export function decisiveEvent(oldestFirst: readonly SignIn[]): SignIn {
  for (let i = oldestFirst.length - 1; i >= 0; i--) {
    const e = oldestFirst[i]!;
    if (!INTERRUPT_CODES.has(e.status.errorCode)) return e;
  }
  return oldestFirst[oldestFirst.length - 1]!;
}
