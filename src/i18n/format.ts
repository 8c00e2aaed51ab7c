import type { Locale } from './locales.ts';

/**
 * Lists and numbers as the asker's language writes them (Intl). A list of things understood is
 * a list of units, not of alternatives: "a, b, c" in English, "a, b und c" in German.
 */
export const formatList = (locale: Locale, items: readonly string[]): string => new Intl.ListFormat(locale, { type: 'unit', style: 'short' }).format(items);

export const formatNumber = (locale: Locale, n: number): string => new Intl.NumberFormat(locale).format(n);
