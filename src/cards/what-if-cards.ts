import { findingsByPolicy, type PolicyCheck } from '../diagnosis/policy-check.ts';
import type { WhatIfResult } from '../diagnosis/what-if.ts';
import { chain, grantMsg, requirementMsg } from '../diagnosis/words.ts';
import { links } from '../diagnosis/links.ts';
import { md, mdLink } from './markdown.ts';
import { renderCard, type Card } from './render.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';
import { msg, render, wordsOf, type Message } from '../i18n/message.ts';
import { keepWhole } from './localized.ts';

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
    const blocks = p.grants.includes('block');
    // The controls in the engine's words (words.ts), so the card says a control as the diagnosis does.
    const does = blocks
      ? t(locale, 'whatIf.does.blocks')
      : p.unmet.length
        ? render(locale, msg('whatIf.does.notMet', { grants: requirementMsg(p.unmet, p.operator) ?? '' }))
        : render(
            locale,
            msg('whatIf.does.met', { grants: p.grants.length ? chain('engine.policy.join.comma', p.grants.map(grantMsg)) : msg('whatIf.nothing') }),
          );
    const met = p.conditions.filter((c) => c.met === true).map((c) => wordsOf(locale, { text: c.reason, msg: c.reasonMsg }));
    const unsure = p.conditions.filter((c) => c.met === undefined).map((c) => wordsOf(locale, { text: c.reason, msg: c.reasonMsg }));
    const verdict =
      p.applies === undefined
        ? t(locale, 'whatIf.line.mayApply')
        : reportOnly
          ? blocks
            ? t(locale, 'whatIf.line.reportOnlyBlock')
            : t(locale, 'whatIf.line.reportOnly', { does })
          : t(locale, 'whatIf.line.applies', { does });
    return {
      line: md`**${p.displayName}** — ${verdict}`,
      // Teams' red and green text fail WCAG AA on its own backgrounds; the words say blocks/not met/met, the accent marks report-only.
      color: reportOnly ? 'Accent' : 'Default',
      why: [
        met.length ? t(locale, 'whatIf.because', { reasons: met.join('; ') }) : '',
        unsure.length ? t(locale, 'whatIf.cannotTell', { reasons: unsure.join('; ') }) : '',
      ]
        .filter(Boolean)
        .join(' '),
    };
  });
  const notApplying = r.policies.filter((p) => p.applies === false).length;
  return renderCard('what-if', {
    labels: {
      assumed: t(locale, 'whatIf.label.assumed'),
      conditionalAccess: t(locale, 'whatIf.label.conditionalAccess'),
      policies: t(locale, 'whatIf.label.policies'),
    },
    title,
    summary: wordsOf(locale, { text: r.summary, msg: r.summaryMsg }),
    headerStyle: STYLE[r.outcome],
    // A fact's title is a narrow column: a Japanese label kept whole ("ユーザー", not "ユーザ / ー").
    facts: facts.map((f) => ({ title: keepWhole(f.title, locale), value: f.value })),
    policies: lines,
    rest: notApplying ? t(locale, 'whatIf.rest', { count: notApplying }) : '',
    crossCheck: crossCheck ? wordsOf(locale, crossCheck) : '',
    note: t(locale, crossCheck?.checked ? 'whatIf.note.checked' : 'whatIf.note.local'),
    policiesUrl: links.policies(),
  });
}

const LABEL = { high: 'policyCheck.label.high', medium: 'policyCheck.label.medium', info: 'policyCheck.label.info' } as const;

/**
 * Each finding's words in `locale` (its message, where the check gave one). `window` is the
 * phrase the counts cover ("of the last 7 days"), already in the reader's words; '' for none.
 */
export function policyCheckCard(c: PolicyCheck, window: string, locale: Locale = 'en'): Card {
  const rank = { high: 0, medium: 1, info: 2 } as const;
  const blocks = findingsByPolicy(c.findings).map((fs) => {
    const worst = fs.reduce((a, f) => (rank[f.severity] < rank[a.severity] ? f : a));
    return {
      policy: worst.policy,
      label: t(locale, LABEL[worst.severity]),
      texts: fs.map((f) => ({ text: wordsOf(locale, { text: f.text, msg: f.textMsg }) })),
      affected: t(locale, 'policyCheck.affected', { count: worst.affected }),
      link: worst.link ? mdLink(t(locale, 'policyCheck.open'), worst.link) : '',
    };
  });
  return renderCard('policy-check', {
    labels: { policies: t(locale, 'policies.all.title') },
    title: t(locale, 'policyCheck.title', { count: blocks.length }),
    subtitle: t(locale, 'policyCheck.subtitle', { signIns: c.examined.signIns, window }),
    findings: blocks,
    empty: t(locale, 'policyCheck.empty'),
    policiesUrl: links.policies(),
  });
}
