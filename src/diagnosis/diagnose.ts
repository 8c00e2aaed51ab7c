import type { SignIn } from '../signins/signin.ts';
import { looksLikeBeta, placeOf } from '../signins/signin.ts';
import { decisiveEvent, INTERRUPT_CODES as INTERRUPTS } from './attempts.ts';
import { recommendActions, supportWarranted } from './actions.ts';
import { lockoutKind, passwordFailures, passwordSources, passwordVerdict, sourcesFinding, utc, whatChanged, windowWords, type PasswordVerdict } from './history.ts';
import { providerWords, riskWords } from './words.ts';
import { links } from './links.ts';
import { evalContextOf, grantWords, isExternal, policyReports, requirementWords } from './policies.ts';
import { previewFix, type FixPreview } from './what-if.ts';
import { breakGlassUse, claimFinding, likelyCompromise, securityDefaultsNow } from './admin-rules.ts';
import { isLegacyClient } from './ca-evaluator.ts';
import { selectAllLockout } from './policy-check.ts';
import { cite, collectFacts, decideScenario, isRiskPolicy, type Facts } from './scenarios.ts';
import type { Diagnosis, DiagnosisInput, Finding, Gap, PolicyReport, ScenarioId } from './types.ts';

/**
 * From one attempt's events (and the user's history, fetched beforehand) to a diagnosis:
 * the scenario, the assessment in plain words, the policies, findings, actions and what
 * could not be decided. Pure: no I/O, the clock is in the input.
 */
export function diagnoseAttempt(input: DiagnosisInput): Diagnosis {
  const events = [...input.events].sort((a, b) => Date.parse(a.createdDateTime) - Date.parse(b.createdDateTime));
  const d = decisiveEvent(events);
  const facts = collectFacts(events, d, new Map((input.policies ?? []).map((p) => [p.id, p])));
  const decision = decideScenario(facts);
  const policies = policyReports(events, d, input);
  const findings: Finding[] = [];
  let verdict: PasswordVerdict | undefined;
  let lockKind: string | undefined;

  if (decision.scenario === 'account-locked' || decision.scenario === 'invalid-credentials') {
    const failures = passwordFailures(input);
    const sources = passwordSources(input, failures);
    if (sources) {
      findings.push(sourcesFinding(decision.scenario === 'account-locked' ? 'lockout-sources' : 'bad-password-sources', sources, failures, input));
      const v = passwordVerdict(input, failures, sources, d);
      verdict = v.verdict;
      findings.push({ kind: 'password-verdict', text: v.text, citations: v.evidence, data: { verdict: v.verdict } });
    }
    if (decision.scenario === 'account-locked') {
      const k = lockoutKind(input, d, failures);
      lockKind = k.data?.kind as string;
      findings.unshift(k);
    }
  }
  const compromise = decision.scenario === 'legacy-auth' ? likelyCompromise(events, d, input, isLegacyClient(d.clientAppUsed)) : undefined;
  if (compromise) findings.unshift(compromise);
  const breakGlass = breakGlassUse(d, input);
  if (breakGlass) findings.unshift(breakGlass);
  if (decision.scenario === 'security-defaults') {
    const now = securityDefaultsNow(d, input);
    if (now) findings.push(now);
  }
  if (decision.scenario !== 'success') {
    // Policy changes matter when the policy had a say in this attempt (applied, or would have in report-only).
    const said = policies.filter((p) => !['notApplied', 'reportOnlyNotApplied', 'notEnabled'].includes(p.result)).map((p) => p.id);
    const changed = whatChanged(input, d, policies.length ? new Set(said) : undefined);
    if (changed) findings.push(changed);
  }
  const claim = decision.scenario === 'success' || events.some((e) => INTERRUPTS.has(e.status.errorCode)) ? claimFinding(events) : undefined;
  if (claim) findings.push(claim);
  findings.push(...serviceDependency(facts, policies, input), ...selectAllWarnings(facts, policies, input), ...reportOnly(policies), ...riskAndFlags(d));

  const ctx = { scenario: decision.scenario, facts, input, policies, verdict, lockKind, compromise: !!compromise, breakGlass: !!breakGlass };
  const fix = decision.scenario === 'success' || compromise ? undefined : fixPreviewFor(events, d, policies, input);
  const support = supportWarranted(ctx);
  return {
    correlationId: d.correlationId ?? '',
    eventIds: events.map((e) => e.id),
    decisiveEventId: d.id,
    user: { id: d.userId, displayName: d.userDisplayName ?? input.user?.displayName ?? null, userPrincipalName: d.userPrincipalName ?? null },
    app: { id: d.appId ?? null, displayName: d.appDisplayName ?? null, resourceId: d.resourceId ?? null, resource: d.resourceDisplayName ?? null },
    time: d.createdDateTime,
    errorCode: d.status.errorCode,
    scenario: decision.scenario,
    title: compromise ? 'Likely compromised: the right password over a legacy protocol' : decision.title,
    assessment: assess(decision.scenario, facts, policies, findings, input, verdict),
    evidence: decision.evidence,
    policies,
    findings,
    actions: recommendActions(ctx),
    support: { ...support, correlationId: d.correlationId ?? '', requestId: d.originalRequestId ?? d.id, time: d.createdDateTime, url: links.newSupportRequest() },
    gaps: gaps(decision.scenario, events, facts, policies, input),
    ...(fix ? { fixPreview: fix } : {}),
  };
}

