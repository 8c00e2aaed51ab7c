import type { Attempt } from '../diagnosis/attempts.ts';
import { isLegacyClient } from '../diagnosis/ca-evaluator.ts';
import { grantOf } from '../diagnosis/policies.ts';
import { requirementMsg, requirementWords } from '../diagnosis/words.ts';
import type { MessageValue } from '../i18n/message.ts';
import type { ConditionalAccessPolicy } from '../signins/directory.ts';
import type { Incident } from '../diagnosis/incidents.ts';
import { SCENARIO_BY_ID } from '../diagnosis/scenarios/index.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import type { SignIn } from '../signins/signin.ts';

/**
 * The tenant over a window, as numbers a report or a summary card shows: failures over time by
 * cause, the top causes, people and apps, the incidents, MFA and legacy-auth use, and the
 * report-only policies that would have blocked. Pure: the window's attempts (every one, for the
 * totals, MFA and legacy use, and report-only verdicts, which the log records on successes too)
 * and its diagnosed failures in, the numbers out. Every number counts attempts (the rows of one
 * correlation id are one attempt) and says which ones, so the page can point at its evidence.
 */

export interface ReportInput {
  window: { since: string; until: string };
  /** Where the sign-ins came from ("tenant folder …"). */
  source: string;
  /** Every attempt whose deciding event lies in the window. */
  attempts: readonly Attempt[];
  /** The failed ones, diagnosed. */
  failures: readonly Diagnosis[];
  incidents: readonly Incident[];
  /** The zone days and hours are counted in. */
  timeZone: string;
  /** The policy definitions, for how a report-only policy's controls combine (AND / OR); without them the controls are listed. */
  policies?: readonly ConditionalAccessPolicy[];
}

export interface CauseRow {
  scenario: string;
  /** The scenario's title: "Blocked by Conditional Access". */
  cause: string;
  failures: number;
  people: number;
  /** The AADSTS codes seen, most frequent first. */
  errorCodes: number[];
}

export interface PersonRow {
  name: string;
  upn: string;
  failures: number;
  /** Their causes, most frequent first. */
  causes: string[];
  last: string;
}

export interface AppRow {
  app: string;
  failures: number;
  people: number;
  causes: string[];
}

export interface ReportOnlyRow {
  id: string;
  policy: string;
  /** `block`: the policy blocks; otherwise what it requires ("a compliant device or a hybrid joined device"). */
  control: string;
  /** The same requirement as a message, for the page in the reader's language (absent for `block`). */
  controlMsg?: MessageValue;
  /** Attempts it would have failed (the log's `reportOnlyFailure`). */
  attempts: number;
  /** Of those, sign-ins that got through: what turning it on would newly stop. */
  succeeded: number;
  people: number;
  /** Up to five, "Display Name <upn>". */
  named: string[];
  /** A few decisive event ids, as evidence. */
  eventIds: string[];
}

export interface LegacyRow {
  client: string;
  succeeded: number;
  failed: number;
  people: number;
}

export interface ReportModel {
  source: string;
  window: { since: string; until: string };
  timeZone: string;
  totals: { attempts: number; succeeded: number; failed: number; people: number; failedPeople: number };
  /** Days for a window longer than two days, else hours: every bucket of the window, in order, empty ones included. */
  buckets: { unit: 'day' | 'hour'; keys: string[] };
  /** Failures per bucket and cause (only non-zero cells); causes beyond the top few are "Other causes". */
  overTime: { bucket: string; cause: string; failures: number }[];
  causes: CauseRow[];
  people: PersonRow[];
  apps: AppRow[];
  incidents: Incident[];
  /** Interactive sign-ins that succeeded, by what they satisfied; and per bucket. */
  mfa: {
    signIns: number;
    multiFactor: number;
    singleFactor: number;
    /** People whose every interactive sign-in in the window was single-factor. */
    singleFactorOnlyPeople: number;
    byBucket: { bucket: string; kind: 'Multifactor' | 'Single factor'; signIns: number }[];
  };
  legacy: { attempts: number; succeeded: number; failed: number; people: number; byClient: LegacyRow[] };
  reportOnly: ReportOnlyRow[];
}

/** How many causes the over-time chart names; the rest are one "Other causes" band. */
export const CHART_CAUSES = 6;
export const OTHER_CAUSES = 'Other causes';
const TOP = 10;
const NAMED = 5;
const EVIDENCE = 5;

const personOf = (e: SignIn) => `${e.userDisplayName ?? e.userPrincipalName ?? e.userId} <${e.userPrincipalName ?? e.userId}>`;
const accountOf = (u: { userPrincipalName?: string | null; userId?: string; id?: string }) => (u.userPrincipalName ?? u.userId ?? u.id ?? '').toLowerCase();
const causeOf = (d: Diagnosis) => SCENARIO_BY_ID[d.scenario]?.title ?? d.title;

