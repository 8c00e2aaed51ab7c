import IntlMessageFormat from 'intl-messageformat';
import { describe, expect, it } from 'vitest';
import { catalogueEntries } from '../helpers/catalogue-entries.ts';
import { t, type MessageKey } from '../../src/i18n/translate.ts';
import { LOCALES } from '../../src/i18n/locales.ts';
import { isMessage, render, wordsOf, type Message, type MessageValue } from '../../src/i18n/message.ts';
import { diagnosisCardData } from '../../src/cards/diagnosis-card.ts';
import { lockoutAlertCard } from '../../src/cards/lockout-alert-card.ts';
import { badPassword, code, diagnoseCase, row } from '../helpers/scenario-fixtures.ts';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { SAMPLE_TENANT } from '../../src/sources.ts';
import { listAttempts } from '../../src/query/list-attempts.ts';
import { pickAttempt } from '../../src/query/diagnose-attempts.ts';

/**
 * Issue 21, the engine's own sentences (engine.*): every one renders in the five languages with
 * its placeholders filled, and a lockout diagnosis (its sources, a saved-old-password verdict,
 * what changed since the last success) reaches a German or Japanese card with none of the
 * engine's English left in it.
 */

const ENGINE = [...catalogueEntries('en', 'engine')];

interface Element {
  type: number;
  value?: string;
  options?: Record<string, { value: Element[] }>;
}
// intl-messageformat's element types: 0 literal, 1 argument, 2 number, 5 select, 6 plural.
const LITERAL = 0;
const NUMBER = 2;
const SELECT = 5;
const PLURAL = 6;

/** A value for each placeholder of a message: numbers for plurals and numbers, a branch the select names, text for the rest. */
function sampleValues(message: string): Record<string, string | number> {
  const values: Record<string, string | number> = {};
  const walk = (elements: Element[]) => {
    for (const e of elements) {
      if (e.type === PLURAL || e.type === NUMBER) values[e.value!] = 2;
      else if (e.type === SELECT) values[e.value!] = Object.keys(e.options!).find((o) => o !== 'other') ?? 'x';
      else if (e.type !== LITERAL && e.value && !(e.value in values)) values[e.value] = `«${e.value}»`;
      for (const o of Object.values(e.options ?? {})) walk(o.value);
    }
  };
  walk(new IntlMessageFormat(message, 'en', undefined, { ignoreTag: true }).getAst() as unknown as Element[]);
  return values;
}

/** The words of an English message: its literal runs long enough to be a phrase (not ", " or " → "). */
function englishPhrases(key: string): string[] {
  const out: string[] = [];
  const walk = (elements: Element[]) => {
    for (const e of elements) {
      if (e.type === LITERAL && e.value && e.value.trim().length >= 12) out.push(e.value.trim());
      for (const o of Object.values(e.options ?? {})) walk(o.value);
    }
  };
  walk(new IntlMessageFormat(findEnglish(key) ?? '', 'en', undefined, { ignoreTag: true }).getAst() as unknown as Element[]);
  return out;
}
const findEnglish = (key: string) => ENGINE.find(([k]) => k === key)?.[1];

/** Every catalogue key a message uses, its phrases' included. */
function keysOf(m: Message, out = new Set<string>()): Set<string> {
  out.add(m.key);
  const visit = (v: MessageValue) => {
    if (isMessage(v)) keysOf(v, out);
    else if (typeof v === 'object' && 'list' in v) v.list.forEach(visit);
  };
  Object.values(m.values ?? {}).forEach(visit);
  return out;
}

