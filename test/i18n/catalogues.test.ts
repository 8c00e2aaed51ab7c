import IntlMessageFormat from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogueEntries } from '../helpers/catalogue-entries.ts';
import { CATALOGUES } from '../../src/i18n/translate.ts';
import { LOCALES } from '../../src/i18n/locales.ts';

/**
 * The five catalogues are one vocabulary: every key of the English one exists in each other (and
 * nothing else), every message parses as ICU MessageFormat, uses exactly the placeholders the
 * English message uses, and every plural has the `other` case ICU falls back to.
 */
// The parser's element types (intl-messageformat's TYPE): argument, number, date, time, select, plural.
const ARGUMENT_TYPES = new Set([1, 2, 3, 4, 5, 6]);
const PLURAL = 6;
interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
  children?: Element[];
}

/** The placeholders a message uses, and whether each plural in it has `other`. */
function inspect(message: string, locale: string): { names: Set<string>; pluralsWithoutOther: string[] } {
  const names = new Set<string>();
  const pluralsWithoutOther: string[] = [];
  const walk = (elements: Element[]) => {
    for (const e of elements) {
      if (ARGUMENT_TYPES.has(e.type) && e.value) names.add(e.value);
      if (e.type === PLURAL && !e.options?.other) pluralsWithoutOther.push(e.value ?? '?');
      for (const o of Object.values(e.options ?? {})) walk(o.value);
      if (e.children) walk(e.children);
    }
  };
  walk(new IntlMessageFormat(message, locale).getAst() as unknown as Element[]);
  return { names, pluralsWithoutOther };
}

const english = catalogueEntries('en');

describe('the message catalogues', () => {
  it('has a catalogue per supported locale', () => {
    expect(Object.keys(CATALOGUES).sort()).toEqual([...LOCALES].sort());
  });

  for (const locale of LOCALES) {
    const messages = catalogueEntries(locale);

    it(`${locale}: has every English key and no other`, () => {
      expect([...english.keys()].filter((k) => !messages.has(k))).toEqual([]);
      expect([...messages.keys()].filter((k) => !english.has(k))).toEqual([]);
    });

    it(`${locale}: every message parses as ICU, with the English placeholders, none extra, and plurals with "other"`, () => {
      const wrong: string[] = [];
      for (const [key, en] of english) {
        const text = messages.get(key);
        if (text === undefined) continue; // the test above names it
        if (!text.trim()) wrong.push(`${key}: empty`);
        let mine: ReturnType<typeof inspect>;
        try {
          mine = inspect(text, locale);
        } catch (e) {
          wrong.push(`${key}: does not parse (${(e as Error).message})`);
          continue;
        }
        const theirs = inspect(en, 'en').names;
        const missing = [...theirs].filter((n) => !mine.names.has(n));
        const extra = [...mine.names].filter((n) => !theirs.has(n));
        if (missing.length) wrong.push(`${key}: lacks {${missing.join('}, {')}}`);
        if (extra.length) wrong.push(`${key}: has unknown {${extra.join('}, {')}}`);
        for (const p of mine.pluralsWithoutOther) wrong.push(`${key}: plural {${p}} has no "other"`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('finds a missing placeholder, an extra one, a plural without "other" and bad syntax (the check can fail)', () => {
    expect([...inspect('Applied because {reasons}.', 'en').names]).toEqual(['reasons']);
    expect([...inspect('{count, plural, one {# group of {what}} other {# groups}}', 'en').names].sort()).toEqual(['count', 'what']);
    expect(() => inspect('{count, plural, one {# group}}', 'en')).toThrow();
    expect(() => inspect('Applied because {reasons.', 'en')).toThrow();
  });
});
