import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FAILURE_SCENARIOS, SCENARIO_BY_ID, SCENARIO_IDS, SCENARIOS } from '../../src/diagnosis/scenarios/index.ts';
import type { Scenario } from '../../src/diagnosis/scenarios/scenario.ts';
import { SCENARIO_STORIES, diagnoseCase } from '../helpers/scenario-fixtures.ts';

/**
 * A scenario is one module, its place in the index, its row in docs/scenarios.md and its
 * story among the fixtures; this checks the four agree (modelled on typescript-eslint's
 * tests/docs.test.mts, which does the same for rules and their docs).
 */

const folder = new URL('../../src/diagnosis/scenarios/', import.meta.url);
const files = readdirSync(folder).filter((f) => f.endsWith('.ts') && f !== 'index.ts');
const isScenario = (v: unknown): v is Scenario =>
  typeof v === 'object' && v !== null && typeof (v as Scenario).id === 'string' && typeof (v as Scenario).test === 'function';
/** Each file of the folder with the scenarios it exports (none for the shared helpers). */
const exported = await Promise.all(
  files.map(async (f) => ({ file: f, scenarios: Object.values((await import(new URL(f, folder).href)) as Record<string, unknown>).filter(isScenario) })),
);

/** docs/scenarios.md is the public contract; the engine's order must be the order it states. */
const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
const tableIds = [...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
const precedence = (doc.split('## Precedence')[1] ?? '').split('`success`')[0]!;
const precedenceIds = [...precedence.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!);

describe('the scenario modules and the index', () => {
  it.each(SCENARIOS.map((s) => [s.id, s] as const))('%s is the export of its own module, src/diagnosis/scenarios/%s.ts', (id, s) => {
    const module = exported.find((e) => e.file === `${id}.ts`);
    expect(module, `no file ${id}.ts`).toBeDefined();
    expect(module!.scenarios).toEqual([s]);
  });

  it('every module that exports a scenario is in the index, once, in a file named for its id', () => {
    for (const { file, scenarios } of exported) {
      for (const s of scenarios) {
        expect(file).toBe(`${s.id}.ts`);
        expect(
          SCENARIOS.filter((x) => x === s),
          `${file} is not in the index`,
        ).toHaveLength(1);
      }
    }
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });

  it('the ids and the lookup are derived from the ordered list', () => {
    expect(SCENARIO_IDS).toEqual(FAILURE_SCENARIOS.map((s) => s.id));
    expect(SCENARIO_IDS).not.toContain('success');
    for (const s of SCENARIOS) expect(SCENARIO_BY_ID[s.id]).toBe(s);
  });

  it('every scenario has its words: a title, a short label for tables, shorter than the title', () => {
    for (const s of SCENARIOS) {
      expect(s.title.length, s.id).toBeGreaterThan(5);
      expect(s.short.length, s.id).toBeGreaterThan(2);
      expect(s.short.length, s.id).toBeLessThanOrEqual(s.title.length);
    }
  });
});

describe('docs/scenarios.md and the engine agree', () => {
  it('the table lists exactly the engine ids, plus success', () => {
    expect(tableIds).toHaveLength(SCENARIOS.length);
    expect(new Set(tableIds)).toEqual(new Set(SCENARIOS.map((s) => s.id)));
  });

  it('the precedence paragraph is the engine order, rule by rule', () => {
    expect(precedenceIds).toEqual([...SCENARIO_IDS]);
  });
});

describe('every scenario has a story the engine names with it', () => {
  it('a story for each id of the index, and none for an id it does not have', () => {
    expect(Object.keys(SCENARIO_STORIES).sort()).toEqual(SCENARIOS.map((s) => s.id).sort());
  });

  it('diagnosing every story produces every scenario, each from its own story', async () => {
    const produced = new Map<string, string>();
    for (const [id, story] of Object.entries(SCENARIO_STORIES)) produced.set(id, (await diagnoseCase(story.rows())).scenario);
    expect(Object.fromEntries(produced)).toEqual(Object.fromEntries(SCENARIOS.map((s) => [s.id, s.id])));
    expect(new Set(produced.values()).size).toBe(SCENARIOS.length);
  });
});

describe('where the actions point', () => {
  // The card puts "What we found" (the sources of a lockout, the changes) above "What to do"; an action that
  // sent the reader "below" would point at nothing (the lockout alert read "Check the sources below" under them).
  it('no scenario module sends the reader to something "below"', () => {
    const template = readFileSync(new URL('../../cards/diagnosis.json', import.meta.url), 'utf8');
    // The headings are the catalogue's ("What we found", "What to do" in English), bound by the template.
    expect(template.indexOf('"${labels.found}"')).toBeGreaterThan(0);
    expect(template.indexOf('"${labels.found}"')).toBeLessThan(template.indexOf('"${labels.todo}"'));
    const pointingDown = files.filter((f) => /\b(?:listed |shown |see )?below\b/i.test(readFileSync(new URL(f, folder), 'utf8')));
    expect(pointingDown).toEqual([]);
  });
});
