import { groupAttempts, INTERRUPT_CODES, type Attempt } from '../../diagnosis/attempts.ts';
import { lookupCode } from '../../diagnosis/catalog.ts';
import { diagnoseListing } from '../../query/diagnose-attempts.ts';
import { listAttempts } from '../../query/list-attempts.ts';
import type { SignIn } from '../../signins/signin.ts';
import { foldText } from '../../signins/text.ts';
import { failuresCard, summarizeFailures, type FailureFilters } from '../../cards/failures-card.ts';
import type { AnswerContext } from '../context.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { defaultWindow, windowText } from './listing.ts';
import { appNamesOf } from '../../app-words.ts';
import type { Locale } from '../../i18n/locales.ts';
import { t } from '../../i18n/translate.ts';

/**
 * "Who failed to sign in today" and its "More" button: the tenant's failed sign-in attempts
 * in a window, narrowed by app, code, IP, the policy they failed on, or blocks only. An
 * attempt is failed when it ended failed: the MFA and "stay signed in?" prompts Entra logs as
 * failures are steps of sign-ins that then succeeded, and are not counted.
 */

/** "Failed today" without a time: the last 24 hours. */
export const FAILURES_DEFAULT_HOURS = 24;
/** Diagnosing is per attempt: past this many, the newest are counted and the card says so. */
const MAX_DIAGNOSED = 1000;
/** How long one attempt's rows can spread: the success that ends a prompt may come after the window. */
const ATTEMPT_SPAN_MS = 15 * 60_000;
/** Kinds of failure that are a refusal (a policy or the service said no), not a step the user left undone. */
const BLOCK_CATEGORIES = new Set(['conditional-access', 'lockout', 'risk', 'b2b', 'device', 'tenant']);
/** Kinds of failure that are the user's step left undone, whatever Conditional Access logged. */
const NOT_BLOCKS = new Set(['mfa', 'mfa-registration', 'credentials']);

export function failureFilters(
  c: Omit<FailureFilters, 'since' | 'until'> & Partial<Pick<FailureFilters, 'since' | 'until'>>,
  now: string,
  locale: Locale = 'en',
): FailureFilters {
  const f: FailureFilters = defaultWindow(now, c, FAILURES_DEFAULT_HOURS);
  if (c.app) f.app = c.app;
  if (c.apps?.length) f.apps = c.apps;
  if (c.app && c.appText) f.appText = c.appText;
  if (c.errorCode !== undefined) f.errorCode = c.errorCode;
  if (c.ip) f.ip = c.ip;
  if (c.policyText) f.policyText = c.policyText;
  if (c.blockedOnly) f.blockedOnly = true;
  if (c.timeText) f.timeText = c.timeText;
  // The default window in the asker's words: the "Next" button carries them back as they were said.
  else if (!c.since && !c.until) f.timeText = t(locale, 'list.window.lastHours', { hours: FAILURES_DEFAULT_HOURS });
  return f;
}

/** Loads the failed attempts (and says whose they are); the card, page `page`, is built after the check. */
export async function failedSignIns(f: FailureFilters, ctx: AnswerContext, page: number): Promise<Prepared> {
  const listing = await listAttempts(ctx.source, {
    outcome: 'failure',
    apps: appNamesOf(f),
    errorCode: f.errorCode,
    ip: f.ip,
    since: f.since,
    until: f.until,
    now: ctx.now,
  });
  const ended = await endedFailed(ctx, listing.attempts, f);
  const kept = ended.attempts.filter((a) => (!f.blockedOnly || isBlock(a.decisive)) && (!f.policyText || failedOn(a.decisive, f.policyText)));
  const counted = kept.slice(0, MAX_DIAGNOSED);
  return {
    shows: usersIn(counted),
    render: async () => {
      const diagnosed = await diagnoseListing(ctx.source, { ...listing, attempts: counted }, ctx.now);
      const locale = ctx.locale ?? 'en';
      const summary = summarizeFailures(diagnosed.diagnoses, locale);
      const notes: string[] = [];
      if (listing.truncated || ended.truncated) notes.push(t(locale, 'failures.truncated'));
      if (kept.length > counted.length) notes.push(t(locale, 'failures.newestOnly', { counted: counted.length, total: kept.length }));
      const when = windowText(f.since, f.until, ctx.timeZone, f.timeText, ctx.now, locale);
      return { text: summary.headline(when), card: failuresCard(summary, f, when, ctx.timeZone, page, notes, locale) };
    },
  };
}

/**
 * The attempts that ended failed. The failure rows were read; an attempt's success row (after
 * an MFA prompt, a "stay signed in?" prompt, a mistyped password) is read with one query for
 * the window's successes, and the attempts regrouped with it.
 */
async function endedFailed(ctx: AnswerContext, attempts: Attempt[], f: FailureFilters): Promise<{ attempts: Attempt[]; truncated: boolean }> {
  if (!attempts.length) return { attempts, truncated: false };
  const correlations = new Set(attempts.map((a) => a.correlationId.toLowerCase()).filter(Boolean));
  const until = new Date(Math.min(Date.parse(f.until) + ATTEMPT_SPAN_MS, Date.parse(ctx.now))).toISOString();
  const successes = await ctx.source.querySignIns({ outcome: 'success', apps: appNamesOf(f), ip: f.ip, since: f.since, until, limit: 20_000 });
  const rows: SignIn[] = attempts.flatMap((a) => a.events);
  for (const e of successes.events) if (e.correlationId && correlations.has(e.correlationId.toLowerCase())) rows.push(e);
  const regrouped = groupAttempts(rows).filter((a) => a.decisive.status.errorCode !== 0);
  return { attempts: regrouped, truncated: successes.truncated };
}

/**
 * A refusal: the code is a block (Conditional Access, lockout, risk, guest access, device,
 * tenant), or Conditional Access failed for another reason. Not a step the user left undone:
 * an MFA prompt or registration they did not finish fails Conditional Access too.
 */
function isBlock(e: SignIn): boolean {
  if (INTERRUPT_CODES.has(e.status.errorCode)) return false;
  const category = lookupCode(e.status.errorCode)?.category ?? '';
  if (NOT_BLOCKS.has(category)) return false;
  return BLOCK_CATEGORIES.has(category) || e.conditionalAccessStatus === 'failure';
}

/** Words of a policy name that say nothing about which policy ("the", "policy"). */
const FILLER = new Set(['the', 'a', 'an', 'policy', 'policies', 'ca', 'conditional', 'access', 'rule']);

/**
 * Whether the attempt failed on the policy named: a policy of the event with result "failure"
 * whose id is the text, or whose name holds it ("CA003"), or each word of it at the start of a
 * word of the name ("block legacy auth" → "CA004: Block legacy authentication").
 */
function failedOn(e: SignIn, policyText: string): boolean {
  const typed = foldText(policyText);
  const words = typed.split(/[^\p{L}\p{N}]+/u).filter((w) => w && !FILLER.has(w));
  return (e.appliedConditionalAccessPolicies ?? []).some((p) => {
    if (p.result !== 'failure') return false;
    const name = foldText(p.displayName ?? '');
    if (p.id.toLowerCase() === typed || name.includes(typed)) return true;
    const nameWords = name.split(/[^\p{L}\p{N}]+/u);
    return words.length > 0 && words.every((w) => nameWords.some((n) => n.startsWith(w)));
  });
}
