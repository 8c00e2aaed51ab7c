import { IntlMessageFormat } from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { CATALOGUES, t, type MessageKey } from '../../src/i18n/translate.ts';
import type { Locale } from '../../src/i18n/locales.ts';

/**
 * t() fills a sentence of only text and `{name}` placeholders itself (translate.ts, `fill`):
 * for every sentence of every catalogue it must say exactly what IntlMessageFormat says,
 * with text, numbers and empty values, and fail as it fails when a value is missing.
 */
function sentences(o: unknown, prefix = ''): [string, string][] {
  return Object.entries(o as Record<string, unknown>).flatMap(([k, v]) =>
    typeof v === 'string' ? [[`${prefix}${k}`, v] as [string, string]] : sentences(v, `${prefix}${k}.`),
  );
}

/** Every placeholder name a sentence uses, at any depth (plural and select branches included). */
function names(els: readonly unknown[], out = new Set<string>()): Set<string> {
  for (const el of els as { type: number; value?: unknown; options?: Record<string, { value: unknown[] }> }[]) {
    if (el.type !== 0 && typeof el.value === 'string') out.add(el.value);
    for (const o of Object.values(el.options ?? {})) names(o.value, out);
  }
  return out;
}

describe('t() fills plain sentences as IntlMessageFormat does', () => {
  for (const locale of Object.keys(CATALOGUES) as Locale[]) {
    it(`every sentence of the ${locale} catalogue`, () => {
      let plain = 0;
      for (const [key, source] of sentences(CATALOGUES[locale])) {
        const f = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
        const args = [...names(f.getAst())];
        if (args.length && f.getAst().every((el) => el.type === 0 || el.type === 1)) plain++;
        for (const pick of [(n: string, i: number) => `«${n}» ${i}`, (_: string, i: number) => i * 7, () => '']) {
          const values = Object.fromEntries(args.map((n, i) => [n, pick(n, i)]));
          expect(t(locale, key as MessageKey, values), `${locale} ${key}`).toBe(String(f.format(values)));
        }
        if (args.length) {
          const missing = Object.fromEntries(args.slice(1).map((n) => [n, 'x']));
          expect(() => t(locale, key as MessageKey, missing), `${locale} ${key} without ${args[0]}`).toThrow();
        }
      }
      // The fast path is taken for most of them (the test would pass vacuously otherwise).
      expect(plain).toBeGreaterThan(200);
    });
  }
});