/** The fix to preview: from the failing policies' definitions, checked against all of them. */
function fixPreviewFor(events: SignIn[], d: SignIn, policies: PolicyReport[], input: DiagnosisInput): FixPreview | undefined {
  if (!input.policies) return undefined;
  const failing = policies.filter((p) => p.result === 'failure').map((p) => input.policies!.find((x) => x.id === p.id)).filter((p): p is NonNullable<typeof p> => !!p);
  if (!failing.length) return undefined;
  const mfaDone = events.some((e) => (e.authenticationDetails ?? []).some((s) => s.succeeded === true && /multi-?factor|mfa/i.test(s.authenticationStepRequirement ?? '')) || (e.status.errorCode === 0 && e.authenticationRequirement === 'multiFactorAuthentication'));
  const satisfies = { mfa: mfaDone, compliantDevice: d.deviceDetail?.isCompliant === true, domainJoinedDevice: /hybrid/i.test(d.deviceDetail?.trustType ?? '') };
  const counts = new Map<string, number>();
  for (const e of input.history) if (e.status.errorCode === 0 && e.location?.countryOrRegion) counts.set(e.location.countryOrRegion, (counts.get(e.location.countryOrRegion) ?? 0) + 1);
  const usual = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return previewFix(failing, input.policies, evalContextOf(d, input), satisfies, input.namedLocations, usual);
}

const who = (e: SignIn) => e.userDisplayName ?? e.userPrincipalName ?? 'The user';
const app = (e: SignIn) => e.appDisplayName ?? e.appId ?? 'an app';
const deviceWords = (e: SignIn) => [e.deviceDetail?.operatingSystem, e.deviceDetail?.browser].filter(Boolean).join(', ');
const from = (e: SignIn) => {
  const parts = [deviceWords(e) && `on ${deviceWords(e)}`, placeOf(e) && `from ${placeOf(e)}${e.ipAddress ? ` (${e.ipAddress})` : ''}`].filter(Boolean);
  return parts.length ? ` ${parts.join(' ')}` : '';
};

