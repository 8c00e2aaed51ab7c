import type { ConditionalAccessPolicy } from '../signins/directory.ts';
import { msg, said, type Message, type MessageValue } from '../i18n/message.ts';
import { lookupCode } from './catalog.ts';
import { joined, quoted } from './engine-words.ts';
import { SPRAY_USERS, utc } from './history.ts';
import { links } from './links.ts';
import type { Action, Diagnosis, PolicyReport } from './types.ts';

/**
 * Incidents: failures of different people that share one cause, found in a window's diagnosed
 * attempts. One person's diagnosis cannot see them; the admin would have to notice the
 * pattern. Pure: the attempts and the policy definitions in, the incidents out.
 *
 * Three kinds:
 * - `component`: the same component fails for at least N people within minutes of each other
 *   (the pass-through agents, Seamless SSO, one app's configuration, one blocking CA policy).
 * - `policy-change`: a CA policy that blocks N people, none of them before its last change
 *   and the first within a day after it (a policy switched on, or edited to cover a group).
 * - `ip`: one address where password sign-ins fail for many accounts within minutes (a spray).
 *
 * A failure belongs to at most one incident; a policy-change incident takes its failures
 * before the plain component grouping of the same policy sees them.
 *
 * Every sentence is a message (engine.incident.*) with its English beside it, as the rest of the
 * engine says things: the card and the alert render the reader's language from the messages.
 */

/**
 * What incidents read of a diagnosis: a window's run keeps only this of each failure (not its
 * evidence, findings or support details), so a large window does not hold every diagnosis.
 */
export type IncidentFacts = Pick<Diagnosis, 'decisiveEventId' | 'user' | 'app' | 'time' | 'errorCode' | 'scenario' | 'correlationId' | 'actions' | 'policies'>;

/** The facts of a failure incidents read, copied out of its diagnosis: only its enforced policies that failed (all incidents look at). */
export function incidentFacts(d: Diagnosis): IncidentFacts {
  const { decisiveEventId, user, app, time, errorCode, scenario, correlationId, actions } = d;
  return { decisiveEventId, user, app, time, errorCode, scenario, correlationId, actions, policies: failedPolicies(d) };
}

export interface DiagnosedAttempt {
  diagnosis: IncidentFacts;
  /** The deciding event's IP address: the diagnosis does not carry it. */
  ip?: string | null;
}

export type IncidentKind = 'component' | 'policy-change' | 'ip';
export type IncidentComponent = 'pass-through-agents' | 'seamless-sso' | 'app' | 'policy' | 'ip';

export interface Incident {
  /** Stable for the same failures: kind, what it is about, and the first failure's time. */
  id: string;
  kind: IncidentKind;
  component: IncidentComponent;
  /** What it is about: the app's or policy's name, the IP; the component's name otherwise. */
  subject: string;
  /** One sentence: what is failing, for how many people, since when (English; `whatMsg` the same as a message). */
  what: string;
  whatMsg?: Message;
  since: string;
  until: string;
  people: number;
  failures: number;
  /** Up to five, "Display Name <upn>", in the order they first failed. */
  named: string[];
  errorCodes: number[];
  /** Why these failures go together, one line each, ending with a few of the failures themselves (English; `evidenceMsg` the same lines as messages). */
  evidence: string[];
  evidenceMsg?: Message[];
  /** The one action that fixes the cause, and who takes it. */
  action: Action;
  /** The decisive events of the failures it groups (each attempt's `decisiveEventId`). */
  attemptIds: string[];
}

export interface IncidentOptions {
  /** The CA policy definitions, for when each was last changed; without them no policy-change incident is found. */
  policies?: readonly ConditionalAccessPolicy[];
  /** At least this many distinct people (default 3; an IP needs SPRAY_USERS accounts, as the spray rule does). */
  minPeople?: number;
  /** Failures more than this many minutes after the previous one start a new incident (default 30). */
  gapMinutes?: number;
  /** The window the attempts were read from: a policy's failures "start" after a change only when the window covers the time before it. */
  window?: { since: string; until: string };
}

const NAMED = 5;
const EXAMPLES = 5;
/** A policy's failures start "right after" a change when the first is within this long of it. */
const AFTER_CHANGE_MS = 24 * 3_600_000;
/** Scenarios where a CA policy blocked the sign-in outright (an MFA prompt given up is a person's, not a policy's, incident). */
const POLICY_BLOCKS = new Set(['ca-blocked', 'ca-grant-failed', 'b2b-blocked']);
/** Password sign-ins that failed: what a spray produces. */
const PASSWORD_SCENARIOS = new Set(['invalid-credentials', 'account-locked']);

