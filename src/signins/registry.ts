import type { OpenContext, Settings, SourceDefinition } from './definition.ts';

/**
 * Every kind of sign-in source, by the name SIGNIN_SOURCE and the CLI's --source give it.
 * One line each; a source's folder is loaded only when that kind is opened (the Azure SDKs
 * cost as much start-up time as the whole bot). Adding a source: its folder with an open.ts
 * (see definition.ts), and a line here.
 */
const SOURCES = [
  { id: 'folder', load: () => import('./tenant-folder/open.ts') },
  { id: 'graph', load: () => import('./graph/open.ts') },
  { id: 'log-analytics', load: () => import('./log-analytics/open.ts') },
] as const satisfies readonly { id: string; load: () => Promise<SourceDefinition> }[];

export type SourceId = (typeof SOURCES)[number]['id'];

/** The ids, for zod enums and usage lines; the first is the default. */
export const SOURCE_IDS = SOURCES.map((s) => s.id) as [SourceId, ...SourceId[]];

export const isSourceId = (id: string): id is SourceId => (SOURCE_IDS as string[]).includes(id);

/** The settings do not let the source open; `sentence` names the source and what is not set (never a value). */
export class SettingsMissing extends Error {
  constructor(
    readonly sourceId: SourceId,
    readonly sentence: string,
  ) {
    // Worded as the bot's configuration errors are (config.ts): that is where SIGNIN_SOURCE comes from.
    super(`configuration: SIGNIN_SOURCE: SIGNIN_SOURCE=${sentence}`);
    this.name = 'SettingsMissing';
  }
}

/** What opening kind I gives: a folder gives its TenantFolderSource (the CLI reads its load statistics). */
type Opened<I extends SourceId> = Awaited<ReturnType<Awaited<ReturnType<Extract<(typeof SOURCES)[number], { id: I }>['load']>>['open']>>;

async function definition(id: SourceId): Promise<SourceDefinition> {
  return SOURCES.find((s) => s.id === id)!.load();
}

/** The sentence saying what the settings lack for this source, or undefined when it can open. */
export async function missingSettings(id: SourceId, settings: Settings): Promise<string | undefined> {
  return (await definition(id)).missing(settings);
}

/** Opens a source from settings; SettingsMissing when they lack something it needs. */
export async function openSource<I extends SourceId>(id: I, settings: Settings, ctx: OpenContext): Promise<Opened<I>> {
  const def = await definition(id);
  const missing = def.missing(settings);
  if (missing) throw new SettingsMissing(id, missing);
  return (await def.open(settings, ctx)) as Opened<I>;
}