function assess(s: ScenarioId, f: Facts, policies: PolicyReport[], findings: Finding[], input: DiagnosisInput, verdict?: PasswordVerdict): string {
  const d = f.decisive;
  const failed = policies.filter((p) => p.result === 'failure');
  const names = (l: PolicyReport[]) => l.map((p) => `"${p.displayName}"${p.inferred ? ' (inferred from its definition)' : ''}`).join(' and ');
  const meaning = f.insight ? f.insight.meaning : `Error ${f.code} is not in our catalog.`;
  const finding = (k: Finding['kind']) => findings.find((x) => x.kind === k)?.text;
  const resource = d.resourceDisplayName && d.resourceDisplayName !== d.appDisplayName ? ` (evaluated for ${d.resourceDisplayName})` : '';
  switch (s) {
    case 'success': {
      const applied = policies.filter((p) => p.result === 'success');
      const wouldBlock = policies.filter((p) => p.result === 'reportOnlyFailure' || p.result === 'reportOnlyInterrupted');
      const mfa = d.authenticationRequirement === 'multiFactorAuthentication' ? 'with multifactor authentication' : 'with single-factor authentication';
      return `${who(d)} signed in to ${app(d)} ${mfa}${from(d)}.${applied.length ? ` Conditional Access policies that applied and were met: ${names(applied)}.` : f.caDetails ? ' No enforced Conditional Access policy applied.' : ''}${wouldBlock.length ? ` Report-only: ${names(wouldBlock)} would have interrupted it if enforced.` : ''}`;
    }
    case 'legacy-auth':
      if (finding('compromise')) return `${who(d)}'s password was used over ${d.clientAppUsed}, a legacy protocol, to sign in to ${app(d)}${from(d)}; ${failed.length ? `${names(failed)} blocked it` : 'it was refused'}. ${finding('compromise')}`;
      return `${who(d)}'s ${d.clientAppUsed} client tried to sign in to ${app(d)}${from(d)}. ${d.clientAppUsed} is a legacy authentication protocol, which cannot do MFA; ${failed.length ? `${names(failed)} blocked it` : f.code === 530035 ? 'security defaults blocked it' : `the sign-in was refused (${f.code})`}.`;
    case 'b2b-blocked':
      return `${who(d)} is a guest${d.homeTenantName ? ` from ${d.homeTenantName}` : d.homeTenantId ? ' from another organisation' : ''}. The sign-in to ${app(d)}${resource} was blocked by ${failed.length ? names(failed) : `Conditional Access (${f.code})`}${failed[0]?.conditions.some((c) => c.condition === 'users' && c.met) ? `: ${failed[0].conditions.filter((c) => c.met).map((c) => c.reason).join('; ')}` : ''}.`;
    case 'risk-blocked': {
      const risky = failed.filter((p) => f.failed.some((x) => x.id === p.id && isRiskPolicy(f, x)));
      return `The sign-in to ${app(d)}${from(d)} was judged ${d.riskLevelDuringSignIn ?? 'risky'} risk${d.riskEventTypes_v2?.length ? ` (${riskWords(d.riskEventTypes_v2)})` : ''}, and ${risky.length ? `${names(risky)} ${risky.length === 1 ? 'blocks' : 'block'}` : 'a risk policy blocks'} sign-ins at that risk. The password was ${d.authenticationDetails?.some((x) => x.authenticationMethod === 'Password' && x.succeeded) ? 'correct, so if this was not the user, someone else knows it' : 'checked before the risk decision'}.`;
    }
    case 'mfa-proofup-risky':
      return `${who(d)} was asked to register MFA but registration was refused: ${meaning}`;
    case 'ca-blocked': {
      const why = failed[0]?.conditions.filter((c) => c.met).map((c) => c.reason);
      return `${who(d)}'s sign-in to ${app(d)}${resource}${from(d)} was blocked by Conditional Access: ${failed.length ? names(failed) : 'a policy'} applied and its control is Block.${why?.length ? ` It applied because ${why.join('; ')}.` : ''}`;
    }
    case 'ca-grant-failed': {
      const p = failed.find((x) => x.failedControl) ?? failed[0];
      return `${who(d)}'s sign-in to ${app(d)}${resource} was refused because ${p ? `${names([p])} requires ${requirementWords(p.grantControls, p.operator)}` : 'a Conditional Access requirement was not met'}. ${p?.failedControl ?? meaning}`;
    }
    case 'security-defaults':
      return `Security defaults${f.code === 530035 ? ' blocked' : ' interrupted'} ${who(d)}'s sign-in to ${app(d)}: ${meaning} The tenant had no Conditional Access policy in force for this sign-in.`;
    case 'mfa-proofup':
      return `${who(d)} must register MFA methods before signing in to ${app(d)}${f.providers.length ? ` (required by ${providerWords(f.providers)})` : ''}, and the attempt stopped at the registration step.${input.registration ? ` Registration details: ${input.registration.isMfaRegistered ? 'MFA methods registered' : 'no MFA methods registered'}.` : ''}`;
    case 'mfa-not-completed': {
      const step = f.events.flatMap((e) => e.authenticationDetails ?? []).find((x) => x.succeeded === false && /multi-?factor|mfa/i.test(x.authenticationStepRequirement ?? ''));
      return `${who(d)} entered the right password for ${app(d)}${from(d)}, then did not complete MFA${step?.authenticationStepResultDetail ? `: ${step.authenticationStepResultDetail}` : ''}.${/declined/i.test(step?.authenticationStepResultDetail ?? '') ? ' A declined prompt the user did not expect can mean someone else has the password.' : ''}`;
    }
    case 'ca-mfa':
      return `${who(d)}'s sign-in to ${app(d)}${resource}${from(d)} stopped at the MFA prompt that Conditional Access required${failed.some((p) => p.grantControls.includes('mfa')) ? ` (${names(failed.filter((p) => p.grantControls.includes('mfa')))})` : ''}; the attempt has no later event showing MFA was completed.`;
    case 'mfa-other':
      return `${who(d)}'s sign-in to ${app(d)} stopped at an MFA prompt that did not come from Conditional Access: ${f.providers.includes('user') ? 'legacy per-user MFA is turned on for this account' : f.providers.length ? `it was required by ${providerWords(f.providers)}` : 'no applied policy required MFA'}.`;
    case 'account-locked':
      if (findings.find((x) => x.kind === 'lockout-kind')?.data?.kind === 'malicious-ip') return `The sign-in to ${who(d)}'s account${from(d)} was refused with the lockout code (50053), but ${who(d)} is not locked out: ${finding('lockout-kind')} ${finding('password-verdict') ?? ''}`.trim();
      return `${who(d)}'s account was locked when signing in to ${app(d)}${from(d)}. ${finding('lockout-kind') ?? ''} ${finding('password-verdict') ?? ''}`.trim();
    case 'invalid-credentials':
      if (f.code === 50034 && verdict === 'attack') return `Part of an attack, not a typo: "${d.userPrincipalName}" does not exist in this tenant, and it was tried${from(d)}, an address that failed for ${input.ipFailureUsers[d.ipAddress ?? ''] ?? 'many'} different accounts ${windowWords(input)}. Attackers try common names (admin, test) beside real ones.`;
      return f.code === 50034
        ? `Someone tried to sign in as "${d.userPrincipalName}", a user name that does not exist in this tenant${from(d)}.${finding('password-verdict') ? ` ${finding('password-verdict')}` : ''}`
        : `${who(d)} (or something using their account) entered a wrong password for ${app(d)}${from(d)}. ${finding('password-verdict') ?? ''}`.trim();
    case 'pta':
      if (f.code === 80012) return `On-premises Active Directory refused ${who(d)}'s sign-in to ${app(d)} at ${utc(d.createdDateTime)} because it is outside the logon hours set on their account. The pass-through agents worked; the account's logon hours decided.`;
      return `Pass-through authentication could not check ${who(d)}'s password against on-premises Active Directory: ${meaning}`;
    case 'seamless-sso':
      return `Seamless single sign-on (Kerberos) failed for ${who(d)}: ${meaning} The user can still sign in with their password.`;
    case 'app-config':
      return `${app(d)} is not set up in Entra for this sign-in: ${meaning} ${f.insight?.fixer === 'app-owner' ? "The app's owner" : 'An admin'} fixes it; ${who(d)} cannot.`;
    case 'app-sp':
      return `The problem is in ${app(d)} itself: ${meaning} Its owner or vendor must fix it; ${who(d)} cannot.`;
    case 'error-code-insight':
      return `${who(d)}'s sign-in to ${app(d)} failed with error ${f.code}: ${meaning}`;
    case 'unknown-error':
      return `${who(d)}'s sign-in to ${app(d)} failed with error ${f.code}, which our catalog does not know. The failure reason recorded was "${d.status.failureReason ?? 'none'}".`;
  }
}

