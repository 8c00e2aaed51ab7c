import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * `diagnose` with only a window, over the whole export (issues 18 and 19): the product is the
 * built CLI (`signin-diag diagnose --since … --until …`, text to a file), answering from the
 * folder's sign-in store, ingested once before the rounds (ingest has its own figure in the
 * store section); the baseline is bench/plain-read.mjs, a plain node script that reads the
 * sign-in file and JSON.parses every record. Each in a fresh process, paired and alternating
 * (product, baseline, product, …) for ROUNDS rounds; the figures are medians, wall time and
 * peak RSS from /usr/bin/time.
 */
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));

interface Run {
  ms: number;
  rssMb: number;
}

function timed(args: string[], env: NodeJS.ProcessEnv, stdoutFile?: string): Run & { stdout: string } {
  const out = stdoutFile ? openSync(stdoutFile, 'w') : 'pipe';
  const r = spawnSync('/usr/bin/time', ['-f', '%e %M', ...args], {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', out, 'pipe'],
    maxBuffer: 1 << 26,
  });
  if (typeof out === 'number') closeSync(out);
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr.slice(-2000)}`);
  const [secs, kb] = r.stderr.trim().split('\n').pop()!.split(' ');
  return { ms: Number(secs) * 1000, rssMb: Number(kb) / 1024, stdout: r.stdout ?? '' };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** The first line of a file (the CLI's totals), without reading the rest. */
function firstLine(path: string): string {
  const fd = openSync(path, 'r');
  const buf = Buffer.alloc(4096);
  const n = readSync(fd, buf, 0, buf.length, 0);
  closeSync(fd);
  return buf.toString('utf8', 0, n).split('\n')[0]!;
}

export function windowBench(dir: string, asOf: string): void {
  console.log(`\n== diagnose with only a window, the whole export (issues 18, 19): ${ROUNDS} paired alternating rounds, fresh processes, medians ==`);
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  const work = resolve('bench', 'out', 'window');
  mkdirSync(work, { recursive: true });
  const store = join(work, `store-${statSync(join(dir, 'signIns.ndjson')).size}.duckdb`);
  const env = { STORE_PATH: store };
  const since = new Date(Date.parse(asOf) - 8 * 86_400_000).toISOString();
  const cli = [process.execPath, 'bin/signin-diag.mjs', 'diagnose', '--since', since, '--until', asOf, '--tenant', dir];
  const plain = [process.execPath, 'bench/plain-read.mjs', join(dir, 'signIns.ndjson')];
  // Ingest once (not timed here): the rounds answer from the store, as every question after the first does.
  timed([process.execPath, 'bin/signin-diag.mjs', 'diagnose', '--user', 'bob', '--tenant', dir], env, join(work, 'ingest.txt'));
  const product: Run[] = [];
  const baseline: Run[] = [];
  let records = 0;
  for (let i = 0; i < ROUNDS; i++) {
    product.push(timed(cli, env, join(work, 'window.txt')));
    const b = timed(plain, {});
    records = JSON.parse(b.stdout.trim()).records;
    baseline.push(b);
  }
  const totals = firstLine(join(work, 'window.txt'));
  const n = (x: number) => Math.round(x).toLocaleString('en');
  const pm = median(product.map((r) => r.ms));
  const bm = median(baseline.map((r) => r.ms));
  const ratios = product.map((p, i) => baseline[i]!.ms / p.ms);
  const ratio = median(ratios);
  const rss = Math.max(...product.map((r) => r.rssMb));
  console.log(`  ${n(records)} events in ${dir}; the run printed: ${totals.split(' — ')[0]}`);
  console.log(
    `  product  (signin-diag diagnose --since --until, text): ${(pm / 1000).toFixed(1)} s  ${n(records / (pm / 1000))} events/s  peak RSS ${rss.toFixed(0)} MiB`,
  );
  console.log(
    `  baseline (plain node: read + JSON.parse each record)  : ${(bm / 1000).toFixed(1)} s  ${n(records / (bm / 1000))} events/s  peak RSS ${median(baseline.map((r) => r.rssMb)).toFixed(0)} MiB`,
  );
  console.log(
    `  product ÷ baseline throughput, median of the ${ROUNDS} paired rounds = ${ratio.toFixed(2)} (rounds: ${ratios.map((r) => r.toFixed(2)).join(', ')})  (target ≥ 0.50: ${ratio >= 0.5 ? 'met' : 'NOT met'})`,
  );
  console.log(`  peak RSS of the product = ${rss.toFixed(0)} MiB  (target ≤ 2048: ${rss <= 2048 ? 'met' : 'NOT met'})`);
}
