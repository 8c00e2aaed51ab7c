/**
 * The languages the bot answers in. Teams sends each person's `activity.locale` ("de-AT",
 * "ja-JP"); the language part chooses the catalogue, and a language we have no catalogue for
 * is answered in English, with the reason said once (`unsupported`: its English name).
 */
export const LOCALES = ['en', 'de', 'fr', 'es', 'ja'] as const;
export type Locale = (typeof LOCALES)[number];

export const isLocale = (s: unknown): s is Locale => typeof s === 'string' && (LOCALES as readonly string[]).includes(s);

export interface ResolvedLocale {
  locale: Locale;
  /** The asked-for language in English words ("Italian") when it is not one of ours: the reply says so once. */
  unsupported?: string;
}

/** "de-AT" → de, "ja" → ja, "it-IT" → en (unsupported: "Italian"), nothing or garbage → en. */
export function resolveLocale(tag: string | undefined | null): ResolvedLocale {
  const language = (tag ?? '').trim().split(/[-_]/)[0]!.toLowerCase();
  if (!language) return { locale: 'en' };
  if (isLocale(language)) return { locale: language };
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames(['en'], { type: 'language' }).of(language);
  } catch {
    name = undefined; // not a language tag at all: English without a remark
  }
  return name && name !== language ? { locale: 'en', unsupported: name } : { locale: 'en' };
}

/** A language a person may name for a channel's alerts: "German", "auf Deutsch", "en français", "日本語". */
const LANGUAGE_WORDS: [RegExp, Locale][] = [
  [/\b(?:english|englisch|anglais|ingl[ée]s)\b|英語/i, 'en'],
  [/\b(?:german|deutsch|allemand|alem[áa]n)\b|ドイツ語/i, 'de'],
  [/\b(?:french|franz[öo]sisch|fran[çc]ais|franc[ée]s)\b|フランス語/i, 'fr'],
  [/\b(?:spanish|spanisch|espagnol|espa[ñn]ol|castellano)\b|スペイン語/i, 'es'],
  [/\b(?:japanese|japanisch|japonais|japon[ée]s)\b|日本語/i, 'ja'],
];

/** The language named in a request ("… in German"), if any. */
export function languageNamedIn(text: string): Locale | undefined {
  return LANGUAGE_WORDS.find(([re]) => re.test(text))?.[1];
}
