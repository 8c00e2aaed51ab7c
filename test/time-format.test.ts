import { describe, expect, it } from 'vitest';
import { formatInTimeZone } from '../src/time-format.ts';

/** Times are formatted once per minute, zone and language (a window's listing formats one per attempt): the remembered text must be that minute's, in that zone and language. */
describe('formatInTimeZone', () => {
  it('each zone and language its own text for the same minute; the seconds do not matter; a new minute is formatted anew', () => {
    expect(formatInTimeZone('2026-11-20T09:15:59Z', 'UTC')).toBe('2026-11-20 09:15 UTC');
    expect(formatInTimeZone('2026-11-20T09:15:00.001Z', 'UTC')).toBe('2026-11-20 09:15 UTC');
    expect(formatInTimeZone('2026-11-20T09:15:30Z', 'America/Los_Angeles')).toBe('2026-11-20 01:15 PST');
    expect(formatInTimeZone('2026-11-20T09:15:30Z', 'Europe/Berlin', 'de')).toBe('20.11.2026, 10:15 MEZ');
    expect(formatInTimeZone('2026-11-20T09:15:30Z', 'Europe/Berlin')).toBe('2026-11-20 10:15 GMT+1');
    expect(formatInTimeZone('2026-11-20T09:16:00Z', 'UTC')).toBe('2026-11-20 09:16 UTC');
    // Half-hour zones keep their minutes.
    expect(formatInTimeZone('2026-11-20T09:15:30Z', 'Asia/Kolkata')).toBe('2026-11-20 14:45 GMT+5:30');
  });
});