/**
 * The app the user opened called another resource, and Conditional Access was evaluated for
 * that resource. Found from the log (a policy applied) or from the definitions (a policy
 * that names the resource, not the app), so it holds when the log has no CA details too.
 */
function serviceDependency(f: Facts, policies: PolicyReport[], input: DiagnosisInput): Finding[] {
  const d = f.decisive;
  if (!d.resourceId || !d.appId || d.resourceId.toLowerCase() === d.appId.toLowerCase()) return [];
  const res = d.resourceId.toLowerCase();
  const app = d.appId.toLowerCase();
  const byDefinition = policies.filter((p) => {
    const apps = (input.policies?.find((x) => x.id === p.id)?.conditions.applications?.includeApplications ?? []).map((x) => x.toLowerCase());
    return (p.result === 'failure' || p.result === 'success') && apps.includes(res) && !apps.includes(app);
  });
  if (!byDefinition.length && !policies.some((p) => p.result === 'failure' || p.result === 'success')) return [];
  const target = d.resourceDisplayName ?? d.resourceId;
  const opened = d.appDisplayName ?? d.appId;
  const named = byDefinition.map((p) => `"${p.displayName}"${p.inferred ? ' (inferred)' : ''}`).join(' and ');
  return [
    {
      kind: 'service-dependency',
      text: named
        ? `${opened} called ${target}, and ${named} ${byDefinition.length === 1 ? 'targets' : 'target'} ${target}, not ${opened}: the policy applies to everyone who opens ${opened}, because ${opened} depends on ${target}.`
        : `${opened} called ${target}, and Conditional Access was evaluated for that resource, not for the app the user opened. A policy on ${target} affects everyone using ${opened}.`,
      citations: [cite(d, 'appDisplayName', opened), cite(d, 'resourceDisplayName', target)],
      data: { app: d.appId, resource: d.resourceId, policyIds: byDefinition.map((p) => p.id) },
    },
  ];
}

