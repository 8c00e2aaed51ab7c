import { renderCard, toneStyle, type Card } from './render.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';

/**
 * "Is bob locked out?": one person's lockout state now, in words (the route works it out from
 * the log), with the facts of the latest lockout run, when it clears, and what the log cannot
 * tell. Buttons: Diagnose the latest lockout (when there is one), and all their attempts.
 */
export interface LockStateView {
  title: string;
  /** Attention: the lock may still be in force; Warning: blocked from one IP, or most likely lifted; Good: not locked. */
  color: 'Attention' | 'Warning' | 'Good' | 'Default';
  lines: string[];
  facts: { title: string; value: string }[];
  /** When it clears, for a lock that may still hold; empty otherwise. */
  clears: string;
  caveat: string;
  /** The latest lockout, for its Diagnose button. */
  diagnose?: { correlationId?: string; userId: string };
  /** The "All attempts" button: the person and the window looked at. */
  attempts: { userId: string; since: string; until: string };
}

export function lockStateCard(v: LockStateView, locale: Locale = 'en'): Card {
  return renderCard('lock-state', {
    labels: { diagnose: t(locale, 'list.diagnose'), attempts: t(locale, 'diagnosis.label.allAttempts') },
    title: v.title,
    style: toneStyle(v.color),
    lines: v.lines,
    facts: v.facts,
    clears: v.clears,
    caveat: v.caveat,
    hasLockout: !!v.diagnose,
    diagnose: v.diagnose ?? {},
    attempts: v.attempts,
  });
}
