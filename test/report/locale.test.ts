import { beforeAll, describe, expect, it } from 'vitest';
import type { Locale } from '../../src/i18n/locales.ts';
import type { ReportModel } from '../../src/report/model.ts';
import { reportPage } from '../../src/report/page.ts';
import { readReport } from '../../src/report/read.ts';
import { openSource } from '../../src/sources.ts';

/**
 * Issue 21: the report page in the reader's language. The sample tenant's week (every section
 * has something to show) rendered in English, German and Japanese: every piece of text the
 * English page shows (headings, sentences, table headers and cells, chart titles, captions,
 * axis titles, legend labels, the causes) is gone from the other two, except what comes from the
 * log as it is (names, sign-in names, apps, clients, policies, event ids) and numbers and codes.
 */
let model: ReportModel;
const pages = new Map<Locale, string>();

beforeAll(async () => {
  const source = openSource(undefined);
  const now = source.asOf()!;
  ({ model } = await readReport(source, { since: '2026-11-14T01:00:00Z', until: now, now, timeZone: 'UTC' }));
  for (const l of ['en', 'de', 'ja'] as const) pages.set(l, await reportPage(model, now, l));
}, 180_000);

const ENTITIES: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };
/** The page's text as a reader sees it, one piece per text node (the SVG's <text> included), trimmed of whitespace and of a closing full stop ("Top causes." and "Top causes。" are one label). */
function texts(html: string): string[] {
  const body = html.replace(/<style>[\s\S]*?<\/style>/, '');
  return [...body.matchAll(/>([^<>]+)</g)]
    .map((m) =>
      m[1]!
        .replace(/&[a-z#0-9]+;/g, (e) => ENTITIES[e] ?? e)
        .trim()
        .replace(/[.。]$/, ''),
    )
    .filter((s) => s.length > 0);
}

/** What the log says as it is: shown the same in every language. */
function fromTheLog(m: ReportModel): string[] {
  return [
    ...m.people.flatMap((p) => [p.name, p.upn, `${p.name} (${p.upn})`]),
    ...m.apps.map((a) => a.app),
    ...m.legacy.byClient.map((c) => c.client),
    ...m.reportOnly.flatMap((r) => [r.policy, r.named.join(', '), r.eventIds.join(', ')]),
  ];
}

/** Words German spells as English does (report.page.column.person/app/client, report.chart.axis.*): the same word, not one left over. */
const SAME_WORD: Partial<Record<Locale, string[]>> = { de: ['Person', 'App', 'Client'] };
/** The command that writes the page, a name in any language. */
const COMMAND = 'signin-diag report';

/** Numbers, dates, times, AADSTS code lists, punctuation: no words to translate. */
const wordless = (s: string) => !/\p{L}{2,}/u.test(s.replace(/\b(UTC|AADSTS)\b/g, ''));

/** The English page's pieces of text that are words of ours (not the log's, not numbers). */
function englishWords(): string[] {
  const log = fromTheLog(model);
  // A chart cuts a long name on its axis ("Irvin Sayers (irvin.sayers@con…"): still the log's.
  const isLog = (s: string) => log.some((v) => v === s || (s.endsWith('…') && v.startsWith(s.slice(0, -1))));
  return [...new Set(texts(pages.get('en')!))].filter((s) => !wordless(s) && !isLog(s));
}

describe('the report page in the reader’s language', () => {
  it('checks a page full of English words: headings, headers, causes, chart labels', () => {
    const en = englishWords();
    expect(en.length).toBeGreaterThan(80);
    for (const label of [
      'Top causes',
      'Failed attempts',
      'Sign-in name',
      'Would have',
      'Got through',
      'Single factor',
      'Other causes',
      'Wrong user name or password',
    ])
      expect(en, label).toContain(label);
    expect(pages.get('en')).toContain('<html lang="en">');
  });

  for (const locale of ['de', 'ja'] as const)
    it(`${locale}: no English heading, sentence, label or cause is left; <html lang="${locale}">`, () => {
      const html = pages.get(locale)!;
      expect(html).toContain(`<html lang="${locale}">`);
      const shown = new Set(texts(html));
      const same = [COMMAND, ...(SAME_WORD[locale] ?? [])];
      expect(englishWords().filter((s) => shown.has(s) && !same.includes(s))).toEqual([]);
      // The log's words are there as they are, and the page has as many charts.
      expect(html).toContain('CA011: Block all apps for all users (pilot, report-only)');
      expect(html.match(/<svg/g)?.length).toBe(pages.get('en')!.match(/<svg/g)?.length);
    });

  it('writes numbers, percentages and times as the language writes them', () => {
    const [en, de, ja] = (['en', 'de', 'ja'] as const).map((l) => pages.get(l)!);
    expect(en).toContain('<b>4887</b>sign-in attempts');
    expect(de).toContain('<b>4.887</b>Anmeldeversuche');
    expect(ja).toContain('<b>4,887</b>件のサインインの試行');
    expect(en).toContain('failed (3%)');
    expect(de).toContain('fehlgeschlagen (3\u00a0%)');
    expect(de).toContain('Anmeldungen vom 14.11.2026, 01:00 UTC bis 21.11.2026, 01:00 UTC');
    expect(ja).toContain('2026/11/14 01:00 UTC から 2026/11/21 01:00 UTC までのサインイン');
  });

  it('says a cause, a legend and a report-only requirement in the language, and the incidents from their messages', () => {
    const de = pages.get('de')!;
    expect(de).toContain('<td>Falscher Benutzername oder falsches Kennwort</td>');
    expect(de).toMatch(/<text[^>]*>Andere Ursachen<\/text>/);
    expect(de).toMatch(/<text[^>]*>Mehrstufig<\/text>/);
    expect(de).toContain('<td>ein konformes Gerät oder ein in Microsoft Entra Hybrid eingebundenes Gerät verlangt</td>');
    expect(de).toContain('Behebung (Administrator): ');
    expect(de).toContain('32 Konten, 32 Fehlschläge');
    expect(pages.get('ja')!).toContain('対処 (管理者): ');
  });

  it('has a screen reader say the bars, axes and legends in the language, not by the field names', () => {
    const en = pages.get('en')!;
    const de = pages.get('de')!;
    // English keeps Vega's own labels (field names and its English phrases), as it always had.
    expect(en).toMatch(/aria-label="[^"]*\bbucket: /);
    expect(en).toContain('X-axis');
    const labels = (html: string) => [...html.matchAll(/aria-label="([^"]*)"/g)].map((m) => m[1]!);
    for (const l of labels(de)) expect(l).not.toMatch(/\b(bucket|kind|signIns|failures|attempts|outcome|label|Sum of)\b|X-axis|Y-axis|Symbol legend/);
    expect(labels(de)).toContain('Ursache: Konto gesperrt; Fehlgeschlagene Versuche: 4');
    expect(labels(pages.get('ja')!)).toContain('原因: アカウントがロックアウトされています; 失敗した試行: 4');
  });
});
