import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';

/**
 * `npm start`: the bot on the bundled sample tenant (POST /api/messages on port 3978) and
 * the Microsoft 365 Agents Playground pointed at it, with the mock Teams context in
 * .m365agentsplayground.yml. Prints the URL to open; Ctrl+C stops both.
 */
const BOT_PORT = Number(process.env.PORT ?? 3978);
const PLAYGROUND_PORT = Number(process.env.TEAMSAPPTESTER_PORT ?? 56150);
const children: ChildProcess[] = [];

function stopAll(code: number): never {
  for (const c of children) if (c.exitCode === null) c.kill('SIGTERM');
  process.exit(code);
}
process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function waitFor(url: string, what: string, seconds: number): Promise<void> {
  const deadline = Date.now() + seconds * 1000;
  for (;;) {
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

function run(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  // The bot logs JSON lines (for machines); at a console they read better as time, level and message.
  const prefix = (chunk: Buffer) => chunk.toString().split('\n').filter(Boolean).map((l) => `[${name}] ${readable(l)}\n`).join('');
  child.stdout!.on('data', (d: Buffer) => process.stdout.write(prefix(d)));
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(prefix(d)));
  child.on('exit', (code) => {
    process.stderr.write(`[${name}] exited with ${code}${name === 'playground' ? ' (its log: devTools/m365agentsplayground.log)' : ''}\n`);
    stopAll(code ?? 1);
  });
  children.push(child);
  return child;
}

async function main(): Promise<void> {
  run('bot', process.execPath, ['--import', 'tsx', 'src/index.ts'], { PORT: String(BOT_PORT) });
  await waitFor(`http://127.0.0.1:${BOT_PORT}/healthz`, 'the bot', 60);
  const playground = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
  run('playground', process.execPath, [playground, 'start', '--app-endpoint', `http://127.0.0.1:${BOT_PORT}/api/messages`, '--channel-id', 'msteams', '--port', String(PLAYGROUND_PORT), '--disable-telemetry'], {
    TEAMSAPPTESTER_BROWSER: 'none',
  });
  await waitFor(`http://127.0.0.1:${PLAYGROUND_PORT}/_debug/ping`, 'the Agents Playground', 60);
  process.stdout.write(`\nReady. Open http://localhost:${PLAYGROUND_PORT}/ and ask, for example: why did bob fail to sign in\n(Ctrl+C stops the bot and the Playground.)\n\n`);
}

main().catch((e) => {
  process.stderr.write(`could not start: ${(e as Error).message}\n`);
  stopAll(1);
});
