import type { SignIn } from '../signins/signin.ts';
import { looksLikeBeta } from '../signins/signin.ts';
import { decisiveEvent, INTERRUPT_CODES as INTERRUPTS } from './attempts.ts';
import { recommendActions, supportWarranted } from './recommendations.ts';
import { lockoutKind, passwordFailures, passwordSources, passwordVerdict, sourcesFinding, whatChanged, type PasswordVerdict } from './history.ts';
import { riskWords } from './words.ts';
import { links } from './links.ts';
import { evalContextOf, grantWords, isExternal, policyReports } from './policies.ts';
import { previewFix, type FixPreview } from './what-if.ts';
import { breakGlassUse, claimFinding, likelyCompromise, securityDefaultsNow } from './admin-rules.ts';
import { isLegacyClient } from './ca-evaluator.ts';
import { selectAllLockout } from './policy-check.ts';
import { cite } from './scenarios/evidence.ts';
import { collectFacts, type Facts } from './scenarios/facts.ts';
import { decideScenario } from './scenarios/decide.ts';
import { SCENARIO_BY_ID } from './scenarios/index.ts';
import { render } from '../i18n/message.ts';
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

  const ctx = { scenario: decision.scenario, facts, input, policies, findings, verdict, lockKind, compromise: !!compromise, breakGlass: !!breakGlass };
  const fix = decision.scenario === 'success' || compromise ? undefined : fixPreviewFor(events, d, policies, input);
  const support = supportWarranted(ctx);
  const assessment = SCENARIO_BY_ID[decision.scenario].assess(ctx);
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
    assessment: render('en', assessment),
    assessmentMsg: assessment,
    evidence: decision.evidence,
    policies,
    findings,
    actions: recommendActions(ctx),
    remediations: SCENARIO_BY_ID[decision.scenario].remediations(ctx),
    support: {
      ...support,
      correlationId: d.correlationId ?? '',
      requestId: d.originalRequestId ?? d.id,
      time: d.createdDateTime,
      url: links.newSupportRequest(),
    },
    gaps: gaps(decision.scenario, events, facts, policies, input),
    ...(fix ? { fixPreview: fix } : {}),
  };
}

/** The fix to preview: from the failing policies' definitions, checked against all of them. */
function fixPreviewFor(events: SignIn[], d: SignIn, policies: PolicyReport[], input: DiagnosisInput): FixPreview | undefined {
  if (!input.policies) return undefined;
  const failing = policies
    .filter((p) => p.result === 'failure')
    .map((p) => input.policies!.find((x) => x.id === p.id))
    .filter((p): p is NonNullable<typeof p> => !!p);
  if (!failing.length) return undefined;
  const mfaDone = events.some(
    (e) =>
      (e.authenticationDetails ?? []).some((s) => s.succeeded === true && /multi-?factor|mfa/i.test(s.authenticationStepRequirement ?? '')) ||
      (e.status.errorCode === 0 && e.authenticationRequirement === 'multiFactorAuthentication'),
  );
  const satisfies = {
    mfa: mfaDone,
    compliantDevice: d.deviceDetail?.isCompliant === true,
    domainJoinedDevice: /hybrid/i.test(d.deviceDetail?.trustType ?? ''),
  };
  const counts = new Map<string, number>();
  for (const e of input.history)
    if (e.status.errorCode === 0 && e.location?.countryOrRegion) counts.set(e.location.countryOrRegion, (counts.get(e.location.countryOrRegion) ?? 0) + 1);
  const usual = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  return previewFix(failing, input.policies, evalContextOf(d, input), satisfies, input.namedLocations, usual);
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
  if (d.flaggedForReview)
    out.push({ kind: 'flagged', text: 'The user flagged this sign-in for review from the error page.', citations: [cite(d, 'flaggedForReview', true)] });
  return out;
}

function gaps(s: ScenarioId, events: SignIn[], f: Facts, policies: PolicyReport[], input: DiagnosisInput): Gap[] {
  const out: Gap[] = [];
  if (!f.caDetails && (SCENARIO_BY_ID[s].readsConditionalAccess || [53003, 53000, 53001, 53002, 53009].includes(f.code))) {
    out.push({
      text: policies.some((p) => p.inferred)
        ? 'The sign-in records carry no Conditional Access details (Entra leaves them out when the reader has no permission to read Conditional Access: Policy.Read.All, or Security Reader / Global Reader). The policies shown are inferred from their definitions, not read from the log.'
        : 'The sign-in records carry no Conditional Access details. Entra leaves them out when the reader has no role or permission to read Conditional Access (Policy.Read.All, or Security Reader / Global Reader), so which policy applied cannot be shown.',
    });
  }
  if (!events.some(looksLikeBeta)) {
    out.push({
      text: 'These records have only Graph v1.0 fields: the authentication steps and why MFA was required (per-user MFA, Conditional Access, security defaults) are not visible, so MFA-related conclusions are less certain.',
    });
  }
  if (policies.length && !input.policies) {
    out.push({ text: 'The policy definitions could not be read, so the reasons a policy applied come only from what the sign-in log records.' });
  }
  if (policies.some((p) => p.conditions.some((c) => c.met === undefined))) {
    out.push({ text: 'Some policy conditions cannot be checked from the data at hand (marked "cannot tell").' });
  }
  if (s === 'error-code-insight' && f.code !== 0 && [50074, 50076].includes(f.code)) {
    out.push({
      text: 'The attempt stopped at an MFA prompt, but the record does not say what required MFA (no requirement details and no Conditional Access list).',
    });
  }
  if (s !== 'success' && !input.audits) {
    out.push({
      text: 'The directory audit log could not be read from this source, so who changed a policy, the password, the authentication methods or group membership before this attempt is not shown (only the policies’ own created and modified times are).',
    });
  }
  const age = Date.parse(input.now) - Date.parse(f.decisive.createdDateTime);
  if (age >= 0 && age < 15 * 60_000) {
    out.push({
      text: 'This attempt is less than 15 minutes old: later events of it, and its authentication details, may still be arriving. Check again in a few minutes before concluding.',
    });
  }
  const d = f.decisive;
  if (
    d.isInteractive !== false &&
    d.authenticationDetails &&
    d.status.errorCode !== 0 &&
    !d.authenticationDetails.some((x) => /primary/i.test(x.authenticationStepRequirement ?? '')) &&
    !isExternal(d)
  ) {
    out.push({
      text: 'The authentication details have no "Primary authentication" step yet; Entra sometimes adds it later, so the password step cannot be judged.',
    });
  }
  return out;
}
