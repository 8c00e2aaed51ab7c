import { DAY_MINUTES } from './local-clock.ts';
import { matches, boundOf, type Clock, type PartName, type Piece } from './pieces.ts';

/**
 * Clock times: "at 4:15pm", "around 3", "before 7am", "until 9", "since 8am", "between 9
 * and 11am", "from 2 to 4pm", "9-11am", "15:00", "noon". A bare number is a time only after a
 * word that makes it one ("at 3", "until 9"), and never when a count follows ("about 5 times").
 */

const TIME = String.raw`(?:(\d{1,2})(?::([0-5]\d))?\s*(a\.?m\b\.?|p\.?m\b\.?)?(?:\s*o'?clock)?(?:-?ish)?|(noon|midday|midnight))`;
/** What may not follow a time: digits, a unit, a count ("3 times", "5 people", "2/3"). */
const NOT_A_COUNT = String.raw`(?!\s*(?:%|[/.:,]?\d|(?:mins?|minutes?|hours?|hrs?|h|days?|d|weeks?|wks?|months?|years?|yrs?|times?|attempts?|tries|try|failures?|errors?|sign|log|logins?|people|persons?|users?|accounts?|devices?|apps?|of|x|percent|more|or|out|different|other|failed)\b))`;
const POINT_WORDS = String.raw`(?:at\s+about|at\s+around|at\s+roughly|at\s+approximately|at|around|about|approximately|approx\.?|roughly|circa|near)`;
const BOUND_WORDS = String.raw`(?:since|from|after|before|until|till|'til|til|up\s+to|by)`;

function clockOf(h: string | undefined, min: string | undefined, meridiem: string | undefined, word: string | undefined): Clock | undefined {
  if (word) {
    const w = word.toLowerCase();
    // Midnight is the end of the day it closes ("until midnight"); 24:00, not 00:00.
    return w === 'midnight' ? { h: 24, min: 0, padded: true } : { h: 12, min: 0, meridiem: 'pm' };
  }
  const hour = Number(h);
  const mer = meridiem ? (meridiem.toLowerCase().startsWith('p') ? 'pm' : 'am') : undefined;
  if (mer ? hour < 1 || hour > 12 : hour > 23) return undefined;
  return {
    h: hour,
    min: Number(min ?? 0),
    ...(mer ? { meridiem: mer } : {}),
    ...(!mer && (/^0\d/.test(h!) || hour > 12 || hour === 0) ? { padded: true } : {}),
  };
}

/** Said with am/pm, minutes or as a word ("3pm", "15:00", "noon"): a time on its own. `i`: the hour's group. */
const definite = (m: RegExpExecArray, i: number) => Boolean(m[i + 1] || m[i + 2] || m[i + 3]);

export function findClocks(text: string): Piece[] {
  const found: Piece[] = [];
  const span = (m: RegExpExecArray) => ({ start: m.index, end: m.index + m[0].replace(/\s+$/, '').length });

  // Ranges: "between 9 and 11am", "from 2 to 4pm", "9-11am".
  const range = new RegExp(String.raw`\b(?:(between|from)\s+)?${TIME}\s*(?:-|–|\bto\b|\band\b|\buntil\b|\btill\b)\s*${TIME}${NOT_A_COUNT}`, 'gi');
  for (const m of matches(text, range)) {
    const keyword = Boolean(m[1]);
    const from = clockOf(m[2], m[3], m[4], m[5]);
    const to = clockOf(m[6], m[7], m[8], m[9]);
    if (!from || !to) continue;
    // Without "between"/"from", "9 to 5" or "2-3" is more likely a count than a time.
    if (!keyword && !definite(m, 2) && !definite(m, 6)) continue;
    if (!keyword && !/-|–|\bto\b/i.test(m[0])) continue;
    // "between 9 and 11am": the first takes the second's am/pm when that keeps it first.
    if (!from.meridiem && !from.padded && to.meridiem && from.h % 12 <= to.h % 12) from.meridiem = to.meridiem;
    found.push({ kind: 'clock-range', from, to, ...span(m) });
  }

  // A time after a word: "at 3", "around 3pm", "until 9", "since 8am", "by 10".
  const point = new RegExp(String.raw`\b(?:(${BOUND_WORDS})|${POINT_WORDS})\s*${TIME}${NOT_A_COUNT}`, 'gi');
  for (const m of matches(text, point)) {
    const at = clockOf(m[2], m[3], m[4], m[5]);
    if (!at) continue;
    const bound = boundOf(m[1]);
    found.push({ kind: 'clock', at, ...span(m), ...(bound ? { bound } : {}) });
  }

  // A time on its own: "3pm", "4:15pm", "15:00", "noon".
  for (const m of matches(text, new RegExp(String.raw`\b${TIME}${NOT_A_COUNT}`, 'gi'))) {
    if (!definite(m, 1)) continue;
    const at = clockOf(m[1], m[2], m[3], m[4]);
    if (at) found.push({ kind: 'clock', at, ...span(m) });
  }
  return found;
}

/**
 * Minutes past midnight of the day a clock time falls on. A bare hour takes am/pm from the part
 * of the day said with it ("this afternoon at 3"); with none, the working day decides: 7-11 are
 * morning, 12 is noon, 1-6 are afternoon ("at about 3" is 15:00). At night, 1-5 are after
 * midnight (30 * 60 style: past 24:00).
 */
export function minutesOf(c: Clock, part?: PartName): number {
  let h = c.h;
  if (c.meridiem) h = (h % 12) + (c.meridiem === 'pm' ? 12 : 0);
  else if (!c.padded) {
    if (part === 'morning') h = h % 12;
    else if (part === 'afternoon' || part === 'evening') h = (h % 12) + 12;
    else if (part === 'night' || part === 'tonight') h = h >= 6 && h < 12 ? h + 12 : h === 12 ? 24 : h + 24;
    else h = h >= 7 && h <= 12 ? h : (h % 12) + 12;
  }
  if ((part === 'night' || part === 'tonight') && c.meridiem === 'am' && h < 12) h += 24;
  return h * 60 + c.min;
}

/** The end of a clock range, the first time it names after its start ("11 to 2" runs to 14:00, "10pm to 2am" past midnight). */
export function rangeEnd(from: number, to: Clock, part?: PartName): number {
  let end = minutesOf(to, part);
  if (!to.meridiem && !to.padded) {
    const bare = (to.h % 12) * 60 + to.min;
    for (const candidate of [bare, bare + 12 * 60, bare + DAY_MINUTES, bare + DAY_MINUTES + 12 * 60]) {
      if (candidate > from) {
        end = candidate;
        break;
      }
    }
  }
  while (end <= from) end += DAY_MINUTES;
  return end;
}
