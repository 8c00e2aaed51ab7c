import { placeOf, type SignIn } from '../signins/signin.ts';
import { cite } from './scenarios/evidence.ts';
import { tenantChanges, type TenantChange } from './tenant-changes.ts';
import type { DiagnosisInput, Finding } from './diagnosis-parts.ts';

/**
 * What the user's recent history says: where wrong passwords and lockouts came from,
 * whether that looks like a person typing, a device replaying an old saved password, or
 * an attack; and what differs from the user's last successful sign-in.
 */

const PASSWORD_FAILURES = new Set([50126, 50053, 50034, 50056]);
/** Distinct users failing from one IP in the window before we call it an attack on many accounts. */
export const SPRAY_USERS = 5;
const t = (e: SignIn) => Date.parse(e.createdDateTime);
/** "2026-11-19 16:11 UTC": times in the engine's sentences (cards show the asker's zone). */
export const utc = (iso: string) => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
/** "from A to B", or "at A" when both fall in the same minute (never "19:00 to 19:00"). */
export const utcSpan = (first: string, last: string) => (utc(first) === utc(last) ? `at ${utc(first)}` : `from ${utc(first)} to ${utc(last)}`);
const place = (e: SignIn) => placeOf(e) || 'unknown location';
const device = (e: SignIn) =>
  e.deviceDetail?.displayName || [e.deviceDetail?.operatingSystem, e.deviceDetail?.browser].filter(Boolean).join(' / ') || 'unknown device';
/** A client as a helpdesk would name it: the app, the protocol and the device it runs on. */
const clientKey = (e: SignIn) => `${e.appDisplayName ?? e.appId ?? 'unknown app'} via ${e.clientAppUsed ?? 'unknown client'} on ${device(e)}`;

export interface SourceCount {
  value: string;
  count: number;
  first: string;
  last: string;
  /** The user also signed in successfully from here in the window. */
  familiar?: boolean;
}

export interface PasswordSources {
  total: number;
  first: string;
  last: string;
  byApp: SourceCount[];
  byIp: SourceCount[];
  byLocation: SourceCount[];
  byDevice: SourceCount[];
  byOs: SourceCount[];
  byClient: SourceCount[];
}

function tally(events: SignIn[], key: (e: SignIn) => string, familiar?: Set<string>): SourceCount[] {
  const m = new Map<string, SignIn[]>();
  for (const e of events) {
    const k = key(e);
    const list = m.get(k) ?? [];
    list.push(e);
    m.set(k, list);
  }
  return [...m.entries()]
    .map(([value, list]) => ({
      value,
      count: list.length,
      first: list.reduce((a, e) => (t(e) < Date.parse(a) ? e.createdDateTime : a), list[0]!.createdDateTime),
      last: list.reduce((a, e) => (t(e) > Date.parse(a) ? e.createdDateTime : a), list[0]!.createdDateTime),
      ...(familiar ? { familiar: familiar.has(value) } : {}),
    }))
    .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
}

/** Password failures and lockouts of the user in the window, including the attempt's own events. */
export function passwordFailures(input: DiagnosisInput): SignIn[] {
  const seen = new Set<string>();
  const out: SignIn[] = [];
  for (const e of [...input.events, ...input.history]) {
    if (!PASSWORD_FAILURES.has(e.status.errorCode) || seen.has(e.id)) continue;
    seen.add(e.id);
    out.push(e);
  }
  return out.sort((a, b) => t(a) - t(b));
}

export function passwordSources(input: DiagnosisInput, failures: SignIn[]): PasswordSources | undefined {
  if (!failures.length) return undefined;
  const ok = input.history.filter((e) => e.status.errorCode === 0);
  const okIps = new Set(ok.map((e) => e.ipAddress ?? ''));
  const okPlaces = new Set(ok.map(place));
  return {
    total: failures.length,
    first: failures[0]!.createdDateTime,
    last: failures[failures.length - 1]!.createdDateTime,
    byApp: tally(failures, (e) => e.appDisplayName ?? e.appId ?? 'unknown app'),
    byIp: tally(failures, (e) => e.ipAddress ?? 'unknown IP', okIps),
    byLocation: tally(failures, place, okPlaces),
    byDevice: tally(failures, device),
    byOs: tally(failures, (e) => e.deviceDetail?.operatingSystem || 'unknown OS'),
    byClient: tally(failures, (e) => e.clientAppUsed ?? 'unknown client'),
  };
}

