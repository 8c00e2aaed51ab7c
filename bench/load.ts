import { createServer } from 'node:http';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { startServer } from '../src/bot/server.ts';
import { SignInBot } from '../src/bot/signin-bot.ts';
import { loadConfig } from '../src/config.ts';
import { openSource } from '../src/signins/registry.ts';
import { FileAuditTrail } from '../src/trust/audit.ts';
import { RateLimiter } from '../src/trust/limits.ts';

/**
 * A bounded load test on loopback (issue 7): autocannon keeps BENCH_LOAD_CONNECTIONS
 * (default 200) diagnose turns in flight for BENCH_LOAD_SECONDS (default 60) against the
 * bot on the sample tenant, with the audit trail and the rate limiter on (one Teams user per
 * connection). A POST returns when the turn is done, replies delivered to a loopback
 * connector. Memory: heap after a full GC, and RSS, after warm-up and at the end.
 */
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const CONNECTIONS = Number(process.env.BENCH_LOAD_CONNECTIONS ?? 200);

let delivered = 0;
const connector = createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    delivered++;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"id":"r"}');
  });
});
await new Promise<void>((r) => connector.listen(0, '127.0.0.1', r));
const serviceUrl = `http://127.0.0.1:${(connector.address() as { port: number }).port}`;

// The bundled sample folder, opened as the bot opens its source.
const { source, appNames, allUsers } = await openSource('folder', {}, { log: () => {} });
const quiet = () => {};
const audit = new FileAuditTrail(join(mkdtempSync(join(tmpdir(), 'load-')), 'audit.jsonl'));
// Each connection is one agent; the per-person limit is set above what one agent can do here so it does not shape the load.
const bot = new SignInBot({ source, clock: () => source.asOf()!, appNames, allUsers, log: quiet, audit, limiter: new RateLimiter(100_000) });
const server = await startServer({ ...loadConfig({ SIGNIN_DIAG_ENV: 'local' }), PORT: 0 }, bot, quiet);

const QUESTIONS = [
  'why did bob fail to sign in',
  'why was megan locked out',
  'why did grady fail on monday',
  'why did joni fail',
  "show alice's sign-ins",
  'is anyone locked out',
];
let n = 0;
const body = () => {
  const i = n++;
  return JSON.stringify({
    type: 'message',
    id: `m-${i}`,
    channelId: 'msteams',
    serviceUrl,
    text: QUESTIONS[i % QUESTIONS.length],
    from: { id: `agent-${i % CONNECTIONS}`, name: 'Agent' },
    recipient: { id: 'bot' },
    conversation: { id: `c-${i % CONNECTIONS}`, conversationType: 'personal' },
    localTimezone: 'America/Los_Angeles',
  });
};
const memory = () => {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { heapMiB: m.heapUsed / 2 ** 20, rssMiB: m.rss / 2 ** 20 };
};
const run = (duration: number) =>
  autocannon({
    url: `${server.url}/api/messages`,
    method: 'POST',
    connections: CONNECTIONS,
    duration,
    headers: { 'content-type': 'application/json' },
    requests: [{ setupRequest: (r) => ({ ...r, body: body() }) }],
  });

await run(5); // warm-up: caches, JIT
const start = memory();
const r = await run(SECONDS);
const end = memory();
console.log(
  JSON.stringify({
    seconds: SECONDS,
    connections: CONNECTIONS,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors,
    timeouts: r.timeouts,
    p50: r.latency.p50,
    p99: r.latency.p99,
    perSecond: r.requests.average,
    delivered,
    start,
    end,
  }),
);
await server.close();
connector.close();
