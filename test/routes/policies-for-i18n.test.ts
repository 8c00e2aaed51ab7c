import { beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import type { Locale } from '../../src/i18n/locales.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import type { Card } from '../../src/cards/render.ts';
import { cardWords, englishLeft } from '../helpers/card-labels.ts';
import { validateCard } from '../helpers/validate-card.ts';

/**
 * Issue 21: "which policies apply to bob" answered in the asker's language: the card's title,
 * states, requirements, why each policy covers Bob or not and its "only when" conditions, and
 * the reply line. Names (policies, groups, roles, apps, locations) stay as the directory has them.
 */
let source: TenantFolderSource;
let ctx: AnswerContext;
beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
  ctx = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames(), allUsers: source.allUsers() };
});

const ask = (text: string, locale: Locale) => answerMessage(text, { ...ctx, locale });

/** Directory names: a policy's, a group's, a person's, a location's. */
const isName = (s: string) => /^(CA\d{3}|Bob Kelly|Allowed countries|Salesforce|Office 365|Microsoft Admin Portals)/.test(s);

describe('which policies apply to bob, in German and Japanese', () => {
  it('the same policies and verdicts, no English sentence left', async () => {
    const en = await ask('which policies apply to bob', 'en');
    const de = await ask('welche Richtlinien gelten für bob', 'de');
    const ja = await ask('bob に適用されるポリシーは', 'ja');
    for (const r of [de, ja]) {
      expect(r.command).toMatchObject({ intent: 'policies-for', userDisplayName: 'Bob Kelly' });
      expect(validateCard(r.card!)).toEqual([]);
      expect(englishLeft(en.card as Card, r.card as Card, isName)).toEqual([]);
    }
    expect(de.text).toMatch(/^7 von 12 Richtlinien für bedingten Zugriff gelten für Bob Kelly: CA002: Require MFA outside trusted locations \(Ein\); /);
    expect(de.text).toContain('Deaktiviert, würden gelten: CA010: Block Exchange ActiveSync (retired) (Aus).');
    const words = cardWords(de.card);
    expect(words).toContain('Richtlinien für bedingten Zugriff für Bob Kelly');
    expect(words).toContain('Erfordert ein konformes Gerät.');
    expect(words).toContain('Bob Kelly: eingeschlossen: Gruppe Finance');
    expect(words).toContain(
      'Nur bei Anmeldung bei Salesforce oder Contoso Expenses; wenn der Client ein Browser oder eine mobile App oder ein Desktopclient ist.',
    );
    expect(words).toContain(
      'Bob Kelly: nicht eingeschlossen (Rolle Global Administrator, Rolle Helpdesk Administrator, außer Gruppe CA Exclusion - Break Glass)',
    );
    expect(words).toContain('Nur wenn das Anmelderisiko hoch ist.');
    expect(ja.text).toMatch(/^12 件の条件付きアクセス ポリシーのうち 7 件が Bob Kelly に適用されます: /);
    expect(cardWords(ja.card)).toContain('Bob Kelly: 対象: グループ Finance');
  });

  it('a filter ("report-only") names its kind and its empty line in the language', async () => {
    const de = await ask('welche richtlinien sind nur im berichtsmodus', 'de');
    expect(de.command).toMatchObject({ intent: 'policies-for', policyFilter: 'report-only' });
    expect(de.text).toBe(
      '2 Richtlinien für bedingten Zugriff im Modus „Nur Bericht“: CA008: Require compliant or hybrid joined device (report-only); CA011: Block all apps for all users (pilot, report-only).',
    );
  });

  it('a source without the policies says so in the language', async () => {
    const blind = Object.create(source, { listPolicies: { value: async () => undefined } }) as TenantFolderSource;
    const r = await answerMessage('welche Richtlinien gelten für bob', { ...ctx, source: blind, locale: 'de' });
    expect(r.text).toBe('Ich kann die Richtlinien für bedingten Zugriff nicht lesen.');
    expect(cardWords(r.card).join('\n')).toContain('Policy.Read.All');
  });
});
