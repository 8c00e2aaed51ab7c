import { parseArgs } from 'node:util';
import { UsageError } from './usage-error.ts';
import { SOURCE_IDS, isSourceId, type SourceId } from '../signins/registry.ts';

/**
 * The options every subcommand takes (docs/cli.md), so --tz and --now mean the same
 * everywhere. Checked by hand, not with zod, on purpose: `explain` and `parse` are called in
 * loops by helpdesk scripts, and loading zod would add about half of node's own start to each
 * call. `diagnose` checks its further options with zod (args.ts), using the same predicates.
 */
export interface Common {
  /** Which registered source to read (src/signins/registry.ts); see chosenSource in tenant.ts for the default. */
  source?: SourceId;
  tenant?: string;
  /** Ingest the folder into its sign-in store again, from nothing. */
  rebuildStore?: boolean;
  now?: string;
  tz: string;
  json: boolean;
  /** The language of the text (`--locale de-DE`): a language tag, resolved by i18n's resolveLocale; absent is English. */
  locale?: string;
}

export const NOT_AN_INSTANT = 'must be an ISO-8601 date-time, e.g. 2026-11-20T09:00:00Z';
export const NOT_A_ZONE = 'must be an IANA time zone such as Europe/Berlin';

export const NOT_A_SOURCE = `must be one of ${SOURCE_IDS.join(', ')}`;

export const NOT_A_LANGUAGE = 'must be a language tag such as de, de-DE, fr-FR, es-ES or ja-JP';
/** "de", "de-AT", "ja_JP": what Teams' activity.locale looks like. */
export const isLanguageTag = (s: string): boolean => /^[a-z]{2,3}(?:[-_][a-z0-9]{2,8})*$/i.test(s);

export const isInstant = (s: string): boolean => !Number.isNaN(Date.parse(s));

export function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const COMMON_OPTIONS = {
  source: { type: 'string' },
  tenant: { type: 'string' },
  'rebuild-store': { type: 'boolean' },
  now: { type: 'string' },
  tz: { type: 'string' },
  json: { type: 'boolean' },
  locale: { type: 'string' },
} as const;

/** node's parseArgs with the common options; a bad value is a UsageError naming the option. */
export function readCommon(argv: string[]): { values: Common; positionals: string[] } {
  const { values, positionals } = parseArgs({ args: argv, options: COMMON_OPTIONS, allowPositionals: true, strict: true });
  const source = values.source;
  if (source !== undefined && !isSourceId(source)) throw new UsageError(`--source ${NOT_A_SOURCE}`);
  if (values.now !== undefined && !isInstant(values.now)) throw new UsageError(`--now ${NOT_AN_INSTANT}`);
  if (values.tz !== undefined && !isTimeZone(values.tz)) throw new UsageError(`--tz ${NOT_A_ZONE}`);
  if (values.locale !== undefined && !isLanguageTag(values.locale)) throw new UsageError(`--locale ${NOT_A_LANGUAGE}`);
  return {
    values: {
      source,
      tenant: values.tenant,
      rebuildStore: values['rebuild-store'],
      now: values.now,
      tz: values.tz ?? 'UTC',
      json: values.json ?? false,
      locale: values.locale,
    },
    positionals,
  };
}
