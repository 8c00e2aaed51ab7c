import { findingsByPolicy, type PolicyCheck } from '../diagnosis/policy-check.ts';
import type { WhatIfResult } from '../diagnosis/what-if.ts';
import { grantWords, requirementWords } from '../diagnosis/policies.ts';
import { links } from '../diagnosis/links.ts';
import { md, mdLink } from './markdown.ts';
import { renderCard, type Card } from './render.ts';

/** The what-if card and the policy-check card. */
/** The outcome is the header's background; its text stays the default colour, which reads on every Teams background. */
const STYLE = { blocked: 'attention', requires: 'warning', allowed: 'good', unknown: 'emphasis' } as const;

/** What Microsoft's What If API said beside ours; `checked` only when it actually answered. */
export interface CrossCheckLine {
  text: string;
  checked: boolean;
}

export function whatIfCard(title: string, r: WhatIfResult, facts: { title: string; value: string }[], crossCheck?: CrossCheckLine): Card {
  const shown = r.policies.filter((p) => p.applies !== false && p.state !== 'disabled').slice(0, 8);
  const lines = shown.map((p) => {
    const reportOnly = p.state === 'enabledForReportingButNotEnforced';
    const does = p.grants.includes('block')
      ? 'blocks'
      : p.unmet.length
        ? `requires ${requirementWords(p.unmet, p.operator)}, not met`
        : `requires ${p.grants.map(grantWords).join(', ') || 'nothing'}, met`;
    const met = p.conditions.filter((c) => c.met === true).map((c) => c.reason);
    const unsure = p.conditions.filter((c) => c.met === undefined).map((c) => c.reason);
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
    summary: r.summary,
    headerStyle: STYLE[r.outcome],
    facts,
    policies: lines,
    rest: notApplying ? `${notApplying} other polic${notApplying === 1 ? 'y does' : 'ies do'} not apply (or are turned off).` : '',
    crossCheck: crossCheck?.text ?? '',
    note: crossCheck?.checked
      ? 'Worked out locally from the policy definitions, and checked with Microsoft’s What If API.'
      : 'Worked out locally from the policy definitions, the way Conditional Access evaluates them; the Entra What If tool is the final word.',
    policiesUrl: links.policies(),
  });
}

const LABEL = { high: 'can lock everyone out', medium: 'risky', info: 'note' } as const;

export function policyCheckCard(c: PolicyCheck, timeZoneText: string): Card {
  const rank = { high: 0, medium: 1, info: 2 } as const;
  const blocks = findingsByPolicy(c.findings).map((fs) => {
    const worst = fs.reduce((a, f) => (rank[f.severity] < rank[a.severity] ? f : a));
    return {
      policy: worst.policy,
      label: LABEL[worst.severity],
      texts: fs.map((f) => ({ text: f.text })),
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
