import { diagnoseListing } from '../../query/diagnose-attempts.ts';
import { listAttempts } from '../../query/list-attempts.ts';
import { lockoutsCard } from '../../cards/list-cards.ts';
import { LOCKOUT_CODE } from '../../diagnosis/lock-run.ts';
import type { AnswerContext } from '../context.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { windowText } from './listing.ts';
import { t } from '../../i18n/translate.ts';

/** The window a lockouts card lists, and how it was asked: its "Next" button sends it back with the next page. */
export interface LockoutsWindow {
  since: string;
  until: string;
  timeText?: string;
  /** Whether the asker named the window (else it is the default 48 hours, said as such). */
  asked: boolean;
}

/** Everyone's 50053 lockouts in the window, one line per person, a page of ten (the lockouts intent and its Next button). */
export async function lockoutsIn(w: LockoutsWindow, ctx: AnswerContext, page: number): Promise<Prepared> {
  const listing = await listAttempts(ctx.source, { errorCode: LOCKOUT_CODE, since: w.since, until: w.until, now: ctx.now });
  return {
    shows: usersIn(listing.attempts),
    render: async () => {
      const diagnosed = await diagnoseListing(ctx.source, listing, ctx.now);
      const locked = diagnosed.diagnoses.filter((d) => d.scenario === 'account-locked');
      const locale = ctx.locale ?? 'en';
      const people = new Set(locked.map((d) => d.user.id)).size;
      const when = w.asked
        ? windowText(w.since, w.until, ctx.timeZone, w.timeText, ctx.now, locale)
        : windowText(undefined, undefined, ctx.timeZone, w.timeText, ctx.now, locale);
      return {
        text: people ? t(locale, 'reply.lockouts.some', { count: people, window: when }) : t(locale, 'reply.lockouts.none', { window: when }),
        card: lockoutsCard(locked, when, ctx.timeZone, { window: w, page }, locale),
      };
    },
  };
}
