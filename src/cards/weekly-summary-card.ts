import type { ReportModel } from '../report/model.ts';
import { OTHER_CAUSES } from '../report/model.ts';
import type { Locale } from '../i18n/locales.ts';
import { t, type MessageKey } from '../i18n/translate.ts';
import { wordsOf } from '../i18n/message.ts';
import { formatInTimeZone, localizeTimes } from '../time-format.ts';
import { md, type Markdown } from './markdown.ts';
import { renderCard, toneStyle, type Card } from './render.ts';

/**
 * "Weekly summary", "how did sign-ins go this week": the report model (src/report/) as a card,
 * in the asker's language. Headline numbers, failures per day by cause as Teams' stacked bar
 * chart (Chart.VerticalBar.Grouped with stacked: true) whose `fallback` is the same numbers as a
 * fact list for a client without charts (older Teams, the Agents Playground, the open-source
 * renderer), the top causes, the incidents, and the full report: a link the bot serves for an
 * hour (routes/report-link.ts), or, where it cannot, the CLI command with this very window and
 * why there is no link. Every number is one the report page shows for the same window.
 */

const CAUSES_SHOWN = 5;
const INCIDENTS_SHOWN = 3;

const pct = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)}%` : '0%');

/** A zone as people write it: "America/Los Angeles", on the card's every line (windowText says it so too). */
export const zoneWords = (timeZone: string) => timeZone.replace(/_/g, ' ');

/** "Mon 16" for a day ("Mo. 16", "月 16" …), "09:00" for an hour: short enough for a chart's axis at 320 px. */
export function bucketLabel(key: string, unit: 'day' | 'hour', locale: Locale = 'en'): string {
  if (unit === 'hour') return key.slice(11);
  const d = new Date(`${key}T00:00:00Z`);
  return `${d.toLocaleDateString(locale === 'en' ? 'en-GB' : locale, { weekday: 'short', timeZone: 'UTC' })} ${d.getUTCDate()}`;
}

export interface WeeklySummaryOptions {
  /** "this week (Monday 16 November 00:00 – Saturday 21 November 01:00, UTC)": the English title's words. */
  when: string;
  timeZone: string;
  /** The CLI command that writes the full report for the same window. */
  reportCommand: string;
  /** The bot's link to the same page, and when it stops working; or why there is none. */
  link?: { url: string; expires: number } | { why: MessageKey };
  locale?: Locale;
}

export function weeklySummaryCard(m: ReportModel, o: WeeklySummaryOptions): Card {
  const locale = o.locale ?? 'en';
  // Each count is also handed over as text (`<name>N`): the plural picks the word, the digits stay as the facts show them (4887, not 4,887).
  const say = (key: MessageKey, values: Record<string, string | number> = {}) =>
    t(locale, key, {
      ...values,
      ...Object.fromEntries(
        Object.entries(values)
          .filter(([, v]) => typeof v === 'number')
          .map(([k, v]) => [`${k}N`, String(v)]),
      ),
    });
  const tm = m.totals;
  const unit = m.buckets.unit;
  // A cause in the reader's words: its scenario's title from the catalogue, "Other causes" the band beyond the top few.
  const scenarioOf = new Map(m.causes.map((c) => [c.cause, c.scenario]));
  const causeWords = (cause: string) => {
    if (locale === 'en') return cause;
    if (cause === OTHER_CAUSES) return say('weekly.otherCauses');
    const id = scenarioOf.get(cause);
    const key = `scenario.${id}.title` as MessageKey;
    const words = id ? say(key) : cause;
    return words === key ? cause : words;
  };
  const causes = [...new Set(m.overTime.map((c) => c.cause))];
  // Ordered as the causes rank (the model's), the "Other causes" band last.
  const rank = (c: string) => {
    const i = m.causes.findIndex((x) => x.cause === c);
    return i < 0 ? Number.MAX_SAFE_INTEGER : i;
  };
  causes.sort((a, b) => rank(a) - rank(b));
  const cell = (bucket: string, cause: string) => m.overTime.find((c) => c.bucket === bucket && c.cause === cause)?.failures ?? 0;
  const series = causes.map((cause) => ({
    legend: causeWords(cause),
    values: m.buckets.keys.map((k) => ({ x: bucketLabel(k, unit, locale), y: cell(k, cause) })),
  }));
  const perBucket = m.buckets.keys.map((k) => {
    const total = m.overTime.filter((c) => c.bucket === k).reduce((n, c) => n + c.failures, 0);
    const top = m.overTime.filter((c) => c.bucket === k).sort((a, b) => b.failures - a.failures || rank(a.cause) - rank(b.cause))[0];
    return {
      title: bucketLabel(k, unit, locale),
      value: total ? say('weekly.bucketFailures', { count: total, cause: causeWords(top!.cause), top: top!.failures }) : say('weekly.noFailures'),
    };
  });
  const shown = m.incidents.slice(0, INCIDENTS_SHOWN);
  // Each incident's sentence in the reader's language (the engine's message; its English where it has none).
  const incidents = shown.map((i) => localizeTimes(wordsOf(locale, { text: i.what, msg: i.whatMsg }), o.timeZone, locale));
  if (m.incidents.length > shown.length) incidents.push(say('weekly.moreIncidents', { count: m.incidents.length - shown.length }));
  const zone = zoneWords(o.timeZone);
  const link = o.link && 'url' in o.link ? o.link : undefined;
  const why: MessageKey = o.link && 'why' in o.link ? o.link.why : 'report.link.noSecret';
  const reportHint: Markdown = link
    ? md`${say('report.link.worksFor', { time: `${formatInTimeZone(new Date(link.expires).toISOString(), o.timeZone, locale)} (${zone})` })}`
    : md`${say(why)} ${o.reportCommand}`;
  return renderCard('weekly-summary', {
    title:
      locale === 'en'
        ? `Sign-ins ${o.when}`
        : say('weekly.title', { from: formatInTimeZone(m.window.since, o.timeZone, locale), to: formatInTimeZone(m.window.until, o.timeZone, locale), zone }),
    style: toneStyle(m.incidents.length ? 'Warning' : 'Default'),
    headline: tm.attempts
      ? say('weekly.headline', { attempts: tm.attempts, failed: tm.failed, pct: pct(tm.failed, tm.attempts), failedPeople: tm.failedPeople, people: tm.people })
      : say('weekly.noAttempts'),
    numbers: [
      { title: say('weekly.fact.attempts'), value: String(tm.attempts) },
      { title: say('weekly.fact.failed'), value: `${tm.failed} (${pct(tm.failed, tm.attempts)})` },
      { title: say('weekly.fact.failedPeople'), value: say('weekly.ofPeople', { part: tm.failedPeople, whole: tm.people }) },
      { title: say('weekly.fact.incidents'), value: String(m.incidents.length) },
      {
        title: say('weekly.fact.mfa'),
        value: m.mfa.signIns ? say('weekly.mfaShare', { pct: pct(m.mfa.multiFactor, m.mfa.signIns), signIns: m.mfa.signIns }) : say('weekly.noInteractive'),
      },
      {
        title: say('weekly.fact.legacy'),
        value: m.legacy.attempts ? say('weekly.legacyValue', { attempts: m.legacy.attempts, succeeded: m.legacy.succeeded }) : '0',
      },
    ],
    chartTitle: say(unit === 'day' ? 'weekly.chartTitleDay' : 'weekly.chartTitleHour', { zone }),
    yAxisTitle: say('weekly.yAxis'),
    series: tm.failed ? series : [],
    perBucket,
    causesTitle: say('weekly.topCauses'),
    causes: m.causes.slice(0, CAUSES_SHOWN).map((c) => ({
      title: causeWords(c.cause),
      value: say('weekly.causeValue', { failures: c.failures, people: c.people, codes: c.errorCodes.slice(0, 3).join(', ') }),
    })),
    incidentsTitle: say('weekly.incidentsTitle', { count: m.incidents.length }),
    incidents,
    reportHint,
    reportUrl: link?.url ?? '',
    reportOpen: say('report.link.open'),
  });
}
