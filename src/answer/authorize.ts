import type { Attempt } from '../diagnosis/attempts.ts';
import type { User } from '../signins/directory.ts';
import type { Access } from '../trust/access.ts';
import type { Reply } from './answer.ts';

/**
 * Who may see what a reply shows. Every question and every button is answered in two steps:
 * load what the reply will show, then check the asker may see every person in it, then
 * render. The check reads the loaded records (the sign-ins' user ids, the directory entries
 * a "which one?" card lists), never the ids a question or a button carried: a button is a
 * payload anyone can forge.
 *
 * - full access (the helpdesk, identity admins, the command line): anyone.
 * - limited (everyone else in the organisation): only themselves.
 * - refused (another organisation): no one.
 */
export type Answer = Omit<Reply, 'command'>;

/** A reply loaded and not yet rendered. */
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

/** Every id once, compared without case (directory ids are GUIDs; logs and Graph differ in case). */
export function distinct(ids: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const id of ids) if (!seen.has(id.toLowerCase())) seen.set(id.toLowerCase(), id);
  return [...seen.values()];
}

export function mayShow(access: Access | undefined, askerId: string | undefined, shows: readonly string[]): boolean {
  if (!access || access.kind === 'full') return true;
  if (access.kind === 'refused') return false;
  const me = askerId?.toLowerCase();
  return shows.every((id) => !!me && id.toLowerCase() === me);
}
