import { renderCard, toneStyle, type Card, type Tone } from './render.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';

/**
 * The approval card of the two-person rule, posted in the conversation for everyone: what is
 * asked, for whom, by whom; Approve and Decline while it is pending, the answer once it is
 * not. It never carries a Temporary Access Pass: the pass goes to the person who ran it, in
 * their own invoke response.
 */
export interface ApprovalView {
  /** The record's key: what the Approve button sends, and all it sends. */
  approval: string;
  title: string;
  lines: string[];
  facts: { title: string; value: string }[];
  pending: boolean;
  tone: Tone;
}

export function approvalCard(v: ApprovalView, locale: Locale = 'en'): Card {
  return renderCard('remediate-approval', {
    ...v,
    style: toneStyle(v.tone),
    labels: { approve: t(locale, 'remediation.approval.approve'), decline: t(locale, 'remediation.approval.decline') },
  });
}
