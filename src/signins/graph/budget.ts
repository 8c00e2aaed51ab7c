/**
 * One shared budget of requests per tenant for the sign-in reports API (about 5 requests
 * per 10 seconds per app per tenant). A sliding window; waiting requests are served
 * interactive first (an agent is waiting), then background (the lockout watcher).
 */
export type Priority = 'interactive' | 'background';

/**
 * Where the budget's requests are counted. Graph counts per app per tenant, so every
 * instance of the bot must count in one place: in memory for one instance (the default),
 * a blob for several (shared-budget.ts).
 */
export interface BudgetLedger {
  /**
   * Records one request when fewer than `limit` were recorded in the `windowMs` before it:
   * `{ at }`, the time recorded. Otherwise records nothing: `{ waitMs }`, until the oldest of
   * them leaves the window. The clock is read after the count is read, so a slow shared read
   * never records a time older than what it saw.
   */
  take(clock: () => number, limit: number, windowMs: number): Taken | Promise<Taken>;
}
export type Taken = { at: number } | { waitMs: number };

/** A time `now` may be recorded at, given the recent ones (sorted): `{ at }`, or how long until one leaves the window. */
export function slot(recent: readonly number[], now: number, limit: number, windowMs: number): Taken {
  return recent.length >= limit ? { waitMs: Math.max(1, recent[recent.length - limit]! + windowMs - now) } : { at: now };
}

/** One instance's count, in memory. */
export class MemoryLedger implements BudgetLedger {
  private readonly sent: number[] = [];

  /** Synchronous: one instance's budget decides without yielding, as it always has. */
  take(clock: () => number, limit: number, windowMs: number): Taken {
    const now = clock();
    while (this.sent.length && this.sent[0]! <= now - windowMs) this.sent.shift();
    const taken = slot(this.sent, now, limit, windowMs);
    if ('at' in taken) this.sent.push(taken.at);
    return taken;
  }
}

export interface BudgetOptions {
  /** Requests allowed per window. */
  limit: number;
  windowMs: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Where requests are counted; default: this instance's memory. */
  ledger?: BudgetLedger;
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
  private readonly ledger: BudgetLedger;
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
    this.ledger = opts.ledger ?? new MemoryLedger();
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
        const waitForPause = this.pausedUntil - this.now();
        if (waitForPause > 0) {
          for (const e of this.queue) e.paused += waitForPause;
          await this.sleep(waitForPause);
          continue;
        }
        // A slot is taken in the ledger before anyone is told to send.
        let taken: Taken;
        try {
          const answer = this.ledger.take(this.now, this.opts.limit, this.opts.windowMs);
          taken = answer instanceof Promise ? await answer : answer;
        } catch (e) {
          // A shared ledger that cannot be read or written: the request first in line is told, the rest try again.
          this.queue.shift()?.reject(e as Error);
          continue;
        }
        if ('waitMs' in taken) {
          await this.sleep(taken.waitMs);
          continue;
        }
        this.grants.push(taken.at);
        // A pause may have turned the waiting away while the ledger answered: the slot then goes unused, which only errs on the safe side.
        const next = this.queue.shift();
        next?.resolve(next.paused);
      }
    } finally {
      this.pumping = false;
    }
  }
}