const t = (iso: string) => Date.parse(iso);
const person = (d: IncidentFacts) => `${d.user.displayName ?? d.user.userPrincipalName ?? d.user.id} <${d.user.userPrincipalName ?? d.user.id}>`;
/** Who: by the name tried, so a spray's made-up names count as the accounts they are. */
const accountKey = (d: IncidentFacts) => (d.user.userPrincipalName ?? d.user.id).toLowerCase();

/** Which shared component failed in this attempt, if a shared one did; undefined for a failure of the person's own. */
function componentOf(d: IncidentFacts): { component: IncidentComponent; key: string; subject: string } | undefined {
  const insight = lookupCode(d.errorCode);
  // Codes only the person can fix (logon hours, their own Kerberos ticket) are not a component's failure.
  const shared = !!insight && insight.fixer !== 'user' && insight.fixer !== 'helpdesk';
  if (d.scenario === 'pta' && shared) return { component: 'pass-through-agents', key: 'pta', subject: 'the pass-through authentication agents' };
  if (d.scenario === 'seamless-sso' && shared) return { component: 'seamless-sso', key: `sso:${d.errorCode}`, subject: 'Seamless single sign-on' };
  if (d.scenario === 'app-config' || d.scenario === 'app-sp') {
    const app = d.app.id ?? d.app.displayName ?? '?';
    return { component: 'app', key: `app:${app.toLowerCase()}:${d.errorCode}`, subject: d.app.displayName ?? d.app.id ?? 'an app' };
  }
  if (POLICY_BLOCKS.has(d.scenario)) {
    const p = blockingPolicy(d);
    if (p) return { component: 'policy', key: `policy:${p.id}`, subject: p.displayName };
  }
  return undefined;
}

/** The enforced policies that failed this attempt. */
const failedPolicies = (d: Pick<Diagnosis, 'policies'>): PolicyReport[] => d.policies.filter((p) => p.result === 'failure' && !p.reportOnly);

/**
 * The enforced policy that blocked this attempt: of those that failed, the first whose control
 * is more than MFA (a Block or a device requirement); an MFA policy that also failed only
 * never got its chance. The first failed one when all are MFA.
 */
const blockingPolicy = (d: Pick<Diagnosis, 'policies'>): PolicyReport | undefined => {
  const failed = failedPolicies(d);
  return failed.find((p) => p.grantControls.some((g) => g !== 'mfa')) ?? failed[0];
};

