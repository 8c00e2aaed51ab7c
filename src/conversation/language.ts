/**
 * The languages the parser understands. Teams sends the asker's locale (`de-DE`, `fr-CA`,
 * `ja-JP`); its language picks the intent model and the time words. Any other locale, or
 * none, is read as English.
 */
export const LANGUAGES = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type Language = (typeof LANGUAGES)[number];

/** `de-DE` → de, `fr` → fr, `pt-BR`, nothing, or anything not a string (an activity's field is the sender's to fill) → en. */
export function languageOf(locale: unknown): Language {
  const tag = typeof locale === 'string' ? locale.trim().toLowerCase().split(/[-_]/)[0] : undefined;
  return (LANGUAGES as readonly string[]).includes(tag ?? '') ? (tag as Language) : 'en';
}
