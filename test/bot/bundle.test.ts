import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CapturedConnector } from '../helpers/connector.ts';
import { freePort } from '../e2e/playground.ts';

/**
 * What `npm start` and `signin-diag` run is the bundle in dist/, not the sources the other
 * tests import: it finds the card templates, the error codes and the sample tenant from
 * wherever the bundle sits (a template path relative to the source file once broke only the
 * bundled bot). Built here, so the test never runs a stale bundle.
 */
const ROOT = new URL('../../', import.meta.url).pathname;
const connector = new CapturedConnector();
let bot: ChildProcess;
let port = 0;

beforeAll(async () => {
  expect(spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' }).status).toBe(0);
  await connector.start();
  port = await freePort();
  bot = spawn(process.execPath, ['dist/bot.mjs'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      AUDIT_LOG: '/dev/null',
      NOTIFY_STORE: `/tmp/signin-diag-bundle-test-${process.pid}.json`,
      MicrosoftAppId: '',
    },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error('dist/bot.mjs did not answer /healthz within 60 s');
    await new Promise((r) => setTimeout(r, 100));
  }
}, 120_000);

afterAll(async () => {
  bot?.kill('SIGKILL');
  await connector.stop();
});

describe('the bundles in dist/', { timeout: 60_000 }, () => {
  it('the bundled bot answers "why did bob fail" with the diagnosis card', async () => {
    const before = connector.received.length;
    const r = await fetch(`http://127.0.0.1:${port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        type: 'message',
        id: 'b-1',
        channelId: 'msteams',
        serviceUrl: connector.url,
        text: 'why did bob fail to sign in',
        from: { id: 'u-1', name: 'Tester' },
        recipient: { id: 'bot' },
        conversation: { id: 'c-1', conversationType: 'personal' },
      }),
    });
    expect(r.status).toBe(200);
    const said = JSON.stringify(connector.received.slice(before));
    expect(said).toContain('application/vnd.microsoft.card.adaptive');
    expect(said).toMatch(/CA004: Finance apps require a compliant device/);
    expect(said).not.toMatch(/something went wrong/i);
  });

  it('the bundled CLI renders the card too (signin-diag ask --json)', () => {
    const out = spawnSync(process.execPath, [`${ROOT}dist/cli.mjs`, 'ask', '--json', 'why did bob fail to sign in'], { cwd: '/', encoding: 'utf8' });
    expect(out.status, out.stderr).toBe(0);
    expect(JSON.parse(out.stdout).card.type).toBe('AdaptiveCard');
  });
});
