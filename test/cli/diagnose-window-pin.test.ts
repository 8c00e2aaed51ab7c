import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * `diagnose` with only a window over the whole sample week, pinned: the summary table, the
 * incidents and the first attempts as printed, and the JSON document's summary, incidents and
 * layout. Written before the window run was made to stream (issue 18), so a faster run that
 * prints something else fails here. The tenant's path is replaced by <sample>.
 */
const BIN = fileURLToPath(new URL('../../bin/signin-diag.mjs', import.meta.url));
const SAMPLE = fileURLToPath(new URL('../../tenants/sample', import.meta.url));
const fixture = (name: string) => readFileSync(new URL(`../fixtures/window/${name}`, import.meta.url), 'utf8');
const WEEK = ['diagnose', '--since', '2026-11-13T01:00:00Z', '--until', '2026-11-21T01:00:00Z'];

function run(...args: string[]): string {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  expect(r.stderr).toBe('');
  expect(r.status).toBe(0);
  return r.stdout.split(SAMPLE).join('<sample>');
}

describe('diagnose over the sample week (pinned)', () => {
  it('text: the totals, the table by cause, the incidents and the newest attempts are as pinned; every attempt printed once', () => {
    const out = run(...WEEK);
    const pinned = fixture('sample-week.txt');
    expect(out.slice(0, pinned.length)).toBe(pinned);
    const attempts = out.split('\n\n').filter((block) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC {2}/.test(block));
    const summary = JSON.parse(fixture('sample-week-summary.json'));
    expect(attempts).toHaveLength(summary.attempts);
    // Newest first: the printed times never go up.
    const times = attempts.map((b) => b.slice(0, 16));
    expect([...times].sort().reverse()).toEqual(times);
  }, 240_000);

  it('--json: the summary, incidents, first attempt and last failure as pinned, in the same layout', () => {
    const raw = run(...WEEK, '--json');
    const doc = JSON.parse(raw);
    const pinned = JSON.parse(fixture('sample-week-summary.json'));
    expect(Object.keys(doc)).toEqual(['source', 'window', 'attempts', 'truncated', 'problems', 'summary', 'incidents']);
    expect(doc.source).toBe('tenant folder <sample>');
    expect(doc.window).toEqual({ since: '2026-11-13T01:00:00Z', until: '2026-11-21T01:00:00Z' });
    expect(doc.summary).toEqual(pinned.summary);
    expect(doc.incidents).toEqual(pinned.incidents);
    expect(doc.attempts).toHaveLength(pinned.attempts);
    expect(doc.truncated).toBe(pinned.truncated);
    expect(doc.problems).toEqual(pinned.problems);
    expect(doc.attempts[0]).toEqual(pinned.first);
    expect(doc.attempts.filter((a: { scenario: string }) => a.scenario !== 'success').at(-1)).toEqual(pinned.lastFailure);
    // Byte for byte as JSON.stringify(document, null, 2) writes it, whether or not it was written in pieces.
    expect(raw).toBe(`${JSON.stringify(doc, null, 2)}\n`);
  }, 240_000);
});
