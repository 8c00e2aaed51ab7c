import { describe, expect, it } from 'vitest';
import type { Intent } from '../../src/conversation/command.ts';
import { languageOf } from '../../src/conversation/language.ts';
import { parseMessage, type ParseContext } from '../../src/conversation/parse.ts';
import { parseTimeWindow } from '../../src/conversation/time-window.ts';
import { takeLocale } from '../../src/cli/parse.ts';

/**
 * Understanding German, French, Spanish and Japanese (issue 21): the asker's locale picks the
 * intent model and the time words; people, apps and codes are the same in every language.
 * The clock: Saturday 21 November 2026 01:00 UTC, Friday 20 November 17:00 in Redmond.
 */
const NOW = '2026-11-21T01:00:00Z';
const TZ = 'America/Los_Angeles';
const ctx = (locale: string, extra: Partial<ParseContext> = {}): ParseContext => ({
  now: NOW,
  timeZone: TZ,
  locale,
  appNames: ['Salesforce', 'Microsoft Teams'],
  ...extra,
});
const at = (local: string) => new Date(`${local}-08:00`).toISOString();
const NOW_ISO = new Date(NOW).toISOString();
const TODAY = [at('2026-11-20T00:00:00'), NOW_ISO];
const YESTERDAY = [at('2026-11-19T00:00:00'), at('2026-11-20T00:00:00')];
const LAST_WEEK = [at('2026-11-09T00:00:00'), at('2026-11-16T00:00:00')];
const SINCE_NINE = [at('2026-11-20T09:00:00'), NOW_ISO];
const THIS_MORNING = [at('2026-11-20T06:00:00'), at('2026-11-20T12:00:00')];

describe('the locale', () => {
  it('picks the language by its first part, and English for any other or none', () => {
    expect(['de-DE', 'de-AT', 'fr-CA', 'es-MX', 'ja-JP', 'JA', 'pt-BR', '', undefined].map(languageOf)).toEqual([
      'de',
      'de',
      'fr',
      'es',
      'ja',
      'ja',
      'en',
      'en',
      'en',
    ]);
  });

  it('is taken from the CLI as --locale, and a malformed one is refused', () => {
    expect(takeLocale(['--locale', 'de-DE', 'warum', '--tz', 'UTC'])).toEqual({ locale: 'de-DE', rest: ['warum', '--tz', 'UTC'] });
    expect(takeLocale(['--locale=ja-JP', 'x'])).toEqual({ locale: 'ja-JP', rest: ['x'] });
    expect(() => takeLocale(['--locale', '<script>'])).toThrow(/--locale/);
  });
});

describe.each([
  ['de-DE', 'heute', 'gestern', 'letzte Woche', 'seit 9 Uhr', 'heute Morgen'],
  ['fr-FR', "aujourd'hui", 'hier', 'la semaine dernière', 'depuis 9h', 'ce matin'],
  ['es-ES', 'hoy', 'ayer', 'la semana pasada', 'desde las 9', 'esta mañana'],
  ['ja-JP', '今日', '昨日', '先週', '9時から', '今朝'],
])('time words in %s', (locale, today, yesterday, lastWeek, sinceNine, thisMorning) => {
  const window = (text: string) => {
    const w = parseTimeWindow(text, { now: NOW, timeZone: TZ, locale });
    return w && [w.since, w.until];
  };
  it(`"${today}" is local midnight to now`, () => expect(window(today)).toEqual(TODAY));
  it(`"${yesterday}" is the whole of yesterday`, () => expect(window(yesterday)).toEqual(YESTERDAY));
  it(`"${lastWeek}" is last Monday to Monday`, () => expect(window(lastWeek)).toEqual(LAST_WEEK));
  it(`"${sinceNine}" runs from 09:00 to now`, () => expect(window(sinceNine)).toEqual(SINCE_NINE));
  it(`"${thisMorning}" is 06:00 to noon`, () => expect(window(thisMorning)).toEqual(THIS_MORNING));
  it('is not read in an English chat', () => expect(parseTimeWindow(yesterday, { now: NOW, timeZone: TZ, locale: 'en-US' })).toBeUndefined());
});

