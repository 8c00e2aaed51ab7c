import i18next from 'i18next';
import { IntlMessageFormat } from 'intl-messageformat';
import en from './messages/en.json' with { type: 'json' };
import de from './messages/de.json' with { type: 'json' };
import fr from './messages/fr.json' with { type: 'json' };
import es from './messages/es.json' with { type: 'json' };
import ja from './messages/ja.json' with { type: 'json' };
import codesEn from './messages/codes/en.json' with { type: 'json' };
import codesDe from './messages/codes/de.json' with { type: 'json' };
import codesFr from './messages/codes/fr.json' with { type: 'json' };
import codesEs from './messages/codes/es.json' with { type: 'json' };
import codesJa from './messages/codes/ja.json' with { type: 'json' };
import type { Locale } from './locales.ts';

/**
 * Every sentence a person reads comes from a catalogue (messages/<locale>.json, imported as
 * JSON modules: no file is read, the bundle carries them) in ICU MessageFormat: `{name}`
 * placeholders and `{n, plural, one {…} other {…}}`. English is one catalogue among five and
 * the fallback for a key another lacks (test/i18n/catalogues.test.ts keeps them complete).
 */
export const CATALOGUES = { en, de, fr, es, ja } as const;

/**
 * The error codes' own words (what each of the 357 codes means, and what to do where a code has
 * its own advice), kept apart from the sentences: messages/codes/<locale>.json, by code. They sit
 * in the catalogue under `aadsts.<code>.meaning` and `aadsts.<code>.remedy`; a language that lacks
 * one falls back to English.
 */
export const CODE_CATALOGUES: Record<Locale, Record<string, { meaning?: string; remedy?: string }>> = {
  en: codesEn,
  de: codesDe,
  fr: codesFr,
  es: codesEs,
  ja: codesJa,
};

/** The keys of the English catalogue, as "card.diagnosis.title" paths. */
type Paths<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${P}${K}` : Paths<T[K], `${P}${K}.`>;
}[keyof T & string];
export type MessageKey = Paths<typeof en> | `aadsts.${number}.${'meaning' | 'remedy'}`;

export type MessageValues = Record<string, string | number>;

// Created once, synchronously (the resources are in memory): translating costs no I/O and no await.
// i18next holds the catalogues and finds a key's sentence (English where a language lacks it).
const instance = i18next.createInstance();
void instance.init({
  resources: Object.fromEntries(Object.entries(CATALOGUES).map(([l, m]) => [l, { translation: { ...m, aadsts: CODE_CATALOGUES[l as Locale] } }])),
  lng: 'en',
  fallbackLng: 'en',
  initAsync: false,
  returnNull: false,
});

/**
 * Each sentence compiled once per language (ICU MessageFormat, formatjs's IntlMessageFormat):
 * the engine says every finding of every attempt as a message, and a window of a million
 * attempts cannot afford a parse per sentence (i18next's own ICU path took 7–12 µs a sentence,
 * a compiled one 0.6–3). A key no catalogue has stays the key, as i18next answers it.
 */
const compiled = new Map<string, IntlMessageFormat | string>();
function compile(locale: Locale, key: MessageKey): IntlMessageFormat | string {
  const id = `${locale}\u0000${key}`;
  let f = compiled.get(id);
  if (f === undefined) {
    const source: unknown = instance.getResource(locale, 'translation', key) ?? instance.getResource('en', 'translation', key);
    // Markup-like text ("<user>") is text here: cards escape for markdown themselves.
    f = typeof source === 'string' ? new IntlMessageFormat(source, locale, undefined, { ignoreTag: true }) : key;
    compiled.set(id, f);
  }
  return f;
}

/** The sentence `key` in `locale`, its placeholders filled with `values`. */
export function t(locale: Locale, key: MessageKey, values: MessageValues = {}): string {
  const f = compile(locale, key);
  return typeof f === 'string' ? f : String(f.format(values));
}
