import { minutesOf, rangeEnd } from './clock-times.ts';
import { PART_MINUTES } from './day-parts.ts';
import { addDays, DAY_MINUTES, isRealDate, localDate, MINUTE, wallClock, weekday, zoned, type LocalDate } from './local-clock.ts';
import type { Bound, DaySpec, Piece, RangeSpec } from './pieces.ts';

/**
 * A phrase's pieces → a UTC window, in the zone the phrase names or else the asker's.
 * A day not said is the most recent one the rest fits: "this morning" asked at 05:00, or
 * "after 5pm" at noon, is yesterday's; "Wednesday afternoon" asked on a Wednesday morning is
 * last week's. A clock time is half an hour either side: people quote sign-in times from memory.
 * The window is cut at now; one wholly in the future is empty (since = until = now).
 */

const HALF_HOUR = 30 * MINUTE;

export interface Resolved {
  since: number;
  until: number;
  timeZone: string;
  zoneNamed: boolean;
}

type Window = [since: number, until: number];
type Part = Extract<Piece, { kind: 'part' }>;
type ClockPiece = Extract<Piece, { kind: 'clock' | 'clock-range' }>;

export function resolve(pieces: readonly Piece[], now: number, askerZone: string): Resolved {
  let named: string | undefined;
  for (const p of pieces) if (p.kind === 'zone' && p.zone && !named) named = p.zone;
  const timeZone = named ?? askerZone;
  const [since, until] = windowOf(pieces, now, timeZone);
  const end = Math.min(until, now);
  return { since: Math.min(since, end), until: end, timeZone, zoneNamed: named !== undefined };
}

function windowOf(pieces: readonly Piece[], now: number, tz: string): Window {
  const bound = pieces.find((p) => p.bound)?.bound;
  const today = localDate(now, tz);
  for (const p of pieces) {
    if (p.kind === 'rolling') return [now - p.ms, now];
    if (p.kind === 'range') return bounded(rangeWindow(p.range, today, now, tz), bound, now, tz);
    if (p.kind === 'ago') {
      const t = now - p.ms;
      return bound === 'since' ? [t, now] : [t - HALF_HOUR, t + HALF_HOUR];
    }
  }

  const said = pieces.find((p): p is Part => p.kind === 'part');
  let variant: 'early' | 'late' | undefined;
  for (const p of pieces) if (p.kind === 'day' && p.variant) variant ??= p.variant;
  const part = said && variant && !said.variant ? { ...said, variant } : said;
  const clock = pieces.find((p): p is ClockPiece => p.kind === 'clock' || p.kind === 'clock-range');
  const days = pieces.flatMap((p) => (p.kind === 'day' ? [p.day] : []));
  // A weekday beside a date ("Tue 17 Nov") only decorates it.
  const dated = days.filter((d) => d.type === 'date');
  const named = dated.length ? dated : days;
  const frame = (day: LocalDate) => frameOf(day, part, clock, bound, now, tz);
  // Before 06:00 (when the day parts begin), today's weekday has barely started: "on Saturday" then means last week's.
  const early = wallClock(now, tz).hour < 6;

  if (named.length > 1) {
    // "Monday to Wednesday", "yesterday and today": from the first day's start to the last one's end.
    const spans = named.map((d) => wholeDay(dateOf(d, today, early), tz));
    return [Math.min(...spans.map((s) => s[0])), Math.max(...spans.map((s) => s[1]))];
  }
  const spec: DaySpec | undefined = named[0] ?? part?.day;
  if (!spec) {
    const f = frame(today);
    return f[0] > now ? frame(addDays(today, -1)) : f;
  }
  const day = dateOf(spec, today, early);
  const f = frame(day);
  // "Wednesday afternoon" on a Wednesday morning: the one a week back.
  return spec.type === 'weekday' && f[0] > now ? frame(addDays(day, -7)) : f;
}