// Structural pieces that are the same in some languages: punctuation around values, no words.
const NO_WORDS = /^[\s{}a-zA-Z,;/()→:«»„“「」"、.]*$/;

describe("the engine's sentences in the catalogues", () => {
  it('has sentences for findings, gaps, support, other failures and remediation', () => {
    const spaces = new Set(ENGINE.map(([k]) => k.split('.')[1]));
    // Other parts of the engine (scenarios, policies, what-if) have namespaces of their own beside these.
    expect([...spaces]).toEqual(expect.arrayContaining(['finding', 'gap', 'other', 'remediation', 'support']));
    expect(ENGINE.length).toBeGreaterThan(100);
  });

  for (const locale of LOCALES) {
    it(`${locale}: every engine sentence renders with its placeholders filled, none left as {name}`, () => {
      const wrong: string[] = [];
      for (const [key, en] of ENGINE) {
        const values = sampleValues(en);
        const text = t(locale, key as MessageKey, values);
        if (!text.trim() || text === key) wrong.push(`${key}: nothing rendered`);
        if (/\{[\w\s,:]+\}/.test(text)) wrong.push(`${key}: left a placeholder: ${text}`);
        for (const [name, v] of Object.entries(values))
          if (typeof v === 'string' && v.startsWith('«') && !text.includes(v)) wrong.push(`${key}: lost {${name}}`);
      }
      expect(wrong).toEqual([]);
    });
  }

  it('de and ja say every sentence in their own words (only the punctuation between values may be the same as English)', () => {
    for (const locale of ['de', 'ja'] as const) {
      const mine = catalogueEntries(locale, 'engine');
      const same = ENGINE.filter(([k, en]) => mine.get(k) === en && !NO_WORDS.test(en.replace(/\{[^{}]*\}/g, ''))).map(([k]) => k);
      expect(same, locale).toEqual([]);
    }
  });
});

describe('a lockout diagnosis on a card in German and Japanese', () => {
  // Bob's phone replays his old password (changed 2026-11-19 08:00) over Exchange ActiveSync until smart lockout stops it;
  // he signed in from his laptop at HQ before, which is what "what changed" compares with.
  const phone = { ...badPassword, clientAppUsed: 'Exchange ActiveSync', ipAddress: '172.58.12.201', deviceDetail: { operatingSystem: 'iOS 17.6' } };
  const rows = () => [
    row({ ...code(0), correlationId: 'c-ok', createdDateTime: '2026-11-20T05:00:00Z' }),
    ...[0, 1, 2, 3].map((i) => row({ ...code(50126), ...phone, correlationId: `c-stale-${i}`, createdDateTime: `2026-11-20T0${6 + i}:00:00Z` })),
    row({
      ...code(50053, 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.'),
      ...phone,
      createdDateTime: '2026-11-20T09:30:00Z',
    }),
  ];

  it('the findings, the gaps and the support reason are in the reader’s language, with no English sentence of the engine left', async () => {
    const d = await diagnoseCase(rows());
    expect(d.scenario).toBe('account-locked');
    const kinds = d.findings.map((f) => f.kind);
    expect(kinds).toEqual(expect.arrayContaining(['lockout-kind', 'lockout-sources', 'password-verdict', 'what-changed']));
    expect(d.findings.find((f) => f.kind === 'password-verdict')!.data).toEqual({ verdict: 'stale-password' });
    // The English is the catalogue's: the text of each part is its message rendered in English.
    for (const part of [...d.findings, ...d.gaps]) expect(part.text).toBe(render('en', part.msg!));
    expect(d.support.reason).toBe(render('en', d.support.reasonMsg!));

    const keys = new Set<string>();
    for (const part of [...d.findings, ...d.gaps]) keysOf(part.msg!, keys);
    keysOf(d.support.reasonMsg!, keys);
    const phrases = [...keys].filter((k) => k.startsWith('engine.')).flatMap(englishPhrases);
    expect(phrases.length).toBeGreaterThan(10);
    for (const locale of ['de', 'ja'] as const) {
      // The card without its assessment: that sentence is the scenario's (it quotes the lockout kind and the verdict), translated there.
      // The lines to paste into Microsoft's support form stay English on purpose (support reads them).
      const { assessment: _, support, ...card } = diagnosisCardData(d, undefined, 'UTC', { locale });
      const shown = JSON.stringify({ ...card, support: { ...support, paste: [] } });
      const findings = d.findings.map((f) => wordsOf(locale, f)).join('\n');
      for (const words of [shown, findings])
        expect(
          phrases.filter((p) => words.includes(JSON.stringify(p).slice(1, -1))),
          locale,
        ).toEqual([]);
      // And what is there is theirs: smart lockout, the stale-password verdict, the comparison, in Entra's words.
      if (locale === 'de') {
        expect(findings).toContain('Intelligente Sperre: 1 falsches Kennwort in der Stunde vor der Sperre');
        expect(findings).toContain('Sieht nach einem gespeicherten alten Kennwort aus');
        expect(shown).toContain('Ereignisse mit falschem Kennwort oder Sperre in den 48 Stunden bis');
        expect(shown).toContain('Seit der letzten erfolgreichen Anmeldung');
        expect(shown).toContain('Nicht nötig: die Ursache liegt im Mandanten oder beim Benutzer');
      } else {
        expect(findings).toContain('スマート ロックアウト: ロックアウト前の 1 時間にパスワード誤りが 1 回');
        expect(findings).toContain('保存された古いパスワードと思われます');
        expect(shown).toContain('パスワード誤りまたはロックアウトのイベントが');
        expect(shown).toContain('最後に成功したサインイン');
        expect(shown).toContain('不要: 原因はテナントまたはユーザー側にあり');
      }
    }
  });

  it('the lockout alert says the lockout kind and the verdict in the channel’s language', async () => {
    const d = await diagnoseCase(rows());
    const episode = { key: 'k', kind: 'person' as const, userIds: [d.user.id], first: d.time, last: d.time, lockouts: 1, ended: false };
    const de = JSON.stringify(lockoutAlertCard(episode, d, { [d.user.id]: 'Bob Kelly' }, 'UTC', 'de'));
    expect(de).toContain('Intelligente Sperre:');
    expect(de).toContain('Sieht nach einem gespeicherten alten Kennwort aus');
    expect(de).not.toContain('Smart lockout:');
    expect(de).not.toContain('Looks like a saved old password');
    const en = JSON.stringify(lockoutAlertCard(episode, d, { [d.user.id]: 'Bob Kelly' }, 'UTC', 'en'));
    expect(en).toContain('Smart lockout:');
  });
});

describe('the other failures on a "why did alice fail" card', () => {
  it('says each group in the reader’s language: the cause, where from, why it is put there', async () => {
    const source = new TenantFolderSource(SAMPLE_TENANT);
    const now = source.asOf()!;
    const listing = await listAttempts(source, { user: 'alice.nguyen@contoso.com', since: '2026-11-18T08:00:00Z', until: '2026-11-19T08:00:00Z', now });
    const choice = await pickAttempt(source, listing, now);
    const spray = choice.groups.find((g) => g.origin === 'attack')!;
    expect(spray.text).toBe(render('en', spray.msg));
    expect(spray.text).toMatch(/^1 × wrong password from .* \(an attack on the account, not them: 185\.220\.101\.47 failed for \d+ different accounts\)/);
    const de = render('de', spray.msg);
    expect(de).toMatch(
      /^1 × falsches Kennwort von .* \(ein Angriff auf das Konto, nicht der Benutzer: von 185\.220\.101\.47 schlug die Anmeldung für \d+ verschiedene Konten fehl\)/,
    );
    const ja = render('ja', spray.msg);
    expect(ja).toContain('パスワードの誤り × 1 (本人ではなくアカウントへの攻撃: 185.220.101.47 から');
  });
});
