// Which entry point to run: the bundle in dist/ when it is newer than every file in src/,
// else undefined (the caller runs the sources through tsx), so an edit is never answered
// by stale code. Plain JavaScript: bin/signin-diag.mjs loads it before any TypeScript loader.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('../../', import.meta.url);

/** The newest modification time under a folder (about a hundred files: a millisecond or two). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return latest;
}

/** dist/<name>.mjs as a path, when it is current. */
export function freshBuild(name) {
  const built = new URL(`dist/${name}.mjs`, root).pathname;
  return existsSync(built) && statSync(built).mtimeMs >= newest(new URL('src', root).pathname) ? built : undefined;
}
