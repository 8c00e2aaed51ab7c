/**
 * Wall-clock dates and times in an IANA zone ↔ UTC instants, DST-correct, with Intl only.
 * A day is a calendar date in the zone; its hours are wall-clock hours, so a day on which the
 * clocks change is 23 or 25 hours long, and "06:00" is 06:00 on the clock either way.
 */

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
/** Minutes in a wall-clock day. */
export const DAY_MINUTES = 24 * 60;

/** A calendar date: m is 1-12. */
export interface LocalDate {
  y: number;
  m: number;
  d: number;
}

/** Formatters are costly to build (a millisecond each); a process sees few zones. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      hourCycle: 'h23',
      timeZoneName: 'longOffset',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether Intl knows the zone ("America/Los_Angeles" yes, "Mars/Base" no). */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** The wall clock in the zone at an instant, with the zone's offset from UTC in minutes (-480 for PST). */
export function wallClock(at: number, timeZone: string): LocalDate & { hour: number; minute: number; offset: number } {
  const parts = formatter(timeZone).formatToParts(new Date(at));
  const get = (t: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === t)?.value ?? 0);
  const name = parts.find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{1,2}):?(\d{2})?/.exec(name);
  const offset = m ? (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0)) : 0;
  return { y: get('year'), m: get('month'), d: get('day'), hour: get('hour'), minute: get('minute'), offset };
}

/** The zone's offset from UTC at an instant, in minutes (e.g. -480 for PST). */
export function offsetMinutes(timeZone: string, at: Date | number): number {
  return wallClock(typeof at === 'number' ? at : at.getTime(), timeZone).offset;
}

/** The calendar date in the zone at an instant. */
export function localDate(at: number, timeZone: string): LocalDate {
  const { y, m, d } = wallClock(at, timeZone);
  return { y, m, d };
}

export function addDays(day: LocalDate, n: number): LocalDate {
  const t = new Date(Date.UTC(day.y, day.m - 1, day.d + n));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate() };
}

/** 0 = Sunday … 6 = Saturday. */
export function weekday(day: LocalDate): number {
  return new Date(Date.UTC(day.y, day.m - 1, day.d)).getUTCDay();
}

/** Whole days from a to b (b - a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  return Math.round((Date.UTC(b.y, b.m - 1, b.d) - Date.UTC(a.y, a.m - 1, a.d)) / DAY);
}

export const sameDate = (a: LocalDate, b: LocalDate) => a.y === b.y && a.m === b.m && a.d === b.d;

/** Whether y-m-d names a real date (not 31 February). */
export function isRealDate(y: number, m: number, d: number): boolean {
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

/**
 * The instant the zone's clock shows `minutes` past midnight of `day` (minutes may run past
 * 24:00 into the next days: 30 * 60 is 06:00 the day after). When the clocks go back and the
 * time happens twice, the first; when they go forward and it never happens, the moment after
 * the gap (02:30 on a spring-forward night is 03:30 summer time), as a clock set by hand would.
 */
export function zoned(day: LocalDate, minutes: number, timeZone: string): number {
  const wall = Date.UTC(day.y, day.m - 1, day.d, 0, minutes);
  const before = offsetMinutes(timeZone, wall - DAY);
  const after = offsetMinutes(timeZone, wall + DAY);
  const a = wall - before * MINUTE;
  const b = wall - after * MINUTE;
  const aHolds = offsetMinutes(timeZone, a) === before;
  const bHolds = offsetMinutes(timeZone, b) === after;
  if (aHolds && bHolds) return Math.min(a, b);
  if (bHolds) return b;
  return a;
}