const BREAK_GLASS = /break.?glass|emergency/i;

/**
 * The "select all" consequence, only for the configurations the troubleshooting guide means
 * (the same test as "check my policies"): a failing policy that blocks or requires a device
 * for all users and all apps, with no platform, location, client or risk condition.
 */
function selectAllWarnings(f: Facts, policies: PolicyReport[], input: DiagnosisInput): Finding[] {
  const out: Finding[] = [];
  for (const p of policies.filter((x) => x.result === 'failure')) {
    const def = input.policies?.find((x) => x.id === p.id);
    if (!def) continue;
    const grants = selectAllLockout(def);
    if (!grants.length) continue;
    const u = def.conditions.users!;
    const excludedGroups = (input.groups ?? []).filter((g) => u.excludeGroups?.includes(g.id));
    const breakGlassGroup = excludedGroups.find((g) => BREAK_GLASS.test(g.displayName ?? ''));
    const breakGlassExcluded = !!breakGlassGroup;
    out.push({
      kind: 'select-all-warning',
      text: `"${p.displayName}" targets all users and all cloud apps with ${grants.map(grantWords).join(' / ')}. Microsoft warns this can lock out the whole organisation, admins included${breakGlassGroup ? `; it excludes "${breakGlassGroup.displayName}", which looks like the emergency-access group (check that every break-glass account is in it)` : (u.excludeUsers ?? []).length || excludedGroups.length ? '; its exclusions do not look like emergency-access (break-glass) accounts: check them' : '; it excludes no emergency-access (break-glass) account'}.`,
      citations: [{ eventId: f.decisive.id, field: `policy ${p.displayName}`, value: 'includeUsers All, includeApplications All' }],
      data: { policyId: p.id, breakGlassExcluded },
    });
  }
  return out;
}

