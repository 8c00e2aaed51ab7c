import { describe, expect, it } from 'vitest';
import { failuresFrom } from '../../src/cards/list-cards.ts';
import { utcSpan } from '../../src/diagnosis/history.ts';

/** Issue 17's wording finds, one by one: each sentence says what it means once. */
describe('the wording fixes', () => {
  it('a window whose ends fall in the same minute is one time, not "19:00 to 19:00"', () => {
    expect(utcSpan('2026-11-19T19:00:00Z', '2026-11-19T19:00:40Z')).toBe('at 2026-11-19 19:00 UTC');
    expect(utcSpan('2026-11-19T19:00:00Z', '2026-11-19T19:01:00Z')).toBe('from 2026-11-19 19:00 UTC to 2026-11-19 19:01 UTC');
    expect(utcSpan('2026-11-18T19:00:00Z', '2026-11-19T19:00:00Z')).toBe('from 2026-11-18 19:00 UTC to 2026-11-19 19:00 UTC');
  });

  it('one source takes no count of its own; several are counted, and the ones left out are said', () => {
    expect(failuresFrom(1, [{ value: '185.220.101.47', count: 1 }])).toBe('1 failure from 185.220.101.47');
    expect(failuresFrom(12, [{ value: '203.0.113.196', count: 12 }])).toBe('12 failures from 203.0.113.196');
    expect(
      failuresFrom(3, [
        { value: 'a', count: 2 },
        { value: 'b', count: 1 },
      ]),
    ).toBe('3 failures from a (2), b (1)');
    const four = ['a', 'b', 'c', 'd'].map((value) => ({ value, count: 1 }));
    expect(failuresFrom(4, four)).toBe('4 failures from a (1), b (1), c (1) and 1 more');
  });
});
