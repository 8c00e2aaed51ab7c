import type { AppliedConditionalAccessPolicy, SignIn } from '../signins/signin.ts';
import { conditionNames } from '../signins/enums.ts';
import { clientAppType, evaluatePolicy, platformOf, roleTemplatesOf, transitiveGroups, type EvalContext, type PolicyEvaluation } from './ca-evaluator.ts';
import type { ConditionalAccessPolicy, NamedLocation } from '../signins/directory.ts';
import { links } from './links.ts';
import type { ConditionVerdict, DiagnosisInput, PolicyReport } from './diagnosis-parts.ts';
import { msg, render, type Message, type MessageValue } from '../i18n/message.ts';
import type { MessageKey } from '../i18n/translate.ts';
// A grant control's words are words.ts's, the one vocabulary the scenarios and the what-if card share too.
import { requirementMsg } from './words.ts';

/**
 * The Conditional Access side of an attempt: which policies the log says applied, with
 * what result, and (from the policy definitions, when the source could read them) why.
 */

/** Log grant-control strings ("Mfa", "RequireCompliantDevice") → policy enum values. */
const GRANT: Record<string, string> = {
  mfa: 'mfa',
  'require multi-factor authentication': 'mfa',
  block: 'block',
  requirecompliantdevice: 'compliantDevice',
  'require device to be marked as compliant': 'compliantDevice',
  compliantdevice: 'compliantDevice',
  requiredomainjoineddevice: 'domainJoinedDevice',
  domainjoineddevice: 'domainJoinedDevice',
  'require hybrid azure ad joined device': 'domainJoinedDevice',
  requireapprovedapp: 'approvedApplication',
  approvedapplication: 'approvedApplication',
  requirecompliantapp: 'compliantApplication',
  compliantapplication: 'compliantApplication',
  'require app protection policy': 'compliantApplication',
  passwordchange: 'passwordChange',
  requirepasswordchange: 'passwordChange',
  termsofuse: 'termsOfUse',
  authenticationstrength: 'authenticationStrength',
};

const grantCache = new Map<string, string>();
export function grantOf(s: string): string {
  let g = grantCache.get(s);
  if (g === undefined) {
    const k = s.trim().toLowerCase();
    g = GRANT[k] ?? GRANT[k.replace(/\s+/g, '')] ?? s;
    if (grantCache.size < 1000) grantCache.set(s, g);
  }
  return g;
}

const RESULT_ORDER = [
  'failure',
  'reportOnlyFailure',
  'reportOnlyInterrupted',
  'success',
  'reportOnlySuccess',
  'notApplied',
  'reportOnlyNotApplied',
  'notEnabled',
  'unknown',
  'unknownFutureValue',
];

/** The event whose policy list speaks for the attempt: the decisive one, else the last that has one. */
export function policyEvent(events: SignIn[], decisive: SignIn): SignIn | undefined {
  if (decisive.appliedConditionalAccessPolicies?.length) return decisive;
  for (let i = events.length - 1; i >= 0; i--) if (events[i]!.appliedConditionalAccessPolicies?.length) return events[i];
  return undefined;
}

export function evalContextOf(e: SignIn, input: DiagnosisInput): EvalContext {
  const userId = e.userId;
  return {
    userId,
    isGuest: isExternal(e),
    groupIds: input.memberOf ?? (input.groups ? transitiveGroups(userId, input.groups) : undefined),
    roleTemplateIds: input.roleTemplateIds ?? (input.roles ? roleTemplatesOf(userId, input.roles) : undefined),
    appIds: [e.resourceId, e.appId].filter((x): x is string => !!x),
    clientAppType: clientAppType(e.clientAppUsed),
    platform: platformOf(e.deviceDetail?.operatingSystem),
    ip: e.ipAddress ?? undefined,
    country: e.location?.countryOrRegion ?? undefined,
    signInRisk: e.riskLevelDuringSignIn ?? undefined,
    userRisk: e.riskLevelAggregated ?? undefined,
    device: e.deviceDetail ?? undefined,
  };
}

