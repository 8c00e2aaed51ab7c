// Builds the CLI into dist/ (run by `npm ci` through `prepare`, and before `npm test`), so
// `signin-diag` starts from bundled JavaScript instead of compiling TypeScript on every run.
// Plain JavaScript on purpose: it must run before anything else is built.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const dist = new URL('../dist/', import.meta.url).pathname;
rmSync(dist, { recursive: true, force: true });
await build({
  entryPoints: { cli: new URL('../src/cli.ts', import.meta.url).pathname },
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  // One chunk per subcommand: `explain` loads the catalog, not the parser or the tenant reader.
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  // CommonJS dependencies bundled into an ES module still call require() for Node's own modules.
  banner: { js: "import { createRequire as __signinDiagRequire } from 'node:module'; const require = __signinDiagRequire(import.meta.url);" },
  logLevel: 'warning',
});
