import { readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ConditionalAccessPolicy, DirectoryRole, Group, NamedLocation, ServicePrincipal, User, UserRegistrationDetails } from '../directory.ts';
import type { DirectoryAudit } from '../directory-audit.ts';
import type { SourceProblem } from '../source.ts';

/**
 * The directory files, validated once and kept for the next start. Reading and validating a
 * large tenant's users, groups and registration details record by record (7,357 people:
 * about 9 MB) took longer than the whole question DuckDB answers; the sign-in store keeps
 * what they gave in one JSON file beside itself, used while every directory file keeps its
 * name, size and modification time (the same test the store applies to the export files),
 * and read with a single JSON.parse. The file is the product's own, written whole and then
 * renamed into place; anything else found there (another version, a cut-off file) is no
 * cache, and the folder is read again.
 */
export interface TenantFacts {
  tenantId?: string;
  displayName?: string;
  asOf?: string;
}

export interface DirectoryContents {
  users: User[];
  groups: Group[];
  policies: ConditionalAccessPolicy[] | undefined;
  namedLocations: NamedLocation[] | undefined;
  servicePrincipals: ServicePrincipal[];
  roles: DirectoryRole[] | undefined;
  /** Newest first. */
  audits: DirectoryAudit[] | undefined;
  registration: UserRegistrationDetails[];
  info: TenantFacts;
  problems: SourceProblem[];
}

/** Bumped when DirectoryContents or a directory schema changes shape. */
const VERSION = 1;

/** Everything the folder holds but its sign-in exports, by name, size and modification time; the folder's path too. */
const DIRECTORY_FILE = /\.json$/;
const EXPORT_FILE = /^signIns(\.[\w-]+)?\.(json|ndjson|jsonl)$/;

export function directoryKey(dir: string, names: readonly string[]): string | undefined {
  try {
    const files = names.filter((n) => DIRECTORY_FILE.test(n) && !EXPORT_FILE.test(n)).sort();
    return JSON.stringify([VERSION, dir, ...files.map((f) => statSync(join(dir, f))).map((s, i) => `${files[i]}:${s.size}:${s.mtimeMs}`)]);
  } catch {
    return undefined; // a file went away while looking: no cache this time
  }
}

export function readDirectoryCache(path: string, key: string): DirectoryContents | undefined {
  try {
    const cached = JSON.parse(readFileSync(path, 'utf8')) as { key?: unknown; contents?: DirectoryContents };
    return cached.key === key && cached.contents ? cached.contents : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a store folder that cannot be written reads the directory files on every start, as before. */
export function writeDirectoryCache(path: string, key: string, contents: DirectoryContents): void {
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    writeFileSync(tmp, JSON.stringify({ key, contents }));
    renameSync(tmp, path);
  } catch {
    rmSync(tmp, { force: true });
  }
}
