import type { Command } from '../conversation/command.ts';
import { parseWhatIfChange, countryName, type WhatIfChange } from '../conversation/what-if-condition.ts';
import type { Attempt } from '../diagnosis/attempts.ts';
import type { EvalContext } from '../diagnosis/ca-evaluator.ts';
import { checkPolicies, findingsByPolicy } from '../diagnosis/policy-check.ts';
import { evalContextOf } from '../diagnosis/policies.ts';
import { applyChange, whatIf, type ContextChange, type Satisfies, type WhatIfResult } from '../diagnosis/what-if.ts';
import { clientWords } from '../diagnosis/words.ts';
import { crossCheck, crossCheckWords, toWhatIfRequest } from '../diagnosis/what-if-cross-check.ts';
import { policyCheckCard, whatIfCard, type CrossCheckLine } from '../cards/what-if-cards.ts';
import { helpCard, noticeCard } from '../cards/simple-cards.ts';
import { DiagnosisContext } from '../query/diagnose-attempts.ts';
import { listAttempts } from '../query/list-attempts.ts';
import { resolveUser } from '../query/resolve.ts';
import type { User } from '../signins/directory.ts';
import { asDiagError } from '../errors.ts';
import type { AnswerContext } from './answer.ts';
import { showsNobody, usersIn, type Answer, type Prepared } from './authorize.ts';

/** What-if (free-standing, or a fix preview from a diagnosis) and the policy check. */

const noPolicies = (): Answer => ({ text: 'The Conditional Access policies could not be read.', card: noticeCard('I cannot read the Conditional Access policies', ['What-if and the policy check need them: give the bot Policy.Read.All, or add conditionalAccessPolicies.json to the tenant folder.'], 'Warning') });

/** The sign-in a what-if starts from, and the controls it already satisfied. */
async function baseOf(attempt: Attempt, ctx: AnswerContext, dctx = new DiagnosisContext(ctx.source, ctx.now)): Promise<{ eval: EvalContext; satisfies: Satisfies }> {
  const input = await dctx.inputFor(attempt, { membership: true });
  const d = attempt.decisive;
  return {
    eval: evalContextOf(d, input),
    satisfies: {
      // As the diagnosis's fix preview counts it: an MFA step that succeeded in the attempt (a blocked
      // sign-in can have done MFA first), or a success that required it.
      mfa: attempt.events.some((e) => (e.authenticationDetails ?? []).some((s) => s.succeeded === true && /multi-?factor|mfa/i.test(s.authenticationStepRequirement ?? '')) || (e.authenticationRequirement === 'multiFactorAuthentication' && e.status.errorCode === 0)),
      compliantDevice: d.deviceDetail?.isCompliant === true,
      domainJoinedDevice: /hybrid/i.test(d.deviceDetail?.trustType ?? ''),
    },
  };
}

/** Conditional Access spells platforms in camel case ("windows", "iOS"); people read product names. */
const PLATFORM_NAMES: Record<string, string> = { android: 'Android', iOS: 'iOS', windows: 'Windows', windowsPhone: 'Windows Phone', macOS: 'macOS', linux: 'Linux' };

function facts(user: string, app: string, e: EvalContext, s: Satisfies): { title: string; value: string }[] {
  const device = e.device?.isCompliant === true ? (/hybrid/i.test(e.device?.trustType ?? '') ? 'hybrid joined, compliant' : 'compliant') : e.device?.isCompliant === false ? (e.device?.deviceId ? 'registered, not compliant' : 'unmanaged (not registered)') : 'unknown';
  return [
    { title: 'User', value: user },
    { title: 'App', value: app },
    { title: 'Device', value: `${e.platform ? (PLATFORM_NAMES[e.platform] ?? e.platform) : 'unknown platform'}, ${device}` },
    { title: 'From', value: [e.ip, e.country ? countryName(e.country) : undefined].filter(Boolean).join(', ') || 'unknown' },
    { title: 'Client', value: clientWords(e.clientAppType) },
    { title: 'MFA', value: s.mfa ? 'done' : 'not done' },
    // Said only when assumed: these are what an app-protection or approved-app fix changes.
    ...(s.compliantApplication ? [{ title: 'App protection', value: 'an app with an Intune app protection policy' }] : []),
    ...(s.approvedApplication ? [{ title: 'Approved app', value: 'an approved client app' }] : []),
  ];
}

