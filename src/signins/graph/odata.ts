import { DiagError } from '../../errors.ts';

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
  if (Number.isNaN(d.getTime())) throw new DiagError('badInput', `"${iso}" is not a date and time, so no sign-ins were looked up.`, `not a date-time: ${iso}`);
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Names Graph compares in one `$filter`, at most: a longer list is left to the check on each
 * record (the filter grows by two comparisons a name, and Graph refuses overlong filters).
 */
export const MAX_FILTERED_APPS = 10;

/**
 * One list of app names as a filter: each name as the app or as the resource of a sign-in
 * (all four properties are documented as filterable with `eq`); a GUID as the ids. Undefined
 * when the list is too long to send: the records are then checked after they are read.
 */
export function anyApp(names: readonly string[]): string | undefined {
  if (!names.length || names.length > MAX_FILTERED_APPS) return undefined;
  const terms = names.flatMap((n) =>
    isGuid(n)
      ? [`appId eq ${literal(n.trim().toLowerCase())}`, `resourceId eq ${literal(n.trim().toLowerCase())}`]
      : [`appDisplayName eq ${literal(n)}`, `resourceDisplayName eq ${literal(n)}`],
  );
  return `(${terms.join(' or ')})`;
}

export const and = (parts: (string | undefined)[]) => parts.filter((p): p is string => !!p).join(' and ');

/**
 * A user principal name or mail address, the shape Entra allows for a UPN prefix
 * (letters, digits and ' . - _ ! # ^ ~, plus + & = seen in mail) and a dotted domain.
 * Anything else (`..`, `a/b`, `?$top=999`, spaces, non-ASCII) names no user, and is not sent.
 */
const LOCAL = "[A-Za-z0-9_'!#^~+&=-]+";
const LABEL = '[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?';
const USER_NAME = new RegExp(`^(?=.{3,256}$)${LOCAL}(?:\\.${LOCAL})*@${LABEL}(?:\\.${LABEL})+$`);
export const isUserName = (s: string) => USER_NAME.test(s);

/** What `/users/{key}` may be given: an object id or a UPN/mail-shaped name, exactly (no spaces around). */
export const isUserKey = (s: string) => GUID.test(s) || isUserName(s);

/**
 * One URL path segment: percent-encoded, including the characters encodeURIComponent leaves
 * (! ' ( ) *), so nothing in it reads as syntax. Callers validate first: encoding alone does
 * not stop `..`, which URL parsing folds away.
 */
export function segment(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}
