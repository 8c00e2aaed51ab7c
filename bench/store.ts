import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * The sign-in store (issue 18), product against peer, each in a fresh process, alternating,
 * median of ROUNDS; wall time and peak RSS from /usr/bin/time:
 *   ingest      — StoreSource.open with a rebuild   vs DuckDB's read_json of the same file into a table
 *   incremental — one new export file in the folder  vs the same ingest's pace on the whole folder
 *   question    — `signin-diag diagnose --user bob` vs DuckDB's own query for bob's 48 hours on its file
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);

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

export function storeBench(dir: string, user: string, asOf: string): void {
  console.log(`\n== The sign-in store (issue 18), ${ROUNDS} alternating rounds, fresh processes, medians ==`);
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const work = join('bench', 'out', 'store');
  mkdirSync(work, { recursive: true });
  const store = resolve(work, 'product.duckdb');
  const peerDb = resolve(work, 'peer.duckdb');
  const file = resolve(dir, 'signIns.ndjson');
  const mb = statSync(file).size / 1048576;

  const ingest: { product: Run[]; peer: Run[] } = { product: [], peer: [] };
  for (let i = 0; i < ROUNDS; i++) {
    ingest.product.push(timed(productIngest(dir, store, true)));
    rmSync(peerDb, { force: true });
    ingest.peer.push(timed(peerIngest(file, peerDb)));
  }
  const pi = median(ingest.product.map((r) => r.ms));
  const qi = median(ingest.peer.map((r) => r.ms));
  const ingestRss = Math.max(...ingest.product.map((r) => r.rssMb));
  console.log(
    `  ingest ${mb.toFixed(0)} MiB of NDJSON: product ${(pi / 1000).toFixed(1)} s (peak RSS ${ingestRss.toFixed(0)} MiB), DuckDB read_json ${(qi / 1000).toFixed(1)} s`,
  );
  console.log(
    `    ratio ${(pi / qi).toFixed(2)}  (target ≤ 1.5: ${pi / qi <= 1.5 ? 'met' : 'NOT met'}); store file ${(statSync(store).size / 1048576).toFixed(0)} MiB`,
  );

  // One new export file: the 100k-event tenant's, linked into the folder under a new name.
  const extra = join('bench', 'out', 'tenant-100000', 'signIns.ndjson');
  if (existsSync(extra) && resolve(extra) !== file) {
    const link = join(dir, 'signIns.zz-new.ndjson');
    const inc: Run[] = [];
    for (let i = 0; i < ROUNDS; i++) {
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
  } else console.log('  incremental ingest: skipped (needs bench/out/tenant-100000: run once with BENCH_EVENTS=100000)');

  const until = asOf;
  const since = new Date(Date.parse(asOf) - 48 * 3_600_000).toISOString();
  const question: { product: Run[]; peer: Run[] } = { product: [], peer: [] };
  const cli = [process.execPath, 'bin/signin-diag.mjs', 'diagnose', '--user', 'bob', '--tenant', dir];
  for (let i = 0; i < ROUNDS; i++) {
    question.product.push(timed(cli, { STORE_PATH: store }));
    question.peer.push(timed(peerQuery(peerDb, user, since, until)));
  }
  const pq = median(question.product.map((r) => r.ms));
  const qq = median(question.peer.map((r) => r.ms));
  const serveRss = Math.max(...question.product.map((r) => r.rssMb));
  console.log(
    `  one CLI question (diagnose --user bob): product ${(pq / 1000).toFixed(2)} s (peak RSS ${serveRss.toFixed(0)} MiB), DuckDB's own query on its file ${(qq / 1000).toFixed(2)} s`,
  );
  console.log(`    ratio ${(pq / qq).toFixed(2)}  (target ≤ 2: ${pq / qq <= 2 ? 'met' : 'NOT met'})`);
  const peak = Math.max(ingestRss, serveRss);
  console.log(`  peak RSS while ingesting and while serving: ${peak.toFixed(0)} MiB  (target ≤ 1024: ${peak <= 1024 ? 'met' : 'NOT met'})`);
}
