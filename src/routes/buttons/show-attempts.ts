import { z } from 'zod';
import { diagnoseListing } from '../../query/diagnose-attempts.ts';
import { listAttempts } from '../../query/list-attempts.ts';
import { parseColumns, summaryCard } from '../../cards/summary-card.ts';
import type { AnswerContext } from '../context.ts';
import { appNames, appText, id, iso } from '../payload-fields.ts';
import { appNamesOf, appWords } from '../../app-words.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { decisiveLookup, windowText } from '../common/listing.ts';

/** "All attempts" on a diagnosis, and "Show these columns" on a summary (Teams merges the column chooser's value into the data). */
export const ShowAttemptsPayload = z.object({
  userId: id.optional(),
  app: id.optional(),
  apps: appNames.optional(),
  appText: appText.optional(),
  ip: id.optional(),
  since: iso.optional(),
  until: iso.optional(),
  columns: z.string().max(200).optional(),
});
export type ShowAttemptsPayload = z.infer<typeof ShowAttemptsPayload>;

export async function onShowAttempts(d: ShowAttemptsPayload, ctx: AnswerContext): Promise<Prepared> {
  // The person is fetched once and handed to the listing.
  const user = d.userId ? await ctx.source.getUser(d.userId) : undefined;
  const listing = await listAttempts(ctx.source, {
    user: d.userId,
    knownUser: user,
    apps: appNamesOf(d),
    ip: d.ip,
    since: d.since,
    until: d.until,
    now: ctx.now,
  });
  return {
    shows: usersIn(listing.attempts, user, listing.user, ...(listing.ambiguousUser ?? [])),
    render: async () => {
      const diagnosed = await diagnoseListing(ctx.source, listing, ctx.now);
      const failed = diagnosed.diagnoses.filter((x) => x.scenario !== 'success').length;
      const when = windowText(listing.window.since, listing.window.until, ctx.timeZone, undefined, ctx.now);
      const name = user?.displayName ?? d.userId ?? appWords(d) ?? d.ip ?? 'the query';
      return {
        text: `${diagnosed.diagnoses.length} attempts for ${name}, ${failed} failed.`,
        card: summaryCard({
          title: `Sign-ins for ${name}`,
          subtitle: `${diagnosed.diagnoses.length} attempt${diagnosed.diagnoses.length === 1 ? '' : 's'}, ${failed} failed, ${when}. Newest first.`,
          diagnoses: diagnosed.diagnoses,
          decisiveOf: decisiveLookup(diagnosed),
          timeZone: ctx.timeZone,
          columns: parseColumns(d.columns),
          query: { userId: d.userId, app: d.app, apps: d.apps, appText: d.appText, ip: d.ip, since: d.since, until: d.until },
        }),
      };
    },
  };
}
