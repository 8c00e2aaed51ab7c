import { join } from 'node:path';
import { scanJsonRecords } from '../src/signins/tenant-folder/records.ts';
import { TenantFolderSource } from '../src/signins/tenant-folder/folder-source.ts';
import { groupAttempts } from '../src/diagnosis/attempts.ts';
import { DiagnosisContext } from '../src/query/diagnose-attempts.ts';
import { diagnoseAttempt } from '../src/diagnosis/diagnose.ts';

/**
 * One measured phase in a process of its own, so its peak memory is its own:
 *   read  — read the sign-in file and JSON.parse every record (the floor any loader pays)
 *   index — load the tenant folder the way the bot does, then time a one-user 48-hour query
 *   engine — load, then diagnose every attempt of every user (read, validate, group, diagnose)
 * Prints one JSON line.
 */
const [phase, dir, user] = process.argv.slice(2);
const file = join(dir!, 'signIns.ndjson');
const started = performance.now();
if (phase === 'read') {
  let records = 0;
  let bytes = 0;
  scanJsonRecords(file, (span) => {
    JSON.parse(span.text);
    records++;
    bytes += span.length;
  });
  const ms = performance.now() - started;
  console.log(JSON.stringify({ phase, records, bytes, ms, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else if (phase === 'index') {
  const source = new TenantFolderSource(dir!);
  const ms = performance.now() - started;
  global.gc?.();
  const heapMb = process.memoryUsage().heapUsed / 1048576;
  const asOf = Date.parse(source.asOf()!);
  const q = { user: user!, since: new Date(asOf - 48 * 3_600_000).toISOString(), until: new Date(asOf).toISOString() };
  const times: number[] = [];
  let events = 0;
  for (let i = 0; i < 21; i++) {
    const t = performance.now();
    events = source.querySync(q).events.length;
    times.push(performance.now() - t);
  }
  const cold = times[0]!;
  const warm = times.slice(1).sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      phase,
      records: source.stats.events,
      problems: source.loadProblems().length,
      ms,
      heapMb,
      maxRssMb: process.resourceUsage().maxRSS / 1024,
      query: { user, events, coldMs: cold, medianMs: warm[10], maxMs: warm[warm.length - 1] },
    }),
  );
} else if (phase === 'engine') {
  const source = new TenantFolderSource(dir!);
  const loadMs = performance.now() - started;
  const asOf = source.asOf()!;
  const since = new Date(Date.parse(asOf) - 8 * 86_400_000).toISOString();
  const ctx = new DiagnosisContext(source, asOf, { batchRange: { since, until: asOf } });
  // Every user's week, one user at a time, so memory stays flat.
  const userIds = [...source.allUsers().map((u) => u.id), '00000000-0000-0000-0000-000000000000'];
  const t0 = performance.now();
  let attempts = 0;
  let events = 0;
  // The pure engine's time, apart from gathering its input (reads, validation, history).
  let engineMs = 0;
  const scenarios: Record<string, number> = {};
  for (const id of userIds) {
    const r = source.querySync({ user: id, since, until: asOf }, { cache: false });
    events += r.events.length;
    ctx.primeUser(id, r.events);
    for (const a of groupAttempts(r.events)) {
      const input = await ctx.inputFor(a);
      const t = performance.now();
      const d = diagnoseAttempt(input);
      engineMs += performance.now() - t;
      attempts++;
      scenarios[d.scenario] = (scenarios[d.scenario] ?? 0) + 1;
    }
    ctx.forgetUser(id);
  }
  const ms = performance.now() - t0;
  console.log(JSON.stringify({ phase, loadMs, ms, engineMs, attempts, events, scenarios, maxRssMb: process.resourceUsage().maxRSS / 1024 }));
} else {
  console.error('usage: tenant-phase read|index|engine DIR USER');
  process.exit(2);
}