export function findIncidents(attempts: readonly DiagnosedAttempt[], options: IncidentOptions = {}): Incident[] {
  const minPeople = options.minPeople ?? 3;
  const gap = (options.gapMinutes ?? 30) * 60_000;
  const failures = attempts.filter((a) => a.diagnosis.scenario !== 'success').sort((a, b) => t(a.diagnosis.time) - t(b.diagnosis.time));
  const taken = new Set<string>();
  const out: Incident[] = [];
  const from = options.window?.since ?? attempts.map((a) => a.diagnosis.time).sort()[0];

  // A policy whose blocks all come after its last change, the first within a day of it.
  for (const def of options.policies ?? []) {
    const changed = def.modifiedDateTime ?? def.createdDateTime;
    // Only a change inside the window: before it, "none were blocked before the change" cannot be seen.
    if (!changed || def.state !== 'enabled' || !from || t(changed) < t(from)) continue;
    const blocked = failures.filter((a) => POLICY_BLOCKS.has(a.diagnosis.scenario) && failedPolicies(a.diagnosis).some((p) => p.id === def.id));
    if (!blocked.length || t(blocked[0]!.diagnosis.time) < t(changed) || t(blocked[0]!.diagnosis.time) - t(changed) > AFTER_CHANGE_MS) continue;
    if (distinct(blocked) < minPeople) continue;
    blocked.forEach((a) => taken.add(a.diagnosis.decisiveEventId));
    const first = blocked[0]!.diagnosis;
    const report = failedPolicies(first).find((p) => p.id === def.id)!;
    const n = distinct(blocked);
    const name = quoted(def.displayName);
    out.push(
      incident('policy-change', 'policy', def.displayName, blocked, {
        what: msg('engine.incident.what.policyChange', {
          name,
          count: n,
          since: utc(first.time),
          after: duration(t(first.time) - t(changed)),
          changed: utc(changed),
          from: utc(from),
        }),
        evidence: [msg('engine.incident.evidence.policyModified', { name, changed: utc(changed) }), msg('engine.incident.evidence.policyFailed', { name })],
        action: action(
          msg('engine.incident.action.policyChange', { name, changed: utc(changed) }),
          policyPage(def.displayName, report.link || links.policy(def.id)),
        ),
      }),
    );
  }

  // The same shared component failing for several people within minutes.
  const byComponent = new Map<string, { c: NonNullable<ReturnType<typeof componentOf>>; list: DiagnosedAttempt[] }>();
  for (const a of failures) {
    if (taken.has(a.diagnosis.decisiveEventId)) continue;
    const c = componentOf(a.diagnosis);
    if (!c) continue;
    const g = byComponent.get(c.key) ?? { c, list: [] };
    g.list.push(a);
    byComponent.set(c.key, g);
  }
  for (const { c, list } of byComponent.values()) {
    for (const run of bursts(list, gap)) {
      if (distinct(run) < minPeople) continue;
      run.forEach((a) => taken.add(a.diagnosis.decisiveEventId));
      out.push(componentIncident(c.component, c.subject, run));
    }
  }

  // One IP where password sign-ins fail for many accounts within minutes.
  const byIp = new Map<string, DiagnosedAttempt[]>();
  for (const a of failures) {
    if (!a.ip || taken.has(a.diagnosis.decisiveEventId) || !PASSWORD_SCENARIOS.has(a.diagnosis.scenario)) continue;
    byIp.set(a.ip, [...(byIp.get(a.ip) ?? []), a]);
  }
  for (const [ip, list] of byIp) {
    for (const run of bursts(list, gap)) {
      const n = distinct(run);
      if (n < Math.max(minPeople, SPRAY_USERS)) continue;
      run.forEach((a) => taken.add(a.diagnosis.decisiveEventId));
      const first = run[0]!.diagnosis;
      const last = run[run.length - 1]!.diagnosis;
      out.push(
        incident('ip', 'ip', ip, run, {
          what: msg('engine.incident.what.ip', { ip, count: n, first: utc(first.time), last: utc(last.time) }),
          evidence: [msg('engine.incident.evidence.ip', { failures: run.length, ip, count: n, minutes: gap / 60_000 })],
          action: action(msg('engine.incident.action.ip', { ip }), page(msg('engine.link.namedLocations'), links.namedLocations())),
        }),
      );
    }
  }
  return out.sort((a, b) => t(a.since) - t(b.since) || a.id.localeCompare(b.id));
}

function componentIncident(component: IncidentComponent, subject: string, run: DiagnosedAttempt[]): Incident {
  const first = run[0]!.diagnosis;
  const last = run[run.length - 1]!.diagnosis;
  const n = distinct(run);
  const codes = [...new Set(run.map((a) => a.diagnosis.errorCode))].sort((a, b) => a - b);
  const codeWords = joined(
    codes.map((c) => {
      const name = lookupCode(c)?.name;
      return name ? msg('engine.incident.codeNamed', { code: String(c), name }) : msg('engine.incident.code', { code: String(c) });
    }),
    'comma',
  );
  const span = msg('engine.incident.span', { first: utc(first.time), last: utc(last.time) });
  const told = { count: n, span, codes: codeWords };
  const what =
    component === 'pass-through-agents'
      ? msg('engine.incident.what.passThroughAgents', told)
      : component === 'seamless-sso'
        ? msg('engine.incident.what.seamlessSso', told)
        : component === 'app'
          ? msg('engine.incident.what.app', { ...told, app: subject })
          : msg('engine.incident.what.policy', { name: quoted(subject), count: n, span });
  const repeated = { codes: codeWords, failures: run.length };
  const evidence = [
    component === 'policy'
      ? msg('engine.incident.evidence.policyFailed', { name: quoted(subject) })
      : component === 'app'
        ? msg('engine.incident.evidence.sameApp', { ...repeated, app: subject })
        : msg('engine.incident.evidence.sameComponent', {
            ...repeated,
            component: component === 'pass-through-agents' || component === 'seamless-sso' ? msg(COMPONENT_WORDS[component]) : subject,
          }),
  ];
  // The one action: the diagnoses' own action for whoever fixes the component (never the person's or the helpdesk's).
  const own = first.actions.find((x) => x.who !== 'user' && x.who !== 'helpdesk');
  const policy = component === 'policy' ? blockingPolicy(first) : undefined;
  const remedy = lookupCode(first.errorCode);
  const fix: Action = policy
    ? action(msg('engine.incident.action.policy', { name: quoted(subject), count: n }), policyPage(subject, policy.link || links.policy(policy.id)))
    : (own ?? { ...(remedy ? { text: remedy.remedy, msg: remedy.remedyMsg } : said(msg('engine.incident.action.support'))), who: 'admin' });
  return incident('component', component, subject, run, { what, evidence, action: fix });
}

