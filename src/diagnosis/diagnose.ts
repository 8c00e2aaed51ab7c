import type { SignIn } from '../signins/signin.ts';
import { looksLikeBeta } from '../signins/signin.ts';
import { decisiveEvent, INTERRUPT_CODES as INTERRUPTS } from './attempts.ts';
import { recommendActions, supportWarranted } from './recommendations.ts';
import { lockoutKind, passwordFailures, passwordSources, passwordVerdict, sourcesFinding, whatChanged, type PasswordVerdict } from './history.ts';
import { grantMsg, risksOf } from './words.ts';
import { links } from './links.ts';
import { evalContextOf, isExternal, policyIndex, policyReports } from './policies.ts';
import { previewFix, type FixPreview } from './what-if.ts';
import { breakGlassUse, claimFinding, likelyCompromise, securityDefaultsNow } from './admin-rules.ts';
import { isLegacyClient } from './ca-evaluator.ts';
import { selectAllLockout } from './policy-check.ts';
import { cite } from './scenarios/evidence.ts';
import { collectFacts, type Facts } from './scenarios/facts.ts';
import { decideScenario } from './scenarios/decide.ts';
import { SCENARIO_BY_ID } from './scenarios/index.ts';
import type { Diagnosis, DiagnosisInput, Finding, Gap, PolicyReport, ScenarioId } from './types.ts';
import { msg, render, said, type Message } from '../i18n/message.ts';
import { joined, part, quoted, saidOnce } from './engine-words.ts';

/**
 * From one attempt's events (and the user's history, fetched beforehand) to a diagnosis:
 * the scenario, the assessment in plain words, the policies, findings, actions and what
 * could not be decided. Pure: no I/O, the clock is in the input.
 */
export function diagnoseAttempt(input: DiagnosisInput): Diagnosis {
  const events = [...input.events].sort((a, b) => Date.parse(a.createdDateTime) - Date.parse(b.createdDateTime));
  const d = decisiveEvent(events);
  const facts = collectFacts(events, d, policyIndex(input.policies));
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
      findings.push({ kind: 'password-verdict', text: v.text, msg: v.msg, citations: v.evidence, data: { verdict: v.verdict } });
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
    const hadSay = policies.filter((p) => !['notApplied', 'reportOnlyNotApplied', 'notEnabled'].includes(p.result)).map((p) => p.id);
    const changed = whatChanged(input, d, policies.length ? new Set(hadSay) : undefined);
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
    // Written out, not spread: a spread into this literal was 3% of a window run's time.
    support: {
      warranted: support.warranted,
      reason: support.reason,
      reasonMsg: support.reasonMsg,
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
  const named = joined(
    byDefinition.map((p) => (p.inferred ? msg('engine.finding.dependency.inferred', { policy: quoted(p.displayName) }) : quoted(p.displayName))),
    'and',
  );
  return [
    {
      kind: 'service-dependency',
      ...said(
        byDefinition.length
          ? msg('engine.finding.dependency.named', { opened, target, named, count: byDefinition.length })
          : msg('engine.finding.dependency.evaluated', { opened, target }),
      ),
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
      ...said(
        msg('engine.finding.selectAll', {
          policy: quoted(p.displayName),
          grants: joined(grants.map(grantMsg), 'slash'),
          exclusions: breakGlassGroup
            ? msg('engine.finding.selectAllExcludes', { group: quoted(String(breakGlassGroup.displayName)) })
            : msg((u.excludeUsers ?? []).length || excludedGroups.length ? 'engine.finding.selectAllOtherExclusions' : 'engine.finding.selectAllNoExclusion'),
        }),
      ),
      citations: [{ eventId: f.decisive.id, field: `policy ${p.displayName}`, value: 'includeUsers All, includeApplications All' }],
      data: { policyId: p.id, breakGlassExcluded },
    });
  }
  return out;
}

const WOULD: Record<string, 'blocked' | 'failed' | 'interrupted'> = {
  'engine.policy.summary.reportOnlyBlocked': 'blocked',
  'engine.policy.summary.reportOnlyFailed': 'failed',
  'engine.policy.summary.reportOnlyInterrupted': 'interrupted',
};

/** What a report-only policy would have done: its summary's message without "report-only:", or (no message) its English words. */
function wouldHave(p: PolicyReport): Message | string {
  const kind = p.summaryMsg && WOULD[p.summaryMsg.key];
  return kind ? msg(`engine.policy.would.${kind}`, p.summaryMsg!.values) : p.summary.replace(/^report-only: /, '');
}

function reportOnly(policies: PolicyReport[]): Finding[] {
  const would = policies.filter((p) => p.result === 'reportOnlyFailure' || p.result === 'reportOnlyInterrupted');
  if (!would.length) return [];
  return [
    {
      kind: 'report-only',
      // Each policy's verdict without its "report-only:" (the sentence already says so), in the reader's language.
      ...said(
        msg('engine.finding.reportOnly', {
          policies: joined(
            would.map((p) => msg('engine.finding.reportOnlyPolicy', { policy: quoted(p.displayName), summary: wouldHave(p) })),
            'semi',
          ),
        }),
      ),
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
      ...said(
        msg('engine.finding.risk', {
          level: String(d.riskLevelDuringSignIn),
          types: part(d.riskEventTypes_v2?.length, () => msg('engine.finding.riskTypes', { types: risksOf(d.riskEventTypes_v2!) })),
        }),
      ),
      citations: [cite(d, 'riskLevelDuringSignIn', d.riskLevelDuringSignIn)],
    });
  }
  if (d.flaggedForReview) out.push({ kind: 'flagged', ...saidOnce('engine.finding.flagged'), citations: [cite(d, 'flaggedForReview', true)] });
  return out;
}

function gaps(s: ScenarioId, events: SignIn[], f: Facts, policies: PolicyReport[], input: DiagnosisInput): Gap[] {
  const out: Gap[] = [];
  if (!f.caDetails && (SCENARIO_BY_ID[s].readsConditionalAccess || [53003, 53000, 53001, 53002, 53009].includes(f.code))) {
    out.push({
      ...saidOnce(policies.some((p) => p.inferred) ? 'engine.gap.noCaDetailsInferred' : 'engine.gap.noCaDetails'),
    });
  }
  if (!events.some(looksLikeBeta)) {
    out.push({
      ...saidOnce('engine.gap.v1Only'),
    });
  }
  if (policies.length && !input.policies) {
    out.push({ ...saidOnce('engine.gap.noDefinitions') });
  }
  if (policies.some((p) => p.conditions.some((c) => c.met === undefined))) {
    out.push({ ...saidOnce('engine.gap.cannotTell') });
  }
  if (s === 'error-code-insight' && f.code !== 0 && [50074, 50076].includes(f.code)) {
    out.push({
      ...saidOnce('engine.gap.mfaReason'),
    });
  }
  if (s !== 'success' && !input.audits) {
    out.push({
      ...saidOnce('engine.gap.noAudits'),
    });
  }
  const age = Date.parse(input.now) - Date.parse(f.decisive.createdDateTime);
  if (age >= 0 && age < 15 * 60_000) {
    out.push({
      ...saidOnce('engine.gap.recent'),
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
      ...saidOnce('engine.gap.noPrimaryStep'),
    });
  }
  return out;
}
