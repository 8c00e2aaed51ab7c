import { findingsByPolicy, type PolicyCheck } from '../diagnosis/policy-check.ts';
import type { WhatIfResult } from '../diagnosis/what-if.ts';
import { grantWords, requirementWords } from '../diagnosis/policies.ts';
import { links } from '../diagnosis/links.ts';
import { md, mdLink } from './markdown.ts';
import { renderCard, type Card } from './render.ts';
import type { Locale } from '../i18n/locales.ts';
import { render, wordsOf, type Message } from '../i18n/message.ts';
import type { ConditionVerdict } from '../diagnosis/diagnosis-parts.ts';

/** The what-if card and the policy-check card. */
/** The outcome is the header's background; its text stays the default colour, which reads on every Teams background. */
const STYLE = { blocked: 'attention', requires: 'warning', allowed: 'good', unknown: 'emphasis' } as const;

/** What Microsoft's What If API said beside ours; `checked` only when it actually answered. */
export interface CrossCheckLine {
  text: string;
  /** The same words as a message, for the reader's language. */
  msg?: Message;
  checked: boolean;
}

/** A condition's reason in the reader's language (its message, where the engine gave one). */
const reasonIn = (locale: Locale, c: ConditionVerdict) => (c.reasonMsg ? render(locale, c.reasonMsg) : c.reason);

/** The engine's sentences (the outcome, each condition's reason, Microsoft's cross-check) are rendered in `locale`. */
export function whatIfCard(
  title: string,
  r: WhatIfResult,
  facts: { title: string; value: string }[],
  crossCheck?: CrossCheckLine,
  locale: Locale = 'en',
): Card {
  const shown = r.policies.filter((p) => p.applies !== false && p.state !== 'disabled').slice(0, 8);
  const lines = shown.map((p) => {
    const reportOnly = p.state === 'enabledForReportingButNotEnforced';
    const does = p.grants.includes('block')
      ? 'blocks'
      : p.unmet.length
        ? `requires ${requirementWords(p.unmet, p.operator)}, not met`
        : `requires ${p.grants.map(grantWords).join(', ') || 'nothing'}, met`;
    const met = p.conditions.filter((c) => c.met === true).map((c) => reasonIn(locale, c));
    const unsure = p.conditions.filter((c) => c.met === undefined).map((c) => reasonIn(locale, c));
    return {
      line: md`**${p.displayName}** — ${p.applies === undefined ? 'may apply' : reportOnly ? `report-only: would apply and ${does.replace(/^blocks$/, 'block')}` : `applies and ${does}`}`,
      // Teams' red and green text fail WCAG AA on its own backgrounds; the words say blocks/not met/met, the accent marks report-only.
      color: reportOnly ? 'Accent' : 'Default',
      why: [met.length ? `Because ${met.join('; ')}.` : '', unsure.length ? `Cannot tell: ${unsure.join('; ')}.` : ''].filter(Boolean).join(' '),
    };
  });
  const notApplying = r.policies.filter((p) => p.applies === false).length;
  return renderCard('what-if', {
    title,
    summary: wordsOf(locale, { text: r.summary, msg: r.summaryMsg }),
    headerStyle: STYLE[r.outcome],
    facts,
    policies: lines,
    rest: notApplying ? `${notApplying} other polic${notApplying === 1 ? 'y does' : 'ies do'} not apply (or are turned off).` : '',
    crossCheck: crossCheck ? wordsOf(locale, crossCheck) : '',
    note: crossCheck?.checked
      ? 'Worked out locally from the policy definitions, and checked with Microsoft’s What If API.'
      : 'Worked out locally from the policy definitions, the way Conditional Access evaluates them; the Entra What If tool is the final word.',
    policiesUrl: links.policies(),
  });
}

const LABEL = { high: 'can lock everyone out', medium: 'risky', info: 'note' } as const;

/** Each finding's words in `locale` (its message, where the check gave one). */
export function policyCheckCard(c: PolicyCheck, timeZoneText: string, locale: Locale = 'en'): Card {
  const rank = { high: 0, medium: 1, info: 2 } as const;
  const blocks = findingsByPolicy(c.findings).map((fs) => {
    const worst = fs.reduce((a, f) => (rank[f.severity] < rank[a.severity] ? f : a));
    return {
      policy: worst.policy,
      label: LABEL[worst.severity],
      texts: fs.map((f) => ({ text: wordsOf(locale, { text: f.text, msg: f.textMsg }) })),
      affected: `${worst.affected} recent sign-in${worst.affected === 1 ? '' : 's'} failed or would have failed by it.`,
      link: worst.link ? mdLink('Open the policy', worst.link) : '',
    };
  });
  return renderCard('policy-check', {
    title: blocks.length
      ? `Conditional Access check: ${blocks.length} polic${blocks.length === 1 ? 'y' : 'ies'} to look at`
      : 'Conditional Access check: nothing risky found',
    subtitle: `The "select all" consequences Microsoft warns about, and report-only policies that would fail many sign-ins. Counts are from the last ${c.examined.signIns} sign-ins${timeZoneText}.`,
    findings: blocks,
    empty: 'No policy targets all users and all apps with a control that could lock people out, and no report-only policy would fail many sign-ins.',
    policiesUrl: links.policies(),
  });
}
