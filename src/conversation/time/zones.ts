import { isTimeZone } from './local-clock.ts';
import { matches, type Piece } from './pieces.ts';

/**
 * Zones named in the text ("at 4:15pm eastern", "3pm PT", "9am London time") → IANA zones.
 * Abbreviations name a region, not an offset: "EST" in July is New York's summer time, since
 * that is what a person typing it means. IST is India's (not Irish or Israeli) time.
 */
const NAMED: Record<string, string> = {
  eastern: 'America/New_York',
  et: 'America/New_York',
  est: 'America/New_York',
  edt: 'America/New_York',
  central: 'America/Chicago',
  ct: 'America/Chicago',
  cst: 'America/Chicago',
  cdt: 'America/Chicago',
  mountain: 'America/Denver',
  mt: 'America/Denver',
  mst: 'America/Denver',
  mdt: 'America/Denver',
  pacific: 'America/Los_Angeles',
  pt: 'America/Los_Angeles',
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  utc: 'UTC',
  gmt: 'UTC',
  cet: 'Europe/Berlin',
  cest: 'Europe/Berlin',
  bst: 'Europe/London',
  uk: 'Europe/London',
  british: 'Europe/London',
  ist: 'Asia/Kolkata',
  india: 'Asia/Kolkata',
  indian: 'Asia/Kolkata',
  jst: 'Asia/Tokyo',
  aest: 'Australia/Sydney',
  aedt: 'Australia/Sydney',
};

/** Region words a person says with "time" or right after a clock time. */
const REGION_WORDS = /^(?:eastern|central|mountain|pacific|uk|british|india|indian)$/i;

/** City name ("london", "new york") → IANA zone, from the zones Intl knows; built on first use. */
let cities: Map<string, string> | undefined;
function cityZone(name: string): string | undefined {
  if (!cities) {
    cities = new Map();
    for (const z of Intl.supportedValuesOf('timeZone')) {
      const city = z.split('/').pop()!.replace(/_/g, ' ').toLowerCase();
      if (!cities.has(city)) cities.set(city, z);
    }
    // Names ICU keeps under an older spelling.
    for (const [c, z] of [
      ['kolkata', 'Asia/Kolkata'],
      ['mumbai', 'Asia/Kolkata'],
      ['delhi', 'Asia/Kolkata'],
      ['bangalore', 'Asia/Kolkata'],
      ['kyiv', 'Europe/Kyiv'],
      ['san francisco', 'America/Los_Angeles'],
      ['seattle', 'America/Los_Angeles'],
      ['redmond', 'America/Los_Angeles'],
      ['boston', 'America/New_York'],
      ['washington', 'America/New_York'],
      ['dallas', 'America/Chicago'],
      ['houston', 'America/Chicago'],
      ['munich', 'Europe/Berlin'],
      ['frankfurt', 'Europe/Berlin'],
      ['beijing', 'Asia/Shanghai'],
      ['melbourne', 'Australia/Melbourne'],
    ] as const) {
      if (isTimeZone(z)) cities.set(c, z);
    }
  }
  return cities.get(name.toLowerCase().replace(/\s+/g, ' '));
}

/** "UTC+2" → Etc/GMT-2 (the Etc names count the other way). Whole hours only. */
function offsetZone(sign: string, hours: string): string | undefined {
  const h = Number(hours);
  if (h === 0) return 'UTC';
  if (h > 14) return undefined;
  const z = `Etc/GMT${sign === '+' ? '-' : '+'}${h}`;
  return isTimeZone(z) ? z : undefined;
}

export function findZones(text: string): Piece[] {
  const found: Piece[] = [];
  const at = (m: RegExpExecArray, zone: string | undefined, weak: boolean): Piece => ({
    kind: 'zone',
    zone,
    start: m.index,
    end: m.index + m[0].length,
    ...(weak ? { needs: 'prev-clock' as const } : {}),
  });

  // "eastern time", "London time", "New York time", "local time" / "my time" (the asker's own).
  for (const m of matches(text, /\b(?:(local|my|our)|([a-z]+)\s+([a-z]+)|([a-z]+))\s+time\b/gi)) {
    if (m[1]) {
      found.push(at(m, undefined, false));
      continue;
    }
    const two = m[2] && m[3] ? cityZone(`${m[2]} ${m[3]}`) : undefined;
    if (two) {
      found.push(at(m, two, false));
      continue;
    }
    const word = (m[3] ?? m[4])!;
    const zone = NAMED[word.toLowerCase()] ?? cityZone(word);
    if (!zone) continue;
    // "at 3 eastern time": only the last word and "time" belong to the zone.
    const start = m.index + m[0].toLowerCase().lastIndexOf(word.toLowerCase());
    found.push({ kind: 'zone', zone, start, end: m.index + m[0].length });
  }

  // "UTC+2", "GMT-5".
  for (const m of matches(text, /\b(?:utc|gmt)\s*([+-])\s*(\d{1,2})(?::?00)?\b/gi)) {
    const zone = offsetZone(m[1]!, m[2]!);
    if (zone) found.push(at(m, zone, false));
  }

  // Bare words and abbreviations: "4:15pm eastern", "3pm PT", "9am ist". Typed in capitals
  // (or UTC/GMT) they are a zone wherever they stand next to a time; in lower case only right
  // after a clock time ("et", "pt" and "ist" are too short to trust elsewhere).
  for (const m of matches(
    text,
    /\b(eastern|central|mountain|pacific|et|est|edt|ct|cst|cdt|mt|mst|mdt|pt|pst|pdt|utc|gmt|cet|cest|bst|ist|jst|aest|aedt)\b(?!\s*[+-]\s*\d)/gi,
  )) {
    const word = m[1]!;
    const strong = /^(?:utc|gmt)$/i.test(word) || (!REGION_WORDS.test(word) && word === word.toUpperCase());
    found.push(at(m, NAMED[word.toLowerCase()]!, !strong));
  }
  return found;
}
