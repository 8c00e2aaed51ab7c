import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { z } from 'zod';
import { Children, type ChildEnd } from './lib/children.ts';
import { findPortHolder, portInUse, portInUseMessage } from './lib/port-holder.ts';
import { watchStarter } from './lib/starter-watch.ts';
import { freshBuild } from './lib/fresh-build.mjs';

/**
 * `npm start`: the bot on the bundled sample tenant (POST /api/messages on port 3978) and
 * the Microsoft 365 Agents Playground pointed at it, with the mock Teams context in
 * .m365agentsplayground.yml. Prints the URL to open.
 *
 * Stopping: Ctrl+C, SIGTERM or SIGHUP (a closed terminal) to this launcher or its process
 * group stops both children and waits for them (15 s, then they are killed); if the
 * launcher itself is killed, the children notice and stop on their own (see lib/children.ts);
 * if npm is killed alone, the launcher notices and stops them (lib/starter-watch.ts).
 */
const GRACE_MS = 15_000;

const Port = z.coerce.number().int().min(1).max(65535);
const Settings = z.object({ PORT: Port.default(3978), TEAMSAPPTESTER_PORT: Port.default(56150) });

const say = (line: string) => process.stderr.write(`${line}\n`);
// A closed terminal must not take the launcher down before it has stopped the children.
process.stdout.on('error', () => {});
process.stderr.on('error', () => {});

const children = new Children({
  graceMs: GRACE_MS,
  say,
  onUnexpectedEnd: (end: ChildEnd) => {
    const how = end.signal ? `was ended by ${end.signal}` : `exited with ${end.code}`;
    say(`[${end.name}] ${how}${end.name === 'playground' ? ' (its log: devTools/m365agentsplayground.log)' : ''}`);
    void stopAndExit('SIGTERM', end.code ?? 1);
  },
});

/** Stops both children; exits with their status, or with `failure` when something already went wrong. */
async function stopAndExit(signal: NodeJS.Signals, failure?: number): Promise<never> {
  const code = await children.stop(signal);
  process.exit(failure ?? code);
}

function onSignal(received: NodeJS.Signals): void {
  if (children.isStopping) return;
  say(`\nStopping the bot and the Agents Playground (${received})...`);
  // The bot stops gracefully on SIGTERM and SIGINT; SIGHUP would end it without finishing its turns.
  void stopAndExit(received === 'SIGHUP' ? 'SIGTERM' : received);
}
for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(s, onSignal);

// A signal to the whole group ends npm too, and may be seen here first: setImmediate lets the
// signal's own handler (already pending) speak, so the message says what really happened.
watchStarter(() =>
  setImmediate(() => {
    if (children.isStopping) return;
    say('The npm (or shell) that ran this launcher is gone; stopping the bot and the Agents Playground.');
    void stopAndExit('SIGTERM');
  }),
);

async function waitFor(url: string, what: string, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  while (!children.isStopping) {
    try {
      const r = await fetch(url);
      if (r.status < 500) return;
    } catch {
      // not up yet
    }
    if (Date.now() > deadline) throw new Error(`${what} did not answer at ${url} within ${seconds} s`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
function readable(line: string): string {
  if (!line.startsWith('{"level":')) return line;
  try {
    const { level, time, msg, app: _app, ...rest } = JSON.parse(line) as { level: number; time: string; msg: string; app?: string };
    const extra = Object.keys(rest).length ? ` ${JSON.stringify(rest)}` : '';
    return `${String(time).slice(11, 19)} ${LEVELS[level] ?? level} ${msg}${extra}`;
  } catch {
    return line;
  }
}

// The bot logs JSON lines (for machines); at a console they read better as time, level and message.
const relay = (name: string) => (line: string, stream: 'stdout' | 'stderr') => process[stream].write(`[${name}] ${readable(line)}\n`);

/** The settings, and the ports free: each problem in one line, before anything starts. */
async function preflight(): Promise<{ botPort: number; playgroundPort: number } | string[]> {
  const parsed = Settings.safeParse(process.env);
  if (!parsed.success) {
    return parsed.error.issues.map((i) => `${String(i.path[0])}=${process.env[String(i.path[0])]} is not a port number (1 to 65535).`);
  }
  const { PORT: botPort, TEAMSAPPTESTER_PORT: playgroundPort } = parsed.data;
  if (botPort === playgroundPort) return [`PORT and TEAMSAPPTESTER_PORT are both ${botPort}: the bot and the Agents Playground need a port each.`];
  const problems: string[] = [];
  for (const [port, what, setting] of [
    [botPort, 'the bot', 'PORT'],
    [playgroundPort, 'the Agents Playground', 'TEAMSAPPTESTER_PORT'],
  ] as const) {
    if (await portInUse(port)) problems.push(portInUseMessage(port, what, setting, await findPortHolder(port)));
  }
  return problems.length ? problems : { botPort, playgroundPort };
}

async function main(): Promise<void> {
  const ready = await preflight();
  if (Array.isArray(ready)) {
    for (const line of ready) say(line);
    process.exit(1);
  }
  const { botPort, playgroundPort } = ready;
  if (children.isStopping) return;
  // The bundle npm ci built, unless src/ changed since: then the sources, through tsx.
  const bot = freshBuild('bot');
  // The weekly summary's "full report" link is signed; locally a key made for this run is enough (links die with it).
  const reportKey = process.env.REPORT_LINK_SECRET || randomBytes(32).toString('hex');
  children.start(
    'bot',
    bot ? [bot] : ['--import', 'tsx', 'src/index.ts'],
    { ...process.env, PORT: String(botPort), REPORT_LINK_SECRET: reportKey },
    relay('bot'),
  );
  await waitFor(`http://127.0.0.1:${botPort}/healthz`, 'the bot', 60);
  if (children.isStopping) return;
  const playground = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  const args = [
    playground,
    'start',
    '--app-endpoint',
    `http://127.0.0.1:${botPort}/api/messages`,
    '--channel-id',
    'msteams',
    '--port',
    String(playgroundPort),
    '--disable-telemetry',
  ];
  children.start('playground', args, { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' }, relay('playground'));
  await waitFor(`http://127.0.0.1:${playgroundPort}/_debug/ping`, 'the Agents Playground', 60);
  if (children.isStopping) return;
  process.stdout.write(
    `\nReady. Open http://localhost:${playgroundPort}/ and ask, for example: why did bob fail to sign in\n(Ctrl+C stops the bot and the Playground.)\n\n`,
  );
}

main().catch((e) => {
  say(`could not start: ${(e as Error).message}`);
  void stopAndExit('SIGTERM', 1);
});
