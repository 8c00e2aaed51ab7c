import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateTenant } from '../../src/sample-tenant/generate.ts';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { SAMPLE_TENANT } from '../../src/sources.ts';
import { groupAttempts } from '../../src/diagnosis/attempts.ts';
import { SCENARIOS as ENGINE_SCENARIOS } from '../../src/diagnosis/scenarios/index.ts';

const SCENARIOS = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
/** Every scenario id in the spec's table. */
const SCENARIO_IDS = [...SCENARIOS.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);

describe('the sample tenant generator', () => {
  const a = mkdtempSync(join(tmpdir(), 'gen-a-'));
  const result = generateTenant({ out: a });

  it('writes the same bytes every run, and the bundled sample is its output', () => {
    const b = mkdtempSync(join(tmpdir(), 'gen-b-'));
    generateTenant({ out: b });
    for (const f of readdirSync(a)) {
      const bytes = readFileSync(join(a, f));
      expect(readFileSync(join(b, f)).equals(bytes), `${f} differs between runs`).toBe(true);
      expect(readFileSync(join(SAMPLE_TENANT, f)).equals(bytes), `${f} differs from tenants/sample: run npm run generate:sample`).toBe(true);
    }
  });

  it('a different seed gives a different tenant', () => {
    const c = mkdtempSync(join(tmpdir(), 'gen-c-'));
    generateTenant({ out: c, seed: 7 });
    expect(readFileSync(join(c, 'users.json')).equals(readFileSync(join(a, 'users.json')))).toBe(false);
  });

  const source = new TenantFolderSource(a);

  it('every record is valid and loads without a problem', () => {
    expect(source.loadProblems()).toEqual([]);
    expect(source.stats.events).toBe(result.events);
    expect(result.events).toBeGreaterThanOrEqual(5000);
  });

  it('has the people the issue asks for', async () => {
    const users = source.allUsers();
    expect(users.length).toBeGreaterThanOrEqual(40);
    expect(users.filter((u) => u.userPrincipalName.includes('#EXT#')).length).toBeGreaterThanOrEqual(2);
    expect(users.some((u) => u.accountEnabled === false)).toBe(true);
    expect(users.some((u) => /break ?glass|emergency access/i.test(`${u.displayName} ${u.userPrincipalName}`))).toBe(true);
    const firsts = users.map((u) => u.givenName);
    expect(firsts.some((g, i) => firsts.indexOf(g) !== i && g !== 'Emergency')).toBe(true);
  });

  it('has at least ten CA policies, report-only and disabled among them, and the other directory files', async () => {
    const policies = (await source.listPolicies())!;
    expect(policies.length).toBeGreaterThanOrEqual(10);
    expect(policies.some((p) => p.state === 'enabledForReportingButNotEnforced')).toBe(true);
    expect(policies.some((p) => p.state === 'disabled')).toBe(true);
    expect((await source.listNamedLocations())!.length).toBeGreaterThan(0);
    const apps = await source.listServicePrincipals();
    expect(apps.find((s) => s.appId === '797f4846-ba00-4fd7-ba43-dac1f8f63013')?.displayName).toBe('Windows Azure Service Management API');
    expect((await source.listGroups()).length).toBeGreaterThan(3);
  });

  it('spans seven days and every scenario of scenarios.md occurs', async () => {
    expect(SCENARIO_IDS.length).toBe(ENGINE_SCENARIOS.length);
    for (const id of SCENARIO_IDS) expect(result.scenarios[id], `no attempt shows ${id}`).toBeGreaterThan(0);
    const all = (await source.querySignIns({})).events;
    const span = Date.parse(all[0]!.createdDateTime) - Date.parse(all[all.length - 1]!.createdDateTime);
    expect(span).toBeGreaterThan(6 * 86_400_000);
    expect(span).toBeLessThanOrEqual(7 * 86_400_000);
  });

  it('labels every attempt, and has multi-row attempts (an interrupt and the result under one correlationId)', async () => {
    const expected = JSON.parse(readFileSync(join(a, 'expected-scenarios.json'), 'utf8')) as Record<string, { scenario: string }>;
    const attempts = groupAttempts((await source.querySignIns({})).events);
    expect(attempts.length).toBe(Object.keys(expected).length);
    for (const x of attempts) expect(expected[x.correlationId], x.correlationId).toBeDefined();
    const multi = attempts.filter((x) => x.events.length > 1);
    expect(multi.some((x) => x.events[0]!.status.errorCode === 50074 && x.decisive.status.errorCode === 0)).toBe(true);
    expect(multi.some((x) => x.events[0]!.status.errorCode === 50140)).toBe(true);
    expect(multi.some((x) => x.events.some((e) => e.isInteractive === false) && x.events.some((e) => e.isInteractive))).toBe(true);
  });
});
