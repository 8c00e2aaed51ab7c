import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { packageFile } from '../package-files.ts';
import type { OpenedSource } from '../signins/definition.ts';
import { SettingsMissing, isSourceId, openSource, type SourceId } from '../signins/registry.ts';
import type { SourceProblem } from '../signins/source.ts';
import { UsageError } from './usage-error.ts';
import { NOT_A_SOURCE } from './common-args.ts';
import { folderPeople, readFolderNames, writeFolderNames, type FolderPerson } from '../signins/tenant-folder/names-cache.ts';

/** Which source and folder a command was told to read. */
export interface Chosen {
  source?: SourceId;
  tenant?: string;
  /** --rebuild-store: ingest the folder into its store again (a folder only). */
  rebuildStore?: boolean;
  'rebuild-store'?: boolean;
}

/**
 * The source a command reads: --source; else the folder --tenant names (so --tenant means
 * what it always did, whatever the environment says); else SIGNIN_SOURCE, as for the bot;
 * else the bundled sample folder.
 */
export function chosenSource(a: Chosen, env: NodeJS.ProcessEnv = process.env): SourceId {
  if (a.source) return a.source;
  if (a.tenant !== undefined || !env.SIGNIN_SOURCE) return 'folder';
  if (!isSourceId(env.SIGNIN_SOURCE)) throw new UsageError(`SIGNIN_SOURCE ${NOT_A_SOURCE}`);
  return env.SIGNIN_SOURCE;
}

/**
 * The source a command reads, opened through the registry. A folder is checked so the answer
 * is true to the input (see openTenant); another kind reads its settings from the environment
 * variables the bot reads (GRAPH_*, LOG_ANALYTICS_WORKSPACE_ID, TENANT_DIR, which --tenant
 * overrides), and a missing one is a usage error saying which.
 */
export async function openChosen(a: Chosen): Promise<OpenedSource> {
  const id = chosenSource(a);
  if (id === 'folder') return openTenant(a.tenant, rebuildOf(a));
  // A directory folder named on the command line is checked as a tenant folder is.
  const tenant = a.tenant === undefined ? undefined : checkedFolder(a.tenant);
  try {
    // Graph's notes (a refused next link, throttling given up) go to stderr, as skipped records do.
    return await openSource(
      id,
      { ...process.env, ...(tenant !== undefined && { TENANT_DIR: tenant }) },
      { log: (line) => process.stderr.write(`signin-diag: ${line}\n`) },
    );
  } catch (e) {
    if (e instanceof SettingsMissing) throw new UsageError(`--source ${e.sentence}`);
    throw e;
  }
}

/**
 * The tenant folder a command reads, checked so the answer is true to the input: a path
 * that is a file, or a folder with no readable sign-in record, is an error (exit 2) naming
 * the file and the first bad line; some bad records are skipped, counted and reported.
 */
export async function openTenant(tenant: string | undefined, rebuild = false): Promise<OpenedSource> {
  const dir = checkedFolder(tenant);
  const opened = await readFolder(dir, rebuild);
  // The next `parse` of this folder can answer from the names alone.
  if (!readFolderNames(dir)) writeFolderNames(dir, namesOf(opened));
  return opened;
}

type Names = { apps: string[]; people: FolderPerson[]; asOf?: string; problems: readonly SourceProblem[]; problemCount: number };

// The people too, when the source holds them all (a folder); otherwise none, and the parser reads names as without a directory.
const namesOf = ({ source, appNames, allUsers }: OpenedSource): Names => ({
  apps: appNames,
  people: folderPeople(allUsers ?? []),
  asOf: source.asOf(),
  problems: source.loadProblems(),
  problemCount: source.loadProblems().length,
});

/** The names `parse` needs: for a folder from the cache beside it when it is current, else by reading it (once); for another source, by opening it. */
export async function chosenNames(a: Chosen): Promise<Names> {
  if (chosenSource(a) !== 'folder') return namesOf(await openChosen(a));
  const dir = checkedFolder(a.tenant);
  const cached = rebuildOf(a) ? undefined : readFolderNames(dir);
  if (cached) return cached;
  const names = namesOf(await readFolder(dir, rebuildOf(a)));
  writeFolderNames(dir, names);
  return names;
}

function checkedFolder(tenant: string | undefined): string {
  const dir = resolve(tenant ?? packageFile('tenants', 'sample'));
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new UsageError(`--tenant ${dir} does not exist; give a tenant folder (see docs/tenant-folder.md)`);
  }
  if (!isDir)
    throw new UsageError(`--tenant ${dir} is a file; it must be a folder that holds signIns.json, signIns.ndjson or signIns.csv (see docs/tenant-folder.md)`);
  return dir;
}

// diagnose's zod-checked options keep the flag's own name; the hand-checked ones (readCommon) camel-case it.
const rebuildOf = (a: Chosen) => a.rebuildStore ?? a['rebuild-store'] ?? false;

/**
 * The folder reader (and the record schemas) are loaded only when a folder is read, not for a
 * cached `parse`. The folder is answered from its sign-in store (STORE_PATH, as for the bot).
 */
async function readFolder(dir: string, rebuild: boolean): Promise<OpenedSource> {
  let opened: Awaited<ReturnType<typeof openSource<'folder'>>>;
  try {
    // Skipped records are reported by the command (problemLines), not logged while opening.
    opened = await openSource(
      'folder',
      { TENANT_DIR: dir, STORE_PATH: process.env.STORE_PATH, STORE_REBUILD: rebuild ? '1' : '0', STORE_WATCH: '0' },
      { log: () => {} },
    );
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const { source } = opened;
  const problems = source.loadProblems();
  if (source.stats.events === 0 && problems.length) {
    const first = problems[0]!;
    throw new UsageError(
      `no readable sign-in record in ${source.stats.files.join(', ')}: ${first.where}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''}`,
    );
  }
  return opened;
}

const SHOWN = 10;

/** Skipped records, one line each (the first ten, then a count), for stderr. */
export function problemLines(problems: readonly SourceProblem[], count = problems.length): string[] {
  if (!count) return [];
  const head = `${count} malformed record${count === 1 ? ' was' : 's were'} skipped:`;
  const rest = count > SHOWN ? [`  … and ${count - SHOWN} more`] : [];
  return [head, ...problems.slice(0, SHOWN).map((p) => `  ${p.where}: ${p.message}`), ...rest];
}
