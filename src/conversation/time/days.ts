import * as chrono from 'chrono-node';
import * as chronoDe from 'chrono-node/de';
import * as chronoEs from 'chrono-node/es';
import * as chronoFr from 'chrono-node/fr';
import * as chronoJa from 'chrono-node/ja';
import type { Language } from '../language.ts';
import { isRealDate } from './local-clock.ts';
import { matches, BOUND_PREFIX, spanBoundOf, NUMBER, numberOf, type DaySpec, type Piece } from './pieces.ts';

/**
 * Days: "today", "yesterday", "the day before yesterday", "on Tuesday", "last Tuesday",
 * "2 days ago", "Nov 18", "18 November", "2026-11-18", "18/11". Dates without a year are the
 * most recent one (resolve.ts), never a future one.
 */

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'];
const SHORT_WEEKDAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, tues: 2, wed: 3, weds: 3, thu: 4, thur: 4, thurs: 4, fri: 5, sat: 6 };
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const MONTH = String.raw`(jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?`;
const FULL_MONTH = String.raw`(january|february|march|april|may|june|july|august|september|october|november|december)`;

const monthOf = (name: string) => MONTHS.indexOf(name.slice(0, 3).toLowerCase()) + 1;
const yearOf = (y: string | undefined) => (y === undefined ? undefined : y.length === 2 ? 2000 + Number(y) : Number(y));

/** Zones whose people write the month first (9/11 is 11 September). Elsewhere the day comes first. */
const MONTH_FIRST_ZONES =
  /^(?:America\/(?:New_York|Detroit|Chicago|Denver|Boise|Phoenix|Los_Angeles|Anchorage|Juneau|Sitka|Metlakatla|Yakutat|Nome|Adak|Menominee|Indiana\/.+|Kentucky\/.+|North_Dakota\/.+)|Pacific\/Honolulu|US\/.+)$/;

/**
 * Whether "3/11" is March 11 (true) or 3 November. The asker's locale decides when known
 * (en-US: month first; en-GB, de: day first); without one, their zone: the United States
 * writes the month first, the rest of the world the day. A number over 12 settles it anyway.
 */
export function monthFirst(locale: string | undefined, timeZone: string): boolean {
  if (locale) {
    try {
      const order = new Intl.DateTimeFormat(locale, { day: 'numeric', month: 'numeric' }).formatToParts(new Date(0)).map((p) => p.type);
      return order.indexOf('month') < order.indexOf('day');
    } catch {
      // An unknown locale tag: fall through to the zone.
    }
  }
  return MONTH_FIRST_ZONES.test(timeZone);
}

function dateSpec(y: number | undefined, m: number, d: number): DaySpec | undefined {
  if (m < 1 || m > 12 || d < 1 || d > 31) return undefined;
  // Without a year, 29 February must exist in some year; 2024 is a leap year.
  if (!isRealDate(y ?? 2024, m, d)) return undefined;
  return { type: 'date', ...(y !== undefined ? { y } : {}), m, d };
}