describe('more time words', () => {
  const window = (text: string, locale: string) => {
    const w = parseTimeWindow(text, { now: NOW, timeZone: TZ, locale });
    return w && { text: w.text, since: w.since, until: w.until };
  };
  it('counts back from now and names instants', () => {
    expect(window('in den letzten 2 Stunden', 'de')?.since).toBe(at('2026-11-20T15:00:00'));
    expect(window('il y a 2 heures', 'fr')).toMatchObject({ since: at('2026-11-20T14:30:00'), until: at('2026-11-20T15:30:00') });
    expect(window('hace 2 horas', 'es')?.since).toBe(at('2026-11-20T14:30:00'));
    expect(window('過去3時間', 'ja')?.since).toBe(at('2026-11-20T14:00:00'));
  });
  it('joins a day and a clock or part of it', () => {
    expect(window('gestern um 14:30', 'de')).toMatchObject({ text: 'gestern um 14:30', since: at('2026-11-19T14:00:00') });
    expect(window('hier soir', 'fr')).toMatchObject({ since: at('2026-11-19T18:00:00'), until: at('2026-11-19T22:00:00') });
    expect(window('ayer a las 3 de la tarde', 'es')?.since).toBe(at('2026-11-19T14:30:00'));
    expect(window('月曜日の午後', 'ja')).toMatchObject({ since: at('2026-11-16T12:00:00'), until: at('2026-11-16T18:00:00') });
  });
  it('reads "morgen" as morning only after a day ("heute Morgen"), never alone (it is also "tomorrow")', () => {
    expect(window('morgen', 'de')).toBeUndefined();
  });
});

type Case = [locale: string, text: string, intent: Intent, person?: string];
const CASES: Case[] = [
  ['de-DE', 'warum konnte bob sich nicht anmelden', 'diagnose', 'bob'],
  ['de-DE', 'zeig mir die anmeldungen von alice gestern', 'list', 'alice'],
  ['de-DE', 'wer ist gerade gesperrt', 'lockouts'],
  ['de-DE', 'markierte anmeldungen heute', 'flagged'],
  ['de-DE', 'was bedeutet 50126', 'explain-code'],
  ['de-DE', 'was wäre wenn megan sich aus brasilien anmeldet', 'what-if', 'megan'],
  ['de-DE', 'prüf unsere richtlinien für bedingten zugriff', 'check-policies'],
  ['de-DE', 'benachrichtige diesen kanal über sperrungen', 'subscribe'],
  ['de-DE', 'keine sperrbenachrichtigungen mehr', 'unsubscribe'],
  ['de-DE', 'hilfe', 'help'],
  ['de-DE', 'alle fehlgeschlagenen anmeldungen heute', 'failures'],
  ['de-DE', 'ist diego gesperrt?', 'lock-state', 'diego'],
  ['de-DE', 'welche richtlinien gelten für grady', 'policies-for', 'grady'],
  ['fr-FR', "pourquoi bob n'arrive pas à se connecter", 'diagnose', 'bob'],
  ['fr-FR', 'montre-moi les connexions de alice', 'list', 'alice'],
  ['fr-FR', 'qui est verrouillé', 'lockouts'],
  ['fr-FR', 'connexions signalées', 'flagged'],
  ['fr-FR', 'que veut dire 50126', 'explain-code'],
  ['fr-FR', 'et si megan se connecte depuis le brésil', 'what-if', 'megan'],
  ['fr-FR', "vérifie nos stratégies d'accès conditionnel", 'check-policies'],
  ['fr-FR', 'préviens ce canal des verrouillages', 'subscribe'],
  ['fr-FR', 'désactive les alertes de verrouillage', 'unsubscribe'],
  ['fr-FR', 'aide', 'help'],
  ['fr-FR', "toutes les connexions échouées aujourd'hui", 'failures'],
  ['fr-FR', 'est-ce que diego est verrouillé', 'lock-state', 'diego'],
  ['fr-FR', "quelles stratégies s'appliquent à grady", 'policies-for', 'grady'],
  ['es-ES', 'por qué bob no puede iniciar sesión', 'diagnose', 'bob'],
  ['es-ES', 'muéstrame los inicios de sesión de alice', 'list', 'alice'],
  ['es-ES', 'quién está bloqueado', 'lockouts'],
  ['es-ES', 'inicios de sesión marcados', 'flagged'],
  ['es-ES', 'qué significa 50126', 'explain-code'],
  ['es-ES', 'qué pasa si megan inicia sesión desde brasil', 'what-if', 'megan'],
  ['es-ES', 'revisa nuestras directivas de acceso condicional', 'check-policies'],
  ['es-ES', 'avísame cuando alguien quede bloqueado', 'subscribe'],
  ['es-ES', 'desactiva las alertas de bloqueo', 'unsubscribe'],
  ['es-ES', 'ayuda', 'help'],
  ['es-ES', 'todos los inicios de sesión fallidos hoy', 'failures'],
  ['es-ES', '¿diego está bloqueado?', 'lock-state', 'diego'],
  ['es-ES', 'qué directivas se aplican a grady', 'policies-for', 'grady'],
  ['ja-JP', 'bobがサインインできない理由', 'diagnose', 'bob'],
  ['ja-JP', 'aliceのサインインを見せて', 'list', 'alice'],
  ['ja-JP', '誰がロックアウトされている', 'lockouts'],
  ['ja-JP', 'フラグが付いたサインイン', 'flagged'],
  ['ja-JP', '50126の意味は', 'explain-code'],
  ['ja-JP', 'もしmeganがブラジルからサインインしたら', 'what-if', 'megan'],
  ['ja-JP', '条件付きアクセスポリシーを確認して', 'check-policies'],
  ['ja-JP', 'ロックアウトをこのチャネルに通知して', 'subscribe'],
  ['ja-JP', 'ロックアウトのアラートを無効にして', 'unsubscribe'],
  ['ja-JP', 'ヘルプ', 'help'],
  ['ja-JP', '今日の失敗したサインインすべて', 'failures'],
  ['ja-JP', 'diegoはロックされてる？', 'lock-state', 'diego'],
  ['ja-JP', 'gradyに適用されるポリシーは', 'policies-for', 'grady'],
];

