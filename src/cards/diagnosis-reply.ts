import type { DiagnosedListing } from '../query/diagnose-attempts.ts';
import { formatInTimeZone } from '../time-format.ts';

/** The chat reply (Markdown) for "why did X fail": the latest failure in full, the others in a line each. */
export function diagnosisReply(l: DiagnosedListing, tz: string): string {
  const name = l.user?.displayName ?? 'This user';
  const failed = l.diagnoses.filter((d) => d.scenario !== 'success');
  const window = l.window.since && l.window.until ? `between ${formatInTimeZone(l.window.since, tz)} and ${formatInTimeZone(l.window.until, tz)}` : 'in the time asked about';
  if (!failed.length) {
    return `**${name}** had no failed sign-ins ${window} (${l.diagnoses.length} successful attempt${l.diagnoses.length === 1 ? '' : 's'}).`;
  }
  const d = failed[0]!;
  const lines = [
    `**${name}**: ${failed.length} failed sign-in attempt${failed.length === 1 ? '' : 's'} ${window}. The latest:`,
    `**${d.title}** — ${d.app.displayName ?? d.app.id}, ${formatInTimeZone(d.time, tz)}${d.errorCode ? `, error ${d.errorCode}` : ''}`,
    d.assessment,
    ...d.findings.filter((f) => f.kind !== 'report-only').slice(0, 3).map((f) => `- ${f.text}`),
    '**What to do**',
    ...d.actions.map((a) => `- *${a.who}*: ${a.text}${a.link ? ` ([${a.link.title}](${a.link.url}))` : ''}`),
    ...d.gaps.map((g) => `- *not certain*: ${g.text}`),
    `Correlation ID \`${d.correlationId}\`, request ID \`${d.support.requestId}\``,
  ];
  const others = failed.slice(1, 6);
  if (others.length) {
    lines.push('**Earlier failures**', ...others.map((o) => `- ${formatInTimeZone(o.time, tz)}, ${o.app.displayName ?? o.app.id}: ${o.title}${o.errorCode ? ` (${o.errorCode})` : ''}`));
    if (failed.length > 6) lines.push(`- … and ${failed.length - 6} more`);
  }
  return lines.join('\n\n');
}