export function isExternal(e: SignIn): boolean {
  const t = e.crossTenantAccessType;
  return (
    e.userType?.toLowerCase() === 'guest' ||
    (t !== null && t !== undefined && t !== 'none' && t !== 'unknownFutureValue' && t !== 'passthrough') ||
    (!!e.homeTenantId && !!e.resourceTenantId && e.homeTenantId.toLowerCase() !== e.resourceTenantId.toLowerCase())
  );
}

/** Why a grant control failed, from what the log says about the device and the steps. */
function failedControlMsg(grants: string[], e: SignIn): Message | undefined {
  const d = e.deviceDetail;
  const device: MessageValue = [d?.operatingSystem, d?.browser].filter(Boolean).join(', ') || msg('engine.policy.theDevice');
  const app: MessageValue = e.appDisplayName ?? msg('engine.policy.theApp');
  for (const g of grants) {
    if (g === 'compliantDevice' && d?.isCompliant !== true) {
      const registered = d?.deviceId ? msg('engine.policy.registeredAs', { name: d.displayName || d.deviceId }) : msg('engine.policy.notRegistered');
      const value: MessageValue = d?.isCompliant == null ? msg('engine.policy.emptyValue') : String(d.isCompliant);
      return msg('engine.policy.failed.compliantDevice', { device, registered, value });
    }
    if (g === 'domainJoinedDevice' && !/hybrid/i.test(d?.trustType ?? ''))
      return msg('engine.policy.failed.domainJoinedDevice', { device, joinType: d?.trustType || msg('engine.policy.noJoinType') });
    if (g === 'compliantApplication') return msg('engine.policy.failed.compliantApplication', { app, device });
    if (g === 'approvedApplication') return msg('engine.policy.failed.approvedApplication', { app, device });
    if (g === 'mfa') return msg('engine.policy.failed.mfa');
    if (g === 'passwordChange') return msg('engine.policy.failed.passwordChange');
    if (g === 'termsOfUse') return msg('engine.policy.failed.termsOfUse');
  }
  return undefined;
}

function summaryMsg(result: string, grants: string[], state: string | undefined, operator?: string | null): Message {
  const req = requirementMsg(grants, operator);
  const block = grants.includes('block');
  switch (result) {
    case 'success':
      return req ? msg('engine.policy.summary.successWith', { req }) : msg('engine.policy.summary.success');
    case 'failure':
      return block ? msg('engine.policy.summary.blocked') : msg('engine.policy.summary.failed', { req: req ?? msg('engine.policy.aControl') });
    case 'notApplied':
      return msg('engine.policy.summary.notApplied');
    case 'notEnabled':
      return msg('engine.policy.summary.notEnabled');
    case 'reportOnlySuccess':
      return req ? msg('engine.policy.summary.reportOnlySuccessWith', { req }) : msg('engine.policy.summary.reportOnlySuccess');
    case 'reportOnlyFailure':
      return block
        ? msg('engine.policy.summary.reportOnlyBlocked')
        : msg('engine.policy.summary.reportOnlyFailed', { req: req ?? msg('engine.policy.aControl') });
    case 'reportOnlyInterrupted':
      return msg('engine.policy.summary.reportOnlyInterrupted', { req: req ?? msg('engine.policy.anAction') });
    case 'reportOnlyNotApplied':
      return msg('engine.policy.summary.reportOnlyNotApplied');
    default:
      return state === 'enabledForReportingButNotEnforced'
        ? msg('engine.policy.summary.reportOnlyUnrecorded')
        : msg('engine.policy.summary.recorded', { result });
  }
}

/**
 * A person signs in from the same device, network and apps again and again: the verdicts
 * for one policy set and one sign-in context are worked out once. Bounded, and keyed by the
 * policy list itself, so a new snapshot of the policies starts afresh.
 */
