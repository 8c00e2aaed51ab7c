import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as z from 'zod/mini';
import { resolveLocale } from '../i18n/locales.ts';
import { hoursBefore } from '../instants.ts';
import { readReport } from '../report/read.ts';
import { CommonSchema, IsoInstant, readArgs } from './args.ts';
import { openChosen, problemLines } from './tenant.ts';
import type { Output } from './output.ts';
import { UsageError } from './usage-error.ts';

const ReportArgs = z.extend(CommonSchema, {
  since: z.optional(IsoInstant),
  until: z.optional(IsoInstant),
  out: z.optional(z.string().check(z.minLength(1, 'must name a file'))),
});

const OPTIONS = { since: { type: 'string' }, until: { type: 'string' }, out: { type: 'string' } } as const;

/** Without --since, a report covers the week before --until: the weekly summary's window. */
export const REPORT_DEFAULT_HOURS = 7 * 24;

/**
 * report --since T --until T --out FILE: the window as one self-contained HTML page with charts
 * (src/report/), in the language of `--locale` (English without it, or for a language we have no
 * catalogue for: then a warning says so). `--json` prints the numbers instead (the report model),
 * and needs no --out.
 */
export async function report(argv: string[]): Promise<Output> {
  const { values: a, positionals } = readArgs(argv, ReportArgs, OPTIONS);
  if (positionals.length) throw new UsageError(`report takes options only; did you mean --out "${positionals.join(' ')}"?`);
  if (!a.out && !a.json) throw new UsageError('report needs --out FILE (the HTML page to write), or --json for the numbers');
  const { source } = await openChosen(a);
  const now = a.now ?? source.asOf() ?? new Date().toISOString();
  const until = a.until ?? now;
  const since = a.since ?? hoursBefore(until, REPORT_DEFAULT_HOURS);
  if (Date.parse(since) > Date.parse(until)) throw new UsageError(`--since ${since} is after --until ${until}`);
  const read = await readReport(source, { since, until, now, timeZone: a.tz });
  const warnings = [
    ...problemLines([...source.loadProblems(), ...read.problems]),
    ...(read.truncated ? ['the source returned fewer sign-ins than the window holds: the numbers are a lower bound (narrow the window)'] : []),
  ];
  if (a.json && !a.out) return { out: JSON.stringify(read.model, null, 2), warnings };
  // The chart library is loaded only to draw a page.
  const { locale, unsupported } = resolveLocale(a.locale);
  if (unsupported) warnings.push(`I write the page in English; ${unsupported} is not supported yet.`);
  const { reportPage } = await import('../report/page.ts');
  const html = await reportPage(read.model, new Date().toISOString(), locale);
  const path = resolve(a.out!);
  writeFileSync(path, html);
  const m = read.model;
  const line = `wrote ${path}: ${m.totals.attempts} sign-in attempts, ${m.totals.failed} failed (${m.totals.failedPeople} people), ${m.incidents.length} incident${m.incidents.length === 1 ? '' : 's'}, ${since} to ${until}`;
  return { out: a.json ? JSON.stringify(m, null, 2) : line, warnings };
}
