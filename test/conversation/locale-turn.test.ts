import { resolveLocale, type Locale } from '../../src/i18n/locales.ts';
import { t } from '../../src/i18n/translate.ts';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';

/**
 * The asker's locale reaches the parser through the answer context (the bot fills it from
 * Teams' activity.locale): a German, French, Spanish or Japanese question on the sample
 * tenant is read as the same command as its English twin.
 */
let source: TenantFolderSource;
let base: AnswerContext;

beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
  base = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames(), allUsers: source.allUsers() };
});

describe('a whole turn in another language', () => {
  it.each([
    ['de-DE', 'warum konnte bob sich gestern nicht anmelden'],
    ['fr-FR', "pourquoi bob n'a pas pu se connecter hier"],
    ['es-ES', 'por qué bob no pudo iniciar sesión ayer'],
    ['ja-JP', 'bobが昨日サインインできなかった理由'],
  ])('%s: "%s" is bob\'s diagnosis for yesterday, as in English', async (locale, text) => {
    const english = await answerMessage('why did bob fail to sign in yesterday', base);
    // As the bot does: Teams' activity.locale resolved to one of the five languages.
    const lang = resolveLocale(locale).locale;
    const r = await answerMessage(text, { ...base, locale: lang });
    expect(r.command).toMatchObject({ intent: 'diagnose', userDisplayName: 'Bob Kelly', since: english.command!.since, until: english.command!.until });
  });

  it.each([
    ['de-DE', 'warum konnte bob sich nicht anmelden'],
    ['fr-FR', "pourquoi bob n'arrive pas à se connecter"],
    ['es-ES', 'por qué bob no puede iniciar sesión'],
    ['ja-JP', 'bobがサインインできない理由'],
  ])('%s: "%s" gets the diagnosis card in that language', async (locale, text) => {
    const lang = resolveLocale(locale).locale;
    expect(lang).not.toBe('en');
    const r = await answerMessage(text, { ...base, locale: lang });
    expect(r.command).toMatchObject({ intent: 'diagnose', userDisplayName: 'Bob Kelly' });
    // Its "what to do" heading is the catalogue's for that language, not English's.
    const card = JSON.stringify(r.card);
    expect(card).toContain(JSON.stringify(t(lang, 'diagnosis.label.todo')).slice(1, -1));
    expect(card).not.toContain(JSON.stringify(t('en', 'diagnosis.label.todo')).slice(1, -1));
  });

  it('reads the same words without the locale as no German at all (the locale chooses, nothing guesses)', async () => {
    const r = await answerMessage('warum konnte bob sich gestern nicht anmelden', base);
    expect(r.command?.since).toBeUndefined();
  });

  it('takes a locale that is no string as English', async () => {
    const r = await answerMessage('why did bob fail to sign in yesterday', { ...base, locale: 42 as unknown as Locale });
    expect(r.command).toMatchObject({ intent: 'diagnose', userDisplayName: 'Bob Kelly' });
  });
});
