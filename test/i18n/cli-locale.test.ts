import { describe, expect, it } from 'vitest';
import { explain } from '../../src/cli/explain.ts';
import { UsageError } from '../../src/cli/usage-error.ts';
import { CODE_CATALOGUES, t } from '../../src/i18n/translate.ts';

describe('the CLI --locale', () => {
  it('explains a code in the language: labels, category, who fixes it, meaning, remedy', async () => {
    const de = await explain(['53003', '--locale', 'de-DE']);
    expect(de.split('\n')).toEqual([
      'AADSTS53003 BlockedByConditionalAccess (Bedingter Zugriff; Wer es behebt: ein Administrator)',
      'Was es bedeutet: Eine Richtlinie für bedingten Zugriff hat die Tokenausstellung blockiert; prüfen Sie, welche Richtlinie gegriffen hat.',
      `Was zu tun ist: ${CODE_CATALOGUES.de[53003]!.remedy}`,
    ]);
    // No advice of its own: the category's, in the language.
    expect(await explain(['50005', '--locale', 'ja'])).toMatch(/^対処方法: どの条件付きアクセス ポリシーが適用され/m);
  });

  it('says an unknown code in the language', async () => {
    expect((await explain(['4242', '--locale', 'fr'])).split('\n')[1]).toBe(t('fr', 'explain.unknownMeaning', { code: '4242' }));
  });

  it('answers an unsupported language in English and says so; English is unchanged', async () => {
    const english = await explain(['53003']);
    expect(english.split('\n')[0]).toBe('AADSTS53003 BlockedByConditionalAccess (conditional-access; fixed by: admin)');
    expect(await explain(['53003', '--locale', 'it-IT'])).toBe(`I answer in English; Italian is not supported yet.\n${english}`);
  });

  it('refuses what is not a language tag', async () => {
    await expect(explain(['53003', '--locale', 'de DE'])).rejects.toBeInstanceOf(UsageError);
  });
});
