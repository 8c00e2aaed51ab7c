import { z } from 'zod';
import { diagnoseListing } from '../../query/diagnose-attempts.ts';
import { listAttempts } from '../../query/list-attempts.ts';
import { parseColumns, summaryCard, summaryPage, type SummaryView } from '../../cards/summary-card.ts';
import type { AnswerContext } from '../context.ts';
import { appNames, appText, id, iso } from '../payload-fields.ts';
import { appNamesOf, appWords } from '../../app-words.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { decisiveLookup, windowText } from './listing.ts';
import type { Locale } from '../../i18n/locales.ts';
import { t } from '../../i18n/translate.ts';

/**
 * The sign-in list's buttons (the column chooser, "Next 12", "Show successes too") ask the
 * same question again with another view of it. Each press lists the attempts again and says
 * whose they are from what it loaded; the ids in the payload only say what to look up.
 */
export const AttemptsQuery = z.object({
  userId: id.optional(),
  app: id.optional(),
  /** Every name the app as typed covers ("outlook" → Outlook Mobile, Exchange Online…), and the words typed. */
  apps: appNames.optional(),
  appText: appText.optional(),
  ip: id.optional(),
  errorCode: z.number().int().optional(),
  since: iso.optional(),
  until: iso.optional(),
  /** The time as the asker wrote it ("this week"), for the words only. */
  timeText: z.string().max(100).optional(),
  /** The chooser's value, merged in by Teams, or the columns the card showed. */
  columns: z.string().max(200).optional(),
});
export type AttemptsQuery = z.infer<typeof AttemptsQuery>;

/** "Sign-ins for Alice Wong to Salesforce", "Sign-ins from 185.220.101.47". */
export function listTitle(name: string | undefined, q: { app?: string; ip?: string }, locale: Locale = 'en'): string {
  const { app, ip } = q;
  if (name) {
    if (app && ip) return t(locale, 'summary.title.forAppIp', { name, app, ip });
    if (app) return t(locale, 'summary.title.forApp', { name, app });
    if (ip) return t(locale, 'summary.title.forIp', { name, ip });
    return t(locale, 'summary.title.for', { name });
  }
  if (ip) return app ? t(locale, 'summary.title.fromApp', { ip, app }) : t(locale, 'summary.title.from', { ip });
  return app ? t(locale, 'summary.title.to', { app }) : t(locale, 'summary.title.toAny');
}

/** "32 attempts, 32 failed, this week (…)." */
export function countsSentence(attempts: number, failed: number, when: string, locale: Locale = 'en'): string {
  return t(locale, 'summary.counts', { attempts, failed, when });
}

export async function attemptsSummary(q: AttemptsQuery, view: SummaryView, ctx: AnswerContext): Promise<Prepared> {
  // The person is fetched once and handed to the listing.
  const user = q.userId ? await ctx.source.getUser(q.userId) : undefined;
  const listing = await listAttempts(ctx.source, {
    user: q.userId,
    knownUser: user,
    apps: appNamesOf(q),
    ip: q.ip,
    errorCode: q.errorCode,
    since: q.since,
    until: q.until,
    now: ctx.now,
  });
  return {
    shows: usersIn(listing.attempts, user, listing.user, ...(listing.ambiguousUser ?? [])),
    render: async () => {
      // Counted from each attempt's own error code (a diagnosis says success exactly when it is 0); only the page shown is diagnosed.
      const attempts = listing.attempts.map((a) => ({ failed: a.decisive.status.errorCode !== 0, userId: a.decisive.userId }));
      const page = summaryPage(attempts, view);
      const diagnosed = await diagnoseListing(ctx.source, { ...listing, attempts: page.shown.map((i) => listing.attempts[i]!) }, ctx.now);
      const locale = ctx.locale ?? 'en';
      const when = windowText(listing.window.since, listing.window.until, ctx.timeZone, q.timeText, ctx.now, locale);
      const title = listTitle(user?.displayName ?? q.userId, { app: appWords(q), ip: q.ip }, locale);
      return {
        text: t(locale, 'reply.list.counts', { title, attempts: attempts.length, failed: page.failed }),
        card: summaryCard({
          title,
          subtitle: countsSentence(attempts.length, page.failed, when, locale),
          diagnoses: { attempts, shown: diagnosed.diagnoses },
          decisiveOf: decisiveLookup(diagnosed),
          timeZone: ctx.timeZone,
          columns: parseColumns(q.columns),
          query: {
            userId: q.userId,
            app: q.app,
            apps: q.apps,
            appText: q.appText,
            ip: q.ip,
            errorCode: q.errorCode,
            timeText: q.timeText,
            since: listing.window.since ?? q.since,
            until: listing.window.until ?? q.until,
          },
          view,
          truncated: listing.truncated,
          locale,
        }),
      };
    },
  };
}