function reportOnly(policies: PolicyReport[]): Finding[] {
  const would = policies.filter((p) => p.result === 'reportOnlyFailure' || p.result === 'reportOnlyInterrupted');
  if (!would.length) return [];
  return [
    {
      kind: 'report-only',
      text: `Report-only policies that would have changed this sign-in if enforced: ${would.map((p) => `"${p.displayName}" (${p.summary.replace(/^report-only: /, '')})`).join('; ')}.`,
      citations: [],
      data: { policyIds: would.map((p) => p.id) },
    },
  ];
}

function riskAndFlags(d: SignIn): Finding[] {
  const out: Finding[] = [];
  if (d.riskLevelDuringSignIn && !['none', 'hidden', 'unknownFutureValue'].includes(String(d.riskLevelDuringSignIn))) {
    out.push({
      kind: 'risk',
      text: `Identity Protection rated this sign-in ${d.riskLevelDuringSignIn} risk${d.riskEventTypes_v2?.length ? `: ${riskWords(d.riskEventTypes_v2)}` : ''}.`,
      citations: [cite(d, 'riskLevelDuringSignIn', d.riskLevelDuringSignIn)],
    });
  }
  if (d.flaggedForReview) out.push({ kind: 'flagged', text: 'The user flagged this sign-in for review from the error page.', citations: [cite(d, 'flaggedForReview', true)] });
  return out;
}

const CA_SCENARIOS = new Set<ScenarioId>(['ca-blocked', 'ca-grant-failed', 'ca-mfa', 'b2b-blocked', 'risk-blocked', 'legacy-auth', 'success']);

function gaps(s: ScenarioId, events: SignIn[], f: Facts, policies: PolicyReport[], input: DiagnosisInput): Gap[] {
  const out: Gap[] = [];
  if (!f.caDetails && (CA_SCENARIOS.has(s) || [53003, 53000, 53001, 53002, 53009].includes(f.code))) {
    out.push({
      text: policies.some((p) => p.inferred)
        ? 'The sign-in records carry no Conditional Access details (Entra leaves them out when the reader has no permission to read Conditional Access: Policy.Read.All, or Security Reader / Global Reader). The policies shown are inferred from their definitions, not read from the log.'
        : 'The sign-in records carry no Conditional Access details. Entra leaves them out when the reader has no role or permission to read Conditional Access (Policy.Read.All, or Security Reader / Global Reader), so which policy applied cannot be shown.',
    });
  }
  if (!events.some(looksLikeBeta)) {
    out.push({ text: 'These records have only Graph v1.0 fields: the authentication steps and why MFA was required (per-user MFA, Conditional Access, security defaults) are not visible, so MFA-related conclusions are less certain.' });
  }
  if (policies.length && !input.policies) {
    out.push({ text: 'The policy definitions could not be read, so the reasons a policy applied come only from what the sign-in log records.' });
  }
  if (policies.some((p) => p.conditions.some((c) => c.met === undefined))) {
    out.push({ text: 'Some policy conditions cannot be checked from the data at hand (marked "cannot tell").' });
  }
  if (s === 'error-code-insight' && f.code !== 0 && [50074, 50076].includes(f.code)) {
    out.push({ text: 'The attempt stopped at an MFA prompt, but the record does not say what required MFA (no requirement details and no Conditional Access list).' });
  }
  if (s !== 'success' && !input.audits) {
    out.push({ text: 'The directory audit log could not be read from this source, so who changed a policy, the password, the authentication methods or group membership before this attempt is not shown (only the policies’ own created and modified times are).' });
  }
  const age = Date.parse(input.now) - Date.parse(f.decisive.createdDateTime);
  if (age >= 0 && age < 15 * 60_000) {
    out.push({ text: 'This attempt is less than 15 minutes old: later events of it, and its authentication details, may still be arriving. Check again in a few minutes before concluding.' });
  }
  const d = f.decisive;
  if (d.isInteractive !== false && d.authenticationDetails && d.status.errorCode !== 0 && !d.authenticationDetails.some((x) => /primary/i.test(x.authenticationStepRequirement ?? '')) && !isExternal(d)) {
    out.push({ text: 'The authentication details have no "Primary authentication" step yet; Entra sometimes adds it later, so the password step cannot be judged.' });
  }
  return out;
}
