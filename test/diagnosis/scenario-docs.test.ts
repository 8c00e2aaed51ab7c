import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '../../src/diagnosis/types.ts';
import { RULES } from '../../src/diagnosis/scenarios.ts';

/** docs/scenarios.md is the public contract; the engine's order must be the order it states. */
const doc = readFileSync(new URL('../../docs/scenarios.md', import.meta.url), 'utf8');
const tableIds = [...doc.matchAll(/^\| `([a-z0-9-]+)` \|/gm)].map((m) => m[1]!);
const precedence = (doc.split('## Precedence')[1] ?? '').split('`success`')[0]!;
const precedenceIds = [...precedence.matchAll(/`([a-z0-9-]+)`/g)].map((m) => m[1]!);

describe('docs/scenarios.md and the engine agree', () => {
  it('the table lists exactly the engine ids, plus success', () => {
    expect(new Set(tableIds)).toEqual(new Set([...SCENARIO_IDS, 'success']));
  });

  it('the precedence paragraph is the engine order, rule by rule', () => {
    expect(precedenceIds).toEqual([...SCENARIO_IDS]);
    expect(RULES.map((r) => r.id)).toEqual(SCENARIO_IDS.filter((id) => RULES.some((r) => r.id === id)));
  });
});
