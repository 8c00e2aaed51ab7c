import type { Citation } from '../diagnosis-parts.ts';
import type { Facts } from './facts.ts';
import { SCENARIOS, type ScenarioId } from './index.ts';

export interface ScenarioDecision {
  scenario: ScenarioId;
  title: string;
  evidence: Citation[];
}

/** Success when the attempt ended well (its test comes first); otherwise the first failure scenario, in precedence order, whose test holds. */
export function decideScenario(f: Facts): ScenarioDecision {
  for (const s of SCENARIOS) {
    const m = s.test(f);
    if (m) return { scenario: s.id, title: m.title ?? s.title, evidence: m.evidence };
  }
  throw new Error('unreachable: unknown-error always matches');
}
