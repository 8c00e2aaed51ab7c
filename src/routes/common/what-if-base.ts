import type { WhatIfChange } from '../../conversation/what-if-condition.ts';
import type { Attempt } from '../../diagnosis/attempts.ts';
import { PLATFORM_NAMES, type EvalContext } from '../../diagnosis/ca-evaluator.ts';
import { evalContextOf } from '../../diagnosis/policies.ts';
import type { Satisfies, WhatIfResult } from '../../diagnosis/what-if.ts';
import { clientWords } from '../../diagnosis/words.ts';
import { crossCheck, crossCheckMsg, toWhatIfRequest } from '../../diagnosis/what-if-cross-check.ts';
import { msg, regionOf, render, said } from '../../i18n/message.ts';
import { regionName as nameOfRegion } from '../../i18n/regions.ts';
import type { CrossCheckLine } from '../../cards/what-if-cards.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { DiagnosisContext } from '../../query/diagnose-attempts.ts';
import { asDiagError } from '../../errors.ts';
import type { Answer, AnswerContext } from '../context.ts';
import type { Locale } from '../../i18n/locales.ts';
import { t, type MessageKey } from '../../i18n/translate.ts';

/** What the what-if question, the "What if fixed?" button and the policy check share. */

export const noPolicies = (locale: Locale = 'en'): Answer => ({
  text: t(locale, 'policyCheck.cannotRead.text'),
  card: noticeCard(t(locale, 'policies.cannotRead.title'), [t(locale, 'policyCheck.cannotRead.why')], 'Warning'),
});

/** The sign-in a what-if starts from, and the controls it already satisfied. */
export async function baseOf(
  attempt: Attempt,
  ctx: AnswerContext,
  dctx = new DiagnosisContext(ctx.source, ctx.now),
): Promise<{ eval: EvalContext; satisfies: Satisfies }> {
  const input = await dctx.inputFor(attempt, { membership: true });
  const d = attempt.decisive;
  return {
    eval: evalContextOf(d, input),
    satisfies: {
      // As the diagnosis's fix preview counts it: an MFA step that succeeded in the attempt (a blocked
      // sign-in can have done MFA first), or a success that required it.
      mfa: attempt.events.some(
        (e) =>
          (e.authenticationDetails ?? []).some((s) => s.succeeded === true && /multi-?factor|mfa/i.test(s.authenticationStepRequirement ?? '')) ||
          (e.authenticationRequirement === 'multiFactorAuthentication' && e.status.errorCode === 0),
      ),
      compliantDevice: d.deviceDetail?.isCompliant === true,
      domainJoinedDevice: /hybrid/i.test(d.deviceDetail?.trustType ?? ''),
    },
  };
}

/** The what-if card's facts: who, what, from where, with which device and client. */
export function facts(user: string, app: string, e: EvalContext, s: Satisfies, locale: Locale = 'en'): { title: string; value: string }[] {
  const device = t(
    locale,
    e.device?.isCompliant === true
      ? /hybrid/i.test(e.device?.trustType ?? '')
        ? 'whatIf.value.hybridCompliant'
        : 'whatIf.value.compliant'
      : e.device?.isCompliant === false
        ? e.device?.deviceId
          ? 'whatIf.value.registered'
          : 'whatIf.value.unmanaged'
        : 'whatIf.value.unknown',
  );
  const client = e.clientAppType && locale !== 'en' ? t(locale, `whatIf.client.${e.clientAppType}` as MessageKey) : undefined;
  return [
    { title: t(locale, 'whatIf.fact.user'), value: user },
    { title: t(locale, 'whatIf.fact.app'), value: app },
    {
      title: t(locale, 'whatIf.fact.device'),
      value: `${e.platform ? (PLATFORM_NAMES[e.platform] ?? e.platform) : t(locale, 'whatIf.value.unknownPlatform')}, ${device}`,
    },
    {
      title: t(locale, 'whatIf.fact.from'),
      value: [e.ip, e.country ? regionName(e.country, locale) : undefined].filter(Boolean).join(', ') || t(locale, 'whatIf.value.unknown'),
    },
    { title: t(locale, 'whatIf.fact.client'), value: client && !client.startsWith('whatIf.') ? client : clientWords(e.clientAppType) },
    { title: t(locale, 'whatIf.fact.mfa'), value: t(locale, s.mfa ? 'whatIf.value.mfaDone' : 'whatIf.value.mfaNotDone') },
    // Said only when assumed: these are what an app-protection or approved-app fix changes.
    ...(s.compliantApplication ? [{ title: t(locale, 'whatIf.fact.appProtection'), value: t(locale, 'whatIf.value.appProtection') }] : []),
    ...(s.approvedApplication ? [{ title: t(locale, 'whatIf.fact.approvedApp'), value: t(locale, 'whatIf.value.approvedApp') }] : []),
  ];
}

/** A country in the reader's language (ICU's names, the same the parser reads in English). */
export const regionName = (code: string, locale: Locale): string => nameOfRegion(locale, code);

/**
 * The change as read, in the asker's words: "iOS, nicht verwaltetes Gerät, in Brasilien"; the
 * country named in their language, as it follows "from" ("depuis l’Allemagne"). English keeps the parser's own list.
 */
export function describeChange(change: WhatIfChange, locale: Locale): string {
  if (locale === 'en') return change.understood.join(', ') || 'no change';
  const words = [
    change.platform ? t(locale, 'whatIf.change.platform', { platform: PLATFORM_NAMES[change.platform] ?? change.platform }) : '',
    change.device ? t(locale, `whatIf.change.device.${change.device}`) : '',
    change.network ? t(locale, `whatIf.change.network.${change.network}`) : '',
    change.country ? render(locale, msg('whatIf.change.country', { country: regionOf(change.country, true) })) : '',
    change.client ? t(locale, 'whatIf.change.client', { client: t(locale, `whatIf.client.${change.client}`) }) : '',
    change.mfa === undefined ? '' : t(locale, change.mfa ? 'whatIf.change.mfa' : 'whatIf.change.noMfa'),
    change.risk ? t(locale, `whatIf.change.risk.${change.risk}`) : '',
  ].filter(Boolean);
  return words.length ? new Intl.ListFormat(locale, { type: 'conjunction' }).format(words) : t(locale, 'whatIf.noChange');
}

/** Microsoft's What If API beside ours, when the source can call it; undefined when it cannot. */
export async function microsoftSays(e: EvalContext, r: WhatIfResult, ctx: AnswerContext): Promise<CrossCheckLine | undefined> {
  if (!ctx.source.evaluateConditionalAccess) return undefined;
  try {
    const api = await ctx.source.evaluateConditionalAccess(toWhatIfRequest(e));
    if (api) return { ...said(crossCheckMsg(crossCheck(r, api))), checked: true };
    return { text: 'Microsoft’s What If API was not found at this Graph endpoint; the evaluation above is local only.', checked: false };
  } catch (err) {
    const why = asDiagError(err)?.explanation ?? (err as Error).message;
    return { text: `Microsoft’s What If API could not be asked: ${why} The evaluation above is local only.`, checked: false };
  }
}
