import { describe, expect, it } from 'vitest';
import { answerMessage } from '../../src/routes/index.ts';
import { openSource } from '../../src/sources.ts';
import { MemorySignInSource } from '../helpers/memory-source.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { folderContext } from '../helpers/answer-context.ts';

/**
 * Issue 17: "show flagged sign-ins" diagnosed the newest ten and titled the card with the ten,
 * whatever the window held. Twelve failures of the sample's week, each flagged by its user.
 */
describe('"show flagged sign-ins" with more flagged than the card diagnoses', () => {
  it('counts every flagged attempt in the title and says which are shown', async () => {
    const sample = openSource(undefined);
    const failures = await sample.querySignIns({ outcome: 'failure', since: '2026-11-16T08:00:00Z', until: '2026-11-21T01:00:00Z', limit: 100_000 });
    const byAttempt = new Map(failures.events.filter((e) => e.correlationId).map((e) => [e.correlationId, e]));
    const flagged = [...byAttempt.values()].slice(0, 12).map((e) => ({ ...e, flaggedForReview: true }));
    expect(flagged).toHaveLength(12);
    const source = new MemorySignInSource(sample);
    source.add(...flagged);
    const r = await answerMessage('show flagged sign-ins this week', folderContext(sample, 'UTC', source));
    expect(validateCard(r.card!)).toEqual([]);
    const card = JSON.stringify(r.card);
    expect(card).toContain('12 sign-ins were flagged for review this week');
    expect(card).toContain('The 10 most recent of 12 are shown');
    expect(r.text).toMatch(/^12 flagged sign-ins this week/);
  });
});
