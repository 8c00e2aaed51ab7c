import { lookupCode } from '../diagnosis/catalog.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import type { Incident } from '../diagnosis/incidents.ts';
import type { WindowRun } from '../query/diagnose-window.ts';
import { attemptLines } from '../cards/diagnosis-text.ts';
import { formatInTimeZone, localizeTimes } from '../time-format.ts';

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
export function windowHead(tally: WindowTally, run: WindowRun, sourceDescription: string, tz: string): string[] {
  const fmt = (iso: string) => formatInTimeZone(iso, tz);
  const n = tally.attempts;
  const lines = [
    `${n} sign-in attempt${n === 1 ? '' : 's'} by ${tally.people.size} people, ${tally.failed} failed (${tally.failedPeople.size} people), ` +
      `${fmt(run.window.since)} to ${fmt(run.window.until)} — ${sourceDescription}`,
  ];
  lines.push('', 'Failures by scenario and cause:');
  lines.push(...causeTable([...tally.rows.values()].filter((r) => r.scenario !== 'success')));
  lines.push(
    '',
    run.incidents.length
      ? `Incidents (${run.incidents.length}): failures of several people with one cause`
      : 'Incidents: none (no cause shared by several people).',
  );
  run.incidents.forEach((i, k) => lines.push(...incidentLines(i, k + 1, tz)));
  lines.push('', 'Attempts, newest first:');
  return lines;
}

/** One attempt's lines, as `diagnose --user` prints them (`full` when it is the only attempt). */
export function windowAttemptLines(d: Diagnosis, tz: string, full: boolean): string[] {
  return ['', ...attemptLines(d, (iso) => formatInTimeZone(iso, tz), full)];
}

/** What follows the attempts: that the read was cut, and the problems met. */
export function windowTail(run: WindowRun, problems: WindowRun['problems']): string[] {
  return [...(run.truncated ? ['', '(more attempts matched; narrow the time window)'] : []), ...problems.map((p) => `note: ${p.where}: ${p.message}`)];
}

function causeTable(failed: CauseRow[]): string[] {
  if (!failed.length) return ['  (no failed attempt)'];
  const rows = failed.map((r) => {
    const name = lookupCode(r.errorCode)?.name;
    return { scenario: r.scenario, cause: `${r.errorCode}${name ? ` ${name}` : ''}`, attempts: r.attempts, people: r.people };
  });
  const sorted = rows.sort((a, b) => b.attempts - a.attempts || a.scenario.localeCompare(b.scenario) || a.cause.localeCompare(b.cause));
  const w = Math.max('scenario'.length, ...sorted.map((r) => r.scenario.length));
  return [
    `  ${'attempts'.padStart(8)}  ${'people'.padStart(6)}  ${'scenario'.padEnd(w)}  cause (AADSTS code)`,
    ...sorted.map((r) => `  ${String(r.attempts).padStart(8)}  ${String(r.people.size).padStart(6)}  ${r.scenario.padEnd(w)}  ${r.cause}`),
  ];
}

function incidentLines(i: Incident, n: number, tz: string): string[] {
  const more = i.people > i.named.length ? ` and ${i.people - i.named.length} more` : '';
  return [
    '',
    `  ${n}. ${localizeTimes(i.what, tz)}`,
    `     since ${formatInTimeZone(i.since, tz)}, until ${formatInTimeZone(i.until, tz)}; ${i.failures} failure${i.failures === 1 ? '' : 's'}, ${i.people} ${i.people === 1 ? 'person' : 'people'}: ${i.named.join(', ')}${more}`,
    ...i.evidence.map((e) => `     • ${localizeTimes(e, tz)}`),
    `     → ${i.action.who}: ${localizeTimes(i.action.text, tz)}${i.action.link ? ` <${i.action.link.url}>` : ''}`,
  ];
}
