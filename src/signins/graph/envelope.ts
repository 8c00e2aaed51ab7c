import { z } from 'zod';
import { GraphError } from './graph-client.ts';

/**
 * The envelopes Graph answers in, checked before anything inside them is read. A list is an
 * object with a `value` array and maybe an `@odata.nextLink`; one entity is an object. Records
 * of the wrong shape inside `value` are the caller's business (skipped and reported); a wrong
 * envelope means nothing can be read, and the person is told so in words.
 */
export const ListPage = z.looseObject({ value: z.array(z.unknown()), '@odata.nextLink': z.string().nullish() });
export type ListPage = z.infer<typeof ListPage>;
export const Entity = z.looseObject({});

const kinds: Record<string, string> = { array: 'a list', object: 'an object', string: 'text', number: 'a number', boolean: 'true or false' };

function kindOf(v: unknown): string {
  if (v === undefined) return 'missing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  return kinds[typeof v] ?? typeof v;
}

function valueAt(v: unknown, path: PropertyKey[]): unknown {
  let at = v;
  for (const k of path) at = at !== null && typeof at === 'object' ? (at as Record<PropertyKey, unknown>)[k] : undefined;
  return at;
}

/** `raw` as `schema` says, or a GraphError whose explanation names `what` and what was wrong. */
export function envelope<T>(schema: z.ZodType<T>, raw: unknown, what: string): T {
  const r = schema.safeParse(raw);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = issue?.path ?? [];
  const expected = issue && 'expected' in issue && typeof issue.expected === 'string' ? (kinds[issue.expected] ?? issue.expected) : 'something else';
  const subject = path.length ? `“${path.map(String).join('.')}”` : 'the answer';
  const where = `${what}: ${subject} was ${kindOf(valueAt(raw, path))} where ${expected} was expected`;
  throw new GraphError(
    502,
    'UnexpectedShape',
    `unexpected Graph response (${where})`,
    `Microsoft Graph answered in a shape I did not expect (${where}); nothing was changed; try again, and if it persists tell the bot's administrator.`,
  );
}
