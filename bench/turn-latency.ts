import { createServer, type IncomingMessage } from 'node:http';
import { ActivityHandler } from 'botbuilder';
import { startServer } from '../src/bot/server.ts';
import { SignInBot } from '../src/bot/signin-bot.ts';
import { loadConfig } from '../src/config.ts';
import { openSource } from '../src/signins/registry.ts';

/**
 * A full diagnose turn, timed as Teams would see it: the HTTP POST of the message to
 * /api/messages until the bot's reply reaches the connector (a loopback server here).
 * Beside it, an echo bot on the same hosting stack, so the difference is our work.
 */
const TURNS = Number(process.env.BENCH_TURNS ?? 200);
const pending = new Map<string, (t: number) => void>();

const connector = createServer((req: IncomingMessage, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    const a = JSON.parse(body || '{}') as { type?: string; replyToId?: string; conversation?: { id?: string } };
    // restify patches ServerResponse.writeHead process-wide and its version does not chain.
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id: `r-${Math.random()}` }));
    if (a.type === 'message') pending.get(a.conversation?.id ?? '')?.(performance.now());
  });
});
await new Promise<void>((r) => connector.listen(0, '127.0.0.1', r));
const serviceUrl = `http://127.0.0.1:${(connector.address() as { port: number }).port}`;

class EchoBot extends ActivityHandler {
  constructor() {
    super();
    this.onMessage(async (ctx, next) => {
      await ctx.sendActivity(`echo: ${ctx.activity.text}`);
      await next();
    });
  }
}

// The bundled sample folder, opened as the bot opens its source.
const { source, appNames, allUsers } = await openSource('folder', {}, { log: () => {} });
const base = loadConfig({ SIGNIN_DIAG_ENV: 'local' });
const quiet = () => {};
const diag = await startServer({ ...base, PORT: 0 }, new SignInBot({ source, clock: () => source.asOf()!, appNames, allUsers, log: quiet }), quiet);
const echo = await startServer({ ...base, PORT: 0 }, new EchoBot(), quiet);

async function turn(url: string, text: string, i: number): Promise<number> {
  const conversationId = `bench-${i}-${Math.random()}`;
  const activity = {
    type: 'message',
    id: `m-${i}`,
    channelId: 'msteams',
    serviceUrl,
    text,
    from: { id: 'user-1', name: 'Miriam' },
    recipient: { id: 'bot', name: 'Sign-in Diagnostics' },
    conversation: { id: conversationId, conversationType: 'personal' },
    localTimezone: 'America/Los_Angeles',
  };
  const arrived = new Promise<number>((resolve) => pending.set(conversationId, resolve));
  const t0 = performance.now();
  const r = await fetch(`${url}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) });
  if (r.status >= 300) throw new Error(`POST /api/messages answered ${r.status}`);
  const t1 = await arrived;
  pending.delete(conversationId);
  return t1 - t0;
}

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
const QUESTIONS = [
  'why did bob fail to sign in',
  'why was megan locked out',
  'is anyone locked out',
  'what does 53003 mean',
  "show alice's sign-ins",
  'why did grady fail on monday',
];
// Warm up both, then measure.
for (let i = 0; i < 10; i++) {
  await turn(diag.url, QUESTIONS[i % QUESTIONS.length]!, i);
  await turn(echo.url, 'hello', i);
}
const d: number[] = [];
const e: number[] = [];
for (let i = 0; i < TURNS; i++) {
  d.push(await turn(diag.url, QUESTIONS[i % QUESTIONS.length]!, 1000 + i));
  e.push(await turn(echo.url, 'hello', 1000 + i));
}
console.log(JSON.stringify({ turns: TURNS, diagnose: { p50: pct(d, 50), p99: pct(d, 99) }, echo: { p50: pct(e, 50), p99: pct(e, 99) } }));
await diag.close();
await echo.close();
connector.close();
