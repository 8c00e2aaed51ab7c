import { DAY, HOUR, MINUTE } from './local-clock.ts';
import { matches, BOUND_PREFIX, spanBoundOf, NUMBER, numberOf, type Piece, type RangeSpec } from './pieces.ts';

/**
 * Windows counted back from now and calendar ranges:
 * - rolling: "last 2 hours", "past 30 minutes", "in the last day", "over the last week" (the 7
 *   days before now), "the past month" (30 days); "right now" / "just now" is the last 15 minutes.
 * - an instant back: "2 hours ago" (half an hour either side, like a clock time).
 * - calendar: "this week" (Monday 00:00 on), "last week" (the whole week before, Monday to
 *   Monday), "the weekend", "this month", "last month".
 * Plain "now" is no window: it is filler in "bob can't sign in now", and the default window ends now anyway.
 */

/** How long "right now" reaches back: long enough to hold the attempt that prompted the question. */
export const RIGHT_NOW = 15 * MINUTE;

const UNIT = String.raw`(minutes?|mins?|hours?|hrs?|h|days?|d|weeks?|wks?|months?)`;

function unitMs(unit: string): number {
  const u = unit.toLowerCase();
  if (u.startsWith('min')) return MINUTE;
  if (u.startsWith('h')) return HOUR;
  if (u.startsWith('d')) return DAY;
  if (u.startsWith('w')) return 7 * DAY;
  return 30 * DAY; // a month back from now: 30 days, as the sign-in log's retention counts them
}

export function findRelative(text: string): Piece[] {
  const found: Piece[] = [];
  const at = (m: RegExpExecArray) => ({ start: m.index, end: m.index + m[0].length });

  // "in the last 2 hours", "past 30 minutes", "over the last 3 days", "this past week".
  const rolling = new RegExp(String.raw`\b(?:(?:in|over|during|within|for)\s+)?(the\s+)?(last|past|previous|this\s+past)\s+(?:${NUMBER}\s*)?${UNIT}\b`, 'gi');
  for (const m of matches(text, rolling)) {
    const word = m[2]!.toLowerCase();
    const calendarUnit = /^(?:weeks?|wks?|months?)$/i.test(m[4]!);
    // "last week" / "previous month" name the calendar week or month (found below); "the last week", "past week" count back.
    if (calendarUnit && m[3] === undefined && (word === 'previous' || (word === 'last' && !m[1]))) continue;
    found.push({ kind: 'rolling', ms: numberOf(m[3]) * unitMs(m[4]!), ...at(m) });
  }

  // "2 hours ago", "half an hour ago", "since 20 minutes ago".
  for (const m of matches(
    text,
    new RegExp(String.raw`\b${BOUND_PREFIX}(?:(?:about|around|roughly)\s+)?(?:(half\s+an?\s+hour)|${NUMBER}\s+(minutes?|mins?|hours?|hrs?))\s+ago\b`, 'gi'),
  )) {
    const ms = m[2] ? 30 * MINUTE : numberOf(m[3]) * unitMs(m[4]!);
    const bound = spanBoundOf(m[1]);
    found.push(bound === 'since' ? { kind: 'rolling', ms, ...at(m) } : { kind: 'ago', ms, ...at(m) });
  }

  // "right now", "just now", "a moment ago".
  for (const m of matches(text, /\b(?:right\s+now|just\s+now|as\s+we\s+speak|(?:a\s+)?moments?\s+ago)\b/gi))
    found.push({ kind: 'rolling', ms: RIGHT_NOW, ...at(m) });
  return found;
}

export function findCalendarRanges(text: string): Piece[] {
  const found: Piece[] = [];
  const push = (m: RegExpExecArray, range: RangeSpec) => {
    const bound = spanBoundOf(m[1]);
    found.push({ kind: 'range', range, start: m.index, end: m.index + m[0].length, ...(bound ? { bound } : {}) });
  };
  const lead = String.raw`\b${BOUND_PREFIX}(?:(?:during|in|over|on|at|earlier|throughout|for)\s+)?`;
  for (const m of matches(text, new RegExp(String.raw`${lead}(this|last|previous|the\s+previous)\s+(week|month)\b`, 'gi'))) {
    const last = !/^this$/i.test(m[2]!);
    const month = /^month$/i.test(m[3]!);
    push(m, month ? { type: last ? 'last-month' : 'this-month' } : { type: last ? 'last-week' : 'this-week' });
  }
  for (const m of matches(text, new RegExp(String.raw`${lead}(the|this|last|past|previous|this\s+past)\s+weekend\b`, 'gi'))) {
    push(m, { type: 'weekend', previous: /^(?:last|past|previous|this\s+past)$/i.test(m[2]!) });
  }
  return found;
}