/** The requirement as a message, when there are words for it (none: the English 'a grant control' stays). */
function controlMsgOf(controls: readonly string[], operator?: string | null): { controlMsg?: MessageValue } {
  const m = requirementMsg(controls, operator);
  return m ? { controlMsg: m } : {};
}

/** Interactive: the log says so (v1.0 isInteractive, or beta's event types). */
const interactive = (e: SignIn) => e.isInteractive === true || !!e.signInEventTypes?.includes('interactiveUser');

/** Counts keyed by a string, sorted most first, ties by key: the same input gives the same order. */
function ranked<T extends string | number>(values: readonly T[]): T[] {
  const n = new Map<T, number>();
  for (const v of values) n.set(v, (n.get(v) ?? 0) + 1);
  return [...n.entries()].sort((a, b) => b[1] - a[1] || String(a[0]).localeCompare(String(b[0]))).map(([v]) => v);
}

/** One formatter per zone: making one costs more than using it, and a window's every attempt is bucketed. */
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', hourCycle: 'h23' });
    formatters.set(timeZone, f);
  }
  return f;
}

/** "2026-11-19" or "2026-11-19 14:00" in the zone. */
export function bucketOf(iso: string, unit: 'day' | 'hour', timeZone: string): string {
  const parts = formatterFor(timeZone).formatToParts(new Date(iso));
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = `${get('year')}-${get('month')}-${get('day')}`;
  return unit === 'day' ? day : `${day} ${get('hour')}:00`;
}

/** Every bucket from since to until, in order: a quiet day is a bar of zero, not a missing day. */
function bucketKeys(since: string, until: string, unit: 'day' | 'hour', timeZone: string): string[] {
  const keys: string[] = [];
  const step = 3_600_000;
  const end = Date.parse(until);
  for (let t = Date.parse(since); t <= end; t += step) {
    const k = bucketOf(new Date(t).toISOString(), unit, timeZone);
    if (keys[keys.length - 1] !== k) keys.push(k);
  }
  // The last instant itself (an until on the hour opens no new bucket of its own only if it is the window's end).
  const last = bucketOf(until, unit, timeZone);
  if (keys[keys.length - 1] !== last) keys.push(last);
  return keys;
}

