import type { ReportModel } from '../report/model.ts';
import { localizeTimes } from '../time-format.ts';
import { md, type Markdown } from './markdown.ts';
import { renderCard, toneStyle, type Card } from './render.ts';

/**
 * "Weekly summary", "how did sign-ins go this week": the report model (src/report/) as a card.
 * Headline numbers, failures per day by cause as Teams' stacked bar chart
 * (Chart.VerticalBar.Grouped with stacked: true) whose `fallback` is the same numbers as a fact
 * list for a client without charts (older Teams, the Agents Playground, the open-source
 * renderer), the top causes, the incidents, and how to get the full report (the CLI command
 * with this very window). Every number is one the report page shows for the same window.
 */

const CAUSES_SHOWN = 5;
const INCIDENTS_SHOWN = 3;

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const pct = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)}%` : '0%');

/** "Mon 16" for a day, "09:00" for an hour: short enough for a chart's axis at 320 px. */
export function bucketLabel(key: string, unit: 'day' | 'hour'): string {
  if (unit === 'hour') return key.slice(11);
  const d = new Date(`${key}T00:00:00Z`);
  return `${d.toLocaleDateString('en-GB', { weekday: 'short', timeZone: 'UTC' })} ${d.getUTCDate()}`;
}

export interface WeeklySummaryOptions {
  /** "this week (Monday 16 November 00:00 – Saturday 21 November 01:00, UTC)". */
  when: string;
  timeZone: string;
  /** The CLI command that writes the full report for the same window. */
  reportCommand: string;
}

export function weeklySummaryCard(m: ReportModel, o: WeeklySummaryOptions): Card {
  const t = m.totals;
  const unit = m.buckets.unit;
  const causes = [...new Set(m.overTime.map((c) => c.cause))];
  // Ordered as the causes rank (the model's), the "Other causes" band last.
  const rank = (c: string) => {
    const i = m.causes.findIndex((x) => x.cause === c);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  causes.sort((a, b) => rank(a) - rank(b));
  const cell = (bucket: string, cause: string) => m.overTime.find((c) => c.bucket === bucket && c.cause === cause)?.failures ?? 0;
  const series = causes.map((cause) => ({
    legend: cause,
    values: m.buckets.keys.map((k) => ({ x: bucketLabel(k, unit), y: cell(k, cause) })),
  }));
  const perBucket = m.buckets.keys.map((k) => {
    const total = m.overTime.filter((c) => c.bucket === k).reduce((n, c) => n + c.failures, 0);
    const top = m.overTime.filter((c) => c.bucket === k).sort((a, b) => b.failures - a.failures || rank(a.cause) - rank(b.cause))[0];
    return { title: bucketLabel(k, unit), value: total ? `${plural(total, 'failure')}, most: ${top!.cause} (${top!.failures})` : 'no failures' };
  });
  const shown = m.incidents.slice(0, INCIDENTS_SHOWN);
  const incidents = shown.map((i) => localizeTimes(i.what, o.timeZone));
  if (m.incidents.length > shown.length) incidents.push(`… and ${plural(m.incidents.length - shown.length, 'more incident')}: the full report lists them.`);
  const reportHint: Markdown = md`The full report (failures over time, people and apps, MFA and legacy-auth use, report-only policies that would have blocked) is one HTML page: ${o.reportCommand}`;
  return renderCard('weekly-summary', {
    title: `Sign-ins ${o.when}`,
    style: toneStyle(m.incidents.length ? 'Warning' : 'Default'),
    headline: t.attempts
      ? `${plural(t.attempts, 'sign-in attempt')}; ${t.failed} failed (${pct(t.failed, t.attempts)}), for ${plural(t.failedPeople, 'person', 'people')} of ${t.people}.`
      : 'No sign-in attempt in this window.',
    numbers: [
      { title: 'Sign-in attempts', value: String(t.attempts) },
      { title: 'Failed', value: `${t.failed} (${pct(t.failed, t.attempts)})` },
      { title: 'People with a failure', value: `${t.failedPeople} of ${t.people}` },
      { title: 'Incidents', value: String(m.incidents.length) },
      {
        title: 'MFA on interactive sign-ins',
        value: m.mfa.signIns ? `${pct(m.mfa.multiFactor, m.mfa.signIns)} of ${m.mfa.signIns}` : 'none signed in interactively',
      },
      { title: 'Legacy-auth attempts', value: m.legacy.attempts ? `${m.legacy.attempts} (${m.legacy.succeeded} got through)` : '0' },
    ],
    chartTitle: `Failures per ${unit} by cause (${o.timeZone})`,
    series: t.failed ? series : [],
    perBucket,
    causes: m.causes.slice(0, CAUSES_SHOWN).map((c) => ({
      title: c.cause,
      value: `${plural(c.failures, 'failure')}, ${plural(c.people, 'person', 'people')} (AADSTS${c.errorCodes.slice(0, 3).join(', ')})`,
    })),
    incidentsTitle: plural(m.incidents.length, 'incident') + ': failures of several people with one cause',
    incidents,
    reportHint,
  });
}
