import type { Locale } from './locales.ts';
import { t, type MessageKey } from './translate.ts';
import { regionName, regionWithArticle } from './regions.ts';

/**
 * A sentence as data: its catalogue key and the values of its placeholders. The engine says
 * what it found as messages, language-neutral; the edge (a card, the CLI, an alert) renders
 * them for the reader. A value may itself be a message (a phrase: "on Windows 11 from Berlin")
 * or a list of values, so a sentence built from parts is translated part by part, each in its
 * own catalogue entry, never glued from English fragments.
 */
export interface Message {
  readonly key: MessageKey;
  readonly values?: Readonly<Record<string, MessageValue>>;
}

/** A list of values joined as the language joins them: "a, b and c" / "a, b oder c". */
export interface MessageList {
  readonly list: readonly MessageValue[];
  readonly join: 'and' | 'or';
}

/**
 * A country or region by its ISO code, named in the reader's language when rendered (ICU's names):
 * "Germany", "Allemagne", "ドイツ". `article`: as it follows "from" ("the United States", "l’Allemagne").
 */
export interface RegionValue {
  readonly region: string;
  readonly article?: boolean;
}

/** A name, an id or a time as it is (never translated); a number (plurals); a phrase; a list; a country. */
export type MessageValue = string | number | Message | MessageList | RegionValue;

export function msg(key: MessageKey, values?: Record<string, MessageValue>): Message {
  return values ? { key, values } : { key };
}

export const listOf = (list: readonly MessageValue[], join: MessageList['join'] = 'and'): MessageList => ({ list, join });

export const isMessage = (v: unknown): v is Message => typeof v === 'object' && v !== null && typeof (v as Message).key === 'string';
const isList = (v: unknown): v is MessageList => typeof v === 'object' && v !== null && Array.isArray((v as MessageList).list);
const isRegion = (v: unknown): v is RegionValue => typeof v === 'object' && v !== null && typeof (v as RegionValue).region === 'string';

/** A country as a value: `regionOf('DE')`, `regionOf('US', true)` for "from the United States". */
export const regionOf = (code: string, article = false): RegionValue => (article ? { region: code.toUpperCase(), article } : { region: code.toUpperCase() });

const listFormats = new Map<string, Intl.ListFormat>();
function joinList(locale: Locale, items: string[], join: MessageList['join']): string {
  const id = `${locale}:${join}`;
  let f = listFormats.get(id);
  if (!f) listFormats.set(id, (f = new Intl.ListFormat(locale, { type: join === 'and' ? 'conjunction' : 'disjunction' })));
  return f.format(items);
}

function renderValue(locale: Locale, v: MessageValue): string | number {
  if (typeof v === 'string' || typeof v === 'number') return v;
  if (isRegion(v)) return v.article ? regionWithArticle(locale, v.region) : regionName(locale, v.region);
  if (isList(v))
    return joinList(
      locale,
      v.list.map((x) => String(renderValue(locale, x))),
      v.join,
    );
  return render(locale, v);
}

/** The message in `locale`'s words, its phrases rendered first. */
export function render(locale: Locale, m: Message): string {
  if (!m.values) return t(locale, m.key);
  const values: Record<string, string | number> = {};
  // Keys, not entries: no pair allocated per value of every sentence rendered.
  for (const k of Object.keys(m.values)) values[k] = renderValue(locale, m.values[k]!);
  return t(locale, m.key, values);
}

/** The same message with every plain string value passed through `f` (names hidden from a limited asker, say); keys and numbers untouched. */
export function mapStrings(m: Message, f: (s: string) => string): Message {
  if (!m.values) return m;
  const map = (v: MessageValue): MessageValue =>
    typeof v === 'string' ? f(v) : typeof v === 'number' || isRegion(v) ? v : isList(v) ? { join: v.join, list: v.list.map(map) } : mapStrings(v, f);
  return { key: m.key, values: Object.fromEntries(Object.entries(m.values).map(([k, v]) => [k, map(v)])) };
}

/**
 * A text part of a diagnosis: its English words (the CLI's JSON, tests, logs) and, where the
 * engine said it as a message, the message, from which a card renders the reader's language.
 */
export interface Said {
  text: string;
  msg?: Message;
}

/** A part whose English text is rendered from its message: the catalogue is the one source of the words. */
export const said = (m: Message): Said => ({ text: render('en', m), msg: m });

/** The words of a part in `locale`: its message rendered, or its text where it has none (yet). */
export const wordsOf = (locale: Locale, x: Said): string => (x.msg ? render(locale, x.msg) : x.text);