/** The shared components' names where a sentence names them (the incident's `subject` keeps the English, part of its id). */
const COMPONENT_WORDS = {
  'pass-through-agents': 'engine.incident.component.passThroughAgents',
  'seamless-sso': 'engine.incident.component.seamlessSso',
} as const;

/** A page in the admin center, its name a message. */
const page = (titleMsg: Message, url: string): NonNullable<Action['link']> => ({ title: said(titleMsg).text, titleMsg, url });
const policyPage = (name: string, url: string) => page(msg('engine.incident.link.policy', { name: quoted(name) }), url);
/** An admin's action: its words as a message with the English beside it. */
const action = (m: Message, link: NonNullable<Action['link']>): Action => ({ ...said(m), who: 'admin', link });

function incident(
  kind: IncidentKind,
  component: IncidentComponent,
  subject: string,
  run: DiagnosedAttempt[],
  p: { what: Message; evidence: Message[]; action: Action },
): Incident {
  const first = run[0]!.diagnosis;
  const people: string[] = [];
  const seen = new Set<string>();
  for (const a of run) if (!seen.has(accountKey(a.diagnosis)) && seen.add(accountKey(a.diagnosis))) people.push(person(a.diagnosis));
  const examples = run.slice(0, EXAMPLES).map((a) => {
    const values: Record<string, MessageValue> = {
      time: utc(a.diagnosis.time),
      person: person(a.diagnosis),
      app: a.diagnosis.app.displayName ?? a.diagnosis.app.id ?? '?',
      code: String(a.diagnosis.errorCode),
      correlation: a.diagnosis.correlationId || msg('engine.incident.evidence.noCorrelation'),
    };
    return a.ip ? msg('engine.incident.evidence.exampleFromIp', { ...values, ip: a.ip }) : msg('engine.incident.evidence.example', values);
  });
  const evidence = [...p.evidence, ...examples, ...(run.length > EXAMPLES ? [msg('engine.incident.evidence.more', { count: run.length - EXAMPLES })] : [])];
  const what = said(p.what);
  return {
    id: `${kind}:${component}:${subject.toLowerCase()}:${first.time}`,
    kind,
    component,
    subject,
    what: what.text,
    whatMsg: p.what,
    since: first.time,
    until: run[run.length - 1]!.diagnosis.time,
    people: people.length,
    failures: run.length,
    named: people.slice(0, NAMED),
    errorCodes: [...new Set(run.map((a) => a.diagnosis.errorCode))].sort((a, b) => a - b),
    evidence: evidence.map((m) => said(m).text),
    evidenceMsg: evidence,
    action: p.action,
    attemptIds: run.map((a) => a.diagnosis.decisiveEventId),
  };
}

/** Runs of failures (oldest first) where each is within `gap` of the one before. */
function bursts(list: DiagnosedAttempt[], gap: number): DiagnosedAttempt[][] {
  const runs: DiagnosedAttempt[][] = [];
  for (const a of list) {
    const run = runs[runs.length - 1];
    if (run && t(a.diagnosis.time) - t(run[run.length - 1]!.diagnosis.time) <= gap) run.push(a);
    else runs.push([a]);
  }
  return runs;
}

const distinct = (list: DiagnosedAttempt[]) => new Set(list.map((a) => accountKey(a.diagnosis))).size;

/** How long after a change: minutes up to an hour and a half, hours beyond. */
function duration(ms: number): Message {
  const m = Math.round(ms / 60_000);
  if (m < 90) return msg('engine.incident.after.minutes', { count: m });
  return msg('engine.incident.after.hours', { count: Math.round(m / 60) });
}
