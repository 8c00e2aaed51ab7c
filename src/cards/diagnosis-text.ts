import type { DiagnosedListing } from '../query/diagnose-attempts.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import { formatInTimeZone } from '../time-format.ts';
import type { Locale } from '../i18n/locales.ts';
import { scenarioTitle } from './localized.ts';

/** Diagnoses as plain text for the terminal: failures in full, successes one line each; times and titles in `locale` (`--locale`). */
export function diagnosisText(l: DiagnosedListing, sourceDescription: string, tz: string, locale: Locale = 'en'): string[] {
  const fmt = (iso: string) => formatInTimeZone(iso, tz, locale);
  const who = l.user ? `${l.user.displayName} (${l.user.userPrincipalName})` : 'the query';
  const failed = l.diagnoses.filter((d) => d.scenario !== 'success').length;
  const lines = [
    `${l.diagnoses.length} sign-in attempt${l.diagnoses.length === 1 ? '' : 's'} for ${who}, ${failed} failed` +
      (l.window.since && l.window.until ? `, ${fmt(l.window.since)} to ${fmt(l.window.until)}` : '') +
      ` — ${sourceDescription}`,
  ];
  const full = l.diagnoses.length === 1;
  for (const d of l.diagnoses) lines.push('', ...attemptLines(d, fmt, full, locale));
  if (l.truncated) lines.push('', '(more attempts matched; narrow the time window)');
  for (const p of l.problems) lines.push(`note: ${p.where}: ${p.message}`);
  return lines;
}

/** One attempt as the list prints it: a line with its time, app and verdict; a failure (or the only attempt, `full`) in full. */
export function attemptLines(d: Diagnosis, fmt: (iso: string) => string, full: boolean, locale: Locale = 'en'): string[] {
  const lines = [
    `${fmt(d.time)}  ${d.app.displayName ?? d.app.id ?? '?'}  [${d.scenario}] ${scenarioTitle(d, locale)}${d.errorCode ? ` (${d.errorCode})` : ''}`,
  ];
  if (d.scenario === 'success' && !full) return lines;
  lines.push(`  ${d.assessment}`);
  for (const p of d.policies.filter(
    (x) => x.result === 'failure' || x.result.startsWith('reportOnlyF') || x.result === 'reportOnlyInterrupted' || (full && x.result === 'success'),
  )) {
    lines.push(`  policy "${p.displayName}": ${p.summary}`);
  }
  for (const f of d.findings) lines.push(`  • ${f.text}`);
  for (const a of d.actions) lines.push(`  → ${a.who}: ${a.text}${a.link ? ` <${a.link.url}>` : ''}`);
  for (const g of d.gaps) lines.push(`  ? ${g.text}`);
  lines.push(
    `  correlation ${d.correlationId || '(none)'}, request ${d.support.requestId}${d.support.warranted ? ` — support request warranted: ${d.support.reason}` : ''}`,
  );
  return lines;
}
