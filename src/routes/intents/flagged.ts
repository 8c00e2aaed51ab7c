import type { Command } from '../../conversation/command.ts';
import type { Diagnosis } from '../../diagnosis/types.ts';
import { diagnoseListing } from '../../query/diagnose-attempts.ts';
import { listAttempts, type AttemptListing } from '../../query/list-attempts.ts';
import { flaggedCard } from '../../cards/list-cards.ts';
import type { AnswerContext } from '../context.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { defaultWindow, windowText } from '../common/listing.ts';
import { t } from '../../i18n/translate.ts';

/** The newest flagged attempts diagnosed for the card (each is one more read of the log). */
const FLAGGED_DIAGNOSED = 10;

/** "Show flagged sign-ins": the failures users flagged for review from the error page. */
export async function flagged(c: Command, ctx: AnswerContext): Promise<Prepared> {
  const w = defaultWindow(ctx.now, c);
  // Users flag failed sign-ins from the error page, so the failures are where to look.
  const found = await ctx.source.querySignIns({ outcome: 'failure', since: w.since, until: w.until, limit: 20_000 });
  const ids = [
    ...new Set(
      found.events
        .filter((e) => e.flaggedForReview)
        .map((e) => e.correlationId)
        .filter((x): x is string => !!x),
    ),
  ];
  const listings: AttemptListing[] = [];
  for (const correlationId of ids.slice(0, FLAGGED_DIAGNOSED)) listings.push(await listAttempts(ctx.source, { correlationId, now: ctx.now }));
  return {
    shows: listings.flatMap((l) => usersIn(l.attempts)),
    render: async () => {
      const diagnoses: Diagnosis[] = [];
      for (const l of listings) diagnoses.push(...(await diagnoseListing(ctx.source, l, ctx.now)).diagnoses);
      const locale = ctx.locale ?? 'en';
      const when = windowText(c.since, c.until, ctx.timeZone, c.timeText, ctx.now, locale);
      return {
        text: t(locale, 'reply.flagged', { count: ids.length, window: when }),
        card: flaggedCard(diagnoses, when, ctx.timeZone, { total: ids.length, readAll: !found.truncated }, locale),
      };
    },
  };
}
