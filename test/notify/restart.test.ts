import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { REPEAT_NOTE } from '../../src/notify/service.ts';
import { CapturedConnector, type Received } from '../helpers/connector.ts';

/**
 * Finding 16: the watcher killed with SIGKILL at every step of a delivery round (8 cards),
 * then started again on the same store. The fake Teams counts a card once it has accepted
 * it, even when the sender died before hearing back, so a repeat cannot hide. What must hold
 * at every kill point: no card lost, and any card posted twice says so on the second copy.
 */
const connector = new CapturedConnector();
const watchers = new Map<string, () => void>();
beforeAll(async () => {
  await connector.start();
  connector.delayMs = 20; // the answer comes a little after the card is accepted
  connector.onRequest = (r) => {
    if (r.method === 'POST' && r.activity.attachments?.length) watchers.get(r.conversationId)?.();
  };
});
afterAll(() => connector.stop());

type Run = { code: number | null; signal: NodeJS.Signals | null; out: string };
type Scenario = { store: string; channel: string; kill?: string };
/** A watcher process doing these rounds in turn; `accept:N` kills it when Teams accepts its N-th card. */
function runChild(runs: Scenario[], acceptKill?: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./kill-child.ts', import.meta.url).pathname], {
      env: { ...process.env, RUNS: JSON.stringify(runs), CONNECTOR: connector.url },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    let posts = 0;
    // Teams has the card, and the bot has not heard back: now.
    if (acceptKill) watchers.set(runs[0]!.channel, () => ++posts === acceptKill && child.kill('SIGKILL'));
    child.on('exit', (code, signal) => {
      watchers.delete(runs[0]!.channel);
      resolve({ code, signal, out });
    });
  });
}

const marked = (r: Received) =>
  JSON.stringify(r.activity.attachments?.[0]?.content ?? {}).includes(REPEAT_NOTE) &&
  /sent again after a restart; you may see this twice/.test(r.activity.summary ?? '');
const titleOf = (r: Received) => JSON.stringify(r.activity).match(/"text":"(Locked out: [^"]*)"/)?.[1];

/** Cards per person in one channel: every person's first card, and every later one marked. */
function tally(channel: string) {
  const byTitle = new Map<string, Received[]>();
  for (const r of connector.cards(channel).filter((x) => x.method === 'POST')) {
    const t = titleOf(r) ?? '?';
    byTitle.set(t, [...(byTitle.get(t) ?? []), r]);
  }
  const repeats = [...byTitle.values()].flatMap((l) => l.slice(1));
  return {
    people: byTitle.size,
    repeats: repeats.length,
    unmarked: repeats.filter((r) => !marked(r)).length,
    most: Math.max(0, ...[...byTitle.values()].map((l) => l.length)),
  };
}

const newStore = () => join(mkdtempSync(join(tmpdir(), 'notify-')), 'notifications.json');

const CHANGES = 18; // a round: subscribe, episodes, then a claim and an outcome per card

it('killed at any of 26 points of a delivery round and restarted: 0 lost, and every repeat is marked', async () => {
  // Kill points: as Teams accepts each card (the bot never hears back); before the episodes
  // and the first claim are stored; after each claim (nothing sent yet); just before each
  // outcome is stored (Teams answered, the store does not know).
  const points = [
    ...Array.from({ length: 8 }, (_, i) => `accept:${i + 1}`),
    'before:2',
    'before:3',
    ...Array.from({ length: 8 }, (_, i) => `after:${3 + 2 * i}`),
    ...Array.from({ length: 8 }, (_, i) => `before:${4 + 2 * i}`),
  ];
  const scenarios = points.map((point) => ({ point, store: newStore(), channel: `19:restart-${point.replace(':', '-')}@thread.tacv2` }));
  const killed = new Set<string>();
  // Each killed in a process of its own, two at a time.
  const queue = [...scenarios];
  await Promise.all(
    [0, 1].map(async () => {
      for (let s = queue.shift(); s; s = queue.shift()) {
        const accept = s.point.startsWith('accept:') ? Number(s.point.slice(7)) : undefined;
        const r = await runChild([{ store: s.store, channel: s.channel, ...(accept ? {} : { kill: s.point }) }], accept);
        if (r.signal === 'SIGKILL') killed.add(s.point);
      }
    }),
  );
  expect([...killed].sort()).toEqual([...points].sort());
  // All started again (in one process, a new service each), plus a round that is never killed.
  const clean = { store: newStore(), channel: '19:restart-clean@thread.tacv2' };
  const again = await runChild([...scenarios.map(({ store, channel }) => ({ store, channel })), clean]);
  expect(again.signal).toBeNull();
  expect(again.out.match(/^DONE /gm)).toHaveLength(scenarios.length + 1);
  expect(again.out).toContain(`DONE ${clean.channel} `);
  expect(JSON.parse(again.out.match(new RegExp(`^DONE ${clean.channel} (.*)$`, 'm'))![1]!)).toMatchObject({ sent: 8, repeated: 0, changes: CHANGES });
  expect(tally(clean.channel)).toMatchObject({ people: 8, repeats: 0, unmarked: 0 });

  const results = scenarios.map((s) => ({ point: s.point, ...tally(s.channel) }));
  const failed = results.filter((r) => r.people !== 8 || r.unmarked > 0 || r.most > 2);
  expect(failed, JSON.stringify(failed)).toEqual([]);
  // The windows the intent cannot close (Teams has the card, the store has no outcome) are real, and marked.
  const window = results.filter((r) => r.point.startsWith('accept:') || /^before:(4|6|8|10|12|14|16|18)$/.test(r.point));
  expect(window.every((r) => r.repeats === 1)).toBe(true);
  expect(results.filter((r) => !window.includes(r)).every((r) => r.repeats === 0)).toBe(true);
  console.log(`kill points: ${results.length}, all killed; with a repeat: ${results.filter((r) => r.repeats).length}, every one marked; lost: 0`);
}, 900_000);
