import { describe, expect, it } from 'vitest';
import { CATALOGUES } from '../../src/i18n/translate.ts';
import { listOf, msg, render } from '../../src/i18n/message.ts';
import { chain } from '../../src/diagnosis/words.ts';

/**
 * One convention for "and" lists in Japanese: Intl.ListFormat('ja'), which listOf uses ("A、B、C"),
 * so a list joined pairwise from the catalogue (words.ts chain) reads as one joined by listOf.
 * No entry joins two values with と or および by hand.
 */
const entries = (o: unknown, path = ''): [string, string][] =>
  typeof o === 'string' ? [[path, o]] : Object.entries(o as Record<string, unknown>).flatMap(([k, v]) => entries(v, path ? `${path}.${k}` : k));

describe('Japanese lists', () => {
  it('no catalogue entry joins values with と or および', () => {
    expect(entries(CATALOGUES.ja).filter(([, s]) => /\}\s*(と|および)\s*\{/.test(s))).toEqual([]);
  });

  it.each(['engine.phrase.and', 'engine.finding.join.and', 'engine.policy.join.and', 'engine.whatIf.join.commaAnd'] as const)(
    '%s folds a list as listOf does',
    (key) => {
      const items = ['多要素認証', '準拠デバイス', '承認されたクライアント アプリ'];
      const joined = render('ja', msg('policies.line.only', { when: chain(key, items) }));
      expect(joined).toBe(render('ja', msg('policies.line.only', { when: listOf(items) })));
    },
  );
});
