import type { Diagnosis } from '../../diagnosis/types.ts';
import type { DiagnosedListing } from '../../query/diagnose-attempts.ts';
import { DEFAULT_WINDOW_HOURS } from '../../query/list-attempts.ts';
import type { SignIn } from '../../signins/signin.ts';
import { describeWindow, parseTimeWindow } from '../../conversation/time-window.ts';
import { windowBefore } from '../../instants.ts';
import { formatInTimeZone } from '../../time-format.ts';
import type { Locale } from '../../i18n/locales.ts';
import { t } from '../../i18n/translate.ts';

/** Words and look-ups over a listing of attempts, shared by the handlers that show one. */

/**
 * The window looked at, in the asker's words and in times: "yesterday (Wednesday 25 November
 * 00:00 – 24:00, America/Los_Angeles)". The times are in the zone the words named ("9am
 * eastern"), else the asker's: the words are read again with the same clock (`now`) to learn
 * which, and kept only if they give the same window.
 */
export function windowText(
  since: string | undefined,
  until: string | undefined,
  tz: string,
  timeText: string | undefined,
  now: string,
  locale: Locale = 'en',
): string {
  if (!since || !until) return timeText ?? t(locale, 'list.window.lastHours', { hours: DEFAULT_WINDOW_HOURS });
  const again = timeText && now ? parseTimeWindow(timeText, now, tz) : undefined;
  const zone = again && again.since === since && again.until === until ? again.timeZone : tz;
  // Another language: the two instants as that language writes them (the English below names the day and the zone in words).
  if (locale !== 'en') {
    const ends = { from: formatInTimeZone(since, zone, locale), to: formatInTimeZone(until, zone, locale) };
    return timeText ? t(locale, 'list.window.asked', { words: timeText, ...ends }) : t(locale, 'list.window.between', ends);
  }
  // "Wednesday 25 November 00:00 – 24:00 (UTC)" → "Wednesday 25 November 00:00 – 24:00, UTC", to sit inside brackets after the words.
  const times = describeWindow({ since, until }, zone, now).replace(/ \(([^()]+)\)$/, ', $1');
  return timeText ? `${timeText} (${times})` : `during ${times}`;
}

/** A tenant-wide list without a time: the default window (48 hours unless said) up to the asked `until`, or now. */
export function defaultWindow(now: string, c: { since?: string; until?: string }, hours = DEFAULT_WINDOW_HOURS): { since: string; until: string } {
  const w = windowBefore(c.until ?? now, hours);
  return { since: c.since ?? w.since, until: w.until };
}

/** Each diagnosis's decisive event, for the summary's columns. */
export function decisiveLookup(listing: DiagnosedListing): (d: Diagnosis) => SignIn | undefined {
  const byId = new Map<string, SignIn>();
  for (const a of listing.attempts) byId.set(a.decisive.id, a.decisive);
  return (d) => byId.get(d.decisiveEventId);
}
