import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { packageFile } from '../package-files.ts';
import type { TenantFolderSource } from '../signins/tenant-folder/folder-source.ts';
import type { SourceProblem } from '../signins/source.ts';
import { UsageError } from './usage-error.ts';
import { folderPeople, readFolderNames, writeFolderNames, type FolderPerson } from '../signins/tenant-folder/names-cache.ts';

/**
 * The tenant folder a command reads, checked so the answer is true to the input: a path
 * that is a file, or a folder with no readable sign-in record, is an error (exit 2) naming
 * the file and the first bad line; some bad records are skipped, counted and reported.
 */
export async function openTenant(tenant: string | undefined): Promise<TenantFolderSource> {
  const dir = checkedFolder(tenant);
  const source = await readFolder(dir);
  // The next `parse` of this folder can answer from the names alone.
  if (!readFolderNames(dir)) writeFolderNames(dir, namesOf(source));
  return source;
}

type Names = { apps: string[]; people: FolderPerson[]; asOf?: string; problems: readonly SourceProblem[]; problemCount: number };

const namesOf = (source: TenantFolderSource): Names => ({ apps: source.appNames(), people: folderPeople(source.allUsers()), asOf: source.asOf(), problems: source.loadProblems(), problemCount: source.loadProblems().length });

/** The names `parse` needs: from the cache beside the folder when it is current, else by reading the folder (once). */
export async function tenantNames(tenant: string | undefined): Promise<Names> {
  const dir = checkedFolder(tenant);
  const cached = readFolderNames(dir);
  if (cached) return cached;
  const names = namesOf(await readFolder(dir));
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
  if (!isDir) throw new UsageError(`--tenant ${dir} is a file; it must be a folder that holds signIns.json, signIns.ndjson or signIns.csv (see docs/tenant-folder.md)`);
  return dir;
}

/** The folder reader (and the record schemas) are loaded only when a folder is read, not for a cached `parse`. */
async function readFolder(dir: string): Promise<TenantFolderSource> {
  const { openSource } = await import('../sources.ts');
  let source: TenantFolderSource;
  try {
    source = openSource(dir);
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  const problems = source.loadProblems();
  if (source.stats.events === 0 && problems.length) {
    const first = problems[0]!;
    throw new UsageError(`no readable sign-in record in ${source.stats.files.join(', ')}: ${first.where}: ${first.message}${problems.length > 1 ? ` (and ${problems.length - 1} more problem${problems.length > 2 ? 's' : ''})` : ''}`);
  }
  return source;
}

const SHOWN = 10;

/** Skipped records, one line each (the first ten, then a count), for stderr. */
export function problemLines(problems: readonly SourceProblem[], count = problems.length): string[] {
  if (!count) return [];
  const head = `${count} malformed record${count === 1 ? ' was' : 's were'} skipped:`;
  const rest = count > SHOWN ? [`  … and ${count - SHOWN} more`] : [];
  return [head, ...problems.slice(0, SHOWN).map((p) => `  ${p.where}: ${p.message}`), ...rest];
}
