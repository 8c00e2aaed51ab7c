import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod/mini';
import type { SourceProblem } from '../source.ts';

/**
 * What the parser needs of a tenant folder (the app names, the snapshot time, what was
 * skipped), kept beside the folder in `.signin-diag/names.json` and valid while the
 * folder's files keep their names, sizes and times. `signin-diag parse` then answers without
 * reading every sign-in; any change to the folder makes the next full read write it anew.
 */
const CACHE_DIR = '.signin-diag';
const CACHE_FILE = 'names.json';

const FolderNames = z.object({
  key: z.string(),
  apps: z.array(z.string()),
  asOf: z.optional(z.string()),
  problems: z.array(z.object({ where: z.string(), message: z.string() })),
  problemCount: z.number(),
});
export type FolderNames = z.infer<typeof FolderNames>;

/** The folder's files (not the cache's own folder) with size and modification time. */
function folderKey(dir: string): string {
  const files = readdirSync(dir, { withFileTypes: true })
    .filter((f) => f.isFile())
    .map((f) => {
      const s = statSync(join(dir, f.name));
      return `${f.name}:${s.size}:${s.mtimeMs}`;
    })
    .sort();
  return files.join('|');
}

/** The cached names, or undefined when there is none or the folder changed since. */
export function readFolderNames(dir: string): FolderNames | undefined {
  try {
    const parsed = FolderNames.safeParse(JSON.parse(readFileSync(join(dir, CACHE_DIR, CACHE_FILE), 'utf8')));
    return parsed.success && parsed.data.key === folderKey(dir) ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Best effort: a read-only export folder simply gets no cache. */
export function writeFolderNames(dir: string, names: { apps: string[]; asOf?: string; problems: readonly SourceProblem[] }): void {
  try {
    const body: FolderNames = { key: folderKey(dir), apps: names.apps, asOf: names.asOf, problems: names.problems.slice(0, 10), problemCount: names.problems.length };
    mkdirSync(join(dir, CACHE_DIR), { recursive: true });
    writeFileSync(join(dir, CACHE_DIR, CACHE_FILE), JSON.stringify(body));
  } catch {
    // Not writable: every parse reads the folder, as before.
  }
}
