import * as chrono from 'chrono-node';

/**
 * Natural time phrases in the asker's time zone → a UTC window. "yesterday" is that whole
 * local day, "this morning" midnight to noon, "on Tuesday" the most recent Tuesday,
 * "between 9 and 11am" those hours, "around 3pm" half an hour either side, "last 2 hours"
 * the two hours before now. Windows never end after now.
 */
export interface TimeWindow {
  since: string;
  until: string;
  /** The words that said it, to echo back ("yesterday"). */
  text: string;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** The zone's offset from UTC at an instant, in minutes (e.g. -480 for PST). */
export function offsetMinutes(timeZone: string, at: Date): number {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? 'GMT';
  const m = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
  if (!m) return 0;
  return (m[1] === '-' ? -1 : 1) * (Number(m[2]) * 60 + Number(m[3] ?? 0));
}

/** Local calendar date (in the zone) of an instant: y, m (1-12), d. */
function localDate(at: Date, timeZone: string): { y: number; m: number; d: number } {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at);
  const get = (t: string) => Number(parts.find((p) => p.type === t)?.value);
  return { y: get('year'), m: get('month'), d: get('day') };
}

/** The UTC instant of a local wall-clock time in the zone. */
function zoned(y: number, m: number, d: number, h: number, min: number, timeZone: string): number {
  const guess = Date.UTC(y, m - 1, d, h, min);
  const first = guess - offsetMinutes(timeZone, new Date(guess)) * MINUTE;
  // Once more, in case the offset differs on the other side of a DST change.
  return guess - offsetMinutes(timeZone, new Date(first)) * MINUTE;
}

function dayStart(at: number, timeZone: string, daysBack = 0): number {
  const { y, m, d } = localDate(new Date(at), timeZone);
  return zoned(y, m, d - daysBack, 0, 0, timeZone);
}

const iso = (t: number) => new Date(t).toISOString();

function window(since: number, until: number, now: number, text: string): TimeWindow {
  return { since: iso(since), until: iso(Math.min(until, now)), text: text.trim() };
}

const UNIT: Record<string, number> = { minute: MINUTE, min: MINUTE, mins: MINUTE, minutes: MINUTE, hour: HOUR, hours: HOUR, hr: HOUR, hrs: HOUR, h: HOUR, day: DAY, days: DAY, week: 7 * DAY, weeks: 7 * DAY };
const WORD_NUMBER: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, few: 3, couple: 2 };

const PARTS: Record<string, [number, number]> = { morning: [0, 12], afternoon: [12, 18], evening: [18, 24], tonight: [18, 24], night: [18, 24] };

function hour12(h: number, meridiem: string | undefined): number {
  if (!meridiem) return h;
  const pm = meridiem.toLowerCase().startsWith('p');
  return (h % 12) + (pm ? 12 : 0);
}

