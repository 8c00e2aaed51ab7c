#!/usr/bin/env node
// Runs the CLI bundled in dist/ (built by `npm ci` and `npm test`, see scripts/build-cli.mjs):
// plain JavaScript starts several times faster than compiling the TypeScript on every run.
// In a checkout whose src/ changed since the last build, it runs the sources through tsx
// instead, so an edit is never answered by stale code.
import { existsSync, readdirSync, statSync } from 'node:fs';

const root = new URL('..', import.meta.url);
const built = new URL('dist/cli.mjs', root);

/** The newest modification time under a folder (about a hundred files: a millisecond or two). */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) latest = Math.max(latest, statSync(`${entry.parentPath}/${entry.name}`).mtimeMs);
  }
  return latest;
}

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const fresh = existsSync(built) && statSync(built).mtimeMs >= newest(new URL('src', root).pathname);
let main;
if (fresh) ({ main } = await import(built.href));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(new URL('src/cli.ts', root).href));
}
process.exitCode = await main(process.argv.slice(2));
