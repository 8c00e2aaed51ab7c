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

export class RequestBudget {
  private readonly sent: number[] = [];
  private readonly queue: { priority: Priority; resolve: () => void }[] = [];
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

  /** Waits for a slot; resolves when the caller may send one request. */
  acquire(priority: Priority = 'interactive'): Promise<void> {
    return new Promise((resolve) => {
      const entry = { priority, resolve };
      const firstBackground = this.queue.findIndex((q) => q.priority === 'background');
      if (priority === 'interactive' && firstBackground >= 0) this.queue.splice(firstBackground, 0, entry);
      else this.queue.push(entry);
      void this.pump();
    });
  }

  /** A 429 said to wait: nobody sends until then. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.now() + ms);
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
          await this.sleep(wait);
          continue;
        }
        const next = this.queue.shift()!;
        this.sent.push(now);
        this.grants.push(now);
        next.resolve();
      }
    } finally {
      this.pumping = false;
    }
  }
}
