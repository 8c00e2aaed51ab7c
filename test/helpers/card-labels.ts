import type { Card } from '../../src/cards/render.ts';

/**
 * The words a card shows: every TextBlock's and TextRun's text, every Fact's title and value, every
 * button's title and every input's label and choices, each cut at its markdown and line breaks.
 */
export function cardWords(card: unknown): string[] {
  const out: string[] = [];
  const walk = (x: unknown, key?: string) => {
    if (typeof x === 'string') {
      if (key && ['text', 'title', 'value', 'label', 'placeholder', 'altText'].includes(key))
        out.push(
          ...x
            .split(/\*\*|\n|\r|\[|\]\([^)]*\)/)
            .map((s) => s.trim())
            .filter(Boolean),
        );
      return;
    }
    if (Array.isArray(x)) for (const v of x) walk(v, key);
    else if (x && typeof x === 'object')
      for (const [k, v] of Object.entries(x)) {
        // A button's data and a link are what it sends and opens, not words anyone reads.
        if (k === 'data' || k === 'url' || k === 'verb' || k === '$schema' || k === 'id') continue;
        walk(v, k);
      }
  };
  walk(card);
  return out;
}

/**
 * The English words of `en` still in `other`, the same card rendered in another language:
 * each of en's words found in other's, less the data both show as it is (names, apps, ids,
 * addresses, times) and words without a letter.
 */
export function englishLeft(en: Card, other: Card, data: (s: string) => boolean): string[] {
  const theirs = new Set(cardWords(other));
  return [...new Set(cardWords(en))].filter((w) => /\p{L}{2}/u.test(w) && theirs.has(w) && !data(w));
}
