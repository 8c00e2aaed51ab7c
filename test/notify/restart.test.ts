import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CapturedConnector } from '../helpers/connector.ts';

/** Killed with SIGKILL in the middle of a delivery and started again: no duplicate, no missing card. */
const CHANNEL = '19:lockout-alerts@thread.tacv2';
const connector = new CapturedConnector();
beforeAll(() => connector.start());
afterAll(() => connector.stop());

function runChild(store: string, killOnPost?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', new URL('./kill-child.ts', import.meta.url).pathname], { env: { ...process.env, STORE: store, CONNECTOR: connector.url, CHANNEL }, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    let posts = 0;
    connector.onRequest = (r) => {
      if (r.method !== 'POST' || r.conversationId !== CHANNEL) return;
      posts++;
      // The card is on its way and the connector has not answered yet: now.
      if (killOnPost !== undefined && posts === killOnPost) child.kill('SIGKILL');
    };
    child.on('exit', (code, signal) => resolve({ code, signal, out }));
  });
}

it('resumes where it stopped: every locked-out person gets exactly one card', async () => {
  const store = join(mkdtempSync(join(tmpdir(), 'notify-')), 'notifications.json');
  connector.delayMs = 150;
  const first = await runChild(store, 4);
  expect(first.signal).toBe('SIGKILL');
  expect(connector.cards(CHANNEL)).toHaveLength(3);
  const second = await runChild(store);
  expect(second.out).toMatch(/^DONE /m);
  const cards = connector.cards(CHANNEL).filter((r) => r.method === 'POST');
  const titles = cards.map((r) => JSON.stringify(r.activity).match(/"text":"(Locked out: [^"]*)"/)?.[1]);
  expect(titles).toHaveLength(8);
  expect(new Set(titles).size).toBe(8);
}, 60_000);
