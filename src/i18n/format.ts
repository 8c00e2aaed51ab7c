import type { Locale } from './locales.ts';

/**
 * Lists and numbers as the asker's language writes them (Intl). A list of things understood is
 * a list of units, not of alternatives: "a, b, c" in English, "a, b und c" in German.
 */
export const formatList = (locale: Locale, items: readonly string[]): string => new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(items);

export const formatNumber = (locale: Locale, n: number): string => new Intl.NumberFormat(locale).format(n);

/** A language's own name in the reader's words: "Deutsch" for a German reader, "allemand" for a French one, "ドイツ語" in Japanese. */
export const languageName = (locale: Locale, of: Locale): string => new Intl.DisplayNames(locale, { type: 'language' }).of(of) ?? of;