const evaluations = new WeakMap<ConditionalAccessPolicy[], Map<string, Map<string, PolicyEvaluation>>>();
const MAX_MEMO = 10_000;

function contextKey(c: EvalContext): string {
  const d = c.device;
  return [
    c.userId,
    c.isGuest,
    c.appIds.join(','),
    c.userAction,
    c.clientAppType,
    c.platform,
    c.ip,
    c.country,
    c.signInRisk,
    c.userRisk,
    d?.isCompliant,
    d?.trustType,
    d?.operatingSystem,
    d?.deviceId,
    d?.displayName,
  ].join('|');
}

/** The verdicts of every policy for one sign-in context, memoised per policy snapshot. */
function verdictsFor(policies: ConditionalAccessPolicy[], ctx: EvalContext): Map<string, PolicyEvaluation> {
  let memo = evaluations.get(policies);
  if (!memo || memo.size > MAX_MEMO) evaluations.set(policies, (memo = new Map()));
  const key = contextKey(ctx);
  let perPolicy = memo.get(key);
  if (!perPolicy) memo.set(key, (perPolicy = new Map()));
  return perPolicy;
}

function evaluateCached(
  perPolicy: Map<string, PolicyEvaluation>,
  def: ConditionalAccessPolicy,
  ctx: EvalContext,
  namedLocations: NamedLocation[] | undefined,
): PolicyEvaluation {
  let r = perPolicy.get(def.id);
  if (!r) perPolicy.set(def.id, (r = evaluatePolicy(def, ctx, { namedLocations })));
  return r;
}

const policyLinks = new Map<string, string>();
const policyLink = (id: string) => {
  let l = policyLinks.get(id);
  if (!l) {
    if (policyLinks.size > 10_000) policyLinks.clear();
    policyLinks.set(id, (l = links.policy(id)));
  }
  return l;
};

/**
 * Reports for one sign-in context and one logged policy list, shared between attempts that
 * look the same (diagnoses are read, never modified). Keyed by the policy snapshot.
 */
const reportMemo = new WeakMap<object, Map<string, PolicyReport[]>>();
const NO_POLICIES = {};

export function policyReports(events: SignIn[], decisive: SignIn, input: DiagnosisInput): PolicyReport[] {
  const e = policyEvent(events, decisive);
  if (!e) return events.some((x) => x.appliedConditionalAccessPolicies != null) ? [] : inferredReports(decisive, input);
  const ctx = evalContextOf(e, input);
  const logged = (e.appliedConditionalAccessPolicies ?? [])
    .map((a) => `${a.id}:${a.result}:${(a.enforcedGrantControls ?? []).join('+')}:${a.conditionsNotSatisfied ?? ''}`)
    .join(',');
  const key = `${contextKey(ctx)}|${e.appDisplayName ?? ''}|${logged}`;
  const owner = input.policies ?? NO_POLICIES;
  let memo = reportMemo.get(owner);
  if (!memo || memo.size > MAX_MEMO) reportMemo.set(owner, (memo = new Map()));
  let reports = memo.get(key);
  if (!reports) memo.set(key, (reports = buildReports(e, ctx, input)));
  return reports;
}

