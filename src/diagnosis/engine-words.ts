import { msg, said, type Message, type MessageValue, type Said } from '../i18n/message.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { chain } from './words.ts';

/**
 * The small pieces the engine's sentences share, as messages (engine.finding.*): lists joined
 * the way today's English joins them (", ", "; ", " and ", " / ": Intl's lists would say
 * "a, b, and c"), a name in the language's quotation marks, and the placeholders the engine
 * puts where the log has nothing ("unknown app"), so a value read from the log stays as it is
 * and only the engine's own fallback words are translated.
 */

export type Join = 'comma' | 'semi' | 'and' | 'slash';
const JOIN_KEY: Record<Join, MessageKey> = {
  comma: 'engine.finding.join.comma',
  semi: 'engine.finding.join.semi',
  and: 'engine.finding.join.and',
  slash: 'engine.finding.join.slash',
};

/** `a, b, c` as nested messages, folded from the right: one short message per separator. */
export const joined = (items: readonly MessageValue[], join: Join): MessageValue => chain(JOIN_KEY[join], items);

/** A name as the language quotes it: "CA001" in English, „CA001“ in German, 「CA001」 in Japanese. */
export const quoted = (name: MessageValue): Message => msg('engine.finding.quoted', { name });

/** The engine's own fallbacks where a record lacks a value: translated; anything else is the record's and stays. */
const UNKNOWN: ReadonlyMap<string, Message> = new Map([
  ['unknown app', msg('engine.finding.unknown.app')],
  ['unknown IP', msg('engine.finding.unknown.ip')],
  ['unknown OS', msg('engine.finding.unknown.os')],
  ['unknown client', msg('engine.finding.unknown.client')],
  ['unknown device', msg('engine.finding.unknown.device')],
  ['unknown location', msg('engine.finding.unknown.location')],
  ['an unknown place', msg('engine.finding.unknown.place')],
  ['none', msg('engine.finding.unknown.none')],
  ['yes', msg('engine.finding.unknown.yes')],
  ['no', msg('engine.finding.unknown.no')],
  ['someone', msg('engine.finding.unknown.someone')],
  ['unnamed', msg('engine.finding.unknown.unnamed')],
  ['the user themself', msg('engine.finding.unknown.userThemself')],
  ['an excluded group whose name cannot be read', msg('engine.finding.unknown.unreadableGroup')],
]);

/** A value as a message value: the engine's fallback word translated, a value from the log as it is. */
export const valueOf = (v: string): MessageValue => UNKNOWN.get(v) ?? v;

/** An optional part of a sentence: its message, or nothing. */
export const part = (when: unknown, m: () => Message): MessageValue => (when ? m() : '');

const FIXED = new Map<MessageKey, Said>();
/**
 * A sentence without values, said once and shared: the engine says the same gap for most
 * attempts of a window, and its English need not be rendered a million times. Treat it as read-only.
 */
export function saidOnce(key: MessageKey): Said {
  let s = FIXED.get(key);
  if (!s) FIXED.set(key, (s = said(msg(key))));
  return s;
}
