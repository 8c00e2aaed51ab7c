import { noticeCard } from '../../cards/simple-cards.ts';
import type { Access } from '../../trust/access.ts';
import type { Answer } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import type { Turn } from '../turn.ts';

/**
 * Loads what the answer will show, checks the asker may see every person in it, and only
 * then renders it. Refusals before loading (a tenant-wide view, a list not pinned to a
 * person) only ever refuse; what is shown is allowed by what was loaded, never by the ids a
 * question or button carried.
 *
 * - full access (the helpdesk, identity admins, the command line): anyone.
 * - limited (everyone else in the organisation): only themselves.
 * - refused (another organisation): no one.
 */
export async function authorize(turn: Turn): Promise<Answer> {
  const { route, payload } = turn.found!;
  const ctx = turn.ctx;
  const a = ctx.access;
  if (route.who === 'anyone') return (await route.handle(payload, ctx)).render();
  const pinned = route.pinned ? route.pinned(payload) : true;
  if (a && a.kind !== 'full' && (a.kind === 'refused' || route.who === 'helpdesk' || !pinned)) {
    turn.refused = {};
    return refusal(a.why);
  }
  const prepared: Prepared = await route.handle(payload, ctx);
  const shows = distinct(prepared.shows);
  if (a && a.kind !== 'full' && !mayShow(a, ctx.askerId, shows)) {
    turn.refused = { withheld: shows };
    return refusal(a.why);
  }
  turn.shows = shows;
  return prepared.render();
}

function refusal(why: string): Answer {
  const lines = [
    why,
    'I can still answer about your own sign-ins ("why can\'t I sign in") and explain error codes ("what does 50126 mean"). To look up other people, ask your identity admin to add you to the helpdesk group.',
  ];
  return { text: why, card: noticeCard('Sorry, I cannot look that up for you', lines, 'Warning') };
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
