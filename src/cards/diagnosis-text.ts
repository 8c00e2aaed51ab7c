import type { DiagnosedListing } from '../query/diagnose-attempts.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import { formatInTimeZone, localizeTimes } from '../time-format.ts';
import type { Locale } from '../i18n/locales.ts';
import { scenarioTitle, whoLabel } from './localized.ts';
import { t } from '../i18n/translate.ts';
import { wordsOf, type Said } from '../i18n/message.ts';

/** Diagnoses as plain text for the terminal: failures in full, successes one line each; times and titles in `locale` (`--locale`). */
export function diagnosisText(l: DiagnosedListing, sourceDescription: string, tz: string, locale: Locale = 'en'): string[] {
  const fmt = (iso: string) => formatInTimeZone(iso, tz, locale);
  const who = l.user ? `${l.user.displayName} (${l.user.userPrincipalName})` : t(locale, 'cli.theQuery');
  const failed = l.diagnoses.filter((d) => d.scenario !== 'success').length;
  // Counts as typed digits (no grouping), as the English has always printed them.
  const head = t(locale, 'cli.attemptsFor', { n: l.diagnoses.length, count: String(l.diagnoses.length), who, failed: String(failed) });
  const span = l.window.since && l.window.until ? t(locale, 'cli.between', { from: fmt(l.window.since), to: fmt(l.window.until) }) : '';
  const lines = [`${head}${span} — ${sourceDescription}`];
  const full = l.diagnoses.length === 1;
  for (const d of l.diagnoses) lines.push('', ...attemptLines(d, fmt, full, locale, tz));
  if (l.truncated) lines.push('', t(locale, 'cli.truncated'));
  for (const p of l.problems) lines.push(`note: ${p.where}: ${p.message}`);
  return lines;
}

/** One attempt as the list prints it: a line with its time, app and verdict; a failure (or the only attempt, `full`) in full. */
export function attemptLines(d: Diagnosis, fmt: (iso: string) => string, full: boolean, locale: Locale = 'en', tz = 'UTC'): string[] {
  const lines = [
    `${fmt(d.time)}  ${d.app.displayName ?? d.app.id ?? '?'}  [${d.scenario}] ${scenarioTitle(d, locale)}${d.errorCode ? ` (${d.errorCode})` : ''}`,
  ];
  if (d.scenario === 'success' && !full) return lines;
  // English prints the engine's own text; another language renders the message beside it (the same words in English).
  const w = (x: Said) => (locale === 'en' ? x.text : localizeTimes(wordsOf(locale, x), tz, locale));
  lines.push(`  ${w({ text: d.assessment, msg: d.assessmentMsg })}`);
  for (const p of d.policies.filter(
    (x) => x.result === 'failure' || x.result.startsWith('reportOnlyF') || x.result === 'reportOnlyInterrupted' || (full && x.result === 'success'),
  )) {
    lines.push(`  ${t(locale, 'cli.policy', { name: p.displayName, summary: w({ text: p.summary, msg: p.summaryMsg }) })}`);
  }
  for (const f of d.findings) lines.push(`  • ${w(f)}`);
  for (const a of d.actions) lines.push(`  → ${locale === 'en' ? a.who : whoLabel(a.who, locale)}: ${w(a)}${a.link ? ` <${a.link.url}>` : ''}`);
  for (const g of d.gaps) lines.push(`  ? ${w(g)}`);
  const support = d.support.warranted ? t(locale, 'cli.supportWarranted', { reason: w({ text: d.support.reason, msg: d.support.reasonMsg }) }) : '';
  lines.push(`  ${t(locale, 'cli.ids', { correlation: d.correlationId || t(locale, 'cli.none'), request: d.support.requestId })}${support}`);
  return lines;
}
