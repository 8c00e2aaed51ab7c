import { describe, expect, it } from 'vitest';
import { openFolder } from '../../src/signins/tenant-folder/open.ts';
import { eachWindowAttempt, type WindowAttempt } from '../../src/query/diagnose-window.ts';
import type { SignIn } from '../../src/signins/signin.ts';
import type { SignInQuery, SignInSource } from '../../src/signins/source.ts';

/**
 * The window run reads in bulk: one read of the range (in slices of time), or, from a source
 * that hands over a few people at a time, one read of the range's failures (for the IPs) and
 * the people. Never a read per person or per IP, and the same diagnoses either way.
 */
const since = '2026-11-17T00:00:00Z';
const until = '2026-11-19T12:00:00Z';
const now = '2026-11-21T01:00:00Z';

function watched(source: SignInSource) {
  const queries: SignInQuery[] = [];
  const spy = Object.create(source) as SignInSource;
  spy.querySignIns = (q) => (queries.push(q), source.querySignIns(q));
  return { spy, queries };
}

async function run(source: SignInSource) {
  const got: WindowAttempt[] = [];
  const r = await eachWindowAttempt(source, { since, until, now }, (x) => void got.push(x));
  const key = (x: WindowAttempt) => `${x.t} ${x.diagnosis.decisiveEventId}`;
  return { ...r, attempts: got.sort((a, b) => (key(a) < key(b) ? -1 : 1)) };
}

describe('diagnose over a window: bulk reads', () => {
  it('from one read of the range: no read per person or IP; the same diagnoses a source giving people a few at a time gets', async () => {
    const folder = openFolder(undefined);
    const plain = watched(folder);
    const one = await run(plain.spy);
    expect(one.attempts.length).toBeGreaterThan(100);
    expect(plain.queries.every((q) => q.user === undefined && q.ip === undefined && q.limit === undefined)).toBe(true);
    // Slices of the range, each at most six hours, together covering it.
    expect(plain.queries.length).toBeGreaterThan(1);
    for (const q of plain.queries) expect(Date.parse(q.until!) - Date.parse(q.since!)).toBeLessThan(6 * 3_600_000);

    const batches: number[] = [];
    const grouped = watched(folder);
    grouped.spy.signInsByPerson = async (range, each) => {
      const all = (await folder.querySignIns(range)).events;
      const people = new Map<string, SignIn[]>();
      for (const e of all) people.set(e.userId, [...(people.get(e.userId) ?? []), e]);
      const ids = [...people.keys()].reverse();
      for (let i = 0; i < ids.length; i += 7) {
        batches.push(Math.min(7, ids.length - i));
        await each(new Map(ids.slice(i, i + 7).map((id) => [id, people.get(id)!])));
      }
      return { truncated: false, problems: [] };
    };
    const byPerson = await run(grouped.spy);
    expect(batches.length).toBeGreaterThan(3);
    // The only reads it makes itself are of failures (how many accounts failed from each IP).
    expect(grouped.queries.length).toBeGreaterThan(0);
    expect(grouped.queries.every((q) => q.outcome === 'failure' && q.user === undefined && q.ip === undefined)).toBe(true);
    expect(byPerson.attempts.map((x) => x.diagnosis)).toEqual(one.attempts.map((x) => x.diagnosis));
    expect(byPerson.incidents).toEqual(one.incidents);
    expect(byPerson.incidents.map((i) => i.component)).toContain('pass-through-agents');
  }, 120_000);
});
