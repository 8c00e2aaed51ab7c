import IntlMessageFormat from 'intl-messageformat';
import { beforeAll, describe, expect, it } from 'vitest';
import { catalogueEntries } from '../helpers/catalogue-entries.ts';
import { diagnosisCardData } from '../../src/cards/diagnosis-card.ts';
import { policyCheckCard, whatIfCard } from '../../src/cards/what-if-cards.ts';
import { escapeMarkdown } from '../../src/cards/markdown.ts';
import { checkPolicies } from '../../src/diagnosis/policy-check.ts';
import { whatIf } from '../../src/diagnosis/what-if.ts';
import type { EvalContext } from '../../src/diagnosis/ca-evaluator.ts';
import type { Diagnosis } from '../../src/diagnosis/types.ts';
import type { ConditionalAccessPolicy, NamedLocation } from '../../src/signins/directory.ts';
import { render, type Message } from '../../src/i18n/message.ts';
import { t, type MessageKey } from '../../src/i18n/translate.ts';
import { LOCALES, type Locale } from '../../src/i18n/locales.ts';
import { BOB, POLICIES, diagnoseStory } from '../helpers/scenario-fixtures.ts';

/**
 * Issue 21: the Conditional Access engine's sentences (what each policy did, why each condition
 * was met, what a what-if would do) reach a German or Japanese reader in their language, and
 * every one of its catalogue entries renders whole in all five.
 */

/** As a card shows a value: escaped for Teams' markdown, then written into the card's JSON. */
const asInCard = (text: string) => JSON.stringify(escapeMarkdown(text)).slice(1, -1);
const READERS = ['de', 'ja'] as const;

describe('a Conditional Access diagnosis read in German and Japanese', () => {
  const stories = { 'ca-blocked': undefined as Diagnosis | undefined, 'ca-mfa': undefined as Diagnosis | undefined };
  beforeAll(async () => {
    stories['ca-blocked'] = await diagnoseStory('ca-blocked');
    stories['ca-mfa'] = await diagnoseStory('ca-mfa');
  }, 60_000);

  for (const id of ['ca-blocked', 'ca-mfa'] as const)
    for (const locale of READERS)
      it(`${id}: the diagnosis card's Conditional Access lines in ${locale} say what the policy did and why it applied in ${locale}, not in English`, () => {
        const d = stories[id]!;
        const failed = d.policies.filter((p) => p.result === 'failure');
        expect(failed.length).toBe(1);
        const p = failed[0]!;
        const met = p.conditions.filter((c) => c.met === true);
        // The story's policy applied because of its users, its apps and where the sign-in came from.
        expect(met.map((c) => c.condition)).toEqual(['users', 'applications', 'locations']);
        // The card's policy lines (its assessment and actions are the scenarios' sentences, translated apart).
        const card = JSON.stringify(diagnosisCardData(d, undefined, 'UTC', { locale }).policies);
        const summary = render(locale, p.summaryMsg!);
        expect(summary).not.toBe(p.summary);
        expect(card).toContain(asInCard(summary));
        expect(card).not.toContain(asInCard(p.summary));
        for (const c of met) {
          const reason = render(locale, c.reasonMsg!);
          expect(reason).not.toBe(c.reason);
          // Not escaped here: the data is filled into the template, which escapes it (render.ts).
          expect(card).toContain(JSON.stringify(reason).slice(1, -1));
          expect(card).not.toContain(JSON.stringify(c.reason).slice(1, -1));
        }
      });

  it('the English parts are their messages rendered in English, word for word as before', () => {
    const blocked = stories['ca-blocked']!.policies.find((p) => p.result === 'failure')!;
    expect(blocked.summary).toBe('applied and blocked access');
    expect(blocked.conditions.map((c) => c.reason)).toEqual([
      'the policy includes all users',
      'the policy covers all resources',
      'the sign-in came from 200.147.35.14, BR, outside Allowed countries',
    ]);
    const mfa = stories['ca-mfa']!.policies.find((p) => p.result === 'failure')!;
    expect(mfa.summary).toBe('applied and required multifactor authentication, which this sign-in did not meet');
    expect(mfa.failedControl).toBe('The policy requires multifactor authentication, which was not completed in this attempt.');
    for (const d of Object.values(stories))
      for (const p of d!.policies) {
        expect(p.summary).toBe(render('en', p.summaryMsg!));
        for (const c of p.conditions) expect(c.reason).toBe(render('en', c.reasonMsg!));
      }
  });
});