function buildReports(e: SignIn, ctx: EvalContext, input: DiagnosisInput): PolicyReport[] {
  const perPolicy = input.policies ? verdictsFor(input.policies, ctx) : undefined;
  const defs = policyIndex(input.policies);
  const reports = (e.appliedConditionalAccessPolicies ?? []).map((a: AppliedConditionalAccessPolicy) => {
    const def = defs.get(a.id);
    const fromLog = (a.enforcedGrantControls ?? []).map(grantOf);
    const grants = fromLog.length ? fromLog : (def?.grantControls?.builtInControls ?? []).map(grantOf);
    const result = String(a.result);
    const conditions = def
      ? withLogEvidence(evaluateCached(perPolicy!, def, ctx, input.namedLocations).conditions, a)
      : conditionNames(a.conditionsNotSatisfied).map((c) => {
          const reasonMsg = msg('engine.condition.log.notSatisfied', { condition: logConditionMsg(c) });
          return { condition: c, met: false as const, reason: render('en', reasonMsg), reasonMsg };
        });
    const failedMsg = result === 'failure' || result === 'reportOnlyFailure' ? failedControlMsg(grants, e) : undefined;
    const summary = summaryMsg(result, grants, def?.state, def?.grantControls?.operator);
    return {
      id: a.id,
      displayName: a.displayName ?? def?.displayName ?? a.id,
      result,
      reportOnly: result.startsWith('reportOnly') || def?.state === 'enabledForReportingButNotEnforced',
      grantControls: grants,
      summary: render('en', summary),
      summaryMsg: summary,
      operator: def?.grantControls?.operator ?? null,
      conditions,
      ...(failedMsg ? { failedControl: render('en', failedMsg), failedControlMsg: failedMsg } : {}),
      link: policyLink(a.id),
    } satisfies PolicyReport;
  });
  const rank = (r: string) => {
    const i = RESULT_ORDER.indexOf(r);
    return i < 0 ? RESULT_ORDER.length : i;
  };
  return reports.sort((a, b) => rank(a.result) - rank(b.result) || a.displayName.localeCompare(b.displayName));
}

const CA_CODES: Record<string, number[]> = {
  compliantDevice: [53000],
  domainJoinedDevice: [53001],
  approvedApplication: [53002],
  compliantApplication: [53009],
  mfa: [50074, 50076, 500121],
};

/**
 * The log has no Conditional Access details (the reader lacks the permission), but the
 * definitions are at hand: the enforced policies whose conditions this sign-in meets, each
 * marked as inferred. What they did is judged from the outcome: a Block that applies
 * blocked; a requirement failed when the error code is that requirement's.
 */
function inferredReports(d: SignIn, input: DiagnosisInput): PolicyReport[] {
  if (!input.policies?.length) return [];
  const ctx = evalContextOf(d, input);
  const out: PolicyReport[] = [];
  for (const def of input.policies) {
    if (def.state !== 'enabled') continue;
    const ev = evaluatePolicy(def, ctx, { namedLocations: input.namedLocations });
    if (ev.applies !== true) continue;
    const grants = (def.grantControls?.builtInControls ?? []).map(grantOf);
    const code = d.status.errorCode;
    const failed = grants.includes('block') ? code !== 0 : grants.some((g) => (CA_CODES[g] ?? []).includes(code));
    const result = failed ? 'failure' : 'success';
    const control = failed && !grants.includes('block') ? failedControlMsg(grants, d) : undefined;
    const summary = msg('engine.policy.summary.inferred', { summary: summaryMsg(result, grants, def.state, def.grantControls?.operator) });
    out.push({
      id: def.id,
      displayName: def.displayName,
      result,
      reportOnly: false,
      grantControls: grants,
      operator: def.grantControls?.operator ?? null,
      summary: render('en', summary),
      summaryMsg: summary,
      conditions: ev.conditions,
      ...(control ? { failedControl: render('en', control), failedControlMsg: control } : {}),
      link: policyLink(def.id),
      inferred: true,
    });
  }
  return out.sort((a, b) => Number(b.result === 'failure') - Number(a.result === 'failure') || a.displayName.localeCompare(b.displayName));
}

/** Our condition names → the flags the sign-in log uses in conditionsSatisfied / conditionsNotSatisfied. */
const LOG_CONDITION: Record<string, string> = {
  users: 'users',
  applications: 'application',
  'client apps': 'clientType',
  'device platforms': 'devicePlatform',
  locations: 'location',
  'sign-in risk': 'signInRisk',
  'user risk': 'userRisk',
  'device filter': 'deviceState',
};

