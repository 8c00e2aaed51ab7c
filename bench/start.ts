import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { freshBuild } from '../scripts/lib/fresh-build.mjs';

/**
 * How fast things start (issue 12): the CLI against node's own bare start, and the bot
 * from launch to a 200 on /healthz, against a five-line node HTTP server. Product and
 * baseline alternate in one run (A-B-A-B), and each figure is the median of its rounds,
 * so a busy machine slows both sides alike. Prints one JSON line.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const BIN = 'bin/signin-diag.mjs';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function timed(args: string[]): number {
  const t = performance.now();
  const r = spawnSync(process.execPath, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr}`);
  return performance.now() - t;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** Launch → first 200 from /healthz, then stop the process. */
async function toHealthy(args: string[], env: Record<string, string>): Promise<number> {
  const port = await freePort();
  const t = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        const r = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (r.status === 200) return performance.now() - t;
      } catch {
        // not listening yet
      }
      if (performance.now() - t > 60_000) throw new Error(`${args.join(' ')} did not answer /healthz within 60 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

const BARE_SERVER = "require('http').createServer((q,s)=>s.end('ok')).listen(+process.env.PORT,'127.0.0.1')";

// The CLI's first run writes the folder's name cache; measure the steady state, as a script calling it in a loop sees it.
timed([BIN, 'parse', 'why did bob fail']);
const node: number[] = [];
const explain: number[] = [];
const parse: number[] = [];
for (let i = 0; i < ROUNDS; i++) {
  node.push(timed(['-e', '0']));
  explain.push(timed([BIN, 'explain', '50053']));
  node.push(timed(['-e', '0']));
  parse.push(timed([BIN, 'parse', 'why did bob fail']));
}
// What `npm start` runs: the bundle from `npm ci` (run.ts builds it first).
const built = freshBuild('bot');
const botArgs = built ? [built] : ['--import', 'tsx', 'src/index.ts'];
const bot: number[] = [];
const bare: number[] = [];
const botEnv = { LOG_LEVEL: 'warn', AUDIT_LOG: '/dev/null', NOTIFY_STORE: `/tmp/signin-diag-bench-notify-${process.pid}.json` };
for (let i = 0; i < Math.max(3, Math.ceil(ROUNDS / 2)); i++) {
  bot.push(await toHealthy(botArgs, botEnv));
  bare.push(await toHealthy(['-e', BARE_SERVER], {}));
}
console.log(
  JSON.stringify({
    bot: built ? 'dist/bot.mjs' : 'src/index.ts through tsx',
    rounds: ROUNDS,
    nodeMs: median(node),
    explainMs: median(explain),
    parseMs: median(parse),
    botMs: median(bot),
    bareServerMs: median(bare),
  }),
);
