import { beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import { openSource } from '../../src/sources.ts';
import { SCENARIOS } from '../../src/diagnosis/scenarios/index.ts';
import { explainCard, helpCard } from '../../src/cards/simple-cards.ts';
import { keepWhole } from '../../src/cards/localized.ts';
import { lookupCode } from '../../src/diagnosis/catalog.ts';
import { asDiagError } from '../../src/errors.ts';
import { LOCALES, type Locale } from '../../src/i18n/locales.ts';
import { CATALOGUES, t } from '../../src/i18n/translate.ts';
import { validateCard } from '../helpers/validate-card.ts';

/** Issue 21: the cards in the asker's language, English unchanged, every card within Teams' 28 KB. */
let ctx: AnswerContext;
beforeAll(() => {
  const source = openSource(undefined);
  ctx = { source, now: source.asOf()!, timeZone: 'Europe/Berlin', appNames: source.appNames(), allUsers: source.allUsers() };
});

const json = (x: unknown) => JSON.stringify(x);
const OTHERS = LOCALES.filter((l) => l !== 'en');

describe('the scenarios in the catalogues', () => {
  it('English says each scenario exactly as its module does (the catalogue is not a second, drifting copy)', () => {
    for (const s of SCENARIOS) {
      expect(t('en', `scenario.${s.id}.title` as never), s.id).toBe(s.title);
      expect(t('en', `scenario.${s.id}.short` as never), s.id).toBe(s.short);
    }
    expect(Object.keys(CATALOGUES.en.scenario).sort()).toEqual(SCENARIOS.map((s) => s.id).sort());
  });
});

describe('the diagnosis card in five languages', () => {
  const cards = new Map<Locale, string>();
  beforeAll(async () => {
    for (const locale of LOCALES) cards.set(locale, json((await answerMessage('why did bob fail to sign in', { ...ctx, locale })).card));
  }, 120_000);

  it('in English is the card the bot sent before it spoke other languages', async () => {
    expect(cards.get('en')).toBe(json((await answerMessage('why did bob fail to sign in', ctx)).card));
  });

  for (const locale of OTHERS) {
    it(`${locale}: every heading, fact title and button in ${locale}, none of the English ones, valid and within 28 KB`, () => {
      const card = cards.get(locale)!;
      const labels = CATALOGUES[locale].diagnosis.label;
      // Fact titles may be kept whole (keepWhole: Japanese, with word joiners between the characters).
      for (const key of ['todo', 'correlationId', 'requestId', 'supportRequest', 'didThisHelp', 'allAttempts'] as const)
        expect(
          [labels[key], keepWhole(labels[key], locale)].some((l) => card.includes(JSON.stringify(l).slice(1, -1))),
          `${locale} ${key}`,
        ).toBe(true);
      for (const english of ['"What to do"', '"Correlation ID"', '"Did this help?"', '"All attempts"', '"title":"Result"', '"title":"Device"'])
        expect(card).not.toContain(english);
      expect(Buffer.byteLength(card)).toBeLessThan(28 * 1024);
      expect(validateCard(JSON.parse(card))).toEqual([]);
    });
  }

  it('keeps a Japanese fact title whole in the narrow column, and only there', () => {
    expect(keepWhole('サポート リクエスト', 'ja')).toBe('サ\u2060ポ\u2060ー\u2060ト リ\u2060ク\u2060エ\u2060ス\u2060ト');
    expect(keepWhole('Anforderungs-ID', 'de')).toBe('Anforderungs-ID');
    expect(cards.get('ja')).toContain('"title":"ユ\u2060ー\u2060ザ\u2060ー"');
  });

  it('writes dates as the language does, in the asker zone', () => {
    expect(cards.get('de')).toMatch(/\d{2}\.\d{2}\.2026, \d{2}:\d{2} MEZ/);
    expect(cards.get('ja')).toMatch(/2026\/\d{2}\/\d{2} \d{1,2}:\d{2}/);
  });
});

describe('the small cards and errors in other languages', () => {
  it('help: title, examples and footer from the catalogue', () => {
    const de = json(helpCard([], false, 'de'));
    expect(de).toContain('Fragen Sie mich zum Beispiel:');
    expect(de).toContain('warum konnte bob sich nicht anmelden');
    expect(json(helpCard(['what-if', 'yesterday'], true, 'fr'))).toContain('J’ai compris\u00a0: what-if et yesterday.');
  });

  it('explain: labels, the category in words and its remedy in the language; the code and name as Entra gives them', () => {
    const es = json(explainCard(53003, lookupCode(53003), 'es'));
    expect(es).toContain('AADSTS53003 BlockedByConditionalAccess');
    expect(es).toContain('acceso condicional');
    expect(es).toContain(CATALOGUES.es.category.remedy['conditional-access']);
    expect(json(explainCard(53003, lookupCode(53003)))).toContain('"value":"conditional-access"');
  });

  it('a storage error carries its explanation as a catalogue message, so the errors card can say it in the language', () => {
    const e = asDiagError(Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' }))!;
    expect(e.explanation).toBe(t('en', e.words!.key as never, e.words!.values));
    expect(t('ja', e.words!.key as never, e.words!.values)).toContain('EACCES');
  });
});