/** Microsoft's What If API beside ours, when the source can call it; undefined when it cannot. */
async function microsoftSays(e: EvalContext, r: WhatIfResult, ctx: AnswerContext): Promise<CrossCheckLine | undefined> {
  if (!ctx.source.evaluateConditionalAccess) return undefined;
  try {
    const api = await ctx.source.evaluateConditionalAccess(toWhatIfRequest(e));
    if (api) return { text: crossCheckWords(crossCheck(r, api)), checked: true };
    return { text: 'Microsoft’s What If API was not found at this Graph endpoint; the evaluation above is local only.', checked: false };
  } catch (err) {
    const why = asDiagError(err)?.explanation ?? (err as Error).message;
    return { text: `Microsoft’s What If API could not be asked: ${why} The evaluation above is local only.`, checked: false };
  }
}

function describe(change: WhatIfChange): string {
  return change.understood.join(', ') || 'no change';
}

/** "What if fixed?" from a diagnosis: loads the attempt, so the asker can be checked against whose it is before anything is worked out. */
export async function whatIfFromAttempt(correlationId: string, changeText: string, ctx: AnswerContext): Promise<Prepared> {
  const listing = await listAttempts(ctx.source, { correlationId, now: ctx.now });
  const attempt = listing.attempts[0];
  if (!attempt) return showsNobody({ text: 'That sign-in attempt was not found.', card: noticeCard('Not found', ['That sign-in attempt is no longer in the logs.'], 'Warning') });
  return {
    shows: usersIn(listing.attempts),
    render: async () => {
      const policies = await ctx.source.listPolicies();
      if (!policies) return noPolicies();
      const dctx = new DiagnosisContext(ctx.source, ctx.now);
      // The button's words are only words (a payload anyone can forge): the change itself is the one
      // this attempt's own diagnosis worked out, when the words are its preview's; else the words are read.
      // Diagnosed first, as the card was (no membership look-up yet), so the preview is the card's.
      const preview = (await dctx.diagnose(attempt)).fixPreview;
      const base = await baseOf(attempt, ctx, dctx);
      const fromDiagnosis = preview && preview.words === changeText ? preview : undefined;
      const change: ContextChange = fromDiagnosis?.change ?? parseWhatIfChange(changeText);
      const named = await ctx.source.listNamedLocations();
      const { ctx: e, satisfies } = applyChange(base.eval, base.satisfies, change, named);
      const r = whatIf(policies, e, satisfies, named);
      const d = attempt.decisive;
      const title = `What if ${d.userDisplayName ?? 'this sign-in'} tried again ${changeText}?`;
      const verdict = r.outcome === 'allowed' ? 'It would pass.' : r.outcome === 'requires' ? 'It would still need more.' : r.outcome === 'blocked' ? 'It would still be blocked.' : 'Cannot tell.';
      // No one change is enough: say that these are changes together.
      const together = fromDiagnosis && !fromDiagnosis.single ? ' Only these changes together would clear it, not any one of them.' : '';
      const checked = await microsoftSays(e, r, ctx);
      return { text: `${verdict}${together} ${r.summary}`, card: whatIfCard(title, { ...r, summary: `${verdict}${together} ${r.summary}` }, facts(`${d.userDisplayName ?? ''} (${d.userPrincipalName ?? d.userId})`, d.resourceDisplayName ?? d.appDisplayName ?? '?', e, satisfies), correlationId, checked) };
    },
  };
}

