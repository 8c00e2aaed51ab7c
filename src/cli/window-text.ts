import { lookupCode } from '../diagnosis/catalog.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import type { Incident } from '../diagnosis/incidents.ts';
import type { WindowListing } from '../query/diagnose-window.ts';
import { diagnosisText } from '../cards/diagnosis-text.ts';
import { formatInTimeZone, localizeTimes } from '../time-format.ts';

/**
 * `diagnose` over a window, as text: the totals, a table of failures by scenario and cause,
 * the incidents (failures of several people with one cause), then every attempt.
 */
export function windowText(l: WindowListing, sourceDescription: string, tz: string): string[] {
  const fmt = (iso: string) => formatInTimeZone(iso, tz);
  const failed = l.diagnoses.filter((d) => d.scenario !== 'success');
  const people = (ds: Diagnosis[]) => new Set(ds.map((d) => d.user.id)).size;
  const lines = [
    `${l.diagnoses.length} sign-in attempt${l.diagnoses.length === 1 ? '' : 's'} by ${people(l.diagnoses)} people, ${failed.length} failed (${people(failed)} people), ` +
      `${fmt(l.window.since)} to ${fmt(l.window.until)} — ${sourceDescription}`,
  ];
  lines.push('', 'Failures by scenario and cause:');
  lines.push(...causeTable(failed));
  lines.push(
    '',
    l.incidents.length
      ? `Incidents (${l.incidents.length}): failures of several people with one cause`
      : 'Incidents: none (no cause shared by several people).',
  );
  l.incidents.forEach((i, n) => lines.push(...incidentLines(i, n + 1, tz)));
  lines.push('', 'Attempts, newest first:');
  // The attempts as `diagnose --user` prints them, without its heading (the totals above say it).
  lines.push(...diagnosisText(l, sourceDescription, tz).slice(1));
  return lines;
}

function causeTable(failed: Diagnosis[]): string[] {
  if (!failed.length) return ['  (no failed attempt)'];
  const rows = new Map<string, { scenario: string; cause: string; attempts: number; people: Set<string> }>();
  for (const d of failed) {
    const key = `${d.scenario}\n${d.errorCode}`;
    const name = lookupCode(d.errorCode)?.name;
    const row = rows.get(key) ?? { scenario: d.scenario, cause: `${d.errorCode}${name ? ` ${name}` : ''}`, attempts: 0, people: new Set<string>() };
    row.attempts++;
    row.people.add(d.user.id);
    rows.set(key, row);
  }
  const sorted = [...rows.values()].sort((a, b) => b.attempts - a.attempts || a.scenario.localeCompare(b.scenario) || a.cause.localeCompare(b.cause));
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
