import type { Diagnosis } from '../../diagnosis/types.ts';
import type { DiagnosedListing } from '../../query/diagnose-attempts.ts';
import { DEFAULT_WINDOW_HOURS } from '../../query/list-attempts.ts';
import type { SignIn } from '../../signins/signin.ts';
import { formatInTimeZone } from '../../time-format.ts';
import { windowBefore } from '../../instants.ts';

/** Words and look-ups over a listing of attempts, shared by the handlers that show one. */

/** The window as the asker wrote it, or as dates, or the default. */
export function windowText(since: string | undefined, until: string | undefined, tz: string, timeText?: string): string {
  if (timeText) return timeText;
  if (since && until) return `between ${formatInTimeZone(since, tz)} and ${formatInTimeZone(until, tz)}`;
  return `in the last ${DEFAULT_WINDOW_HOURS} hours`;
}

/** A tenant-wide list without a time: the default window up to the asked `until`, or now. */
export function defaultWindow(now: string, c: { since?: string; until?: string }): { since: string; until: string } {
  const w = windowBefore(c.until ?? now, DEFAULT_WINDOW_HOURS);
  return { since: c.since ?? w.since, until: w.until };
}

/** Each diagnosis's decisive event, for the summary's columns. */
export function decisiveLookup(listing: DiagnosedListing): (d: Diagnosis) => SignIn | undefined {
  const byId = new Map<string, SignIn>();
  for (const a of listing.attempts) byId.set(a.decisive.id, a.decisive);
  return (d) => byId.get(d.decisiveEventId);
}