describe('the what-if and policy-check cards read in German and Japanese', () => {
  const locations: NamedLocation[] = [
    { id: 'loc-hq', displayName: 'HQ', isTrusted: true, ipRanges: [{ cidrAddress: '203.0.113.0/24' }] },
    { id: POLICIES.block.conditions.locations.excludeLocations[0], displayName: 'Allowed countries', countriesAndRegions: ['US', 'DE'] },
  ] as NamedLocation[];
  const policies = [POLICIES.block, POLICIES.mfa] as unknown as ConditionalAccessPolicy[];
  const fromBrazil: EvalContext = {
    userId: BOB,
    isGuest: false,
    groupIds: new Set(['g-finance']),
    roleTemplateIds: new Set(),
    appIds: ['app-office'],
    clientAppType: 'browser',
    platform: 'windows',
    ip: '200.147.35.14',
    country: 'BR',
  };
  const fromHome: EvalContext = { ...fromBrazil, ip: '73.20.30.40', country: 'US' };

  for (const [name, ctx, outcome] of [
    ['blocked from Brazil', fromBrazil, 'blocked'],
    ['MFA at home', fromHome, 'requires'],
  ] as const)
    for (const locale of READERS)
      it(`${name}: the what-if card in ${locale} gives the outcome and the reasons in ${locale}`, () => {
        const r = whatIf(policies, ctx, {}, locations);
        expect(r.outcome).toBe(outcome);
        const card = JSON.stringify(whatIfCard('What if', r, [], undefined, locale));
        expect(card).toContain(asInCard(render(locale, r.summaryMsg!)));
        expect(card).not.toContain(asInCard(r.summary));
        const reasons = r.policies.filter((p) => p.applies).flatMap((p) => p.conditions.filter((c) => c.met === true));
        expect(reasons.length).toBeGreaterThan(0);
        for (const c of reasons) {
          expect(card).toContain(asInCard(render(locale, c.reasonMsg!)));
          expect(card).not.toContain(asInCard(c.reason));
        }
      });

  for (const locale of READERS)
    it(`a "select all" Block found by the policy check is said in ${locale}`, () => {
      const all = { ...POLICIES.block, conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] } } };
      const found = checkPolicies([all] as unknown as ConditionalAccessPolicy[], [], []);
      expect(found.findings.length).toBe(1);
      const f = found.findings[0]!;
      const card = JSON.stringify(policyCheckCard(found, '', locale));
      expect(card).toContain(asInCard(render(locale, f.textMsg!)));
      expect(card).not.toContain(asInCard(f.text));
      expect(f.text).toBe(
        'This applies to all users and all cloud apps, on all device platforms, with block access: it blocks the whole organisation. No emergency-access (break-glass) account is excluded.',
      );
    });
});

describe('the engine.policy, engine.condition and engine.whatIf entries', () => {
  const english = catalogueEntries('en');
  const ours = [...english.keys()].filter((k) => /^engine\.(policy|condition|whatIf)\./.test(k));

  /** Values for every placeholder of a message: a number for a plural, each option's name for a select, a name otherwise. */
  function valuesFor(source: string): Record<string, string | number>[] {
    const base: Record<string, string | number> = {};
    const selects: [string, string[]][] = [];
    type El = { type: number; value?: string; options?: Record<string, { value: El[] }> };
    const walk = (els: El[]) => {
      for (const e of els) {
        if (e.type === 6)
          base[e.value!] = 2; // plural
        else if (e.type === 5)
          selects.push([e.value!, Object.keys(e.options!)]); // select
        else if (e.type === 2)
          base[e.value!] = 3; // number
        else if (e.type === 1) base[e.value!] ??= `«${e.value}»`; // argument
        for (const o of Object.values(e.options ?? {})) walk(o.value);
      }
    };
    walk(new IntlMessageFormat(source, 'en').getAst() as unknown as El[]);
    let out = [base];
    for (const [name, options] of selects) out = out.flatMap((v) => options.map((o) => ({ ...v, [name]: o })));
    return out;
  }

  it('there are entries for the three namespaces', () => {
    for (const ns of ['policy', 'condition', 'whatIf']) expect(ours.some((k) => k.startsWith(`engine.${ns}.`))).toBe(true);
  });

  for (const locale of LOCALES)
    it(`${locale}: every entry renders whole, each placeholder filled, none left as {name}`, () => {
      const wrong: string[] = [];
      for (const key of ours)
        for (const values of valuesFor(english.get(key)!)) {
          const text = t(locale as Locale, key as MessageKey, values);
          if (!text.trim() || /\{[A-Za-z]+\}/.test(text)) wrong.push(`${key}: ${text}`);
          for (const [name, v] of Object.entries(values))
            if (typeof v === 'string' && v.startsWith('«') && !text.includes(v)) wrong.push(`${key}: lost {${name}}`);
        }
      expect(wrong).toEqual([]);
    });

  // Words the languages share with English: product names, separators, the log's own spellings.
  const SAME = new Set(['engine.policy.join.slash', 'engine.policy.join.comma', 'engine.condition.client.exchangeActiveSync', 'engine.whatIf.join.sentences']);
  for (const locale of LOCALES.filter((l) => l !== 'en'))
    it(`${locale}: every entry is written in ${locale}, not copied from English`, () => {
      const copied = ours.filter((k) => !SAME.has(k) && (catalogueEntries(locale).get(k) ?? '') === english.get(k));
      expect(copied).toEqual(SAME_PER_LOCALE[locale] ?? []);
    });
});

/** Entries a language writes exactly as English does, each for a reason. */
const SAME_PER_LOCALE: Partial<Record<Locale, string[]>> = {
  de: ['engine.whatIf.join.semicolon'],
  // The log's condition flag "client" is the French word too.
  fr: ['engine.condition.logName.client'],
  // Microsoft's Spanish quotes names with straight double quotes, as English does.
  es: ['engine.whatIf.quoted', 'engine.whatIf.join.semicolon'],
};

// A message whose English is nested (a phrase within a sentence) renders in the language of the whole.
describe('nested phrases', () => {
  it('a requirement joined by the policy operator is joined in the reader’s words', () => {
    const m: Message = {
      key: 'engine.policy.summary.failed',
      values: { req: { key: 'engine.policy.join.or', values: { a: { key: 'engine.policy.grant.mfa' }, b: { key: 'engine.policy.grant.compliantDevice' } } } },
    };
    expect(render('en', m)).toBe('applied and required multifactor authentication or a compliant device, which this sign-in did not meet');
    expect(render('de', m)).toContain('mehrstufige Authentifizierung oder ein konformes Gerät');
    expect(render('ja', m)).toContain('多要素認証または準拠デバイス');
  });
});
