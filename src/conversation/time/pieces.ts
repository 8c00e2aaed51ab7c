/**
 * The pieces a time phrase is made of, as found in the text: a day, a part of a day, a clock
 * time, a calendar range, a rolling window, a zone. Each recognizer file finds its own kind;
 * clusters.ts puts neighbouring pieces together and resolve.ts turns them into a window.
 */

/** What a bound word ("since Tuesday", "after 5pm", "until 9") does to the window. */
export type Bound = 'since' | 'after' | 'before' | 'until';

/** A clock time as typed: h is 0-23 (or 1-12 with a meridiem); `padded` for "09:00" (a 24-hour clock, so no am/pm guess). */
export interface Clock {
  h: number;
  min: number;
  meridiem?: 'am' | 'pm';
  padded?: boolean;
}

export type DaySpec =
  | { type: 'today' }
  | { type: 'back'; days: number }
  /** dow 0 = Sunday. `before`: "last Tuesday", strictly before today. */
  | { type: 'weekday'; dow: number; before: boolean; thisOne?: boolean }
  | { type: 'date'; y?: number; m: number; d: number };

export type PartName = 'morning' | 'afternoon' | 'evening' | 'night' | 'tonight';

export type RangeSpec =
  | { type: 'this-week' }
  | { type: 'last-week' }
  /** previous: "last weekend" asked during a weekend means the one before. */
  | { type: 'weekend'; previous: boolean }
  | { type: 'this-month' }
  | { type: 'last-month' }
  | { type: 'month'; m: number; y?: number };

/**
 * What a piece needs from its neighbours to count as time at all:
 * `prev-day` ("afternoon" only after "Wednesday"), `next-time` ("Sat" only before "morning",
 * a clock or a date), `prev-clock` ("eastern" only after "4:15pm").
 */
export type Need = 'prev-day' | 'next-time' | 'prev-clock';

interface At {
  start: number;
  end: number;
  bound?: Bound;
  needs?: Need;
}

export type Piece = At &
  /** variant: "late yesterday afternoon", "early Monday morning" put it on the day. */
  (
    | { kind: 'day'; day: DaySpec; variant?: 'early' | 'late' }
    | { kind: 'part'; part: PartName; variant?: 'early' | 'late'; day?: DaySpec }
    | { kind: 'clock'; at: Clock }
    | { kind: 'clock-range'; from: Clock; to: Clock }
    | { kind: 'range'; range: RangeSpec }
    /** The last `ms` before now. */
    | { kind: 'rolling'; ms: number }
    /** An instant `ms` before now ("2 hours ago"). */
    | { kind: 'ago'; ms: number }
    /** zone undefined: the asker's own ("local time"). */
    | { kind: 'zone'; zone?: string }
  );

/** Every match of a global regex, with its index. */
export function matches(text: string, re: RegExp): RegExpExecArray[] {
  return [...text.matchAll(re)] as RegExpExecArray[];
}

const BOUNDS: Record<string, Bound> = {
  since: 'since',
  from: 'since',
  after: 'after',
  before: 'before',
  until: 'until',
  till: 'until',
  til: 'until',
  "'til": 'until',
  'up to': 'until',
  by: 'until',
};

/** "since" → since, "till" → until; undefined for no word. */
export function boundOf(word: string | undefined): Bound | undefined {
  return word ? BOUNDS[word.toLowerCase().replace(/\s+/g, ' ')] : undefined;
}

/**
 * The bound word before a day, a part of a day or a range: "from" there names the span itself
 * ("logins from yesterday" are yesterday's, "from last week" last week's), unlike "from 9am".
 */
export function spanBoundOf(word: string | undefined): Bound | undefined {
  return word && /^from$/i.test(word) ? undefined : boundOf(word);
}

/** The regex source for a bound word, as an optional prefix group. */
export const BOUND_PREFIX = String.raw`(?:(since|from|after|before|until|till|'til|til|up\s+to)\s+)?`;

/** "two" → 2, "a couple of" → 2, "few" → 3; digits as they are. */
const WORD_NUMBER: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  fifteen: 15,
  twenty: 20,
  thirty: 30,
  few: 3,
  couple: 2,
};
export const NUMBER = String.raw`(\d{1,3}|an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|(?:a\s+)?few|(?:a\s+)?couple(?:\s+of)?)`;

export function numberOf(word: string | undefined): number {
  if (word === undefined) return 1;
  if (/^\d+$/.test(word)) return Number(word);
  const w = word.toLowerCase().replace(/\s+/g, ' ');
  return WORD_NUMBER[w] ?? WORD_NUMBER[w.replace(/^a /, '').replace(/ of$/, '')] ?? 1;
}