/** The calendar date a day phrase names, as of `today` in the zone: never a future one. */
export function dateOf(spec: DaySpec, today: LocalDate, early = false): LocalDate {
  switch (spec.type) {
    case 'today':
      return today;
    case 'back':
      return addDays(today, -spec.days);
    case 'weekday': {
      // Today's own weekday is today so far, unless "last" says otherwise or the day has barely begun
      // (before 06:00 "on Saturday", asked on a Saturday, means last week's; "this Saturday" is still today).
      const back = (weekday(today) - spec.dow + 7) % 7;
      return addDays(today, -(back === 0 && (spec.before || (early && !spec.thisOne)) ? 7 : back));
    }
    case 'date': {
      if (spec.y !== undefined) return { y: spec.y, m: spec.m, d: spec.d };
      let y = today.y;
      if (spec.m > today.m || (spec.m === today.m && spec.d > today.d)) y--;
      while (!isRealDate(y, spec.m, spec.d)) y--; // 29 February: the last leap year
      return { y, m: spec.m, d: spec.d };
    }
  }
}

function wholeDay(day: LocalDate, tz: string): Window {
  return [zoned(day, 0, tz), zoned(day, DAY_MINUTES, tz)];
}

/**
 * A bound word on a day or a range: "since Tuesday" runs on to now, "after Tuesday" from its end
 * to now; "before" / "until Tuesday" reach back a week from its start, to its start or end.
 */
function bounded([s, e]: Window, bound: Bound | undefined, now: number, tz: string): Window {
  const weekBefore = () => zoned(addDays(localDate(s, tz), -7), 0, tz);
  switch (bound) {
    case 'since':
      return [s, now];
    case 'after':
      return [e, now];
    case 'before':
      return [weekBefore(), s];
    case 'until':
      return [weekBefore(), e];
    default:
      return [s, e];
  }
}

function frameOf(day: LocalDate, part: Part | undefined, clock: ClockPiece | undefined, bound: Bound | undefined, now: number, tz: string): Window {
  const at = (minutes: number) => zoned(day, minutes, tz);
  const span = part ? PART_MINUTES[part.part][part.variant ?? 'all'] : undefined;
  if (clock?.kind === 'clock-range') {
    const from = minutesOf(clock.from, part?.part);
    return [at(from), at(rangeEnd(from, clock.to, part?.part))];
  }
  if (clock) {
    const minutes = minutesOf(clock.at, part?.part);
    const t = at(minutes);
    switch (bound) {
      case 'since':
        return [t, now];
      // "after 5pm": to the end of that day (or of the part said: "after 7 this evening").
      case 'after':
        return [t, at(span ? span[1] : minutes < DAY_MINUTES ? DAY_MINUTES : 2 * DAY_MINUTES)];
      // "before 7am", "until 9": from the start of that day (or part).
      case 'before':
      case 'until':
        return [at(span ? span[0] : 0), t];
      default:
        return [t - HALF_HOUR, t + HALF_HOUR];
    }
  }
  if (span) {
    const w: Window = [at(span[0]), at(span[1])];
    // "before this afternoon": that day up to the part; "until tonight": up to its end.
    if (bound === 'before') return [at(0), w[0]];
    if (bound === 'until') return [at(0), w[1]];
    return bounded(w, bound, now, tz);
  }
  return bounded(wholeDay(day, tz), bound, now, tz);
}

function rangeWindow(range: RangeSpec, today: LocalDate, now: number, tz: string): Window {
  const monday = addDays(today, -((weekday(today) + 6) % 7));
  const first = (y: number, m: number): LocalDate => (m < 1 ? { y: y - 1, m: m + 12, d: 1 } : m > 12 ? { y: y + 1, m: m - 12, d: 1 } : { y, m, d: 1 });
  switch (range.type) {
    case 'this-week':
      return [zoned(monday, 0, tz), now];
    case 'last-week':
      return [zoned(addDays(monday, -7), 0, tz), zoned(monday, 0, tz)];
    case 'weekend': {
      const dow = weekday(today);
      let saturday = addDays(today, -((dow + 1) % 7));
      // "last weekend" asked on a Saturday or Sunday: the one before this.
      if (range.previous && (dow === 6 || dow === 0)) saturday = addDays(saturday, -7);
      return [zoned(saturday, 0, tz), zoned(addDays(saturday, 2), 0, tz)];
    }
    case 'this-month':
      return [zoned(first(today.y, today.m), 0, tz), now];
    case 'last-month':
      return [zoned(first(today.y, today.m - 1), 0, tz), zoned(first(today.y, today.m), 0, tz)];
    case 'month': {
      const y = range.y ?? (range.m <= today.m ? today.y : today.y - 1);
      return [zoned(first(y, range.m), 0, tz), zoned(first(y, range.m + 1), 0, tz)];
    }
  }
}
