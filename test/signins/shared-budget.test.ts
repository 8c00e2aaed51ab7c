import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MemoryLedger, RequestBudget, type BudgetLedger } from '../../src/signins/graph/budget.ts';
import { BlobBudgetLedger } from '../../src/signins/graph/shared-budget.ts';
import { Azurite } from '../helpers/azurite.ts';

/**
 * Microsoft Graph's reports limit is per app per tenant: two instances of the bot must share
 * one budget. Two RequestBudgets fire requests at once, counting in one blob on Azurite; a
 * shared fake clock (advanced by the budgets' own sleeps) keeps the test from sleeping.
 */
const LIMIT = 5;
const WINDOW_MS = 10_000;
const PER_INSTANCE = 12;

const azurite = new Azurite();
beforeAll(() => azurite.start());
afterAll(() => azurite.stop());

/** A clock both instances read; a sleep moves it to the sleeper's wake-up time (never back), after letting others run. */
function sharedClock() {
  let now = 1_000_000;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      const until = now + ms;
      await new Promise((r) => setImmediate(r));
      now = Math.max(now, until);
    },
  };
}

/** The most grants any window [t, t + WINDOW_MS) holds. */
function busiestWindow(grants: number[]): number {
  const sorted = [...grants].sort((a, b) => a - b);
  let most = 0;
  for (let i = 0; i < sorted.length; i++) most = Math.max(most, sorted.filter((t) => t >= sorted[i]! && t < sorted[i]! + WINDOW_MS).length);
  return most;
}

async function fire(ledgers: [BudgetLedger, BudgetLedger]) {
  const clock = sharedClock();
  const budgets = ledgers.map((ledger) => new RequestBudget({ limit: LIMIT, windowMs: WINDOW_MS, now: clock.now, sleep: clock.sleep, ledger }));
  await Promise.all(budgets.flatMap((b, i) => Array.from({ length: PER_INSTANCE }, (_, k) => b.acquire(k % 3 === i ? 'background' : 'interactive'))));
  return budgets.map((b) => b.grants);
}

describe('the reports budget shared by two instances (Azure Blob, Azurite)', () => {
  it('never more than 5 requests in any 10 s window across both, and every request is served', async () => {
    const container = await azurite.container('budget1');
    const ledgers: [BlobBudgetLedger, BlobBudgetLedger] = [new BlobBudgetLedger(container), new BlobBudgetLedger(container)];
    const [a, b] = await fire(ledgers);
    expect(a).toHaveLength(PER_INSTANCE);
    expect(b).toHaveLength(PER_INSTANCE);
    expect(busiestWindow([...a!, ...b!])).toBe(LIMIT);
    // The count really was shared: 24 grants at 5 per 10 s need five windows, 40 s of the clock
    // (each instance counting alone would finish its 12 in 20 s). Which instance got which slot
    // depends on how the two raced to Azurite, so the test does not ask that they interleave.
    const all = [...a!, ...b!];
    expect(Math.max(...all) - Math.min(...all)).toBeGreaterThanOrEqual(4 * WINDOW_MS);
  });

  it('counting in memory, the same two instances send twice the limit (why the blob is needed)', async () => {
    const [a, b] = await fire([new MemoryLedger(), new MemoryLedger()]);
    expect(busiestWindow([...a!, ...b!])).toBe(2 * LIMIT);
  });

  it('a write that loses to the other instance (412) is read again, not counted twice', async () => {
    const container = await azurite.proxied('budget2');
    const rival = new BlobBudgetLedger(await azurite.container('budget2'));
    const ledger = new BlobBudgetLedger(container);
    const now = () => 5_000_000;
    // The rival takes four slots; then, just before our write reaches Azurite, it takes the fifth.
    for (let i = 0; i < 4; i++) expect(await rival.take(now, LIMIT, WINDOW_MS)).toEqual({ at: 5_000_000 });
    let raced = false;
    azurite.beforeForward = async (r) => {
      if (r.method === 'PUT' && !raced) {
        raced = true;
        await rival.take(now, LIMIT, WINDOW_MS);
      }
    };
    try {
      expect(await ledger.take(now, LIMIT, WINDOW_MS)).toEqual({ waitMs: WINDOW_MS });
    } finally {
      azurite.beforeForward = undefined;
    }
    expect(ledger.conflicts).toBe(1);
  });
});
