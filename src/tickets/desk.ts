import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { LogFn } from '../log.ts';
import type { ItemStore } from '../notify/items.ts';
import { claimAbandoned, CLAIM_TIMEOUT_MS, newRunner, track, type Runner } from '../notify/claims.ts';
import { Claim } from '../notify/store.ts';
import { TicketFacts } from './facts.ts';
import { TicketTargetError, type TicketTarget } from './target.ts';

/**
 * Tickets, opened once and never lost. One item per request, keyed by the target and the
 * sign-in's correlation id, written BEFORE the call (state `sending`, with who is sending): a
 * second press, or a second agent pressing at the same time, finds it and opens nothing new.
 * A target that does not answer leaves it `queued` with the time of its next try, and the
 * outbox (`retryDue`, on start and every few seconds) sends it again with backoff. A process
 * killed between the call and its answer leaves it `sending`; the next start sees its claim is
 * abandoned (notify/claims.ts, as the lockout alerts do) and sends it again with the same key,
 * asking the target first whether it already has it (`find`).
 *
 * Each item's expiry (ItemStore) is the time it is next due: a queued ticket its next try, a
 * send in progress the time its claim is no longer trusted, an opened or failed one the end of
 * its keeping. So `expired(now)` is the outbox's list of work, and also its sweep.
 */
export const TicketRecord = z.object({
  key: z.string(),
  target: z.string(),
  correlationId: z.string(),
  state: z.enum(['sending', 'queued', 'opened', 'failed']),
  facts: TicketFacts,
  /** Sends started, this one included. */
  tries: z.number().int().min(0),
  claim: Claim.optional(),
  nextTryAt: z.string().optional(),
  lastError: z.string().optional(),
  ticket: z.object({ number: z.string(), url: z.string().optional(), ours: z.literal(true).optional() }).optional(),
  openedAt: z.string().optional(),
});
export type TicketRecord = z.infer<typeof TicketRecord>;

/** What a press got: the request as stored now, and whether this press is what sent it (or found it already there). */
export interface TicketOutcome {
  record: TicketRecord;
  fresh: boolean;
  target: string;
}

/** Tries in all before a ticket is given up (marked failed, said on the card; a press tries again): about 4 hours with the backoff. */
export const MAX_TRIES = 12;
const FIRST_RETRY_MS = 30_000;
const LONGEST_WAIT_MS = 30 * 60_000;
/** How long an opened (or failed) request is kept: as long as Entra keeps the sign-in it is about. */
const KEEP_MS = 30 * 24 * 3_600_000;
/** How often the outbox looks for due requests. */
const POLL_MS = 15_000;

/** The wait after the n-th failed try: 30 s, 1, 2, 4… minutes, at most 30. */
export const backoffMs = (tries: number) => Math.min(LONGEST_WAIT_MS, FIRST_RETRY_MS * 2 ** Math.max(0, tries - 1));

export interface TicketDeskOptions {
  /** The clock, ms (tests move it). */
  clock?: () => number;
  pollMs?: number;
}

export class TicketDesk {
  private readonly runner: Runner = newRunner();
  private readonly clock: () => number;
  private readonly pollMs: number;
  /** Presses and retries of one request in this process, one after the other. */
  private readonly busy = new Map<string, Promise<unknown>>();
  private timer?: ReturnType<typeof setInterval>;
  private running?: Promise<unknown>;

  constructor(
    readonly target: TicketTarget,
    private readonly items: ItemStore,
    private readonly log: LogFn,
    o: TicketDeskOptions = {},
  ) {
    this.clock = o.clock ?? Date.now;
    this.pollMs = o.pollMs ?? POLL_MS;
  }

  /** The key of the request about one sign-in in this target. */
  keyOf(correlationId: string): string {
    return `signin-diag:${this.target.id}:${correlationId}`;
  }

  /** The request about this sign-in, if there is one. */
  async status(correlationId: string): Promise<TicketRecord | undefined> {
    return this.read(this.keyOf(correlationId));
  }

  /**
   * A press of "Open ticket": the request already there (opened, queued, being sent by another
   * press) is answered as it is; otherwise it is stored, then sent.
   */
  open(correlationId: string, facts: TicketFacts): Promise<TicketOutcome> {
    const key = this.keyOf(correlationId);
    return this.locked(key, async () => {
      const prev = await this.read(key);
      if (prev && !this.yours(prev)) return { record: prev, fresh: false, target: this.target.name };
      // Nothing yet; or a request that failed, or whose process is gone: sent again as first asked (its form, its note).
      const base: TicketRecord = prev ?? { key, target: this.target.id, correlationId, state: 'sending', facts, tries: 0 };
      return { record: await this.send(base), fresh: true, target: this.target.name };
    });
  }

