import { beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import type { Card } from '../../src/cards/render.ts';
import { cardWords, englishLeft } from '../helpers/card-labels.ts';
import { validateCard } from '../helpers/validate-card.ts';

/** Issue 21: "check my policies" in the asker's language: the card's title, labels, counts, link and the reply line. */
let source: TenantFolderSource;
let ctx: AnswerContext;
beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
  ctx = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames(), allUsers: source.allUsers() };
});
const ask = (text: string, locale: Locale, more: Partial<AnswerContext> = {}) => answerMessage(text, { ...ctx, locale, ...more });
const isName = (s: string) => /^CA\d{3}:/.test(s);

describe('the policy check in Japanese and German', () => {
  it('the same findings; no English label or sentence left; the reply line in the language', async () => {
    const en = await ask('check my conditional access policies', 'en');
    const ja = await ask('条件付きアクセスポリシーを確認して', 'ja');
    const de = await ask('prüfe die Richtlinien für bedingten Zugriff', 'de');
    expect(en.command?.intent).toBe('check-policies');
    expect(en.text).toMatch(/^2 Conditional Access policies to look at: CA011: .*; CA008: /);
    for (const r of [ja, de]) {
      expect(r.command?.intent).toBe('check-policies');
      expect(validateCard(r.card!)).toEqual([]);
      expect(englishLeft(en.card as Card, r.card as Card, isName)).toEqual([]);
    }
    expect(ja.text).toMatch(/^確認すべき条件付きアクセス ポリシー 2 件: CA011: .*、CA008: .*。$/);
    const words = cardWords(ja.card);
    expect(words).toContain('条件付きアクセスのチェック: 確認すべきポリシー 2 件');
    expect(words.some((w) => w.startsWith('最近のサインイン 4,879 件がこのポリシーで失敗したか'))).toBe(true);
    expect(words).toContain('ポリシーを開く');
    expect(de.text).toMatch(/^2 Richtlinien für bedingten Zugriff ansehen: /);
  });

  it('a source without the policies says so in the language', async () => {
    const blind = Object.create(source, { listPolicies: { value: async () => undefined } }) as TenantFolderSource;
    const r = await ask('条件付きアクセスポリシーを確認して', 'ja', { source: blind });
    expect(r.text).toBe('条件付きアクセス ポリシーを読み取れませんでした。');
    expect(cardWords(r.card)).toContain('条件付きアクセス ポリシーを読み取れません');
  });
});
