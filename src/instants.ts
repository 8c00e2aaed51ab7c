/** Instants as ISO-8601 strings, the way every record and query carries them. */

const HOUR_MS = 3_600_000;

/** The instant `hours` before `instant` (ISO in, ISO out). */
export const hoursBefore = (instant: string, hours: number): string => new Date(Date.parse(instant) - hours * HOUR_MS).toISOString();

/** The window of `hours` that ends at `until`: `{ since, until }`. */
export const windowBefore = (until: string, hours: number): { since: string; until: string } => ({ since: hoursBefore(until, hours), until });