/**
 * Where the evaluator cannot tell (group membership unknown, hidden risk), the sign-in log
 * may: it records which conditions were satisfied and which rule matched.
 */
function withLogEvidence(conditions: ConditionVerdict[], a: AppliedConditionalAccessPolicy): ConditionVerdict[] {
  const satisfied = conditionNames(a.conditionsSatisfied);
  const notSatisfied = conditionNames(a.conditionsNotSatisfied);
  return conditions.map((c) => {
    if (c.met !== undefined) return c;
    const flag = LOG_CONDITION[c.condition];
    if (!flag) return c;
    const rule = (a.includeRulesSatisfied ?? []).find((r) => r.conditionalAccessCondition === flag)?.ruleSatisfied;
    const condition = conditionMsg(c.condition);
    const said = (met: boolean, reasonMsg: Message): ConditionVerdict => ({ condition: c.condition, met, reason: render('en', reasonMsg), reasonMsg });
    if (satisfied.includes(flag))
      return said(true, rule ? msg('engine.condition.log.matchedRule', { condition, rule }) : msg('engine.condition.log.matched', { condition }));
    if (notSatisfied.includes(flag)) return said(false, msg('engine.condition.log.notMatched', { condition }));
    return c;
  });
}

/** Our condition names, in words: in English as they are ("client apps"), in the other languages as the portal names them. */
const CONDITION_KEYS: Record<string, MessageKey> = {
  users: 'engine.condition.name.users',
  applications: 'engine.condition.name.applications',
  'client apps': 'engine.condition.name.clientApps',
  'device platforms': 'engine.condition.name.devicePlatforms',
  locations: 'engine.condition.name.locations',
  'sign-in risk': 'engine.condition.name.signInRisk',
  'user risk': 'engine.condition.name.userRisk',
  'device filter': 'engine.condition.name.deviceFilter',
};
const conditionMsg = (c: string): MessageValue => (CONDITION_KEYS[c] ? msg(CONDITION_KEYS[c]) : c);

/** The log's condition flags ("devicePlatform"): in English as the log spells them, in the other languages as the portal names the condition. */
const LOG_CONDITION_KEYS: Record<string, MessageKey> = {
  application: 'engine.condition.logName.application',
  users: 'engine.condition.logName.users',
  devicePlatform: 'engine.condition.logName.devicePlatform',
  location: 'engine.condition.logName.location',
  clientType: 'engine.condition.logName.clientType',
  signInRisk: 'engine.condition.logName.signInRisk',
  userRisk: 'engine.condition.logName.userRisk',
  time: 'engine.condition.logName.time',
  deviceState: 'engine.condition.logName.deviceState',
  client: 'engine.condition.logName.client',
  authenticationFlows: 'engine.condition.logName.authenticationFlows',
  insiderRisk: 'engine.condition.logName.insiderRisk',
};
const logConditionMsg = (c: string): MessageValue => (LOG_CONDITION_KEYS[c] ? msg(LOG_CONDITION_KEYS[c]) : c);

const indexes = new WeakMap<ConditionalAccessPolicy[], Map<string, ConditionalAccessPolicy>>();
/** The policies by id, made once per policy list (every attempt of a window reads the same list). Read-only. */
export function policyIndex(policies: ConditionalAccessPolicy[] | undefined): Map<string, ConditionalAccessPolicy> {
  if (!policies) return new Map();
  let m = indexes.get(policies);
  if (!m) indexes.set(policies, (m = new Map(policies.map((p) => [p.id, p]))));
  return m;
}

/** Policies that failed (enforced) in any event of the attempt. */
export function failedPolicies(events: SignIn[]): AppliedConditionalAccessPolicy[] {
  const seen = new Map<string, AppliedConditionalAccessPolicy>();
  for (const e of events) for (const p of e.appliedConditionalAccessPolicies ?? []) if (p.result === 'failure') seen.set(p.id, p);
  return [...seen.values()];
}
