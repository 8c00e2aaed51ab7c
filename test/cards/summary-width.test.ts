import { describe, expect, it } from 'vitest';
import { SIDE_BY_SIDE, SUMMARY_COLUMNS, type SummaryColumn } from '../../src/cards/summary-card.ts';

/**
 * Issue 17: in Teams' narrowest pane (320 px, about 288 px inside the card) the columns side
 * by side must leave each worded column room for a word ("Microsoft", "Robbins"), or the
 * renderer breaks words to fit ("Micro/soft"). Whichever three are chosen.
 */
const INSIDE_320 = 288;
/** About the width of the longest ordinary word of a cell at the small size, and the gaps between columns. */
const WORD = 80;
const GAP = 8;

function combinations<T>(xs: readonly T[], k: number): T[][] {
  if (k === 0) return [[]];
  return xs.flatMap((x, i) => combinations(xs.slice(i + 1), k - 1).map((rest) => [x, ...rest]));
}

describe('the sign-in list at 320 px', () => {
  it('any three columns side by side fit, with room for a word in each worded column', () => {
    const keys = Object.keys(SUMMARY_COLUMNS) as SummaryColumn[];
    for (const side of combinations(keys, SIDE_BY_SIDE)) {
      const widths = side.map((c) => SUMMARY_COLUMNS[c].width as string);
      const needed = widths.reduce((sum, w) => sum + (w === 'stretch' ? WORD : Number(/^(\d+)px$/.exec(w)![1])), 0) + GAP * (side.length - 1);
      expect(needed, side.join(',')).toBeLessThanOrEqual(INSIDE_320);
    }
  });
});
