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
import { isLocale, type Locale } from './locales.ts';

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
const compiled = new Map<Locale, Map<MessageKey, Compiled | string>>();

/**
 * A compiled sentence, and for one made only of text and `{name}` placeholders (most of the
 * catalogue) those pieces in order: filled by joining strings, what IntlMessageFormat's format
 * does for such a sentence, without its list of parts per call (a window of a million attempts
 * renders tens of millions of sentences; the parts were a fifth of all it allocated).
 */
interface Compiled {
  format: IntlMessageFormat;
  plain: readonly (string | { name: string })[] | undefined;
}

function compile(locale: Locale, key: MessageKey): Compiled | string {
  // By language, then by key: the keys are the catalogue's own strings, hashed once; a joined "locale + key" was a new string to hash per sentence.
  let byKey = compiled.get(locale);
  if (!byKey) {
    // A locale that is none of ours (from a payload, say, or not even a string) reads English; ours are found in the map before this check.
    if (!isLocale(locale)) return compile('en', key);
    compiled.set(locale, (byKey = new Map()));
  }
  let f = byKey.get(key);
  if (f === undefined) {
    const source: unknown = instance.getResource(locale, 'translation', key) ?? instance.getResource('en', 'translation', key);
    // Markup-like text ("<user>") is text here: cards escape for markdown themselves.
    if (typeof source !== 'string') f = key;
    else {
      const format = new IntlMessageFormat(source, locale, undefined, { ignoreTag: true });
      f = { format, plain: plainPieces(format) };
    }
    byKey.set(key, f);
  }
  return f;
}

/** The parser's element types for text and a bare `{name}` (@formatjs/icu-messageformat-parser's TYPE.literal and TYPE.argument). */
const LITERAL = 0;
const ARGUMENT = 1;

/** The sentence's pieces when it has only text and bare placeholders (the text as the parser unquoted it); undefined for plurals, selects, numbers. */
function plainPieces(f: IntlMessageFormat): (string | { name: string })[] | undefined {
  const pieces: (string | { name: string })[] = [];
  for (const el of f.getAst()) {
    if (el.type === LITERAL) pieces.push(el.value);
    else if (el.type === ARGUMENT) pieces.push({ name: el.value });
    else return undefined;
  }
  return pieces;
}

/**
 * A plain sentence filled as IntlMessageFormat fills it: a string as it is, a number as String()
 * writes it, an empty value as nothing. Undefined where IntlMessageFormat does something else (a
 * missing value throws, an object stays an object): then it is asked.
 */
function fill(pieces: readonly (string | { name: string })[], values: MessageValues): string | undefined {
  let out = '';
  for (const p of pieces) {
    if (typeof p === 'string') out += p;
    else {
      if (!(p.name in values)) return undefined;
      const v: unknown = values[p.name];
      if (typeof v === 'string') out += v;
      else if (typeof v === 'number' || typeof v === 'bigint') out += String(v);
      else if (v) return undefined;
    }
  }
  return out;
}

/** The sentence `key` in `locale`, its placeholders filled with `values`. */
export function t(locale: Locale, key: MessageKey, values: MessageValues = {}): string {
  const f = compile(locale, key);
  if (typeof f === 'string') return f;
  return (f.plain && fill(f.plain, values)) ?? String(f.format.format(values));
}
