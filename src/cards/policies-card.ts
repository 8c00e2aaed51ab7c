import { links } from '../diagnosis/links.ts';
import type { Locale } from '../i18n/locales.ts';
import { isMessage, render, type Message, type MessageValue } from '../i18n/message.ts';
import { t } from '../i18n/translate.ts';
import { renderCard, type Card } from './render.ts';

/** "Which policies apply to bob": one block a policy, its state, what it requires, and why it covers the person or app (or not). */

export interface PolicyBlock {
  name: string;
  state: 'on' | 'report-only' | 'off';
  /** "requires multifactor authentication". */
  requires: Message;
  /** Covers the person or app asked about: true, false, or undefined (cannot tell, or nothing asked). */
  covers?: boolean;
  /** Each a line: why it covers them or not, and the "applies when …" conditions a sign-in decides. */
  lines: MessageValue[];
}

const STATE = { on: 'policies.state.on', 'report-only': 'policies.card.stateReportOnly', off: 'policies.state.off' } as const;

/** A sentence's first letter in capitals, as the language writes it ("erfordert" → "Erfordert"; Japanese has none). */
const capitalized = (s: string, locale: Locale) => s.charAt(0).toLocaleUpperCase(locale) + s.slice(1);

/** Title, subtitle, empty and note come already in the asker's words; each policy's parts are messages rendered here. */
export function policiesForCard(p: { title: string; subtitle: string; policies: PolicyBlock[]; empty: string; note?: string }, locale: Locale = 'en'): Card {
  // A line is a message, or a name as it is (chain() of one name is the name).
  const said = (v: MessageValue) => (isMessage(v) ? render(locale, v) : String(v));
  return renderCard('policies-for', {
    title: p.title,
    subtitle: p.subtitle,
    policies: p.policies.map((x) => ({
      name: x.name,
      state: t(locale, 'policies.card.state', {
        state: t(locale, STATE[x.state]),
        covers: x.covers === true ? (x.state === 'off' ? 'dormant' : 'applies') : x.covers === false ? 'not' : 'unknown',
      }),
      requires: capitalized(t(locale, 'policies.card.requires', { requires: render(locale, x.requires) }), locale),
      lines: x.lines.map((line) => ({ text: said(line) })),
    })),
    empty: p.empty,
    note: p.note ?? '',
    labels: { policies: t(locale, 'policies.all.title') },
    policiesUrl: links.policies(),
  });
}
