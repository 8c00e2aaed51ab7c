import type { z } from 'zod';
import type { LogFn } from '../log.ts';
import type { User } from './directory.ts';
import type { SignInSource } from './source.ts';
import type { BudgetLedger } from './graph/budget.ts';

/**
 * What each source folder's `open.ts` exports, so the registry can open any of them the same
 * way. Nothing here loads a source.
 */

/**
 * The settings a source reads, by environment variable name: the bot's environment (with
 * env/.env.<name>), or the CLI's. Each source checks its own with zod, so a new source brings
 * its settings along instead of adding them to config.ts.
 */
export type Settings = Readonly<Record<string, string | undefined>>;

export interface OpenContext {
  /** Where the source reports what it met while opening (a folder's skipped records) and later (Graph's refused links). */
  log: LogFn;
  /** Where Graph's reports budget is counted when several instances of the bot share it (Blob storage); default, in memory. */
  reportsLedger?: BudgetLedger;
}

/** A source ready to answer, with what the parser and the start line need from it. */
export interface OpenedSource {
  source: SignInSource;
  /** App display names, so "why can't bob open Salesforce" finds the app. Read once at start. */
  appNames: string[];
  /** Every user, when the source holds them all (a folder): names are then matched without a lookup. */
  allUsers?: readonly User[];
  /** What is answering, in words safe to log (never a secret): "Microsoft Graph (client secret of app …)". */
  described: string;
}

export interface SourceDefinition {
  /**
   * Why these settings cannot open the source, as the sentence a person reads, starting with
   * the source's id and naming what is not set ("graph needs GRAPH_TENANT_ID, …"); undefined
   * when they can.
   */
  missing(settings: Settings): string | undefined;
  /** Opens the source; called only when `missing` found nothing. */
  open(settings: Settings, ctx: OpenContext): Promise<OpenedSource>;
}

/** A source's settings as its zod schema reads them, or the sentence saying which one is malformed. */
export function readSettings<S extends z.ZodType>(schema: S, settings: Settings, id: string): { ok: z.infer<S> } | { sentence: string } {
  const parsed = schema.safeParse(settings);
  if (parsed.success) return { ok: parsed.data };
  const i = parsed.error.issues[0]!;
  return { sentence: `${id} cannot use ${i.path.join('.')}: ${i.message}` };
}
