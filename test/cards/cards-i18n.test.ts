import { describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { openSource } from '../../src/sources.ts';
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
const isData = (s: string) => data.has(s) || /^(?:AADSTS)?\d+$/.test(s);

async function rendered(asked: Record<'en' | 'de' | 'ja', string>, extra: Partial<AnswerContext> = {}) {
  const out = {} as Record<'en' | 'de' | 'ja', Awaited<ReturnType<typeof answerMessage>>>;
  for (const locale of ['en', 'de', 'ja'] as const) out[locale] = await answerMessage(asked[locale], { ...ctx, ...extra, locale: locale as Locale });
  return out;
}

const CARDS: [name: string, intent: string, asked: Record<'en' | 'de' | 'ja', string>, extra?: Partial<AnswerContext>][] = [
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
    for (const locale of ['en', 'de', 'ja'] as const) {
      expect(r[locale].command?.intent, locale).toBe(intent);
      expect(validateCard(r[locale].card!), locale).toEqual([]);
    }
    // The English card has words to lose: a card of data alone would pass without a translation.
    expect(cardWords(r.en.card).filter((w) => !isData(w)).length).toBeGreaterThan(2);
    expect(englishLeft(r.en.card!, r.de.card!, isData)).toEqual([]);
    expect(englishLeft(r.en.card!, r.ja.card!, isData)).toEqual([]);
    expect(r.de.text).not.toBe(r.en.text);
    expect(r.ja.text).not.toBe(r.en.text);
  });
});
