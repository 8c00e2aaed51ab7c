import type { AttemptListing } from '../query/list-attempts.ts';
import { formatInTimeZone } from '../time-format.ts';

/** The attempt listing as plain lines: the CLI's text output and the bot's interim reply. */
export function attemptListText(l: AttemptListing, sourceDescription: string, tz: string, maxAttempts = Infinity): string[] {
  const fmt = (iso: string) => formatInTimeZone(iso, tz);
  const who = l.user ? `${l.user.displayName} (${l.user.userPrincipalName})` : 'the query';
  const lines = [
    `${l.attempts.length} sign-in attempt${l.attempts.length === 1 ? '' : 's'} for ${who}` +
      (l.window.since && l.window.until ? `, ${fmt(l.window.since)} to ${fmt(l.window.until)}` : '') +
      ` — ${sourceDescription}`,
  ];
  for (const x of l.attempts.slice(0, maxAttempts)) {
    const d = x.decisive;
    const outcome = d.status.errorCode === 0 ? 'success' : `failed ${d.status.errorCode}`;
    const steps = x.events.length > 1 ? ` (${x.events.map((e) => e.status.errorCode).join(' → ')})` : '';
    lines.push(`  ${fmt(d.createdDateTime)}  ${(d.appDisplayName ?? d.appId ?? '?').padEnd(30)} ${outcome}${steps}  correlation ${x.correlationId || '(none)'}`);
    if (d.status.errorCode !== 0 && d.status.failureReason) lines.push(`      ${d.status.failureReason}`);
  }
  if (l.attempts.length > maxAttempts) lines.push(`  … and ${l.attempts.length - maxAttempts} more`);
  if (l.truncated) lines.push('  (more attempts matched; narrow the time window)');
  for (const p of l.problems) lines.push(`  note: ${p.where}: ${p.message}`);
  return lines;
}
