import { describe, expect, it } from 'vitest';
import { whatIfCard } from '../../src/cards/what-if-cards.ts';
import type { WhatIfResult } from '../../src/diagnosis/what-if.ts';
import { LOCALES } from '../../src/i18n/locales.ts';
import { t } from '../../src/i18n/translate.ts';

/**
 * The what-if card says a grant control in the engine's one vocabulary (words.ts, keys
 * engine.policy.grant.*), joined by the engine's joins: the words a diagnosis card uses for
 * the same policy, in every language, and English as it always read.
 */
const policy = (name: string, grants: string[], unmet: string[], operator: string | null) =>
  ({ displayName: name, applies: true, state: 'enabled', grants, unmet, operator, conditions: [] }) as unknown as WhatIfResult['policies'][number];
const result = {
  outcome: 'requires',
  summary: 'x',
  policies: [
    policy('Either', ['mfa', 'compliantDevice', 'authenticationStrength'], ['mfa', 'compliantDevice', 'authenticationStrength'], 'OR'),
    policy('Both', ['domainJoinedDevice', 'termsOfUse'], [], 'AND'),
  ],
} as unknown as WhatIfResult;
const lines = (locale: (typeof LOCALES)[number]) => {
  const text = JSON.stringify(whatIfCard('What if', result, [], undefined, locale));
  return [...text.matchAll(/\*\*(?:Either|Both)\*\* — ([^"]*)/g)].map((m) => m[1]);
};

describe("the what-if card's grant controls", () => {
  it('English reads as before', () => {
    expect(lines('en')).toEqual([
      'applies and requires multifactor authentication or a compliant device or an authentication strength, not met',
      'applies and requires a hybrid joined device, accepting the terms of use, met',
    ]);
  });

  it.each(LOCALES.filter((l) => l !== 'en'))('%s: each control in the engine’s words, joined by the engine’s or and comma', (locale) => {
    const w = (g: string) => t(locale, `engine.policy.grant.${g}` as Parameters<typeof t>[1]);
    const [either, both] = lines(locale);
    const or = t(locale, 'engine.policy.join.or', {
      a: w('mfa'),
      b: t(locale, 'engine.policy.join.or', { a: w('compliantDevice'), b: w('authenticationStrength') }),
    });
    const comma = t(locale, 'engine.policy.join.comma', { a: w('domainJoinedDevice'), b: w('termsOfUse') });
    expect(either).toContain(or);
    expect(both).toContain(comma);
    if (locale === 'ja') expect(both).not.toContain(', ');
  });
});
