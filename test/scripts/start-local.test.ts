import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { connect, createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { findPortHolder, listeningInodes, portInUseMessage } from '../../scripts/lib/port-holder.ts';
import { CapturedConnector } from '../helpers/connector.ts';

/**
 * `npm start` leaves nothing behind however it is stopped: the whole process tree is read
 * from /proc before the signal, and afterwards none of it may be alive and both ports must
 * be free for the next `npm start`. Linux only (/proc), like the machines it runs on.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const PROCESS_TEST_MS = 120_000;

interface Proc {
  pid: number;
  ppid: number;
  state: string;
  argv: string[];
}

function readProc(pid: number): Proc | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so read after the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
    return { pid, ppid: Number(ppid), state: state ?? '?', argv };
  } catch {
    return undefined;
  }
}

/** The process and every descendant (by parent id), read from /proc. */
function tree(root: number): Proc[] {
  const all = readdirSync('/proc')
    .filter((e) => /^\d+$/.test(e))
    .map((e) => readProc(Number(e)))
    .filter((p): p is Proc => p !== undefined);
  const found: Proc[] = all.filter((p) => p.pid === root);
  for (let i = 0; i < found.length; i++) found.push(...all.filter((p) => p.ppid === found[i]!.pid));
  return found;
}

/**
 * Still running: present and not a zombie waiting for a parent that does not reap it. A
 * process is done when all of its threads are: node's main thread can be a zombie while
 * its other threads are still exiting, and until the last one has, its sockets are open.
 */
function alive(pid: number): Proc | undefined {
  const p = readProc(pid);
  if (!p) return undefined;
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return undefined;
  }
  const running = threads.some((t) => {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${t}/stat`, 'utf8');
      const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
      return state !== 'Z' && state !== 'X';
    } catch {
      return false;
    }
  });
  return running ? p : undefined;
}

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * A free port below the range the system hands out for outgoing connections: a port from
 * that range, once the bot has let it go, can be taken meanwhile by any connection on this
 * busy machine, and the "ports are free" check would fail for a reason that is not ours.
 */
async function twoFreePorts(): Promise<[number, number]> {
  const low = Math.max(21000, Number(readFileSync('/proc/sys/net/ipv4/ip_local_port_range', 'utf8').trim().split(/\s+/)[0]) || 32768);
  const ports: number[] = [];
  for (let i = 0; i < 200 && ports.length < 2; i++) {
    const port = 20000 + Math.floor(Math.random() * (low - 20000));
    if (!ports.includes(port) && (await canListen(port)) && (await canListen(port, '::'))) ports.push(port);
  }
  if (ports.length < 2) throw new Error('no two free ports found');
  return [ports[0]!, ports[1]!];
}

/** Can the next `npm start` listen here? */
async function canListen(port: number, host = '127.0.0.1'): Promise<boolean> {
  const s = createServer();
  const ok = await new Promise<boolean>((resolve) => {
    s.once('error', () => resolve(false));
    s.listen(port, host, () => resolve(true));
  });
  if (ok) await new Promise((r) => s.close(r));
  return ok;
}

/** Something listens there (a connection, not a listen: a listen could take the port from the Playground). */
function listening(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function listenError(port: number): Promise<string | undefined> {
  const s = createServer();
  const error = await new Promise<string | undefined>((resolve) => {
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
    s.listen(port, '127.0.0.1', () => resolve(undefined));
  });
  if (!error) await new Promise((r) => s.close(r));
  return error;
}

/** The kernel's sockets on a port (for a failure message). */
function socketsOn(port: number): string[] {
  const hex = `:${port.toString(16).toUpperCase().padStart(4, '0')} `;
  return ['/proc/net/tcp', '/proc/net/tcp6'].flatMap((t) =>
    readFileSync(t, 'utf8')
      .split('\n')
      .filter((l) => l.includes(hex))
      .map((l) =>
        l
          .trim()
          .split(/\s+/)
          .slice(1, 4)
          .concat(l.trim().split(/\s+/)[9] ?? '')
          .join(' '),
      ),
  );
}

/** Both ports free, or who holds them (so a failure says what was left). */
async function portsHeld(s: Started): Promise<string[]> {
  const held: string[] = [];
  for (const port of [s.botPort, s.playgroundPort]) {
    const error = await listenError(port);
    if (error) held.push(`${port}: ${error}, held by ${JSON.stringify(await findPortHolder(port))}; sockets: ${socketsOn(port).join(' | ')}`);
  }
  return held;
}

async function answers(url: string): Promise<boolean> {
  try {
    return (await fetch(url)).ok;
  } catch {
    return false;
  }
}

interface Started {
  child: ChildProcess;
  botPort: number;
  playgroundPort: number;
  /** Everything the child wrote, stdout and stderr together. */
  output: () => string;
  /** Resolves when every writer of its stdout and stderr is gone. */
  outputClosed: Promise<void>;
  exited: Promise<number | null>;
}

const started: Started[] = [];
const watched = new Set<number>();

/** `npm start` (or the launcher itself) in a process group of its own, on free ports, until both servers answer. */
async function start(command: string[]): Promise<Started> {
  const [botPort, playgroundPort] = await twoFreePorts();
  const child = spawn(command[0]!, command.slice(1), {
    cwd: ROOT,
    detached: true,
    env: { ...process.env, PORT: String(botPort), TEAMSAPPTESTER_PORT: String(playgroundPort) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout!.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (output += d.toString()));
  const outputClosed = Promise.all([new Promise((r) => child.stdout!.once('close', r)), new Promise((r) => child.stderr!.once('close', r))]).then(
    () => undefined,
  );
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  const s: Started = { child, botPort, playgroundPort, output: () => output, outputClosed, exited };
  started.push(s);
  // Bounded by count: about two minutes of 250 ms waits, far more than a start takes.
  for (let i = 0; i < 480; i++) {
    if ((await answers(`http://127.0.0.1:${botPort}/healthz`)) && (await listening(playgroundPort))) return s;
    if (child.exitCode !== null) break;
    await pause(250);
  }
  throw new Error(`npm start did not come up:\n${output}`);
}

/** The tree under the started process, with the bot and the Playground in it (else the test would prove nothing). */
function treeOf(s: Started): Proc[] {
  const procs = tree(s.child.pid!);
  for (const p of procs) watched.add(p.pid);
  const lines = procs.map((p) => p.argv.join(' '));
  // The bundle npm ci built, or the sources through tsx when src/ changed since.
  expect(lines.some((l) => l.includes('dist/bot.mjs') || l.includes('src/index.ts'))).toBe(true);
  expect(lines.some((l) => l.includes('m365agentsplayground'))).toBe(true);
  return procs;
}

/** Waits (bounded by count, up to a minute: the launcher allows 15 s and then kills) for all of them to be gone. */
async function survivors(procs: Proc[]): Promise<string[]> {
  for (let i = 0; i < 240; i++) {
    if (procs.every((p) => !alive(p.pid))) return [];
    await pause(250);
  }
  return procs.filter((p) => alive(p.pid)).map((p) => `${p.pid} ${p.argv.join(' ')}`);
}

afterEach(() => {
  // A failed test must not leave its processes to the next one.
  for (const pid of watched) if (alive(pid)) process.kill(pid, 'SIGKILL');
  watched.clear();
  for (const s of started.splice(0)) {
    try {
      process.kill(-s.child.pid!, 'SIGKILL');
    } catch {
      // already gone
    }
  }
});

describe('npm start stops what it started', () => {
  it(
    'SIGTERM to its process group (an IDE, timeout, a CI step) during a turn: the turn finishes, the bot stops gracefully, nothing is left, both ports are free',
    async () => {
      const s = await start(['npm', 'start']);
      const procs = treeOf(s);
      // A turn in flight: the bot's reply is held for a few seconds by the connector, so its stop
      // waits for it. A launcher that left at once (the bug) broke the bot's output pipe meanwhile,
      // and the bot then hung for ever in its exit; or it was killed mid-stop by a second SIGTERM.
      const connector = new CapturedConnector();
      await connector.start();
      connector.delayMs = 3000;
      try {
        const activity = {
          type: 'message',
          id: 'm-1',
          channelId: 'msteams',
          serviceUrl: connector.url,
          from: { id: 'user-1', name: 'Tester' },
          recipient: { id: 'bot', name: 'Sign-in Diagnostics' },
          conversation: { id: 'conv-1', conversationType: 'personal' },
          text: 'help',
        };
        const turn = fetch(`http://127.0.0.1:${s.botPort}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(activity),
        });
        for (let i = 0; i < 240 && connector.received.length === 0; i++) await pause(250);
        expect(connector.received).toHaveLength(1);
        process.kill(-s.child.pid!, 'SIGTERM');
        expect(await survivors(procs)).toEqual([]);
        expect((await turn).status).toBeLessThan(300);
        expect(connector.received[0]!.answered).toBe(true);
      } finally {
        await connector.stop();
      }
      await s.outputClosed;
      // The bot's own "stopped": it finished its graceful stop rather than being killed in it.
      expect(s.output()).toMatch(/\[bot\] .*info stopped/);
      expect(await portsHeld(s)).toEqual([]);
    },
    PROCESS_TEST_MS,
  );

  it(
    'SIGHUP to its process group (the terminal closed): the bot stops gracefully, nothing is left, both ports are free',
    async () => {
      const s = await start(['npm', 'start']);
      const procs = treeOf(s);
      process.kill(-s.child.pid!, 'SIGHUP');
      expect(await survivors(procs)).toEqual([]);
      await s.outputClosed;
      expect(s.output()).toMatch(/\[bot\] .*info stopped/);
      expect(await portsHeld(s)).toEqual([]);
    },
    PROCESS_TEST_MS,
  );

  it(
    'SIGKILL to the launcher alone: the bot and the Playground notice and go, both ports are free',
    async () => {
      const s = await start(['npm', 'start']);
      const procs = treeOf(s);
      const launcher = procs.find((p) => p.argv.includes('scripts/start-local.ts'));
      expect(launcher).toBeDefined();
      process.kill(launcher!.pid, 'SIGKILL');
      expect(await survivors(procs)).toEqual([]);
      expect(await portsHeld(s)).toEqual([]);
    },
    PROCESS_TEST_MS,
  );

  it.each(['SIGTERM', 'SIGKILL'] as const)(
    '%s to the npm process alone (an IDE stopping npm by its pid; npm does not pass it on to the launcher): the launcher notices and stops both',
    async (signal) => {
      const s = await start(['npm', 'start']);
      const procs = treeOf(s);
      process.kill(s.child.pid!, signal);
      expect(await survivors(procs)).toEqual([]);
      expect(await portsHeld(s)).toEqual([]);
    },
    PROCESS_TEST_MS,
  );

  it(
    'Ctrl+C (SIGINT to the group) with the launcher run directly: both stop gracefully and it exits 0',
    async () => {
      const s = await start([process.execPath, '--import', 'tsx', 'scripts/start-local.ts']);
      const procs = treeOf(s);
      process.kill(-s.child.pid!, 'SIGINT');
      expect(await s.exited).toBe(0);
      expect(await survivors(procs)).toEqual([]);
      await s.outputClosed;
      expect(s.output()).toMatch(/\[bot\] .*info stopped/);
    },
    PROCESS_TEST_MS,
  );
});

describe('a port already in use', () => {
  const held: Server[] = [];
  afterEach(async () => {
    for (const s of held.splice(0)) await new Promise((r) => s.close(r));
  });
  const hold = async (port: number, host: string) => {
    const s = createServer();
    await new Promise<void>((resolve) => s.listen(port, host, resolve));
    held.push(s);
  };

  it(
    'is reported before anything starts, one line per port: the port, the process holding it, and the setting that moves it',
    async () => {
      const [botPort, playgroundPort] = await twoFreePorts();
      // The bot's port held on loopback, the Playground's on every address, both by this test's process.
      await hold(botPort, '127.0.0.1');
      await hold(playgroundPort, '::');
      const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start-local.ts'], {
        cwd: ROOT,
        env: { ...process.env, PORT: String(botPort), TEAMSAPPTESTER_PORT: String(playgroundPort) },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (d: Buffer) => (output += d.toString()));
      child.stderr.on('data', (d: Buffer) => (output += d.toString()));
      const code = await new Promise<number | null>((r) => child.once('close', (c) => r(c)));
      expect(code).toBe(1);
      const lines = output.trim().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toContain(`Port ${botPort} for the bot is already in use by process ${process.pid} (`);
      expect(lines[0]).toContain('PORT=<port> npm start');
      expect(lines[1]).toContain(`Port ${playgroundPort} for the Agents Playground is already in use by process ${process.pid} (`);
      expect(lines[1]).toContain('TEAMSAPPTESTER_PORT=<port> npm start');
      expect(output).not.toContain('[bot]');
    },
    PROCESS_TEST_MS,
  );

  it('finds the listening socket of a port in /proc/net/tcp (hex port, LISTEN is 0A)', () => {
    const table = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 0100007F:0F8A 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 18449 1 0000000000000000 100 0 0 10 0',
      '   1: 0100007F:0F8A 0100007F:C350 01 00000000:00000000 00:00000000 00000000     0        0 18450 1 0000000000000000 20 4 30 10 -1',
      '   2: 00000000:DB18 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 18500 1 0000000000000000 100 0 0 10 0',
    ].join('\n');
    expect(listeningInodes(table, 3978)).toEqual(['18449']); // 0x0F8A; the established connection is not a listener
    expect(listeningInodes(table, 56088)).toEqual(['18500']);
    expect(listeningInodes(table, 80)).toEqual([]);
  });

  it('says so plainly when the holder cannot be found', () => {
    expect(portInUseMessage(3978, 'the bot', 'PORT', undefined)).toBe(
      'Port 3978 for the bot is already in use by another process (which one could not be found from this account); stop it, or choose another port: PORT=<port> npm start',
    );
  });
});
