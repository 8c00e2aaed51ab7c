import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

/**
 * The processes `npm start` runs, and how they are stopped.
 *
 * Each child runs in a process group of its own, so a signal sent to the launcher's group
 * (Ctrl+C, a closed terminal, an IDE's stop button, `timeout`, a CI step) reaches the
 * launcher only, and the launcher passes it on exactly once. A child signalled twice (once
 * by the group signal, once by the launcher) was killed in the middle of its graceful stop.
 * Each child also has an IPC channel to the launcher, which closes when the launcher dies
 * however it dies; scripts/lib/exit-with-launcher.mjs then stops the child.
 */
export interface ChildEnd {
  name: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

interface Running {
  name: string;
  child: ChildProcess;
  /** Exited and its output read to the end. */
  closed: Promise<ChildEnd>;
  /** The signal the launcher sent it, if any. */
  sent?: NodeJS.Signals;
  killed?: boolean;
}

export const EXIT_WITH_LAUNCHER = new URL('./exit-with-launcher.mjs', import.meta.url).href;
const OWN_GROUPS = process.platform !== 'win32';

export class Children {
  private readonly running: Running[] = [];
  private stopping: Promise<number> | undefined;

  constructor(
    private readonly opts: {
      /** How long a child may take to stop before it is killed. */
      graceMs: number;
      /** A line for the person at the console. */
      say: (line: string) => void;
      /** A child ended when nobody asked it to. */
      onUnexpectedEnd: (end: ChildEnd) => void;
    },
  ) {}

  get isStopping(): boolean {
    return this.stopping !== undefined;
  }

  /** Starts `node <nodeArgs>` with the launcher watch loaded; `onLine` gets each line it writes. */
  start(name: string, nodeArgs: string[], env: NodeJS.ProcessEnv, onLine: (line: string, stream: 'stdout' | 'stderr') => void): ChildProcess {
    const child = spawn(process.execPath, ['--import', EXIT_WITH_LAUNCHER, ...nodeArgs], {
      env,
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      detached: OWN_GROUPS,
    });
    lines(child.stdout!, (l) => onLine(l, 'stdout'));
    lines(child.stderr!, (l) => onLine(l, 'stderr'));
    child.on('error', (e) => this.opts.say(`[${name}] could not be started: ${e.message}`));
    const closed = once(child, 'close').then(([code, signal]) => ({ name, code: code as number | null, signal: signal as NodeJS.Signals | null }));
    const entry: Running = { name, child, closed };
    void closed.then((end) => {
      this.sweepGroup(child);
      if (!this.stopping) this.opts.onUnexpectedEnd(end);
    });
    this.running.push(entry);
    return child;
  }

  /**
   * Passes `signal` to every child still running, waits for them (up to graceMs, then
   * SIGKILL) and resolves to the launcher's exit status: 0 when each stopped cleanly (status
   * 0, or ended by the signal it was sent), otherwise the first failing child's status.
   * Called again, it returns the same stop.
   */
  stop(signal: NodeJS.Signals): Promise<number> {
    this.stopping ??= this.stopAll(signal);
    return this.stopping;
  }

  private async stopAll(signal: NodeJS.Signals): Promise<number> {
    for (const r of this.running) {
      if (isRunning(r.child)) {
        r.sent = signal;
        r.child.kill(signal);
      }
    }
    const ends = await Promise.all(this.running.map((r) => this.waitOrKill(r)));
    for (const [i, end] of ends.entries()) {
      const r = this.running[i]!;
      if (r.killed) return 1;
      const clean = end.code === 0 || (end.signal !== null && end.signal === r.sent);
      if (!clean) return end.code ?? 1;
    }
    return 0;
  }

  private async waitOrKill(r: Running): Promise<ChildEnd> {
    const ended = await within(r.closed, this.opts.graceMs);
    if (ended) return ended;
    if (isRunning(r.child)) {
      this.opts.say(`[${r.name}] did not stop within ${this.opts.graceMs / 1000} s; killing it`);
      r.killed = true;
      this.killGroup(r.child, 'SIGKILL');
      r.child.kill('SIGKILL');
    }
    // Exited but its output is still open (a grandchild holding it): the exit is what counts.
    return (await within(r.closed, 5000)) ?? { name: r.name, code: r.child.exitCode, signal: r.child.signalCode };
  }

  /** Whatever a child left in its process group (tsx's esbuild service, say) goes with it. */
  private sweepGroup(child: ChildProcess): void {
    this.killGroup(child, 'SIGTERM');
  }

  private killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
    if (!OWN_GROUPS || child.pid === undefined) return;
    try {
      process.kill(-child.pid, signal);
    } catch {
      // nothing left in the group
    }
  }
}

function isRunning(child: ChildProcess): boolean {
  return child.exitCode === null && child.signalCode === null;
}

function within<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** Whole lines from a stream: a chunk can end in the middle of one. */
function lines(stream: NodeJS.ReadableStream, onLine: (line: string) => void): void {
  let carry = '';
  stream.setEncoding('utf8');
  stream.on('data', (chunk: string) => {
    const parts = (carry + chunk).split('\n');
    carry = parts.pop() ?? '';
    for (const p of parts) if (p) onLine(p);
  });
  stream.on('end', () => {
    if (carry) onLine(carry);
  });
}
