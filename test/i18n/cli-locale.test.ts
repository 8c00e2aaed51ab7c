import { describe, expect, it } from 'vitest';
import { explain } from '../../src/cli/explain.ts';
import { UsageError } from '../../src/cli/usage-error.ts';

describe('the CLI --locale', () => {
  it('explains a code in the language: labels, category, who fixes it, remedy', async () => {
    const de = await explain(['53003', '--locale', 'de-DE']);
    expect(de.split('\n')[0]).toBe('AADSTS53003 BlockedByConditionalAccess (Bedingter Zugriff; Wer es behebt: ein Administrator)');
    expect(de).toMatch(/^Was zu tun ist: Prüfen Sie, welche Richtlinie für bedingten Zugriff/m);
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
