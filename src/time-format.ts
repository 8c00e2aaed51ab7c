/** One formatter per zone: making one costs about a millisecond, and a window's listing formats a time per attempt. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** "2026-11-20 09:15 PST": a sign-in time as the asker reads it, in their zone. */
export function formatInTimeZone(iso: string, timeZone: string): string {
  const d = new Date(iso);
  const parts = formatter(timeZone).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')} ${get('timeZoneName')}`;
}

/** The engine writes "2026-11-19 16:11 UTC"; a card shows those times in the asker's zone. */
export function localizeTimes(text: string, timeZone: string): string {
  if (timeZone === 'UTC') return text;
  return text.replace(/\b(\d{4}-\d{2}-\d{2}) (\d{2}:\d{2}) UTC\b/g, (_, day: string, hm: string) => formatInTimeZone(`${day}T${hm}:00Z`, timeZone));
}
