/**
 * The languages the parser understands. Teams sends the asker's locale (`de-DE`, `fr-CA`,
 * `ja-JP`); its language picks the intent model and the time words. Any other locale, or
 * none, is read as English.
 */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** `de-DE` → de, `fr` → fr, `pt-BR` or nothing → en. */
export function languageOf(locale: string | undefined): Language {
  const tag = locale?.trim().toLowerCase().split(/[-_]/)[0];
  return (LANGUAGES as readonly string[]).includes(tag ?? '') ? (tag as Language) : 'en';
}