export type PasswordVerdict = 'attack' | 'stale-password' | 'typing' | 'unclear';

export interface VerdictResult {
  verdict: PasswordVerdict;
  text: string;
  evidence: ReturnType<typeof cite>[];
}

/**
 * Tells apart: an attack (an IP failing for many users), a client replaying a stale saved
 * password (one client failing again and again after the last password change), and a
 * person typing (a short burst, from where the user usually works).
 */
export function passwordVerdict(input: DiagnosisInput, failures: SignIn[], sources: PasswordSources, decisive: SignIn): VerdictResult {
  // Judge the attempt's own source first: other failures in the window may have other causes.
  const ip = decisive.ipAddress ?? '';
  const ipUsers = input.ipFailureUsers[ip] ?? 0;
  const others = sources.byIp.filter((s) => s.value !== ip && (input.ipFailureUsers[s.value] ?? 0) >= SPRAY_USERS);
  const also = others.length
    ? ` Separately, ${others.map((s) => `${s.value} (${s.count} failure${s.count === 1 ? '' : 's'}) is attacking ${input.ipFailureUsers[s.value]} accounts`).join('; ')}.`
    : '';
  if (ipUsers >= SPRAY_USERS) {
    const familiar = sources.byIp.find((s) => s.value === ip)?.familiar;
    return {
      verdict: 'attack',
      text: `Looks like an attack on many accounts: ${ip} (${place(decisive)}) failed to sign in as ${ipUsers} different users ${windowWords(input)}, ${familiar ? 'although this user has also signed in from it' : 'and this user has never signed in successfully from it'}.`,
      evidence: [cite(decisive, 'ipAddress', ip), cite(decisive, 'userAgent', decisive.userAgent ?? '')],
    };
  }
  const changed = input.user?.lastPasswordChangeDateTime ? Date.parse(input.user.lastPasswordChangeDateTime) : undefined;
  if (changed !== undefined && t(decisive) > changed) {
    const client = clientKey(decisive);
    const list = failures.filter((e) => t(e) > changed && e.status.errorCode !== 50034 && clientKey(e) === client);
    if (list.length >= 3 && t(list[list.length - 1]!) - t(list[0]!) >= 30 * 60_000) {
      const okSince = input.history.some((e) => e.status.errorCode === 0 && t(e) > changed && e.isInteractive !== false && clientKey(e) !== client);
      return {
        verdict: 'stale-password',
        text: `Looks like a saved old password: the password was changed at ${utc(input.user!.lastPasswordChangeDateTime!)}, and since then ${client} failed ${list.length} times ${windowWords(input)} (${utcSpan(list[0]!.createdDateTime, list[list.length - 1]!.createdDateTime)})${okSince ? ', while the user has signed in successfully from other clients since the change' : ''}. Update the password saved in that app or device (or remove the account from it).${also}`,
        evidence: [
          cite(list[0]!, 'clientAppUsed', list[0]!.clientAppUsed ?? ''),
          cite(list[0]!, 'deviceDetail.operatingSystem', list[0]!.deviceDetail?.operatingSystem ?? ''),
          { eventId: 'user', field: 'lastPasswordChangeDateTime', value: input.user!.lastPasswordChangeDateTime! },
        ],
      };
    }
  }
  const own = failures.filter((e) => e.ipAddress === ip && t(e) <= t(decisive) && t(decisive) - t(e) <= 20 * 60_000);
  const span = own.length ? t(decisive) - t(own[0]!) : 0;
  if (own.length && sources.byIp.find((s) => s.value === ip)?.familiar) {
    return {
      verdict: 'typing',
      text: `Looks like the user mistyping: ${own.length} failure${own.length === 1 ? '' : 's'} within ${Math.max(1, Math.round(span / 60_000))} minute${span > 60_000 ? 's' : ''} from ${ip}, where they also sign in successfully.${also}`,
      evidence: [cite(decisive, 'ipAddress', ip)],
    };
  }
  return {
    verdict: 'unclear',
    text: `${failures.length} password failure${failures.length === 1 ? '' : 's'} from ${sources.byIp.length} IP address${sources.byIp.length === 1 ? '' : 'es'}; ${ip ? `${ip} is not one the user signed in from successfully in the window, and ` : ''}the pattern does not clearly point to typing, a saved old password or an attack.${also}`,
    evidence: ip ? [cite(decisive, 'ipAddress', ip)] : [],
  };
}

