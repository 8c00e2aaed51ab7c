import { findPhrase } from './time/clusters.ts';
import { findClocks } from './time/clock-times.ts';
import { findParts } from './time/day-parts.ts';
import { findChronoDates, findDays, findMonths, monthFirst } from './time/days.ts';
import { describeWindow } from './time/describe.ts';
import { findForeign } from './time/foreign.ts';
import { languageOf } from './language.ts';
import { isTimeZone } from './time/local-clock.ts';
import { findCalendarRanges, findRelative } from './time/relative-ranges.ts';
import { resolve } from './time/resolve.ts';
import { findZones } from './time/zones.ts';

export { describeWindow } from './time/describe.ts';
export { offsetMinutes } from './time/local-clock.ts';

/**
 * Time phrases in a chat message → a UTC window, read the way a person means them, in the
 * asker's IANA zone unless the text names one ("at 4:15pm eastern on monday"). The rules
 * (which hours "this morning" is, what "last week" spans, how "3/11" is read) are in
 * src/conversation/time/, one file per kind of phrase, and listed with examples in
 * test/conversation/time-window.test.ts. Windows never end after now.
 */
export interface TimeWindow {
  since: string;
  until: string;
  /** The words that said it, exactly as typed, so the caller can take them out of the text ("yesterday"). */
  text: string;
  /** The IANA zone the words were read in: the one they named, else the asker's. */
  timeZone: string;
  /** Whether the text named the zone ("eastern", "PT", "London time"). */
  zoneNamed: boolean;
  /** The window in words and times, for the card: "Wednesday 25 November 12:00 – 18:00 (America/Los_Angeles)". */
  described: string;
}

export interface TimeContext {
  /** The clock, ISO. */
  now: string;
  /** The asker's IANA zone; UTC when absent or unknown. */
  timeZone?: string;
  /**
   * The asker's locale (Teams sends it): decides whether "3/11" is 3 November or March 11, and
   * which language's time words are read beside English's ("gestern", "hier", "ayer", "昨日").
   */
  locale?: string;
}

/** Finds the time phrase in a message; undefined when it names no time. */
export function parseTimeWindow(text: string, ctx: TimeContext): TimeWindow | undefined;
export function parseTimeWindow(text: string, nowIso: string, timeZone?: string): TimeWindow | undefined;
export function parseTimeWindow(text: string, ctxOrNow: TimeContext | string, timeZone?: string): TimeWindow | undefined {
  const ctx: TimeContext = typeof ctxOrNow === 'string' ? { now: ctxOrNow, ...(timeZone ? { timeZone } : {}) } : ctxOrNow;
  const now = Date.parse(ctx.now);
  if (!Number.isFinite(now)) return undefined;
  const asker = ctx.timeZone && isTimeZone(ctx.timeZone) ? ctx.timeZone : 'UTC';
  const lang = languageOf(ctx.locale);

  const candidates = [
    ...findRelative(text),
    ...findCalendarRanges(text),
    ...findMonths(text),
    ...findDays(text, { monthFirst: monthFirst(ctx.locale, asker) }),
    ...findParts(text),
    ...findClocks(text),
    ...findZones(text),
    ...findForeign(text, lang),
  ];
  // chrono-node only reads dates with digits in them; spare it the messages without any.
  if (/\d/.test(text)) candidates.push(...findChronoDates(text, now, candidates, lang));
  const phrase = findPhrase(text, candidates);
  if (!phrase) return undefined;

  const r = resolve(phrase.pieces, now, asker);
  const w = { since: new Date(r.since).toISOString(), until: new Date(r.until).toISOString() };
  return { ...w, text: text.slice(phrase.start, phrase.end), timeZone: r.timeZone, zoneNamed: r.zoneNamed, described: describeWindow(w, r.timeZone, ctx.now) };
}
