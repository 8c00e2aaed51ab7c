import { parseArgs } from 'node:util';
import * as z from 'zod/mini';
import { COMMON_OPTIONS, isInstant, isLanguageTag, isTimeZone, NOT_AN_INSTANT, NOT_A_LANGUAGE, NOT_A_SOURCE, NOT_A_ZONE } from './common-args.ts';
import { SOURCE_IDS } from '../signins/registry.ts';
import { UsageError } from './usage-error.ts';

/** The common options as a zod schema, for subcommands with options of their own (diagnose). */
export const IsoInstant = z.string().check(z.refine(isInstant, NOT_AN_INSTANT));
export const CommonSchema = z.object({
  source: z.optional(z.enum(SOURCE_IDS, NOT_A_SOURCE)),
  tenant: z.optional(z.string()),
  'rebuild-store': z.optional(z.boolean()),
  now: z.optional(IsoInstant),
  tz: z._default(z.string().check(z.refine(isTimeZone, NOT_A_ZONE)), 'UTC'),
  json: z._default(z.boolean(), false),
  locale: z.optional(z.string().check(z.refine(isLanguageTag, NOT_A_LANGUAGE))),
});

type Extra = Record<string, { type: 'string' | 'boolean' }>;

/** node's parseArgs with the common options and the subcommand's own, checked with zod; a bad value is a UsageError naming the option. */
export function readArgs<S extends z.ZodMiniObject>(argv: string[], schema: S, extra: Extra = {}): { values: z.infer<S>; positionals: string[] } {
  const { values, positionals } = parseArgs({ args: argv, options: { ...COMMON_OPTIONS, ...extra }, allowPositionals: true, strict: true });
  const r = schema.safeParse(values);
  if (!r.success) {
    const i = r.error.issues[0]!;
    throw new UsageError(`--${i.path.join('.')} ${i.message}`);
  }
  return { values: r.data, positionals };
}