/** "in the 48 hours up to 2026-11-21 01:00 UTC" */
export const windowWords = (input: DiagnosisInput) => `in the ${input.historyHours} hours up to ${utc(input.historyWindow.until)}`;

export function sourcesFinding(kind: 'lockout-sources' | 'bad-password-sources', s: PasswordSources, failures: SignIn[], input: DiagnosisInput): Finding {
  const top = (l: SourceCount[], n = 3) =>
    l
      .slice(0, n)
      .map((x) => `${x.value} (${x.count}${x.familiar === false ? ', unfamiliar' : ''})`)
      .join(', ');
  return {
    kind,
    text: `${s.total} wrong-password or lockout event${s.total === 1 ? '' : 's'} ${windowWords(input)}, ${utcSpan(s.first, s.last)}. From: ${top(s.byIp)}; apps: ${top(s.byApp)}; clients: ${top(s.byClient)}; devices: ${top(s.byDevice)}; places: ${top(s.byLocation)}.`,
    citations: failures.slice(-3).map((e) => cite(e, 'status.errorCode', e.status.errorCode)),
    data: { ...s },
  };
}

/** Smart lockout or a block of a malicious IP: the two faces of 50053. */
export function lockoutKind(input: DiagnosisInput, decisive: SignIn, failures: SignIn[]): Finding {
  const reason = decisive.status.failureReason ?? '';
  const ip = decisive.ipAddress ?? '';
  const ipUsers = input.ipFailureUsers[ip] ?? 0;
  const before = failures.filter((e) => e.status.errorCode === 50126 && t(e) <= t(decisive) && t(decisive) - t(e) <= 60 * 60_000);
  if (/malicious/i.test(reason) || ipUsers >= SPRAY_USERS) {
    return {
      kind: 'lockout-kind',
      text: `Not smart lockout of the person: Entra blocked ${ip} as a malicious IP address${ipUsers >= SPRAY_USERS ? ` (it failed for ${ipUsers} users in the window)` : ''}${before.length ? '' : ', and the user had no wrong passwords of their own just before'}. The user can still sign in from their usual places.`,
      citations: [cite(decisive, 'status.failureReason', reason), cite(decisive, 'ipAddress', ip)],
      data: { kind: 'malicious-ip', ip, usersFailingFromIp: ipUsers },
    };
  }
  if (before.length) {
    return {
      kind: 'lockout-kind',
      text: `Smart lockout: ${before.length} wrong password${before.length === 1 ? '' : 's'} in the hour before the lockout, the first at ${utc(before[0]!.createdDateTime)}. The lockout lifts by itself after a minute at first, longer if the wrong passwords continue.`,
      citations: [cite(decisive, 'status.failureReason', reason), ...before.slice(-2).map((e) => cite(e, 'status.errorCode', 50126))],
      data: { kind: 'smart-lockout', priorFailures: before.length },
    };
  }
  return {
    kind: 'lockout-kind',
    text: 'Locked, with no wrong passwords from this user in the hour before: the lockout may have started earlier than the window, or came from an IP Entra does not trust.',
    citations: [cite(decisive, 'status.failureReason', reason)],
    data: { kind: 'unknown' },
  };
}

const tenantWords = (l: TenantChange[], lead: string) => (l.length ? `${lead}: ${l.map((c) => c.text).join('; ')}.` : '');

