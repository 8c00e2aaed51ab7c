import type { Command } from '../../conversation/command.ts';
import { weeklySummaryCard } from '../../cards/weekly-summary-card.ts';
import { windowBefore } from '../../instants.ts';
import { readReport } from '../../report/read.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { windowText } from '../common/listing.ts';

/** A summary without a time covers the week up to now. */
export const SUMMARY_HOURS = 7 * 24;

/**
 * "Weekly summary", "how did sign-ins go last week": the tenant's sign-ins over the window (the
 * last seven days unless the words say otherwise) in numbers and a chart, from the same model as
 * `signin-diag report`, with a link to that report's page. Tenant-wide, so the helpdesk's (table.ts); everyone counted is who it shows.
 */
export async function weeklySummary(c: Command, ctx: AnswerContext): Promise<Prepared> {
  const w = c.since && c.until ? { since: c.since, until: c.until } : windowBefore(c.until ?? ctx.now, SUMMARY_HOURS);
  const read = await readReport(ctx.source, { since: w.since, until: w.until, now: ctx.now, timeZone: ctx.timeZone });
  return {
    shows: read.people,
    render: async () => {
      const m = read.model;
      const when = windowText(w.since, w.until, ctx.timeZone, c.timeText ?? 'in the last 7 days', ctx.now);
      const cut = read.truncated ? ' The source returned fewer sign-ins than the window holds, so these are at least the numbers.' : '';
      return {
        text:
          `${m.totals.attempts} sign-in attempts ${when}: ${m.totals.failed} failed, for ${m.totals.failedPeople} people; ` +
          `${m.incidents.length} incident${m.incidents.length === 1 ? '' : 's'}.${cut}`,
        card: weeklySummaryCard(m, {
          when,
          timeZone: ctx.timeZone,
          locale: ctx.locale ?? 'en',
          // A link the bot serves for an hour, signed for this asker (routes/report-link.ts); the CLI and tests have no server: the command.
          link: ctx.reportLink?.({
            since: w.since,
            until: w.until,
            timeZone: ctx.timeZone,
            locale: ctx.locale ?? 'en',
            ...(ctx.askerId ? { askerId: ctx.askerId } : {}),
            ...(ctx.tenantId ? { tenantId: ctx.tenantId } : {}),
          }) ?? { why: 'report.link.noServer' },
          reportCommand: `signin-diag report --since ${w.since} --until ${w.until} --tz ${ctx.timeZone} --out report.html`,
        }),
      };
    },
  };
}
