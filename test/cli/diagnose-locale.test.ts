import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * `--locale` (issue 21): the terminal's text in that language, the person's attempts and a
 * window's totals, causes and incidents alike; English is the pin tests' (diagnose-window-pin).
 */
const BIN = new URL('../../bin/signin-diag.mjs', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, 'diagnose', ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }).stdout;
/** The English frame of the text output: none of it may be left in another language. */
const ENGLISH = [
  'sign-in attempts for',
  'policy "',
  'correlation ',
  ', request ',
  'Failures by scenario and cause',
  'failures of several people',
  'Attempts, newest first',
  'since 2026',
  'failures, ',
  'would have',
  'was refused because',
];
const englishIn = (text: string) => ENGLISH.filter((e) => text.includes(e));

describe('signin-diag diagnose --locale', () => {
  it("one person's attempts in German and Japanese: the frame, the assessment, policies, findings, actions", () => {
    const de = run('--user', 'bob', '--locale', 'de');
    expect(de).toMatch(/^56 Anmeldeversuche für Bob Kelly \(bob\.kelly@contoso\.com\), 4 fehlgeschlagen, 19\.11\.2026, 01:00 UTC bis 21\.11\.2026, 01:00 UTC/);
    expect(de).toContain('Richtlinie „CA004: Finance apps require a compliant device“: wurde angewendet');
    expect(de).toContain('→ Helpdesk: ');
    expect(englishIn(de)).toEqual([]);
    const ja = run('--user', 'bob', '--locale', 'ja');
    expect(ja).toMatch(/^Bob Kelly \(bob\.kelly@contoso\.com\) のサインイン試行 56 件 \(失敗 4 件\)/);
    expect(englishIn(ja)).toEqual([]);
  });

  it('a window in French: totals, the table by cause and the incidents', () => {
    const fr = run('--since', '2026-11-19T00:00:00Z', '--until', '2026-11-20T00:00:00Z', '--locale', 'fr');
    expect(fr).toMatch(/^973 tentatives de connexion de 43 personnes, 67 en échec \(36 personnes\)/);
    expect(fr).toContain('Échecs par scénario et par cause :');
    expect(fr).toContain('Incidents (2) : échecs de plusieurs personnes ayant une même cause');
    expect(fr).toContain('Tentatives, les plus récentes d’abord :'.replace('’', "'"));
    expect(englishIn(fr)).toEqual([]);
  });
});