/** The differences between a failed attempt and the user's last successful interactive sign-in before it. */
export function whatChanged(input: DiagnosisInput, decisive: SignIn, relevantPolicies?: ReadonlySet<string>): Finding | undefined {
  const tenantSince = (from: string | undefined) =>
    tenantChanges(input, decisive.userId, from, decisive.createdDateTime).filter(
      (c) => c.kind !== 'policy' || !relevantPolicies || !c.policyId || relevantPolicies.has(c.policyId),
    );
  const before = input.history
    .filter((e) => e.status.errorCode === 0 && t(e) < t(decisive) && e.isInteractive !== false && e.correlationId !== decisive.correlationId)
    .sort((a, b) => t(b) - t(a))[0];
  if (!before) {
    return {
      kind: 'what-changed',
      text: `No successful interactive sign-in before this attempt ${windowWords(input)} to compare with.${tenantWords(tenantSince(input.historyWindow.since), ' In the tenant in that time')}`,
      citations: [],
      data: { tenant: tenantSince(input.historyWindow.since) },
    };
  }
  const changes: { field: string; label: string; was: string; now: string }[] = [];
  const LABEL: Record<string, string> = {
    device: 'device',
    'deviceDetail.operatingSystem': 'operating system',
    'deviceDetail.isCompliant': 'compliant',
    'deviceDetail.trustType': 'join type',
    ipAddress: 'IP address',
    location: 'location',
    appDisplayName: 'app',
    resource: 'resource',
    clientAppUsed: 'client',
    'policies that applied': 'policies that applied',
  };
  const cmp = (field: string, was: unknown, now: unknown) => {
    const a = was == null || was === '' ? 'none' : String(was) === 'true' ? 'yes' : String(was) === 'false' ? 'no' : String(was);
    const b = now == null || now === '' ? 'none' : String(now) === 'true' ? 'yes' : String(now) === 'false' ? 'no' : String(now);
    if (a.toLowerCase() !== b.toLowerCase()) changes.push({ field, label: LABEL[field] ?? field, was: a, now: b });
  };
  cmp('device', device(before), device(decisive));
  cmp('deviceDetail.operatingSystem', before.deviceDetail?.operatingSystem, decisive.deviceDetail?.operatingSystem);
  cmp('deviceDetail.isCompliant', before.deviceDetail?.isCompliant, decisive.deviceDetail?.isCompliant);
  cmp('deviceDetail.trustType', before.deviceDetail?.trustType, decisive.deviceDetail?.trustType);
  cmp('ipAddress', before.ipAddress, decisive.ipAddress);
  cmp('location', place(before), place(decisive));
  cmp('appDisplayName', before.appDisplayName, decisive.appDisplayName);
  const resourceOf = (e: SignIn) => (e.resourceDisplayName && e.resourceDisplayName !== e.appDisplayName ? e.resourceDisplayName : undefined);
  if (resourceOf(before) || resourceOf(decisive)) cmp('resource', resourceOf(before), resourceOf(decisive));
  cmp('clientAppUsed', before.clientAppUsed, decisive.clientAppUsed);
  const enforced = (e: SignIn) =>
    (e.appliedConditionalAccessPolicies ?? [])
      .filter((p) => p.result === 'success' || p.result === 'failure')
      .map((p) => p.displayName ?? p.id)
      .sort()
      .join('; ');
  if (before.appliedConditionalAccessPolicies && decisive.appliedConditionalAccessPolicies) cmp('policies that applied', enforced(before), enforced(decisive));
  const when = `the last successful sign-in (${utc(before.createdDateTime)}, ${before.appDisplayName ?? 'an app'})`;
  const tenant = tenantSince(before.createdDateTime);
  return {
    kind: 'what-changed',
    text: `${
      changes.length
        ? `Since ${when}: ${changes.map((c) => `${c.label} ${c.was} → ${c.now}`).join('; ')}.`
        : `Nothing in device, network, app or client differs from ${when}.`
    }${tenantWords(tenant, ' In the tenant since then')}`,
    citations: [cite(before, 'createdDateTime', before.createdDateTime), ...changes.slice(0, 4).map((c) => cite(decisive, c.field, c.now))],
    data: { comparedWith: before.id, changes, tenant },
  };
}
