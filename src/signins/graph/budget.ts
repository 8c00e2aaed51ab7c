/**
 * One shared budget of requests per tenant for the sign-in reports API (about 5 requests
 * per 10 seconds per app per tenant). A sliding window; waiting requests are served
 * interactive first (an agent is waiting), then background (the lockout watcher).
 */
export type Priority = 'interactive' | 'background';

export interface BudgetOptions {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

/** A 429 paused the budget for longer than a waiting request may wait: it is told at once. */
export class BudgetPaused extends Error {
  constructor(readonly waitMs: number) {
    super(`the request budget is paused for ${waitMs} ms`);
  }
}

interface Waiting {
  priority: Priority;
  /** Resolved with the milliseconds this request spent waiting out pauses (not the window). */
  resolve: (pausedMs: number) => void;
  reject: (e: Error) => void;
  /** The latest time a pause may end for this request to still wait for it. */
  latest: number;
  paused: number;
}

export class RequestBudget {
  private readonly sent: number[] = [];
  private readonly queue: Waiting[] = [];
  private pausedUntil = 0;
  private pumping = false;
  private readonly now: () => number;
  private readonly sleep: (ms: number) => Promise<void>;
  /** Every grant's time, for tests and the benchmark. */
  readonly grants: number[] = [];

  constructor(private readonly opts: BudgetOptions) {
    this.now = opts.now ?? (() => Date.now());
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
  }

  /**
   * Waits for a slot; resolves when the caller may send one request, with the time spent
   * waiting out pauses. Rejects with BudgetPaused when a pause outlasts `maxPauseMs`.
   */
  acquire(priority: Priority = 'interactive', maxPauseMs = Infinity): Promise<number> {
    return new Promise((resolve, reject) => {
      const pausedFor = this.pausedUntil - this.now();
      if (pausedFor > maxPauseMs) return reject(new BudgetPaused(pausedFor));
      const entry: Waiting = { priority, resolve, reject, latest: this.now() + maxPauseMs, paused: 0 };
      const firstBackground = this.queue.findIndex((q) => q.priority === 'background');
      if (priority === 'interactive' && firstBackground >= 0) this.queue.splice(firstBackground, 0, entry);
      else this.queue.push(entry);
      void this.pump();
    });
  }

  /** A 429 said to wait: nobody sends until then, and whoever cannot wait that long is told now. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
    for (const e of [...this.queue]) {
      if (e.latest >= this.pausedUntil) continue;
      this.queue.splice(this.queue.indexOf(e), 1);
      e.reject(new BudgetPaused(this.pausedUntil - this.now()));
    }
  }

  /** Requests waiting for a slot. */
  get waiting(): number {
    return this.queue.length;
  }

  private async pump(): Promise<void> {
    if (this.pumping) return;
    this.pumping = true;
    try {
      while (this.queue.length) {
        const now = this.now();
        while (this.sent.length && this.sent[0]! <= now - this.opts.windowMs) this.sent.shift();
        const waitForPause = this.pausedUntil - now;
        const waitForWindow = this.sent.length >= this.opts.limit ? this.sent[0]! + this.opts.windowMs - now : 0;
        const wait = Math.max(waitForPause, waitForWindow);
        if (wait > 0) {
          if (waitForPause > 0) for (const e of this.queue) e.paused += Math.min(wait, waitForPause);
          await this.sleep(wait);
          continue;
        }
        const next = this.queue.shift()!;
        this.sent.push(now);
        this.grants.push(now);
        next.resolve(next.paused);
      }
    } finally {
      this.pumping = false;
    }
  }
}
