import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { render, msg, regionOf } from '../../src/i18n/message.ts';
import { regionWithArticle } from '../../src/i18n/regions.ts';
import { cardWords } from '../helpers/card-labels.ts';
import { validateCard } from '../helpers/validate-card.ts';

/**
 * Issue 21: a what-if names the country in the asker's language, in the fix words the diagnosis
 * offers and in the change it read ("depuis l’Allemagne"), as a value rendered per language,
 * never an English name inside a French sentence. What the button sends stays English.
 */
let ctx: AnswerContext;
beforeAll(() => {
  const source = openSource(undefined) as TenantFolderSource;
  ctx = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames(), allUsers: source.allUsers(), locale: 'fr' };
});
const whatIfData = (r: Reply) => {
  const m = /"verb":"whatIf","data":(\{[^}]*\})/.exec(JSON.stringify(r.card));
  return m ? (JSON.parse(m[1]!) as { correlationId: string; change: string }) : undefined;
};

describe('what-if in French names the country in French', () => {
  it('"et si alice se connectait depuis l’Allemagne": the title, the starting line and the From fact', async () => {
    const r = await answerMessage("et si alice se connectait depuis l'Allemagne", ctx);
    expect(r.command?.intent).toBe('what-if');
    expect(validateCard(r.card!)).toEqual([]);
    const words = cardWords(r.card);
    expect(words[0]).toBe('Et si Alice Nguyen se connectait à Office 365 Exchange Online (depuis l’Allemagne) ?');
    expect(words.some((w) => /, Allemagne$/.test(w))).toBe(true);
    expect(r.text).toMatch(/^Autorisé : /);
    expect(r.text).toContain('avec : depuis l’Allemagne.');
    expect(JSON.stringify(r.card)).not.toMatch(/Germany|Allowed:/);
  });

  it('"What if fixed?" on Alice’s country block: the fix words in French, the button still sends English', async () => {
    const card = await answerMessage("pourquoi alice n'a pas pu se connecter mercredi", ctx);
    const data = whatIfData(card)!;
    expect(data.change).toBe('from the United States');
    const r = await answerAction('whatIf', data, ctx);
    expect(validateCard(r.card!)).toEqual([]);
    expect(cardWords(r.card)[0]).toBe('Et si Alice Nguyen réessayait depuis les États-Unis ?');
    expect(r.text).toMatch(/^La connexion passerait\. Autorisé : /);
    expect(JSON.stringify(r.card)).not.toContain('United States');
  });

  it('a country as a value: each language its name and, after "from", its article', () => {
    const from = (code: string) => msg('engine.whatIf.fix.country', { country: regionOf(code, true) });
    expect(render('en', from('US'))).toBe('from the United States');
    expect(render('en', from('DE'))).toBe('from Germany');
    expect(render('fr', from('DE'))).toBe('depuis l’Allemagne');
    expect(render('fr', from('CA'))).toBe('depuis le Canada');
    expect(render('fr', from('FR'))).toBe('depuis la France');
    expect(render('fr', from('GB'))).toBe('depuis le Royaume-Uni');
    expect(render('fr', from('MX'))).toBe('depuis le Mexique');
    expect(render('fr', from('SG'))).toBe('depuis Singapour');
    expect(render('de', from('CH'))).toBe('aus der Schweiz');
    expect(render('de', from('US'))).toBe('aus den Vereinigten Staaten');
    expect(render('de', from('DE'))).toBe('aus Deutschland');
    expect(render('es', from('DE'))).toBe('desde Alemania');
    expect(render('ja', from('DE'))).toBe('ドイツから');
    expect(regionWithArticle('fr', 'NL')).toBe('les Pays-Bas');
  });
});
