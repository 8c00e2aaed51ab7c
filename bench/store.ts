import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { basename, join, resolve } from 'node:path';
import { freshBuild } from '../scripts/lib/fresh-build.mjs';
import { tenantDir } from './tenant-dir.ts';

/**
 * The sign-in store (issue 18), product against peer, each in a fresh process, alternating,
 * median of ROUNDS; wall time and peak RSS from /usr/bin/time:
 *   ingest      — StoreSource.open with a rebuild   vs DuckDB's read_json of the same file into a table
 *   incremental — one new export file in the folder  vs the same ingest's pace on the whole folder
 *   question    — `signin-diag diagnose --user bob` vs DuckDB's own query for bob's 48 hours on its file
 *   bot start   — dist/bot.mjs on the ingested folder, launch to /healthz 200 vs a five-line node server (target: 2 s)
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
/** Ingesting a 1M-event folder takes minutes on a busy machine: BENCH_INGEST_ROUNDS may run the ingest figures fewer times (the ratio is still paired). */
const INGEST_ROUNDS = Number(process.env.BENCH_INGEST_ROUNDS ?? ROUNDS);
/**
 * BENCH_STORE_PEERS=0: the product's own figures only (ingest, a question, bot start, peak RSS), for
 * a folder too large to ingest twice in a session (the 5M-event memory figure); the ratios need the peers.
 */
const PEERS = process.env.BENCH_STORE_PEERS !== '0';

interface Run {
  ms: number;
  rssMb: number;
}

function timed(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...args], { encoding: 'utf8', env: { ...process.env, ...env }, maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  const [secs, kb] = r.stderr.trim().split('\n').pop()!.split(' ');
  return { ms: Number(secs) * 1000, rssMb: Number(kb) / 1024 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const node = (code: string) => [process.execPath, '--input-type=module', '-e', code];

/** DuckDB alone: read_json of the NDJSON into a table of a fresh file. */
const peerIngest = (file: string, db: string) =>
  node(`import { DuckDBInstance } from '@duckdb/node-api';
    const i = await DuckDBInstance.create(${JSON.stringify(db)}, { memory_limit: '512MB', threads: '2' }); const c = await i.connect();
    await c.run("CREATE OR REPLACE TABLE t AS SELECT * FROM read_json(${JSON.stringify(file).replace(/"/g, "'")}, format = 'newline_delimited', maximum_object_size = 16777216)");
    c.closeSync(); i.closeSync();`);

/** DuckDB alone: bob's sign-ins of the 48 hours before the snapshot, whole records, newest first (read_json keeps the 7-digit ISO times as text: compared as text). */
const peerQuery = (db: string, upn: string, since: string, until: string) =>
  node(`import { DuckDBInstance } from '@duckdb/node-api';
    const i = await DuckDBInstance.create(${JSON.stringify(db)}, { access_mode: 'READ_ONLY' }); const c = await i.connect();
    const r = await c.runAndReadAll("SELECT to_json(t) FROM t WHERE lower(userPrincipalName) = ? AND createdDateTime >= ? AND createdDateTime <= ? ORDER BY createdDateTime DESC", [${JSON.stringify(upn)}, ${JSON.stringify(since)}, ${JSON.stringify(until)}]);
    process.stdout.write(String(r.currentRowCount));`);

const productIngest = (dir: string, store: string, rebuild: boolean) =>
  node(`const { StoreSource } = await import(${JSON.stringify(resolve('src/signins/store/store-source.ts'))});
    const s = await StoreSource.open(${JSON.stringify(resolve(dir))}, { path: ${JSON.stringify(store)}, rebuild: ${rebuild} }); s.close();`).toSpliced(
    1,
    0,
    '--import',
    'tsx',
  );

/** Peak RSS of a running process so far (Linux), in MiB. */
function peakRssMb(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : NaN;
}

async function freePort(): Promise<number> {
  return new Promise((done) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => done(port));
    });
  });
}