export function findDays(text: string, opts: { monthFirst: boolean }): Piece[] {
  const found: Piece[] = [];
  const push = (m: RegExpExecArray, day: DaySpec | undefined, bound?: string, weak = false) => {
    if (!day) return;
    const b = spanBoundOf(bound);
    const variant = /\b(early|late)\s/i.exec(m[0])?.[1]?.toLowerCase() as 'early' | 'late' | undefined;
    found.push({
      kind: 'day',
      day,
      start: m.index,
      end: m.index + m[0].length,
      ...(b ? { bound: b } : {}),
      ...(variant ? { variant } : {}),
      ...(weak ? { needs: 'next-time' as const } : {}),
    });
  };
  // "since", "on", and "early"/"late" for a part of the day that follows ("late yesterday afternoon").
  const prefix = String.raw`\b${BOUND_PREFIX}(?:(?:early|late)\s+)?(?:(?:between|on)\s+)?`;

  for (const m of matches(text, new RegExp(String.raw`${prefix}(?:(?:earlier|so\s+far)\s+)?(today)(?:\s+so\s+far)?\b`, 'gi'))) push(m, { type: 'today' }, m[1]);
  for (const m of matches(text, new RegExp(String.raw`${prefix}yesterday\b`, 'gi'))) push(m, { type: 'back', days: 1 }, m[1]);
  for (const m of matches(text, new RegExp(String.raw`${prefix}(?:the\s+)?day\s+before\s+yesterday\b`, 'gi'))) push(m, { type: 'back', days: 2 }, m[1]);
  for (const m of matches(text, new RegExp(String.raw`${prefix}${NUMBER}\s+(days?|weeks?)\s+ago\b`, 'gi'))) {
    push(m, { type: 'back', days: numberOf(m[2]) * (/^w/i.test(m[3]!) ? 7 : 1) }, m[1]);
  }

  // "Tuesday", "on Tuesday", "last Tuesday", "this past Tuesday".
  const weekday = (names: string) => new RegExp(String.raw`${prefix}(?:(last|this\s+past|past|previous|this)\s+)?(?:on\s+)?${names}\b`, 'gi');
  for (const m of matches(text, weekday(`(${WEEKDAYS.join('|')})`))) {
    push(
      m,
      { type: 'weekday', dow: WEEKDAYS.indexOf(m[3]!.toLowerCase()), before: Boolean(m[2] && !/^this$/i.test(m[2])), thisOne: /^this$/i.test(m[2] ?? '') },
      m[1],
    );
  }
  // "Sat", "sun", "wed" are words too ("I sat down"): only with a cue before ("on Sat", "since
  // Mon") or a time after ("Sat morning", "Fri 3pm", "Tue 17 Nov").
  for (const m of matches(text, weekday(String.raw`(${Object.keys(SHORT_WEEKDAYS).join('|')})\.?`))) {
    const cued = Boolean(m[1] || m[2]) || /\b(?:on|between)\s/i.test(m[0]);
    push(
      m,
      { type: 'weekday', dow: SHORT_WEEKDAYS[m[3]!.toLowerCase()]!, before: Boolean(m[2] && !/^this$/i.test(m[2])), thisOne: /^this$/i.test(m[2] ?? '') },
      m[1],
      !cued,
    );
  }

  // "2026-11-18", "2026/11/18".
  for (const m of matches(text, new RegExp(String.raw`${prefix}(\d{4})[-/](\d{1,2})[-/](\d{1,2})\b(?![-/:]\d)`, 'gi')))
    push(m, dateSpec(Number(m[2]), Number(m[3]), Number(m[4])), m[1]);
  // "18.11.2026": dotted dates are day-first wherever they are written.
  for (const m of matches(text, new RegExp(String.raw`${prefix}(\d{1,2})\.(\d{1,2})\.(\d{4}|\d{2})\b(?![.]\d)`, 'gi')))
    push(m, dateSpec(yearOf(m[4]), Number(m[3]), Number(m[2])), m[1]);
  // "18/11", "11/18/2026", "3-11-2026": a number over 12 is the day; otherwise the asker's order.
  // With dashes only when a year follows ("9-11am" is a time).
  const numeric = String.raw`(?<![\d/-])(\d{1,2})(?:/(\d{1,2})(?:/(\d{4}|\d{2}))?|-(\d{1,2})-(\d{4}))\b(?![/:.-]\d|\s*(?:of|users?|people|attempts?|times?)\b)`;
  for (const m of matches(text, new RegExp(prefix + numeric, 'gi'))) {
    const a = Number(m[2]);
    const b = Number(m[3] ?? m[5]);
    const year = yearOf(m[4] ?? m[6]);
    const mf = a > 12 ? false : b > 12 ? true : opts.monthFirst;
    push(m, mf ? dateSpec(year, a, b) : dateSpec(year, b, a), m[1]);
  }
  // "18 November", "18th of Nov 2026", "Nov 18", "November 18th, 2026". A month name needs its day
  // number: "May Chen" and "it may fail" are not dates.
  for (const m of matches(text, new RegExp(String.raw`${prefix}(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+${MONTH}(?:,?\s+(\d{4}))?\b`, 'gi'))) {
    push(m, dateSpec(yearOf(m[4]), monthOf(m[3]!), Number(m[2])), m[1]);
  }
  for (const m of matches(
    text,
    new RegExp(String.raw`${prefix}${MONTH}\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?(?:,?\s+(\d{4}))?\b(?![:.]?\d|\s*(?:am|pm|a\.m|p\.m)\b)`, 'gi'),
  )) {
    push(m, dateSpec(yearOf(m[4]), monthOf(m[2]!), Number(m[3])), m[1]);
  }
  return found;
}

/**
 * Months on their own, after a word that makes them one: "in November", "since March",
 * "during May 2026". "May Chen" (a capitalised word after it) is a person.
 */
export function findMonths(text: string): Piece[] {
  const found: Piece[] = [];
  const re = new RegExp(String.raw`\b(?:(since|from)|in|during|throughout|for|over|all\s+of)\s+(?:the\s+month\s+of\s+)?${FULL_MONTH}\b(?:\s+(\d{4})\b)?`, 'gi');
  for (const m of matches(text, re)) {
    if (!m[3] && /^\s+\p{Lu}\p{Ll}/u.test(text.slice(m.index + m[0].length))) continue;
    const bound = spanBoundOf(m[1]);
    found.push({
      kind: 'range',
      range: { type: 'month', m: monthOf(m[2]!), ...(m[3] ? { y: Number(m[3]) } : {}) },
      start: m.index,
      end: m.index + m[0].length,
      ...(bound ? { bound } : {}),
    });
  }
  return found;
}

/** chrono-node's parsers for the other languages, named one by one so the bundle leaves out the locales no one asks in. */
const CHRONO = { de: chronoDe, fr: chronoFr, es: chronoEs, ja: chronoJa };
/** English's, by its one function: the namespace as a value would bring every locale into the bundle. */
const EN = { parse: chrono.parse };

/**
 * Dates in forms the patterns above miss ("Thursday the 19th of November", "Nov. 18th '26"),
 * read by chrono-node. Only when it is sure of the day and the month and the words hold a
 * digit, so its readings of "sat", "sun" and "May" are never taken.
 */
export function findChronoDates(text: string, now: number, taken: readonly Piece[], lang: Language = 'en'): Piece[] {
  const found: Piece[] = [];
  // chrono-node's parser for the asker's language too ("am 17.11.", "le 17 novembre", "el 17 de noviembre", "11月17日").
  const parsers = lang === 'en' ? [EN] : [EN, CHRONO[lang]];
  for (const r of parsers.flatMap((p) => p.parse(text, new Date(now), { forwardDate: false }))) {
    const start = r.index;
    const end = r.index + r.text.length;
    if (!r.start.isCertain('day') || !r.start.isCertain('month') || !/\d/.test(r.text)) continue;
    if (taken.some((p) => p.start < end && start < p.end)) continue;
    const day = dateSpec(r.start.isCertain('year') ? (r.start.get('year') ?? undefined) : undefined, r.start.get('month') ?? 0, r.start.get('day') ?? 0);
    if (day) found.push({ kind: 'day', day, start, end });
  }
  return found;
}