/** Finds the time phrase in a message; undefined when it names no time. */
export function parseTimeWindow(text: string, nowIso: string, timeZone = 'UTC'): TimeWindow | undefined {
  const now = Date.parse(nowIso);
  const t = text.toLowerCase();

  // "last 2 hours", "past 30 minutes", "in the last day", "last hour"
  const rel = /\b(?:in\s+the\s+)?(?:last|past|previous)\s+(?:(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|twelve|few|couple)\s+(?:of\s+)?)?(minutes?|mins?|hours?|hrs?|h|days?|weeks?)\b/.exec(t);
  if (rel) {
    const n = rel[1] === undefined ? 1 : /^\d+$/.test(rel[1]) ? Number(rel[1]) : WORD_NUMBER[rel[1]] ?? 1;
    return window(now - n * UNIT[rel[2]!]!, now, now, rel[0]);
  }

  // A part of a day: "this morning", "yesterday afternoon", "last night", "tonight"
  const part = /\b(this|yesterday|last)\s+(morning|afternoon|evening|night)\b|\b(tonight)\b/.exec(t);
  if (part) {
    const which = part[1] ?? 'this';
    const name = part[2] ?? part[3]!;
    if (which === 'last' && name === 'night') {
      const today = dayStart(now, timeZone);
      return window(today - 6 * HOUR, today + 6 * HOUR, now, part[0]);
    }
    const start = dayStart(now, timeZone, which === 'yesterday' ? 1 : 0);
    const [a, b] = PARTS[name]!;
    return window(start + a * HOUR, start + b * HOUR, now, part[0]);
  }

  // "between 9 and 11am", "from 9:30 to 11", optionally with a day ("yesterday between 9 and 11")
  const between = /\b(?:between|from)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?\s+(?:and|to|-)\s+(\d{1,2})(?::(\d{2}))?\s*(am|pm|a\.m\.|p\.m\.)?/.exec(t);
  if (between) {
    const m2 = between[6];
    const m1 = between[3] ?? (m2 && Number(between[1]) <= Number(between[4]) ? m2 : undefined);
    const h1 = hour12(Number(between[1]), m1);
    const h2 = hour12(Number(between[4]), m2 ?? m1);
    const base = dayOf(t.replace(between[0], ' '), now, timeZone);
    let start = base.start + h1 * HOUR + Number(between[2] ?? 0) * MINUTE;
    let end = base.start + h2 * HOUR + Number(between[5] ?? 0) * MINUTE;
    if (end <= start) end += 12 * HOUR;
    if (!base.explicit && start > now) {
      start -= DAY;
      end -= DAY;
    }
    return window(start, end, now, `${base.text} ${between[0]}`);
  }

  const ref = { instant: new Date(now), timezone: offsetMinutes(timeZone, new Date(now)) };
  const results = chrono.parse(text, ref, { forwardDate: false });
  const r = results[0];
  if (!r) return undefined;
  // "on Tuesday around 9am": chrono returns the day and the time separately; put the time on the day.
  const next = results[1];
  if (next && !r.start.isCertain('hour') && next.start.isCertain('hour') && !next.start.isCertain('day') && !next.start.isCertain('weekday')) {
    let day = r.start.date().getTime();
    if (r.start.isCertain('weekday') && !r.start.isCertain('day') && day > now) day -= 7 * DAY;
    const { y, m, d } = localDate(new Date(day), timeZone);
    const at = zoned(y, m, d, next.start.get('hour') ?? 0, next.start.get('minute') ?? 0, timeZone);
    return window(at - 30 * MINUTE, at + 30 * MINUTE, now, text.slice(r.index, next.index + next.text.length));
  }
  const since = /\b(?:since|after)\s+$/.test(t.slice(0, r.index).toLowerCase());
  const known = (c: chrono.Component) => r.start.isCertain(c);
  let start = r.start.date().getTime();
  // A weekday alone means the most recent one, never a future one.
  if (known('weekday') && !known('day') && start > now) start -= 7 * DAY;
  if (r.end) return window(start, r.end.date().getTime(), now, r.text);
  if (known('hour')) {
    if (!known('day') && !known('weekday') && start > now) start -= DAY;
    if (since) return window(start, now, now, `since ${r.text}`);
    // "around 3pm", "at 3pm", "3pm": half an hour either side; sign-in times are rarely exact in memory.
    return window(start - 30 * MINUTE, start + 30 * MINUTE, now, r.text);
  }
  // A day: the whole local day (up to now for today).
  const d0 = dayStart(start, timeZone);
  if (since) return window(d0, now, now, `since ${r.text}`);
  return window(d0, d0 + DAY, now, r.text);
}

/** The local day a phrase names ("yesterday", "on Tuesday"), else today. */
function dayOf(text: string, now: number, timeZone: string): { start: number; explicit: boolean; text: string } {
  const r = chrono.parse(text, { instant: new Date(now), timezone: offsetMinutes(timeZone, new Date(now)) }, { forwardDate: false })[0];
  if (!r) return { start: dayStart(now, timeZone), explicit: false, text: '' };
  let at = r.start.date().getTime();
  if (r.start.isCertain('weekday') && !r.start.isCertain('day') && at > now) at -= 7 * DAY;
  return { start: dayStart(at, timeZone), explicit: true, text: r.text };
}
