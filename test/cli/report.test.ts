import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/signin-diag.mjs', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const dir = mkdtempSync(join(tmpdir(), 'signin-diag-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('signin-diag report', () => {
  it('writes one self-contained page for the window and says what is in it', () => {
    const out = join(dir, 'report.html');
    const r = run('report', '--since', '2026-11-17T00:00:00Z', '--until', '2026-11-18T00:00:00Z', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(
      /^wrote .*report\.html: \d+ sign-in attempts, \d+ failed \(\d+ people\), 1 incident, 2026-11-17T00:00:00Z to 2026-11-18T00:00:00Z\n$/,
    );
    const html = readFileSync(out, 'utf8');
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('Content-Security-Policy');
    expect(html).toContain('data-chart="failures-over-time"');
    // A day is counted by the hour.
    expect(html).toContain('Failures per hour, by cause');
    expect(html).toContain('Pass-through authentication failed for 3 people');
  });

  it('--locale writes the page in that language (a day counted by the hour, in Japanese), and says once when it cannot', () => {
    const out = join(dir, 'report-ja.html');
    const r = run('report', '--since', '2026-11-17T00:00:00Z', '--until', '2026-11-18T00:00:00Z', '--locale', 'ja-JP', '--out', out);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const html = readFileSync(out, 'utf8');
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('原因別の 1 時間あたりの失敗');
    expect(html).not.toContain('Failures per hour');
    const it = run('report', '--since', '2026-11-17T00:00:00Z', '--until', '2026-11-18T00:00:00Z', '--locale', 'it-IT', '--out', join(dir, 'report-it.html'));
    expect(it.status).toBe(0);
    expect(it.stderr).toContain('Italian is not supported yet');
    expect(readFileSync(join(dir, 'report-it.html'), 'utf8')).toContain('<html lang="en">');
  });

  it('--json prints the numbers without a page', () => {
    const r = run('report', '--since', '2026-11-17T00:00:00Z', '--until', '2026-11-18T00:00:00Z', '--json');
    expect(r.status).toBe(0);
    const m = JSON.parse(r.stdout);
    expect(m.window).toEqual({ since: '2026-11-17T00:00:00Z', until: '2026-11-18T00:00:00Z' });
    expect(m.buckets.unit).toBe('hour');
    expect(m.incidents.map((i: { kind: string }) => i.kind)).toEqual(['component']);
  });

  it('refuses a report with nowhere to go, or a window that ends before it starts', () => {
    const none = run('report');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/report needs --out FILE/);
    const backwards = run('report', '--since', '2026-11-18T00:00:00Z', '--until', '2026-11-17T00:00:00Z', '--out', join(dir, 'x.html'));
    expect(backwards.status).toBe(2);
    expect(backwards.stderr).toMatch(/--since .* is after --until/);
  });
});
