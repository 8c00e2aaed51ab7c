import { describe, expect, it } from 'vitest';
import { languageNamedIn, resolveLocale } from '../../src/i18n/locales.ts';
import { t } from '../../src/i18n/translate.ts';

describe('resolveLocale', () => {
  it('takes the language of a Teams locale', () => {
    expect(resolveLocale('de-AT')).toEqual({ locale: 'de' });
    expect(resolveLocale('fr-CA')).toEqual({ locale: 'fr' });
    expect(resolveLocale('es_MX')).toEqual({ locale: 'es' });
    expect(resolveLocale('ja-JP')).toEqual({ locale: 'ja' });
    expect(resolveLocale('EN-gb')).toEqual({ locale: 'en' });
  });

  it('answers an unsupported language in English and names it, so the reply can say so', () => {
    expect(resolveLocale('it-IT')).toEqual({ locale: 'en', unsupported: 'Italian' });
    expect(resolveLocale('pt-BR')).toEqual({ locale: 'en', unsupported: 'Portuguese' });
  });

  it('is English without a remark when there is no locale or it is not a language', () => {
    expect(resolveLocale(undefined)).toEqual({ locale: 'en' });
    expect(resolveLocale('')).toEqual({ locale: 'en' });
    expect(resolveLocale('12-34')).toEqual({ locale: 'en' });
  });
});

describe('languageNamedIn', () => {
  it('reads the language a channel asks for its alerts in', () => {
    expect(languageNamedIn('notify this channel about lockouts in German')).toBe('de');
    expect(languageNamedIn('benachrichtige diesen Kanal auf Deutsch')).toBe('de');
    expect(languageNamedIn('alertes en français')).toBe('fr');
    expect(languageNamedIn('avisos en español')).toBe('es');
    expect(languageNamedIn('日本語で通知して')).toBe('ja');
    expect(languageNamedIn('notify this channel about lockouts')).toBeUndefined();
  });
});

describe('t', () => {
  it('fills placeholders and chooses the plural form of the locale', () => {
    expect(t('en', 'diagnosis.otherPolicies', { count: 1 })).toBe('1 other policy did not apply or are turned off.');
    expect(t('en', 'diagnosis.otherPolicies', { count: 3 })).toBe('3 other policies did not apply or are turned off.');
    expect(t('de', 'diagnosis.otherPolicies', { count: 1 })).toBe('1 weitere Richtlinie wurde nicht angewendet oder ist deaktiviert.');
    expect(t('de', 'diagnosis.otherPolicies', { count: 2 })).toBe('2 weitere Richtlinien wurden nicht angewendet oder sind deaktiviert.');
    expect(t('ja', 'diagnosis.failed', { code: '53003' })).toBe('失敗、エラー 53003');
  });

  it('leaves an error code as it is (no digit grouping) when it is passed as text', () => {
    expect(t('de', 'diagnosis.failed', { code: '500121' })).toBe('Fehlgeschlagen, Fehler 500121');
  });

  it('does not escape values for HTML: cards escape for markdown themselves', () => {
    expect(t('en', 'diagnosis.appliedBecause', { reasons: 'a <b> & "c"' })).toBe('Applied because a <b> & "c".');
  });
});

describe('the glossary', () => {
  it('gives every term in every language, and the catalogues use its words for the terms the cards show most', async () => {
    const { default: glossary } = await import('../../src/i18n/glossary.json', { with: { type: 'json' } });
    const { CATALOGUES } = await import('../../src/i18n/translate.ts');
    for (const [term, words] of Object.entries(glossary.terms)) expect(Object.keys(words).sort(), term).toEqual(['de', 'es', 'fr', 'ja']);
    const terms = glossary.terms as Record<string, Record<'de' | 'fr' | 'es' | 'ja', string>>;
    for (const locale of ['de', 'fr', 'es', 'ja'] as const) {
      const labels = CATALOGUES[locale].diagnosis.label;
      expect(labels.conditionalAccess.toLowerCase()).toBe(terms['Conditional Access']![locale].toLowerCase());
      expect(labels.correlationId).toBe(terms['correlation ID']![locale]);
      expect(labels.requestId).toBe(terms['request ID']![locale]);
      expect(CATALOGUES[locale].diagnosis.signInLogs.toLowerCase()).toBe(terms['sign-in logs']![locale].toLowerCase());
    }
  });
});
