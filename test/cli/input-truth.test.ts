import { spawnSync } from 'node:child_process';
import { appendFileSync, cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLE_TENANT } from '../../src/sources.ts';

/** The CLI's answers are true to the input it was given: nothing unreadable passes as "0 attempts". */
const BIN = new URL('../../bin/signin-diag.mjs', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
const folder = () => mkdtempSync(join(tmpdir(), 'cli-truth-'));

/** The sample tenant with two bad lines appended to its sign-ins. */
/** The bad lines appended after the sample's own (its size changes when the sample is regenerated). */
const SAMPLE_LINES = readFileSync(join(SAMPLE_TENANT, 'signIns.ndjson'), 'utf8').split('\n').filter(Boolean).length;
const BAD1 = `signIns.ndjson:${SAMPLE_LINES + 1}`;
const BAD2 = `signIns.ndjson:${SAMPLE_LINES + 2}`;

function sampleWithBadLines(): string {
  const dir = folder();
  cpSync(SAMPLE_TENANT, dir, { recursive: true, filter: (src) => !src.includes('.signin-diag') });
  appendFileSync(join(dir, 'signIns.ndjson'), '{"id": "cut off", \nnot json at all\n');
  return dir;
}

describe('signin-diag with input it cannot fully read', { timeout: 120_000 }, () => {
  it('a signIns.json of garbage: exit 2, naming the file and the first bad line', () => {
    const dir = folder();
    writeFileSync(join(dir, 'signIns.json'), 'bm90IGpzb24gYXQgYWxs\nc3RpbGwgbm90\n');
    const r = run('diagnose', '--tenant', dir, '--user', 'bob');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no readable sign-in record in signIns\.json: .*signIns\.json:1: text that is not JSON/);
    expect(r.stdout).toBe('');
  });

  it('a garbled NDJSON file: exit 2 with its first bad line', () => {
    const dir = folder();
    writeFileSync(join(dir, 'signIns.ndjson'), 'hello\n{"nope": \n');
    const r = run('ask', '--tenant', dir, 'why did bob fail');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/no readable sign-in record in signIns\.ndjson: .*signIns\.ndjson:1: text that is not JSON.*\(and 1 more problem\)/);
  });

  it('some bad records: the answer goes on; they are counted and listed in problems (JSON) and on stderr (text)', () => {
    const dir = sampleWithBadLines();
    const json = run('diagnose', '--tenant', dir, '--user', 'bob.kelly@contoso.com', '--json');
    expect(json.status).toBe(0);
    const out = JSON.parse(json.stdout);
    expect(out.attempts.length).toBeGreaterThan(10);
    expect(out.problems.map((p: { where: string }) => p.where.split('/').pop())).toEqual([BAD1, BAD2]);
    const text = run('diagnose', '--tenant', dir, '--user', 'bob.kelly@contoso.com');
    expect(text.status).toBe(0);
    expect(text.stdout).toMatch(/Bob Kelly/);
    expect(text.stderr).toMatch(new RegExp(`2 malformed records were skipped:\\n.*${BAD1.replace('.', '\\.')}: .*\\n.*${BAD2.replace('.', '\\.')}: `));
    // parse and ask say so too, also when parse answers from the folder's name cache.
    for (let i = 0; i < 2; i++) expect(run('parse', '--tenant', dir, 'why did bob fail').stderr).toMatch(/2 malformed records were skipped/);
    expect(run('ask', '--tenant', dir, 'why did bob fail').stderr).toMatch(/2 malformed records were skipped/);
  });

  it('an unknown --user: exit 2 with the nearest names, as an ambiguous one does', () => {
    const none = run('diagnose', '--user', 'nobodyhere');
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/--user "nobodyhere" is no one in tenant folder .* and has no sign-ins there; no name is close to it/);
    const typo = run('diagnose', '--user', 'bbo');
    expect(typo.status).toBe(2);
    expect(typo.stderr).toMatch(/nearest names: Bob Kelly <bob\.kelly@contoso\.com>/);
  });

  it('--tenant pointing at a file says it must be a folder', () => {
    const dir = folder();
    const file = join(dir, 'signIns.json');
    writeFileSync(file, '[]');
    const r = run('diagnose', '--tenant', file, '--user', 'bob');
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/is a file; it must be a folder that holds signIns\.json/);
    expect(r.stderr).not.toMatch(/ENOTDIR|scandir/);
  });

  it('--tz applies to every subcommand', () => {
    const ask = run('ask', '--tz', 'Europe/Berlin', 'why did bob fail');
    expect(ask.status).toBe(0);
    expect(ask.stdout).toMatch(/GMT\+1/);
    expect(ask.stdout).not.toMatch(/UTC/);
    const parsed = JSON.parse(run('parse', '--tz', 'Europe/Berlin', '--json', 'why did bob fail yesterday').stdout);
    // "yesterday" in Berlin starts at 23:00 UTC the day before.
    expect(parsed.since).toBe('2026-11-19T23:00:00.000Z');
    expect(run('explain', '--tz', 'Europe/Berlin', '50053').status).toBe(0);
    expect(run('explain', '--tz', 'Mars/Olympus', '50053').stderr).toMatch(/--tz must be an IANA time zone/);
  });

  it('a reader that stops early (| head) is not an error', () => {
    const r = spawnSync(
      'sh',
      ['-c', `"${process.execPath}" "${BIN}" diagnose --user bob.kelly@contoso.com --json | head -c 10; echo " status \${PIPESTATUS:-0}"`],
      { encoding: 'utf8' },
    );
    expect(r.stderr).not.toMatch(/EPIPE|Unhandled/);
  });
});
