import { describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import { openSource } from '../../src/sources.ts';
import { CATALOGUES } from '../../src/i18n/translate.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { cardWords, englishLeft } from '../helpers/card-labels.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { SUMMARY_COLUMNS } from '../../src/cards/summary-card.ts';

/**
 * Issue 21: the lock-state, "locked out right now", failures, sign-in list, "which one?" and
 * "nothing found" answers, and the buttons that page them, in the asker's language. Each is
 * asked in English and in another language (in its own words, which the parser reads), and no
 * English word of the English card is left in the other, but the data both show as they are
 * (names, addresses, apps, codes); the reply line is that language's too.
 */
const source = openSource(undefined);
const ctx: AnswerContext = { source, now: source.asOf()!, timeZone: 'Europe/Berlin', appNames: source.appNames(), allUsers: source.allUsers() };
const data = new Set([...source.allUsers().flatMap((u) => [u.displayName ?? '', u.userPrincipalName]), ...source.appNames()]);
const flat = (tree: object, prefix = ''): [string, string][] =>
  Object.entries(tree).flatMap(([k, v]) => (typeof v === 'string' ? [[prefix + k, v] as [string, string]] : flat(v as object, `${prefix}${k}.`)));
/** The words a catalogue writes as English does, on purpose ("App", "IP", "Diagnose" in German): the same key, the same words. */
const sameIn = (locale: Locale) => {
  const theirs = new Map(flat(CATALOGUES[locale]));
  return new Set(flat(CATALOGUES.en).flatMap(([k, v]) => (theirs.get(k) === v ? [v] : [])));
};
/** The column chooser's values ("time,result,app"): ids the card sends back, never shown (each choice shows its title). */
const isColumnIds = (s: string) => s.split(',').every((c) => c in SUMMARY_COLUMNS);
/** Data as the log and the directory give it: "Name (upn)", a name, an app, a code, an address with its count. */
const isData = (s: string) =>
  isColumnIds(s) ||
  /^.+ \(\S+@\S+\)$/.test(s) ||
  data.has(s) ||
  /^(?:AADSTS)?\d+$/.test(s) ||
  /^[\d.]+ \(\d+\)$/.test(s) ||
  /^\S+ \(\d+\)$/.test(s) ||
  /^— \S+$/.test(s);

const ask = (text: string, locale: Locale, extra: Partial<AnswerContext> = {}) => answerMessage(text, { ...ctx, ...extra, locale });

/** The card and the line in `locale` keep no English word of the English ones, and the English card had words to lose. */
function inLanguage(en: Reply, other: Reply, locale: Locale) {
  expect(validateCard(other.card!), locale).toEqual([]);
  expect(cardWords(en.card).filter((w) => !isData(w) && /\p{L}{2}/u.test(w)).length).toBeGreaterThan(2);
  const same = sameIn(locale);
  expect(
    englishLeft(en.card!, other.card!, (s) => isData(s) || same.has(s)),
    locale,
  ).toEqual([]);
  // Nor any English sentence inside a longer text (a subtitle of two sentences, one of them left in English).
  const theirs = cardWords(other.card).join('\n');
  const sentences = cardWords(en.card)
    .filter((w) => !isData(w))
    .flatMap((w) => w.split(/(?<=[.;:])\s+/))
    .filter((x) => (x.match(/\p{L}{2,}/gu) ?? []).length >= 4);
  expect(
    sentences.filter((x) => theirs.includes(x)),
    locale,
  ).toEqual([]);
  expect(other.text).not.toBe(en.text);
  // No English sentence of the line is left: its words of two or more letters, less the data, are not the English ones in order.
  const enWords = en.text.split(/[\s:;,.()]+/).filter((w) => /^\p{L}{3,}$/u.test(w) && !data.has(w) && ![...data].some((d) => d.split(' ').includes(w)));
  const left = enWords.filter((w) => new RegExp(`(^|[\\s(])${w}([\\s,.:;)]|$)`).test(other.text) && !same.has(w));
  expect(left, `${locale}: ${other.text}`).toEqual([]);
}

const GRADY_LOCKED = { now: '2026-11-16T16:20:00Z' };
const THURSDAY = { now: '2026-11-19T20:00:00Z' };

const CASES: [name: string, intent: string, en: string, other: [Locale, string][], extra?: Partial<AnswerContext>][] = [
  [
    'lock state: may still be locked out',
    'lock-state',
    'is grady locked out right now',
    [
      ['de', 'ist grady gerade gesperrt'],
      ['ja', 'grady は今ロックアウトされていますか'],
    ],
    GRADY_LOCKED,
  ],
  [
    'lock state: not locked out, signed in since',
    'lock-state',
    'is grady locked out right now',
    [
      ['de', 'ist grady gerade gesperrt'],
      ['ja', 'grady は今ロックアウトされていますか'],
    ],
    THURSDAY,
  ],
  [
    'locked out right now: one in force',
    'lockouts',
    'is anyone locked out right now',
    [
      ['ja', '今ロックアウトされている人はいますか'],
      ['de', 'ist gerade jemand gesperrt'],
    ],
    GRADY_LOCKED,
  ],
  [
    'locked out right now: blocked by IP, none in force',
    'lockouts',
    'is anyone locked out right now',
    [
      ['ja', '今ロックアウトされている人はいますか'],
      ['fr', 'qui est verrouillé en ce moment'],
    ],
    { now: '2026-11-19T04:00:00Z' },
  ],
  [
    'failures',
    'failures',
    'list all failures today',
    [
      ['de', 'alle fehlgeschlagenen anmeldungen heute'],
      ['ja', '今日の失敗をすべて表示'],
      ['es', 'muestra todos los errores de hoy'],
    ],
    THURSDAY,
  ],
  ['failures to one app', 'failures', 'list all failures in Salesforce today', [['fr', "liste tous les échecs dans Salesforce aujourd'hui"]], THURSDAY],
  ['flagged', 'flagged', 'show flagged sign-ins since saturday', [['es', 'muestra los inicios de sesión marcados desde el sábado']]],
  [
    'sign-in list',
    'list',
    "show megan's sign-ins this week",
    [
      ['de', 'zeige die Anmeldungen von megan diese Woche'],
      ['ja', '今週の megan のサインインを表示'],
    ],
  ],
  [
    'which one?',
    'list',
    "show alex's sign-ins",
    [
      ['de', 'zeige die Anmeldungen von alex'],
      ['ja', 'alex のサインインを表示'],
    ],
  ],
  [
    'nothing found',
    'list',
    "show megan's sign-ins last week",
    [
      ['de', 'zeige die Anmeldungen von megan letzte Woche'],
      ['ja', '先週の megan のサインインを表示'],
    ],
  ],
];

describe("the list and lock-state answers in the asker's language", () => {
  it.each(CASES)('%s: no English word of the English card or line is left', async (_name, intent, enText, others, extra) => {
    const en = await ask(enText, 'en', extra);
    expect(en.command?.intent).toBe(intent);
    for (const [locale, text] of others) {
      const r = await ask(text, locale, extra);
      expect(r.command?.intent, `${locale}: ${text}`).toBe(intent);
      inLanguage(en, r, locale);
    }
  });

  it('says the lock state in German with its facts, times as German writes them, and the buttons', async () => {
    const r = await ask('ist grady gerade gesperrt', 'de', GRADY_LOCKED);
    expect(r.text).toBe(
      'Grady Archie wurde am 16.11.2026, 17:15 MEZ gesperrt und hat sich seitdem nicht angemeldet; die Sperre kann noch bestehen (sie hebt sich von selbst auf, frühestens am 16.11.2026, 17:16 MEZ).',
    );
    const words = cardWords(r.card);
    expect(words).toContain('Grady Archie ist möglicherweise noch gesperrt');
    expect(words).toContain('intelligente Sperre, nach 10 falschen Kennwörtern in der Stunde davor');
    expect(words.find((w) => w.startsWith('Gesperrt am'))).toContain('(vor 5 Minuten)');
    expect([...cardButtons(r.card, 'diagnose'), ...cardButtons(r.card, 'showAttempts')].map((b) => b.title)).toEqual(['Diagnose', 'Versuche']);
  });
});

describe('the buttons that page or re-ask answer in the presser’s language', () => {
  const press = async (r: Reply, verb: string, locale: Locale, extra: Partial<AnswerContext> = {}) => {
    const [b] = cardButtons(r.card, verb);
    expect(b, verb).toBeDefined();
    return answerAction(verb, b!.data, { ...ctx, ...extra, locale });
  };

  it('"Next 10 people" on the failures card, in French as in English', async () => {
    const en = await press(await ask('list all failures today', 'en', THURSDAY), 'failuresPage', 'en', THURSDAY);
    const fr = await press(await ask("liste tous les échecs aujourd'hui", 'fr', THURSDAY), 'failuresPage', 'fr', THURSDAY);
    expect(cardWords(fr.card)).toContain('Personnes 11 à 20 sur 36, les plus d’échecs d’abord.');
    inLanguage(en, fr, 'fr');
  });

  it('"Next 12" and "Show successes too" on the sign-in list, in Japanese as in English', async () => {
    const enList = await ask("show megan's sign-ins this week", 'en');
    const jaList = await ask('今週の megan のサインインを表示', 'ja');
    for (const verb of ['attemptsPage', 'showSuccesses']) {
      const en = await press(enList, verb, 'en');
      const ja = await press(jaList, verb, 'ja');
      inLanguage(en, ja, 'ja');
    }
    expect(cardWords((await press(jaList, 'attemptsPage', 'ja')).card)).toContain('26 行中 13～24 行目。');
  });

  it('"This one" on the which-one card asks again in German', async () => {
    const en = await press(await ask("show alex's sign-ins", 'en'), 'pickUser', 'en');
    const de = await press(await ask('zeige die Anmeldungen von alex', 'de'), 'pickUser', 'de');
    expect(de.text).toMatch(/^Anmeldungen von Alex \S+: \d+ Versuche?, \d+ fehlgeschlagen\.$/);
    inLanguage(en, de, 'de');
  });
});