/** Launch → first 200 from /healthz; the peak RSS by then; then the process is stopped. */
async function toHealthy(args: string[], env: NodeJS.ProcessEnv): Promise<Run> {
  const port = await freePort();
  const t = performance.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore' });
  try {
    for (;;) {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/healthz`)).status === 200) return { ms: performance.now() - t, rssMb: peakRssMb(child.pid!) };
      } catch {
        // not listening yet
      }
      if (performance.now() - t > 300_000) throw new Error(`${args.join(' ')} did not answer /healthz within 300 s`);
      await new Promise((r) => setTimeout(r, 5));
    }
  } finally {
    child.kill('SIGKILL');
  }
}

const BARE_SERVER = "require('http').createServer((q,s)=>s.end('ok')).listen(+process.env.PORT,'127.0.0.1')";

/** The number of sign-ins the store holds. */
function storedEvents(db: string): number {
  const [cmd, ...args] = node(`import { DuckDBInstance } from '@duckdb/node-api';
    const i = await DuckDBInstance.create(${JSON.stringify(db)}, { access_mode: 'READ_ONLY' }); const c = await i.connect();
    process.stdout.write(String((await c.runAndReadAll('SELECT count(*) AS n FROM signins')).getRowObjectsJS()[0].n));`);
  return Number(execFileSync(cmd!, args, { encoding: 'utf8' }));
}

export async function storeBench(dir: string, user: string, asOf: string): Promise<void> {
  console.log(`\n== The sign-in store (issue 18), ${ROUNDS} alternating rounds (ingest: ${INGEST_ROUNDS}), fresh processes, medians ==`);
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const work = join('bench', 'out', 'store');
  mkdirSync(work, { recursive: true });
  // One store per tenant folder, so a larger folder's run leaves the others' stores for their next run.
  const store = resolve(work, `product-${basename(dir)}.duckdb`);
  const peerDb = resolve(work, 'peer.duckdb');
  const file = resolve(dir, 'signIns.ndjson');
  const mb = statSync(file).size / 1048576;

  const ingest: { product: Run[]; peer: Run[] } = { product: [], peer: [] };
  for (let i = 0; i < INGEST_ROUNDS; i++) {
    ingest.product.push(timed(productIngest(dir, store, true)));
    if (!PEERS) continue;
    rmSync(peerDb, { force: true });
    ingest.peer.push(timed(peerIngest(file, peerDb)));
  }
  const pi = median(ingest.product.map((r) => r.ms));
  const ingestRss = Math.max(...ingest.product.map((r) => r.rssMb));
  // The store: the DuckDB file and the validated directory beside it (the records stay in the export files).
  const storeBytes = statSync(store).size + statSync(`${store}.directory.json`).size;
  const events = storedEvents(store);
  const size = `store ${(storeBytes / 1048576).toFixed(0)} MiB for ${events.toLocaleString('en')} events = ${Math.round(storeBytes / events)} bytes per event (the NDJSON: ${Math.round(statSync(file).size / events)})`;
  if (PEERS) {
    const qi = median(ingest.peer.map((r) => r.ms));
    console.log(
      `  ingest ${mb.toFixed(0)} MiB of NDJSON: product ${(pi / 1000).toFixed(1)} s (peak RSS ${ingestRss.toFixed(0)} MiB), DuckDB read_json ${(qi / 1000).toFixed(1)} s`,
    );
    console.log(
      `    ratio ${(pi / qi).toFixed(2)}  (target ≤ 1.5: ${pi / qi <= 1.5 ? 'met' : 'NOT met'}); ${size}; DuckDB's own table file ${(statSync(peerDb).size / 1048576).toFixed(0)} MiB`,
    );
  } else {
    console.log(
      `  ingest ${mb.toFixed(0)} MiB of NDJSON: product ${(pi / 1000).toFixed(1)} s (peak RSS ${ingestRss.toFixed(0)} MiB); peers skipped (BENCH_STORE_PEERS=0)`,
    );
    console.log(`    ${size}`);
  }

  // One new export file: the 100k-event tenant's, linked into the folder under a new name.
  const extra = join(tenantDir(100_000), 'signIns.ndjson');
  if (!PEERS) console.log('  incremental ingest: skipped with the peers');
  else if (existsSync(extra) && resolve(extra) !== file) {
    const link = join(dir, 'signIns.zz-new.ndjson');
    const inc: Run[] = [];
    for (let i = 0; i < INGEST_ROUNDS; i++) {
      rmSync(link, { force: true });
      timed(productIngest(dir, store, false)); // back to the folder alone (not timed)
      symlinkSync(resolve(extra), link);
      inc.push(timed(productIngest(dir, store, false)));
    }
    rmSync(link, { force: true });
    timed(productIngest(dir, store, false));
    const share = statSync(extra).size / statSync(file).size;
    const m = median(inc.map((r) => r.ms));
    const proportional = pi * share;
    console.log(
      `  incremental ingest of one new ${(statSync(extra).size / 1048576).toFixed(0)} MiB file: ${(m / 1000).toFixed(1)} s; the whole folder's ingest scaled to its size ${(proportional / 1000).toFixed(1)} s → ${(m / proportional).toFixed(2)}  (proportional to the new file: ${m <= proportional * 1.5 ? 'yes' : 'NO'})`,
    );
  } else console.log(`  incremental ingest: skipped (needs ${tenantDir(100_000)}: run once with BENCH_EVENTS=100000)`);

  const until = asOf;
  const since = new Date(Date.parse(asOf) - 48 * 3_600_000).toISOString();
  const question: { product: Run[]; peer: Run[] } = { product: [], peer: [] };
  const cli = [process.execPath, 'bin/signin-diag.mjs', 'diagnose', '--user', 'bob', '--tenant', dir];
  for (let i = 0; i < ROUNDS; i++) {
    question.product.push(timed(cli, { STORE_PATH: store }));
    if (PEERS) question.peer.push(timed(peerQuery(peerDb, user, since, until)));
  }
  const pq = median(question.product.map((r) => r.ms));
  const serveRss = Math.max(...question.product.map((r) => r.rssMb));
  if (PEERS) {
    const qq = median(question.peer.map((r) => r.ms));
    console.log(
      `  one CLI question (diagnose --user bob): product ${(pq / 1000).toFixed(2)} s (peak RSS ${serveRss.toFixed(0)} MiB), DuckDB's own query on its file ${(qq / 1000).toFixed(2)} s`,
    );
    console.log(`    ratio ${(pq / qq).toFixed(2)}  (target ≤ 2: ${pq / qq <= 2 ? 'met' : 'NOT met'})`);
  } else console.log(`  one CLI question (diagnose --user bob): product ${(pq / 1000).toFixed(2)} s (peak RSS ${serveRss.toFixed(0)} MiB); peer skipped`);

  // The bot on the ingested folder: it must answer from the store, not read the NDJSON again.
  const bot = freshBuild('bot');
  if (!bot) throw new Error('dist/bot.mjs is older than src/: the build above failed');
  const botEnv = {
    TENANT_DIR: resolve(dir),
    STORE_PATH: store,
    LOG_LEVEL: 'warn',
    AUDIT_LOG: '/dev/null',
    NOTIFY_STORE: `/tmp/signin-diag-bench-notify-${process.pid}.json`,
    SIGNIN_SOURCE: 'folder',
  };
  const start: { product: Run[]; peer: Run[] } = { product: [], peer: [] };
  for (let i = 0; i < ROUNDS; i++) {
    start.product.push(await toHealthy([bot], botEnv));
    start.peer.push(await toHealthy(['-e', BARE_SERVER], {}));
  }
  const ps = median(start.product.map((r) => r.ms));
  const bs = median(start.peer.map((r) => r.ms));
  const botRss = Math.max(...start.product.map((r) => r.rssMb));
  console.log(
    `  bot launch → /healthz 200 on this folder, already ingested: ${(ps / 1000).toFixed(2)} s (peak RSS ${botRss.toFixed(0)} MiB), a five-line node server ${(bs / 1000).toFixed(2)} s  (target ≤ 2 s: ${ps <= 2000 ? 'met' : 'NOT met'})`,
  );
  const peak = Math.max(ingestRss, serveRss, botRss);
  console.log(
    `  peak RSS: ingesting ${ingestRss.toFixed(0)} MiB, a question ${serveRss.toFixed(0)} MiB, the bot started ${botRss.toFixed(0)} MiB  (target ≤ 1024: ${peak <= 1024 ? 'met' : 'NOT met'})`,
  );
}
