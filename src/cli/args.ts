import { parseArgs } from 'node:util';
// zod's tree-shakable build: the arguments are checked at the edge without loading all of
// zod, which would double the start of `signin-diag explain`.
import * as z from 'zod/mini';
import { UsageError } from './usage-error.ts';

export { UsageError };

const isoInstant = z.string().check(z.refine((s) => !Number.isNaN(Date.parse(s)), 'must be an ISO-8601 date-time, e.g. 2026-11-20T09:00:00Z'));
const timeZone = z.string().check(
  z.refine((tz) => {
    try {
      new Intl.DateTimeFormat('en-US', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  }, 'must be an IANA time zone such as Europe/Berlin'),
);

/** The options every subcommand takes (docs/cli.md), so --tz and --now mean the same everywhere. */
export const Common = z.object({
  tenant: z.optional(z.string()),
  now: z.optional(isoInstant),
  tz: z._default(timeZone, 'UTC'),
  json: z._default(z.boolean(), false),
});
export type Common = z.infer<typeof Common>;

const COMMON_OPTIONS = {
  tenant: { type: 'string' },
  now: { type: 'string' },
  tz: { type: 'string' },
  json: { type: 'boolean' },
} as const;

type Extra = Record<string, { type: 'string' | 'boolean' }>;

/** node's parseArgs with the common options, checked with zod; a bad value is a UsageError naming the option. */
export function readArgs<S extends z.ZodMiniObject>(argv: string[], schema: S, extra: Extra = {}): { values: z.infer<S>; positionals: string[] } {
  const { values, positionals } = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...extra }, allowPositionals: true, strict: true });
  const r = schema.safeParse(values);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new UsageError(`--${i.path.join('.')} ${i.message}`);
  }
  return { values: r.data, positionals };
}

export const IsoInstant = isoInstant;
