import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { SAMPLE_TENANT } from '../../src/sources.ts';
import { groupAttempts } from '../../src/diagnosis/attempts.ts';
import { DiagnosisContext } from '../../src/query/diagnose-attempts.ts';
import { SCENARIO_IDS } from '../../src/diagnosis/scenarios/index.ts';

describe('the bundled sample tenant', () => {
  it('every attempt gets the scenario its generator intended', async () => {
    const source = new TenantFolderSource(SAMPLE_TENANT);
    const expected = JSON.parse(readFileSync(join(SAMPLE_TENANT, 'expected-scenarios.json'), 'utf8')) as Record<string, { scenario: string; story: string }>;
    const attempts = groupAttempts(source.querySync({}).events);
    expect(attempts.length).toBe(Object.keys(expected).length);
    const ctx = new DiagnosisContext(source, source.asOf()!);
    const wrong: string[] = [];
    const seen = new Set<string>();
    for (const a of attempts) {
      const d = await ctx.diagnose(a);
      seen.add(d.scenario);
      const want = expected[a.correlationId]!;
      if (d.scenario !== want.scenario) wrong.push(`${a.correlationId} (${want.story}): wanted ${want.scenario}, got ${d.scenario}`);
    }
    expect(wrong).toEqual([]);
    expect([...seen].sort()).toEqual([...SCENARIO_IDS, 'success'].sort());
  }, 60_000);
});