  /**
   * The outbox: every request that is due (a queued one whose time came, a send whose process is
   * gone) is sent again; opened and failed ones past their keeping are removed. `all`: every
   * item, not only the due ones (on start: a send this host's previous process left behind is
   * known abandoned at once, without waiting for its claim to time out).
   */
  async retryDue(all = false): Promise<{ opened: number; queued: number; failed: number }> {
    const counts = { opened: 0, queued: 0, failed: 0 };
    const now = this.clock();
    let names: string[];
    try {
      // The store lists expiries strictly before the time given: one due this very millisecond is included.
      names = await this.items.expired(new Date(all ? 8.64e15 : now + 1));
    } catch (e) {
      this.log(`tickets: could not list ${this.items.where}: ${(e as Error).message}`, { level: 'error' });
      return counts;
    }
    for (const name of names) {
      try {
        const text = await this.items.read(name);
        const r = text === undefined ? undefined : TicketRecord.safeParse(JSON.parse(text));
        if (!r?.success) continue;
        const rec = r.data;
        if (rec.state === 'opened' || rec.state === 'failed') {
          await this.expire(name, rec, now);
          continue;
        }
        const after = await this.locked(rec.key, async () => {
          const fresh = await this.read(rec.key);
          return fresh && this.due(fresh, now) ? this.send(fresh) : undefined;
        });
        if (after) counts[after.state === 'opened' ? 'opened' : after.state === 'failed' ? 'failed' : 'queued']++;
      } catch (e) {
        this.log(`tickets: could not retry a queued request: ${(e as Error).message}`, { level: 'error' });
      }
    }
    if (counts.opened || counts.failed) this.log(`tickets: outbox opened ${counts.opened}, gave up on ${counts.failed}, ${counts.queued} still queued`);
    return counts;
  }

  /** The outbox in the background: once now over every item (see retryDue), then every few seconds over the due ones. */
  start(): void {
    if (this.timer) return;
    this.running = this.retryDue(true);
    this.timer = setInterval(() => {
      this.running = Promise.resolve(this.running).then(() => this.retryDue());
    }, this.pollMs);
    this.timer.unref();
  }

  /** Stops the outbox; a send in progress finishes and stores its outcome. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    await Promise.allSettled([...this.busy.values()]);
  }

  /** Whether this process should send it now: not opened, not queued (the outbox's), not being sent by a live process. */
  private yours(r: TicketRecord): boolean {
    if (r.state === 'failed') return true;
    if (r.state === 'sending') return !r.claim || claimAbandoned(r.claim, r.key, this.clock());
    return false;
  }

  /** The outbox's to send now: a queued request whose time came, or a send whose process is gone. */
  private due(r: TicketRecord, now: number): boolean {
    return r.state === 'queued' ? Date.parse(r.nextTryAt ?? '') <= now : r.state === 'sending' && this.yours(r);
  }

  /** Claims the request (stored before the call), calls the target, stores what came of it. */
  private async send(r: TicketRecord): Promise<TicketRecord> {
    const tries = r.tries + 1;
    const claimed: TicketRecord = {
      ...r,
      state: 'sending',
      tries,
      claim: { ...this.runner, at: new Date(this.clock()).toISOString(), version: tries, repeat: tries > 1 },
    };
    await this.write(claimed, this.clock() + CLAIM_TIMEOUT_MS);
    return track(this.runner, claimed.key, this.call(claimed));
  }

  private async call(r: TicketRecord): Promise<TicketRecord> {
    const { claim: _c, nextTryAt: _n, ...rest } = r;
    let after: TicketRecord;
    try {
      // A try after one that may have reached the target: ask it first, where it can say.
      const found = r.tries > 1 && this.target.find ? await this.target.find(r.key) : undefined;
      const ticket = found ?? (await this.target.open(r.facts, r.key));
      after = { ...rest, state: 'opened', ticket, openedAt: new Date(this.clock()).toISOString(), lastError: undefined };
      this.log(`tickets: ${ticket.number} opened in ${this.target.name}${found ? ' (found from an earlier try)' : ''}`);
    } catch (e) {
      const err = e instanceof TicketTargetError ? e : new TicketTargetError((e as Error).message ?? String(e), true);
      const give = !err.retry || r.tries >= MAX_TRIES;
      after = give
        ? { ...rest, state: 'failed', lastError: err.message, nextTryAt: new Date(this.clock()).toISOString() }
        : { ...rest, state: 'queued', lastError: err.message, nextTryAt: new Date(this.clock() + backoffMs(r.tries)).toISOString() };
      this.log(`tickets: ${give ? 'not opened' : `queued, try ${r.tries} of ${MAX_TRIES} failed`}: ${err.message}`, { level: give ? 'error' : 'warn' });
    }
    const due = after.state === 'queued' ? Date.parse(after.nextTryAt!) : this.clock() + KEEP_MS;
    try {
      await this.write(after, due);
    } catch (e) {
      // Opened, but not recorded: the claim times out and a retry asks the target (find) before opening another.
      this.log(`tickets: could not store the outcome in ${this.items.where}: ${(e as Error).message}`, { level: 'error' });
    }
    return after;
  }

  private async expire(name: string, r: TicketRecord, now: number): Promise<void> {
    if (Date.parse(r.openedAt ?? r.nextTryAt ?? '') + KEEP_MS < now) await this.items.remove(name);
  }

  private async read(key: string): Promise<TicketRecord | undefined> {
    const text = await this.items.read(itemName(key));
    if (text === undefined) return undefined;
    const r = TicketRecord.safeParse(JSON.parse(text));
    if (!r.success) throw new Error(`an unreadable ticket request in ${this.items.where}`);
    return r.data;
  }

  private write(r: TicketRecord, dueMs: number): Promise<void> {
    return this.items.write(itemName(r.key), JSON.stringify(r), new Date(dueMs));
  }

  private locked<T>(key: string, work: () => Promise<T>): Promise<T> {
    const before = this.busy.get(key) ?? Promise.resolve();
    const mine = before.then(work, work);
    const settled = mine.catch(() => undefined);
    this.busy.set(key, settled);
    void settled.then(() => {
      if (this.busy.get(key) === settled) this.busy.delete(key);
    });
    return mine;
  }
}

/** The item for a request: a hash, so names carry no ids. */
export const itemName = (key: string) => `${createHash('sha256').update(key).digest('hex')}.json`;
