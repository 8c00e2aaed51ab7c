import { listAttempts } from '../query/list-attempts.ts';
import { resolveUser } from '../query/resolve.ts';
import type { AnswerContext } from './answer.ts';

/**
 * Someone without helpdesk rights may still ask about their own sign-ins: a question (or a
 * button) is let through when everything it names is the asker. Anything it cannot pin to
 * the asker (a name matching several people, an IP, an app across everyone) is not.
 */
export interface Subject {
  /** A name, address or id as typed. */
  user?: string;
  /** A directory id from a button. */
  userId?: string;
  correlationId?: string;
  requestId?: string;
  ip?: string;
}

export async function onlyAboutAsker(s: Subject, ctx: AnswerContext): Promise<boolean> {
  const me = ctx.askerId?.toLowerCase();
  if (!me || s.ip) return false;
  if (s.userId) return s.userId.toLowerCase() === me;
  if (s.user) {
    const r = await resolveUser(ctx.source, s.user, ctx.allUsers);
    return r.kind === 'one' && r.user.id.toLowerCase() === me;
  }
  if (s.correlationId || s.requestId) {
    const listing = await listAttempts(ctx.source, { correlationId: s.correlationId, requestId: s.requestId, now: ctx.now });
    return listing.attempts.length > 0 && listing.attempts.every((a) => a.events.every((e) => e.userId.toLowerCase() === me));
  }
  return false;
}
