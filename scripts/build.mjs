// Builds the CLI and the bot into dist/ (run by `npm ci` through `prepare`, and before
// `npm test`), so `signin-diag` and `npm start` run bundled JavaScript instead of compiling
// the TypeScript on every start. Plain JavaScript on purpose: it runs before anything is built.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

const at = (path) => new URL(`../${path}`, import.meta.url).pathname;
const dist = at('dist/');
rmSync(dist, { recursive: true, force: true });

const common = {
  outdir: dist,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: 'linked',
  // CommonJS dependencies bundled into an ES module still call require() for Node's own modules.
  banner: { js: "import { createRequire as __signinDiagRequire } from 'node:module'; const require = __signinDiagRequire(import.meta.url);" },
  logLevel: 'warning',
  // DuckDB (the sign-in store) loads a native addon for the platform at run time: its bindings stay in node_modules
  // (its JavaScript API is bundled: resolving its hundred files one by one cost a tenth of the bot's start).
  external: ['@duckdb/node-bindings'],
};

await Promise.all([
  // One chunk per subcommand: `explain` loads the catalog, not the parser or the tenant reader.
  build({ ...common, entryPoints: { cli: at('src/cli.ts') }, splitting: true, chunkNames: 'cli-chunks/[name]-[hash]' }),
  // restify's optional DTrace probes are a native addon found at run time (and absent here).
  build({
    ...common,
    entryPoints: { bot: at('src/index.ts') },
    splitting: true,
    chunkNames: 'bot-chunks/[name]-[hash]',
    external: [...common.external, 'dtrace-provider'],
  }),
]);
