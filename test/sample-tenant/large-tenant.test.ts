import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTenant } from '../../src/sample-tenant/generate.ts';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { groupAttempts } from '../../src/diagnosis/attempts.ts';
import { DiagnosisContext } from '../../src/query/diagnose-attempts.ts';

/**
 * A large benchmark tenant (issue 18): its days are written a shard of people at a time and
 * merged, and its synthetic staff have everyday trouble, so the engine is timed on failures too.
 * Small shards here make every day a merge of many spilled files.
 */
describe('a large tenant from the generator', () => {
  const dir = mkdtempSync(join(tmpdir(), 'gen-large-'));
  const result = generateTenant({ out: dir, events: 14_000, shardPeople: 17 });
  const lines = readFileSync(join(dir, 'signIns.ndjson'), 'utf8').trimEnd().split('\n');
  const source = new TenantFolderSource(dir);

  it('merges the shards into one file, each day newest first, losing no row and leaving no spill behind', () => {
    expect(lines.length).toBe(result.events);
    const keys = lines.map((l) => {
      const r = JSON.parse(l) as { createdDateTime: string; id: string };
      return `${r.createdDateTime} ${r.id}`;
    });
    // Newest first within each day; a day's evening in Redmond runs past UTC midnight, so
    // where one day's rows meet the next the order may step back once (as in the sample).
    const stepsBack = keys.filter((k, i) => i > 0 && k > keys[i - 1]!).length;
    expect(stepsBack).toBeLessThanOrEqual(6);
    expect(new Set(keys).size).toBe(keys.length);
    expect(readdirSync(dir).filter((f) => f.includes('shard'))).toEqual([]);
    expect(source.loadProblems()).toEqual([]);
    expect(lines.every((l) => Date.parse(JSON.parse(l).createdDateTime) <= Date.parse('2026-11-21T01:00:00Z'))).toBe(true);
  });

  it('gives the staff failures and interrupts on most days, about 8% of their events', () => {
    const staff = lines
      .map((l) => JSON.parse(l) as { userPrincipalName: string; status: { errorCode: number }; createdDateTime: string })
      .filter((r) => r.userPrincipalName.startsWith('staff'));
    const failing = staff.filter((r) => r.status.errorCode !== 0);
    const share = failing.length / staff.length;
    expect(share).toBeGreaterThan(0.06);
    expect(share).toBeLessThan(0.11);
    const people = new Set(failing.filter((r) => r.status.errorCode !== 50074 && r.status.errorCode !== 50140).map((r) => r.userPrincipalName));
    const everyone = new Set(staff.map((r) => r.userPrincipalName));
    expect(people.size / everyone.size).toBeGreaterThan(0.8);
    const days = new Set(failing.map((r) => r.createdDateTime.slice(0, 10)));
    expect(days.size).toBeGreaterThanOrEqual(7);
    expect(result.failing).toBe(lines.filter((l) => !l.includes('"errorCode":0,')).length);
  });

  it('every attempt, the staff trouble included, gets the scenario it was written for', async () => {
    const expected = JSON.parse(readFileSync(join(dir, 'expected-scenarios.json'), 'utf8')) as Record<string, { scenario: string; story: string }>;
    const attempts = groupAttempts(source.querySync({}).events);
    expect(attempts.length).toBe(Object.keys(expected).length);
    const ctx = new DiagnosisContext(source, source.asOf()!);
    const wrong: string[] = [];
    const kinds = new Set<string>();
    for (const a of attempts) {
      const want = expected[a.correlationId]!;
      if (!want.story.startsWith('everyday trouble')) continue;
      kinds.add(want.story);
      const d = await ctx.diagnose(a);
      if (d.scenario !== want.scenario) wrong.push(`${a.correlationId} (${want.story}): wanted ${want.scenario}, got ${d.scenario}`);
    }
    expect(wrong.slice(0, 10)).toEqual([]);
    expect(kinds.size).toBeGreaterThanOrEqual(12);
  }, 240_000);
});
