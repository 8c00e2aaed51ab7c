/**
 * OData `$filter` pieces for Microsoft Graph. Every string a person typed goes through
 * `literal`, which doubles single quotes: `bob' or 1 eq 1` stays one value and cannot
 * change the query.
 */
export function literal(value: string): string {
  return `'${value.replace(/'/g, "''")}'`;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const isGuid = (s: string) => GUID.test(s.trim());

/** DateTimeOffset values are written bare, in UTC, to the second. */
export function instant(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) throw new Error(`not a date-time: ${iso}`);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const and = (parts: (string | undefined)[]) => parts.filter((p): p is string => !!p).join(' and ');
