import { createHash } from 'node:crypto';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * Where a folder's sign-in store lives: STORE_PATH when set; else `.signin-diag/signins.duckdb`
 * inside the folder; else, when the folder cannot be written (a read-only checkout, an
 * installed package) or it is the bundled sample tenant (the package's files are not the
 * user's data, and tests must not leave a store in the repository), a folder of its own
 * under the system's temporary directory, named by a hash of the folder's path.
 */
export const STORE_FILE = 'signins.duckdb';

export function storePath(dir: string, opts: { storePath?: string; sample?: string } = {}): string {
  if (opts.storePath) return resolve(opts.storePath);
  const folder = resolve(dir);
  if (folder !== (opts.sample && resolve(opts.sample))) {
    const beside = join(folder, '.signin-diag');
    try {
      mkdirSync(beside, { recursive: true });
      accessSync(beside, constants.W_OK);
      return join(beside, STORE_FILE);
    } catch {
      // Not writable: the cache below.
    }
  }
  const cache = join(tmpdir(), 'signin-diag-store', createHash('sha256').update(folder).digest('hex').slice(0, 16));
  mkdirSync(cache, { recursive: true });
  return join(cache, STORE_FILE);
}
