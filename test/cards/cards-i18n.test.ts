import { describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { openSource } from '../../src/sources.ts';
import { CATALOGUES } from '../../src/i18n/translate.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { cardWords, englishLeft } from '../helpers/card-labels.ts';

/**
 * Issue 21: the list, what-if and lock-state cards in the asker's language. Each is asked in
 * English and in German and Japanese (in their own words where the parser needs them), and no
 * English word of the English card is left in the others but the data both show as it is.
 */
const source = openSource(undefined);
const ctx: AnswerContext = { source, now: source.asOf()!, timeZone: 'America/Los_Angeles', appNames: source.appNames(), allUsers: source.allUsers() };
const data = new Set([...source.allUsers().flatMap((u) => [u.displayName ?? '', u.userPrincipalName]), ...source.appNames()]);
const flat = (tree: object, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flat(v as object, `${prefix}${k}.`)));
/** The words a catalogue writes as English does, on purpose ("App", "Client", "MFA" in German): the same key, the same words. */
const sameIn = (locale: 'de' | 'ja') => {
  const theirs = new Map(flat(CATALOGUES[locale]));
  return new Set(flat(CATALOGUES.en).flatMap(([k, v]) => (theirs.get(k) === v ? [v] : [])));
};
const isDataWord = (s: string) => /^.+ \(\S+@\S+\)$/.test(s) || data.has(s) || /^(?:AADSTS)?\d+$/.test(s) || /^CA\d{3}: /.test(s);

async function rendered(asked: Record<'en' | 'de' | 'ja', string>, extra: Partial<AnswerContext> = {}) {
  const out = {} as Record<'en' | 'de' | 'ja', Awaited<ReturnType<typeof answerMessage>>>;
  for (const locale of ['en', 'de', 'ja'] as const) out[locale] = await answerMessage(asked[locale], { ...ctx, ...extra, locale: locale as Locale });
  return out;
}

const CARDS: [name: string, intent: string, asked: Record<'en' | 'de' | 'ja', string>, extra?: Partial<AnswerContext>][] = [
  [
    'what-if',
    'what-if',
    {
      en: 'what if bob signs in to Salesforce from an unmanaged iPhone',
      de: 'was wäre, wenn bob sich von einem nicht verwalteten iPhone bei Salesforce anmelden würde',
      ja: 'bob が管理されていない iPhone から Salesforce にサインインしたらどうなる',
    },
  ],
  ['lockouts', 'lockouts', { en: 'is anyone locked out', de: 'ist jemand gesperrt', ja: '誰かロックアウトされている？' }, { now: '2026-11-19T04:00:00Z' }],
  [
    'flagged',
    'flagged',
    { en: 'show flagged sign-ins since saturday', de: 'zeige markierte Anmeldungen seit Samstag', ja: '土曜日以降にフラグ付けされたサインインを表示' },
  ],
];

describe("cards in the asker's language", () => {
  it.each(CARDS)('%s: the German and Japanese cards keep no English word of the English one', async (_name, intent, asked, extra) => {
    const r = await rendered(asked, extra);
    // The what-if's one-sentence outcome is the engine's English (its message is another change's); the card's own words are not.
    const summary = r.en.text.split(' Starting from ')[0];
    const isData = (s: string) => isDataWord(s) || s === summary;
    for (const locale of ['en', 'de', 'ja'] as const) {
      expect(r[locale].command?.intent, locale).toBe(intent);
      expect(validateCard(r[locale].card!), locale).toEqual([]);
    }
    // The English card has words to lose: a card of data alone would pass without a translation.
    expect(cardWords(r.en.card).filter((w) => !isData(w)).length).toBeGreaterThan(2);
    for (const locale of ['de', 'ja'] as const) {
      const same = sameIn(locale);
      expect(
        englishLeft(r.en.card!, r[locale].card!, (s) => isData(s) || same.has(s)),
        locale,
      ).toEqual([]);
    }
    expect(r.de.text).not.toBe(r.en.text);
    expect(r.ja.text).not.toBe(r.en.text);
  });
});