describe("each intent's typical sentence, without a directory", () => {
  it.each(CASES)('%s: "%s" → %s %s', (locale, text, intent, person) => {
    const c = parseMessage(text, ctx(locale));
    expect(c.intent).toBe(intent);
    expect(c.user).toBe(person);
  });
});

describe('people in another language', () => {
  const people = [
    { id: 'u-bob', displayName: 'Bob Kelly', userPrincipalName: 'bob.kelly@contoso.com', givenName: 'Bob', surname: 'Kelly' },
    { id: 'u-tanaka', displayName: '田中 太郎', userPrincipalName: 'taro.tanaka@contoso.com', givenName: '太郎', surname: '田中' },
  ];
  it('reads the question words around a name as no name ("warum konnte bob…" is about bob)', () => {
    const c = parseMessage('warum konnte bob sich gestern nicht anmelden', ctx('de-DE', { people }));
    expect(c).toMatchObject({ intent: 'diagnose', user: 'bob.kelly@contoso.com', userId: 'u-bob', since: YESTERDAY[0], until: YESTERDAY[1] });
  });
  it('finds a Latin name inside Japanese text, and the time beside it', () => {
    const c = parseMessage('bobが昨日サインインできない理由', ctx('ja-JP', { people }));
    expect(c).toMatchObject({ intent: 'diagnose', userId: 'u-bob', since: YESTERDAY[0], until: YESTERDAY[1] });
  });
  it('finds a Japanese name before its honorific', () => {
    const c = parseMessage('田中さんがサインインできない', ctx('ja-JP'));
    expect(c).toMatchObject({ intent: 'diagnose', user: '田中' });
  });
  it('reads the asker speaking of themselves', () => {
    expect(parseMessage('warum kann ich mich nicht anmelden', ctx('de-DE')).user).toBe('me');
    expect(parseMessage('pourquoi je ne peux pas me connecter', ctx('fr-FR')).user).toBe('me');
    expect(parseMessage('por qué no puedo iniciar sesión', ctx('es-ES')).user).toBe('me');
    expect(parseMessage('私がログインできない理由', ctx('ja-JP')).user).toBe('me');
  });
  it('reads apps and codes beside Japanese words', () => {
    const c = parseMessage('bobがsalesforceにサインインできない、エラー50126', ctx('ja-JP'));
    expect(c).toMatchObject({ app: 'Salesforce', errorCode: 50126, user: 'bob' });
  });
});

describe('a mixed chat', () => {
  it("reads an English question in a German chat with English's model", () => {
    expect(parseMessage('why did bob fail to sign in yesterday', ctx('de-DE'))).toMatchObject({ intent: 'diagnose', user: 'bob', since: YESTERDAY[0] });
    expect(parseMessage('is anyone locked out', ctx('ja-JP')).intent).toBe('lockouts');
  });
  it('reads the language\'s stop words, filters and kinds of policy: "stopp" ends alerts, "blockierte" is blocked only, "Gäste" guests', () => {
    expect(parseMessage('stopp die warnungen', ctx('de-DE')).intent).toBe('unsubscribe');
    expect(parseMessage('abonnieren', ctx('de-DE')).intent).toBe('subscribe');
    expect(parseMessage('blockierte anmeldungen gestern', ctx('de-DE'))).toMatchObject({ intent: 'failures', blockedOnly: true });
    expect(parseMessage('welche richtlinien gelten für gäste', ctx('de-DE'))).toMatchObject({ intent: 'policies-for', policyFilter: 'guests' });
  });
  it("asks, rather than acts, when a language's subscribe carries a stop word", () => {
    expect(parseMessage('keine benachrichtigungen über sperrungen mehr', ctx('de-DE')).intent).not.toBe('subscribe');
  });
});
