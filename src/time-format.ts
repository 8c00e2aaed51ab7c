/** One formatter per locale, zone and shape: making one costs about a millisecond, and a window's listing formats a time per attempt. */
const formatters = new Map<string, Intl.DateTimeFormat>();

const DAY_TIME: Intl.DateTimeFormatOptions = { month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' };
const FULL: Intl.DateTimeFormatOptions = { year: 'numeric', ...DAY_TIME };

function formatter(locale: string, timeZone: string, shape: 'full' | 'day' = 'full'): Intl.DateTimeFormat {
  const key = `${locale} ${timeZone} ${shape}`;
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.DateTimeFormat(locale, { timeZone, ...(shape === 'full' ? FULL : DAY_TIME) })));
  return f;
}

/**
 * "2026-11-20 09:15 PST": a sign-in time as the asker reads it, in their zone. In another
 * language (`locale`, a language tag such as "de"), the date and time are written as that
 * language writes them ("20.11.2026, 09:15 MEZ", "2026/11/20 9:15 JST"); English keeps the
 * ISO-like form every card and test has used.
 */
export function formatInTimeZone(iso: string, timeZone: string, locale = 'en'): string {
  const d = new Date(iso);
  // Minutes are what is written: one formatting per minute, zone and language (a window's listing formats a time per attempt, 10 µs each).
  const minute = Math.floor(d.getTime() / 60_000);
  if (!Number.isFinite(minute)) return format(d, timeZone, locale);
  if (formattedCount >= MAX_FORMATTED) {
    formatted.clear();
    formattedCount = 0;
  }
  // By zone, language, then the minute as a number: no key string to build and hash per time written.
  let byLocale = formatted.get(timeZone);
  if (!byLocale) formatted.set(timeZone, (byLocale = new Map()));
  let byMinute = byLocale.get(locale);
  if (!byMinute) byLocale.set(locale, (byMinute = new Map()));
  let text = byMinute.get(minute);
  if (text === undefined) {
    byMinute.set(minute, (text = format(d, timeZone, locale)));
    formattedCount++;
  }
  return text;
}

const formatted = new Map<string, Map<string, Map<number, string>>>();
let formattedCount = 0;
const MAX_FORMATTED = 100_000;

function format(d: Date, timeZone: string, locale: string): string {
  if (locale !== 'en') return formatter(locale, timeZone).format(d);
  const parts = formatter('en-CA', timeZone).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}

/** The engine writes "2026-11-19 16:11 UTC"; a card shows those times in the asker's zone and language. */
export function localizeTimes(text: string, timeZone: string, locale = 'en'): string {
  if (timeZone === 'UTC' && locale === 'en') return text;
  return text.replace(/\b(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC\b/g, (_, day: string, hm: string) => formatInTimeZone(`${day}T${hm}:00Z`, timeZone, locale));
}

/**
 * A row's time without its year, as the language writes a day and a time: "11-20 09:15 PST" in
 * English (the ISO-like form, as always), "20.11., 09:15 MEZ", "11/20 9:15 JST". The zone stays
 * last, so a table can take it into its header when a page has one zone.
 */
export function formatDayTime(iso: string, timeZone: string, locale = 'en'): string {
  if (locale === 'en') return formatInTimeZone(iso, timeZone).slice(5);
  return formatter(locale, timeZone, 'day').format(new Date(iso));
}
