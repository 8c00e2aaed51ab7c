import type { Attempt } from '../diagnosis/attempts.ts';
import type { User } from '../signins/directory.ts';
import type { Answer } from './context.ts';

/**
 * Every question and every button is answered in two steps: a route's handler loads what
 * the reply will show and says whose it is, then (once the asker is checked against that,
 * middleware/authorize.ts) renders it. Whose it is comes from the loaded records (the
 * sign-ins' user ids, the directory entries a "which one?" card lists), never from the ids a
 * question or a button carried: a button is a payload anyone can forge.
 */
export interface Prepared {
  /** Directory ids of everyone whose sign-ins or directory entry the rendered reply shows (or counts). */
  shows: readonly string[];
  render(): Promise<Answer>;
}

/** A reply that shows nobody's sign-ins (a notice, help). */
export function showsNobody(answer: Answer): Prepared {
  return { shows: [], render: async () => answer };
}

/** The people whose rows are in these attempts: every event, not only the decisive one. */
export function usersIn(attempts: readonly Attempt[], ...also: (User | undefined)[]): string[] {
  return [...also.filter((u): u is User => !!u).map((u) => u.id), ...attempts.flatMap((a) => a.events.map((e) => e.userId))];
}
