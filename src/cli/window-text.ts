import { lookupCode } from '../diagnosis/catalog.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import type { Incident } from '../diagnosis/incidents.ts';
import type { WindowRun } from '../query/diagnose-window.ts';
import { attemptLines } from '../cards/diagnosis-text.ts';
import { formatInTimeZone, localizeTimes } from '../time-format.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';
import { listOf, msg, render, wordsOf, type Said } from '../i18n/message.ts';
import { whoLabel } from '../cards/localized.ts';

/**
 * `diagnose` over a window, as text: the totals, a table of failures by scenario and cause,
 * the incidents (failures of several people with one cause), then every attempt. The totals
 * and the table are counted one diagnosis at a time (WindowTally), so the attempts need not
 * be held to print them.
 */

interface CauseRow {
  scenario: string;
  errorCode: number;
  attempts: number;
  people: Set<string>;
}

/** The counts the summary shows (text and `--json`), fed one diagnosis at a time. */
export class WindowTally {
  attempts = 0;
  failed = 0;
  readonly people = new Set<string>();
  readonly failedPeople = new Set<string>();
  /** By scenario and error code, every attempt (the JSON's byCause); the text's table takes the failed rows. */
  readonly rows = new Map<string, CauseRow>();

  add(d: Diagnosis): void {
    this.attempts++;
    this.people.add(d.user.id);
    if (d.scenario !== 'success') {
      this.failed++;
      this.failedPeople.add(d.user.id);
    }
    const key = `${d.scenario}\n${d.errorCode}`;
    let row = this.rows.get(key);
    if (!row) this.rows.set(key, (row = { scenario: d.scenario, errorCode: d.errorCode, attempts: 0, people: new Set() }));
    row.attempts++;
    row.people.add(d.user.id);
  }

  /** The JSON's summary: attempts and people by scenario and error code. */
  json() {
    return {
      attempts: this.attempts,
      failed: this.failed,
      people: this.people.size,
      byCause: [...this.rows.values()]
        .sort((a, b) => b.attempts - a.attempts || a.scenario.localeCompare(b.scenario) || a.errorCode - b.errorCode)
        .map((r) => ({ scenario: r.scenario, errorCode: r.errorCode, attempts: r.attempts, people: r.people.size })),
    };
  }
}

/** Everything printed before the attempts: the totals, the table by cause, the incidents, and the attempts' heading. */
export function windowHead(tally: WindowTally, run: WindowRun, sourceDescription: string, tz: string, locale: Locale = 'en'): string[] {
  const fmt = (iso: string) => formatInTimeZone(iso, tz, locale);
  const n = tally.attempts;
  // Counts as digits without grouping, as the English has always printed them.
  const counts = { n, count: String(n), people: String(tally.people.size), failed: String(tally.failed), failedPeople: String(tally.failedPeople.size) };
  const lines = [`${t(locale, 'cli.window.totals', { ...counts, from: fmt(run.window.since), to: fmt(run.window.until) })} — ${sourceDescription}`];
  lines.push('', t(locale, 'cli.window.byCause'));
  lines.push(
    ...causeTable(
      [...tally.rows.values()].filter((r) => r.scenario !== 'success'),
      locale,
    ),
  );
  lines.push('', run.incidents.length ? t(locale, 'cli.window.incidents', { count: String(run.incidents.length) }) : t(locale, 'cli.window.noIncidents'));
  run.incidents.forEach((i, k) => lines.push(...incidentLines(i, k + 1, tz, locale)));
  lines.push('', t(locale, 'cli.window.attempts'));
  return lines;
}

/** One attempt's lines, as `diagnose --user` prints them (`full` when it is the only attempt). */
export function windowAttemptLines(d: Diagnosis, tz: string, full: boolean, locale: Locale = 'en'): string[] {
  return ['', ...attemptLines(d, (iso) => formatInTimeZone(iso, tz, locale), full, locale, tz)];
}

/** What follows the attempts: that the read was cut, and the problems met. */
export function windowTail(run: WindowRun, problems: WindowRun['problems']): string[] {
  return [...(run.truncated ? ['', '(more attempts matched; narrow the time window)'] : []), ...problems.map((p) => `note: ${p.where}: ${p.message}`)];
}

function causeTable(failed: CauseRow[], locale: Locale): string[] {
  if (!failed.length) return [`  ${t(locale, 'cli.window.noFailure')}`];
  const rows = failed.map((r) => {
    const name = lookupCode(r.errorCode)?.name;
    return { scenario: r.scenario, cause: `${r.errorCode}${name ? ` ${name}` : ''}`, attempts: r.attempts, people: r.people };
  });
  const sorted = rows.sort((a, b) => b.attempts - a.attempts || a.scenario.localeCompare(b.scenario) || a.cause.localeCompare(b.cause));
  const [att, ppl, scn, cause] = (['attempts', 'people', 'scenario', 'cause'] as const).map((k) => t(locale, `cli.window.column.${k}`));
  const wa = Math.max(8, att!.length);
  const wp = Math.max(6, ppl!.length);
  const w = Math.max(scn!.length, ...sorted.map((r) => r.scenario.length));
  return [
    `  ${att!.padStart(wa)}  ${ppl!.padStart(wp)}  ${scn!.padEnd(w)}  ${cause}`,
    ...sorted.map((r) => `  ${String(r.attempts).padStart(wa)}  ${String(r.people.size).padStart(wp)}  ${r.scenario.padEnd(w)}  ${r.cause}`),
  ];
}

function incidentLines(i: Incident, n: number, tz: string, locale: Locale): string[] {
  if (locale !== 'en') return incidentLinesIn(i, n, tz, locale);
  const more = i.people > i.named.length ? ` and ${i.people - i.named.length} more` : '';
  return [
    '',
    `  ${n}. ${localizeTimes(i.what, tz)}`,
    `     since ${formatInTimeZone(i.since, tz)}, until ${formatInTimeZone(i.until, tz)}; ${i.failures} failure${i.failures === 1 ? '' : 's'}, ${i.people} ${i.people === 1 ? 'person' : 'people'}: ${i.named.join(', ')}${more}`,
    ...i.evidence.map((e) => `     • ${localizeTimes(e, tz)}`),
    `     → ${i.action.who}: ${localizeTimes(i.action.text, tz)}${i.action.link ? ` <${i.action.link.url}>` : ''}`,
  ];
}

/** An incident in another language: its messages rendered, its counts and names in that language's words. */
function incidentLinesIn(i: Incident, n: number, tz: string, locale: Locale): string[] {
  const w = (x: Said) => localizeTimes(wordsOf(locale, x), tz, locale);
  const names = listOf(i.people > i.named.length ? [...i.named, t(locale, 'cli.window.more', { count: String(i.people - i.named.length) })] : i.named, 'and');
  const evidence = i.evidenceMsg ?? [];
  return [
    '',
    `  ${n}. ${w({ text: i.what, msg: i.whatMsg })}`,
    `     ${render(locale, msg('cli.window.incidentSpan', { from: formatInTimeZone(i.since, tz, locale), to: formatInTimeZone(i.until, tz, locale), failures: i.failures, people: i.people, names }))}`,
    ...i.evidence.map((e, k) => `     • ${w({ text: e, msg: evidence[k] })}`),
    `     → ${whoLabel(i.action.who, locale)}: ${w(i.action)}${i.action.link ? ` <${i.action.link.url}>` : ''}`,
  ];
}
