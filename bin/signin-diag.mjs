#!/usr/bin/env node
// Runs the CLI bundled in dist/ (built by `npm ci` and `npm test`, see scripts/build.mjs):
// plain JavaScript starts several times faster than compiling the TypeScript on every run.
// In a checkout whose src/ changed since the last build, it runs the sources through tsx.
import { freshBuild } from '../scripts/lib/fresh-build.mjs';

// A reader that stops early (`| head`) is not an error.
process.stdout.on('error', (e) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

const built = freshBuild('cli');
let main;
if (built) ({ main } = await import(built));
else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import(new URL('../src/cli.ts', import.meta.url).href));
}
process.exitCode = await main(process.argv.slice(2));