/** "What if bob signs in from an iPhone": the person (and their latest sign-in) are loaded first, and shown only once the asker is checked. */
export async function whatIfAnswer(c: Command, ctx: AnswerContext): Promise<Prepared> {
  if (!c.user) return showsNobody({ text: 'Who should the what-if be about?', card: helpCard(['what-if', ...c.understood], true) });
  const r0 = await resolveUser(ctx.source, c.user, ctx.allUsers);
  if (r0.kind === 'many') return { shows: r0.users.map((u) => u.id), render: async () => ({ text: `I could not pick one person for "${c.user}"; name them by email.`, card: noticeCard(`Who is "${c.user}"?`, [`"${c.user}" matches ${r0.users.map((u) => u.displayName).join(', ')}; name them by email.`], 'Warning') }) };
  if (r0.kind === 'none') return showsNobody({ text: `I could not pick one person for "${c.user}"; name them by email.`, card: noticeCard(`Who is "${c.user}"?`, [`Nobody called "${c.user}" is in the directory.`], 'Warning') });
  const user: User = r0.user;
  const listing = await listAttempts(ctx.source, { user: user.id, now: ctx.now });
  return { shows: usersIn(listing.attempts, user), render: () => whatIfFor(user, listing.attempts[0], c, ctx) };
}

async function whatIfFor(user: User, latest: Attempt | undefined, c: Command, ctx: AnswerContext): Promise<Answer> {
  const policies = await ctx.source.listPolicies();
  if (!policies) return noPolicies();
  const named = await ctx.source.listNamedLocations();
  const base = latest ? await baseOf(latest, ctx) : { eval: { userId: user.id, isGuest: /#EXT#/i.test(user.userPrincipalName), appIds: [] } as EvalContext, satisfies: {} };
  const sps = await ctx.source.listServicePrincipals();
  const sp = c.app ? sps.find((s) => s.displayName.toLowerCase() === c.app!.toLowerCase() || s.appId.toLowerCase() === c.app!.toLowerCase()) : undefined;
  if (c.app) base.eval = { ...base.eval, appIds: [sp?.appId ?? c.app] };
  const change = parseWhatIfChange(c.condition ?? '');
  const { ctx: e, satisfies } = applyChange(base.eval, base.satisfies, change, named);
  const r = whatIf(policies, e, satisfies, named);
  const appName = sp?.displayName ?? c.app ?? latest?.decisive.resourceDisplayName ?? latest?.decisive.appDisplayName ?? 'the app of the last sign-in';
  const title = `What if ${user.displayName} signs in to ${appName}${c.condition ? ` ${c.condition}` : ''}?`;
  const note = latest ? ` Starting from ${user.displayName}'s latest sign-in, with: ${describe(change)}.` : '';
  const checked = await microsoftSays(e, r, ctx);
  return { text: `${r.summary}${note}`, card: whatIfCard(title, r, facts(`${user.displayName} (${user.userPrincipalName})`, appName, e, satisfies), undefined, checked) };
}

export async function policyCheckAnswer(ctx: AnswerContext): Promise<Answer> {
  const policies = await ctx.source.listPolicies();
  if (!policies) return noPolicies();
  const since = new Date(Date.parse(ctx.now) - 7 * 86_400_000).toISOString();
  const recent = await ctx.source.querySignIns({ since, until: ctx.now, limit: 5000, priority: 'interactive' });
  const check = checkPolicies(policies, await ctx.source.listGroups(), recent.events, ctx.allUsers);
  const names = findingsByPolicy(check.findings).map((fs) => fs[0]!.policy);
  return { text: names.length ? `${names.length} Conditional Access polic${names.length === 1 ? 'y' : 'ies'} to look at: ${names.join('; ')}.` : 'No risky Conditional Access settings found.', card: policyCheckCard(check, ' of the last 7 days') };
}
