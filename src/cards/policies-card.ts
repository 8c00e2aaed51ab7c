import { links } from '../diagnosis/links.ts';
import { renderCard, type Card } from './render.ts';

/** "Which policies apply to bob": one block a policy, its state, what it requires, and why it covers the person or app (or not). */

export interface PolicyBlock {
  name: string;
  /** "on", "report-only", "off". */
  state: string;
  /** "requires multifactor authentication". */
  requires: string;
  /** Covers the person or app asked about: true, false, or undefined (cannot tell, or nothing asked). */
  covers?: boolean;
  /** Each a line: why it covers them or not, and the "applies when …" conditions a sign-in decides. */
  lines: string[];
}

const STATE_WORDS: Record<string, string> = { on: 'on', 'report-only': 'report-only (logs, does not enforce)', off: 'off' };

export function policiesForCard(p: { title: string; subtitle: string; policies: PolicyBlock[]; empty: string; note?: string }): Card {
  return renderCard('policies-for', {
    title: p.title,
    subtitle: p.subtitle,
    policies: p.policies.map((x) => ({
      name: x.name,
      state: `${STATE_WORDS[x.state] ?? x.state}${x.covers === true ? (x.state === 'off' ? ' · would apply if turned on' : ' · applies') : x.covers === false ? ' · does not apply' : ''}`,
      requires: x.requires.charAt(0).toUpperCase() + x.requires.slice(1) + '.',
      lines: x.lines.map((text) => ({ text })),
    })),
    empty: p.empty,
    note: p.note ?? '',
    policiesUrl: links.policies(),
  });
}
