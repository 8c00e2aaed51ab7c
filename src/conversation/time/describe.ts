/**
 * A window as the asker reads it, for the card to say what the time words were taken as:
 * "Wednesday 25 November 12:00 – 18:00 (America/Los_Angeles)". A whole day ends "24:00"; a
 * window that runs to now says so; the year shows only when it is not the current one; when
 * the clocks change inside the window each end names its offset ("01:00 EDT – 01:00 EST").
 */

const dates = new Map<string, Intl.DateTimeFormat>();
const zoneNames = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, timeZone: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = cache.get(timeZone);
  if (!f) cache.set(timeZone, (f = make()));
  return f;
}

function parts(at: number, timeZone: string) {
  const p = cached(
    dates,
    timeZone,
    () =>
      new Intl.DateTimeFormat('en-GB', {
        timeZone,
        weekday: 'long',
        day: 'numeric',
        month: 'long',
        year: 'numeric',
        hour: '2-digit',
        minute: '2-digit',
        hourCycle: 'h23',
      }),
  ).formatToParts(at);
  const get = (t: Intl.DateTimeFormatPartTypes) => p.find((x) => x.type === t)?.value ?? '';
  // en-US names American zones (EDT, EST); others come out as GMT+2, which is as clear.
  const zone =
    cached(zoneNames, timeZone, () => new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'short' }))
      .formatToParts(at)
      .find((x) => x.type === 'timeZoneName')?.value ?? '';
  return { weekday: get('weekday'), day: get('day'), month: get('month'), year: get('year'), time: `${get('hour')}:${get('minute')}`, zone };
}

export function describeWindow(w: { since: string; until: string }, timeZone: string, nowIso?: string): string {
  const since = Date.parse(w.since);
  const until = Date.parse(w.until);
  const s = parts(since, timeZone);
  const u = parts(until, timeZone);
  const thisYear = nowIso ? parts(Date.parse(nowIso), timeZone).year : undefined;
  const showYear = s.year !== thisYear || u.year !== thisYear;
  const date = (x: typeof s) => `${x.weekday} ${x.day} ${x.month}${showYear ? ` ${x.year}` : ''}`;
  const zoned = s.zone !== u.zone;
  const time = (x: typeof s, t = x.time) => (zoned ? `${t} ${x.zone}` : t);
  // Midnight closing the day the window began on: "00:00 – 24:00", not "– Thursday 26 November 00:00".
  const endsThatDay = u.time === '00:00' && until > since && date(parts(until - 60_000, timeZone)) === date(s);
  const end = date(s) === date(u) ? time(u) : endsThatDay ? time(u, '24:00') : `${date(u)} ${time(u)}`;
  const now = nowIso !== undefined && until === Date.parse(nowIso) ? ', now' : '';
  // The zone as people read it, "America/Los Angeles": an underscore is markup in a card and reads as code elsewhere.
  return `${date(s)} ${time(s)} – ${end}${now} (${timeZone.replace(/_/g, ' ')})`;
}