export function reportModel(input: ReportInput): ReportModel {
  const { window, timeZone } = input;
  const unit = Date.parse(window.until) - Date.parse(window.since) > 2 * 24 * 3_600_000 ? 'day' : 'hour';
  const keys = bucketKeys(window.since, window.until, unit, timeZone);
  const failures = input.failures.filter((d) => d.scenario !== 'success');
  const decisive = input.attempts.map((a) => a.decisive);

  // Causes, most failures first.
  const byCause = new Map<string, Diagnosis[]>();
  for (const d of failures) byCause.set(d.scenario, [...(byCause.get(d.scenario) ?? []), d]);
  const causes: CauseRow[] = [...byCause.entries()]
    .map(([scenario, ds]) => ({
      scenario,
      cause: causeOf(ds[0]!),
      failures: ds.length,
      people: new Set(ds.map((d) => accountOf(d.user))).size,
      errorCodes: ranked(ds.map((d) => d.errorCode)),
    }))
    .sort((a, b) => b.failures - a.failures || a.cause.localeCompare(b.cause));
  const charted = new Set(causes.slice(0, CHART_CAUSES).map((c) => c.cause));

  const cells = new Map<string, number>();
  for (const d of failures) {
    const cause = charted.has(causeOf(d)) ? causeOf(d) : OTHER_CAUSES;
    const key = `${bucketOf(d.time, unit, timeZone)}\n${cause}`;
    cells.set(key, (cells.get(key) ?? 0) + 1);
  }
  const overTime = [...cells.entries()]
    .map(([k, failures]) => {
      const [bucket, cause] = k.split('\n') as [string, string];
      return { bucket, cause, failures };
    })
    .sort((a, b) => a.bucket.localeCompare(b.bucket) || a.cause.localeCompare(b.cause));

  // People and apps with the most failures.
  const byPerson = new Map<string, Diagnosis[]>();
  for (const d of failures) byPerson.set(accountOf(d.user), [...(byPerson.get(accountOf(d.user)) ?? []), d]);
  const people: PersonRow[] = [...byPerson.values()]
    .map((ds) => {
      const u = ds[0]!.user;
      return {
        name: u.displayName ?? u.userPrincipalName ?? u.id,
        upn: u.userPrincipalName ?? u.id,
        failures: ds.length,
        causes: ranked(ds.map(causeOf)),
        last: ds.map((d) => d.time).sort()[ds.length - 1]!,
      };
    })
    .sort((a, b) => b.failures - a.failures || a.upn.localeCompare(b.upn))
    .slice(0, TOP);
  const byApp = new Map<string, Diagnosis[]>();
  for (const d of failures) {
    const app = d.app.displayName ?? d.app.id ?? 'an unnamed app';
    byApp.set(app, [...(byApp.get(app) ?? []), d]);
  }
  const apps: AppRow[] = [...byApp.entries()]
    .map(([app, ds]) => ({ app, failures: ds.length, people: new Set(ds.map((d) => accountOf(d.user))).size, causes: ranked(ds.map(causeOf)) }))
    .sort((a, b) => b.failures - a.failures || a.app.localeCompare(b.app))
    .slice(0, TOP);

  // MFA: interactive sign-ins that worked, and what they satisfied.
  const mfaCells = new Map<string, number>();
  const factorsOf = new Map<string, Set<string>>();
  let multiFactor = 0;
  let singleFactor = 0;
  for (const e of decisive) {
    if (e.status.errorCode !== 0 || !interactive(e)) continue;
    const mfa = e.authenticationRequirement === 'multiFactorAuthentication';
    if (mfa) multiFactor++;
    else singleFactor++;
    const kind = mfa ? 'Multifactor' : 'Single factor';
    const key = `${bucketOf(e.createdDateTime, unit, timeZone)}\n${kind}`;
    mfaCells.set(key, (mfaCells.get(key) ?? 0) + 1);
    const who = accountOf(e);
    factorsOf.set(who, (factorsOf.get(who) ?? new Set()).add(kind));
  }
  const byBucket = [...mfaCells.entries()]
    .map(([k, signIns]) => {
      const [bucket, kind] = k.split('\n') as [string, 'Multifactor' | 'Single factor'];
      return { bucket, kind, signIns };
    })
    .sort((a, b) => a.bucket.localeCompare(b.bucket) || a.kind.localeCompare(b.kind));

  // Legacy authentication: every attempt over a legacy protocol, worked or not.
  const legacyAttempts = decisive.filter((e) => isLegacyClient(e.clientAppUsed));
  const byClient = new Map<string, SignIn[]>();
  for (const e of legacyAttempts) byClient.set(e.clientAppUsed ?? 'Other clients', [...(byClient.get(e.clientAppUsed ?? 'Other clients') ?? []), e]);
  const legacyRows: LegacyRow[] = [...byClient.entries()]
    .map(([client, es]) => ({
      client,
      succeeded: es.filter((e) => e.status.errorCode === 0).length,
      failed: es.filter((e) => e.status.errorCode !== 0).length,
      people: new Set(es.map(accountOf)).size,
    }))
    .sort((a, b) => b.succeeded + b.failed - (a.succeeded + a.failed) || a.client.localeCompare(b.client));

  // Report-only policies the log says would have failed the sign-in.
  const byPolicy = new Map<string, { name: string; controls: Set<string>; events: SignIn[] }>();
  for (const e of decisive)
    for (const p of e.appliedConditionalAccessPolicies ?? []) {
      if (p.result !== 'reportOnlyFailure') continue;
      const row = byPolicy.get(p.id) ?? { name: p.displayName ?? p.id, controls: new Set<string>(), events: [] };
      for (const g of p.enforcedGrantControls ?? []) row.controls.add(grantOf(g));
      row.events.push(e);
      byPolicy.set(p.id, row);
    }
  const reportOnly: ReportOnlyRow[] = [...byPolicy.entries()]
    .map(([id, r]) => {
      const named: string[] = [];
      for (const e of r.events) if (!named.includes(personOf(e)) && named.length < NAMED) named.push(personOf(e));
      const controls = [...r.controls].sort();
      const operator = input.policies?.find((p) => p.id === id)?.grantControls?.operator;
      return {
        id,
        policy: r.name,
        control: controls.includes('block') ? 'block' : requirementWords(controls, operator) || 'a grant control',
        ...(controls.includes('block') ? {} : controlMsgOf(controls, operator)),
        attempts: r.events.length,
        succeeded: r.events.filter((e) => e.status.errorCode === 0).length,
        people: new Set(r.events.map(accountOf)).size,
        named,
        eventIds: r.events.slice(0, EVIDENCE).map((e) => e.id),
      };
    })
    .sort((a, b) => b.attempts - a.attempts || a.policy.localeCompare(b.policy));

  return {
    source: input.source,
    window,
    timeZone,
    totals: {
      attempts: decisive.length,
      succeeded: decisive.filter((e) => e.status.errorCode === 0).length,
      failed: failures.length,
      people: new Set(decisive.map(accountOf)).size,
      failedPeople: byPerson.size,
    },
    buckets: { unit, keys },
    overTime,
    causes,
    people,
    apps,
    incidents: [...input.incidents],
    mfa: {
      signIns: multiFactor + singleFactor,
      multiFactor,
      singleFactor,
      singleFactorOnlyPeople: [...factorsOf.values()].filter((k) => !k.has('Multifactor')).length,
      byBucket,
    },
    legacy: {
      attempts: legacyAttempts.length,
      succeeded: legacyAttempts.filter((e) => e.status.errorCode === 0).length,
      failed: legacyAttempts.filter((e) => e.status.errorCode !== 0).length,
      people: new Set(legacyAttempts.map(accountOf)).size,
      byClient: legacyRows,
    },
    reportOnly,
  };
}
