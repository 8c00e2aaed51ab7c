import { placeOf, type SignIn } from '../signins/signin.ts';
import { cite } from './scenarios/evidence.ts';
import { tenantChanges, type TenantChange } from './tenant-changes.ts';
import type { DiagnosisInput, Finding } from './diagnosis-parts.ts';
import { msg, said, type Message, type MessageValue } from '../i18n/message.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { joined, part, valueOf } from './engine-words.ts';

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
/** The same span as a message. */
export const spanMsg = (first: string, last: string): Message =>
  utc(first) === utc(last) ? msg('engine.finding.span.at', { time: utc(first) }) : msg('engine.finding.span.fromTo', { first: utc(first), last: utc(last) });
const place = (e: SignIn) => placeOf(e) || 'unknown location';
const device = (e: SignIn) =>
  e.deviceDetail?.displayName || [e.deviceDetail?.operatingSystem, e.deviceDetail?.browser].filter(Boolean).join(' / ') || 'unknown device';
/** A client as a helpdesk would name it: the app, the protocol and the device it runs on. */
const clientKey = (e: SignIn) => `${e.appDisplayName ?? e.appId ?? 'unknown app'} via ${e.clientAppUsed ?? 'unknown client'} on ${device(e)}`;
const clientMsg = (e: SignIn): Message =>
  msg('engine.finding.client', {
    app: valueOf(e.appDisplayName ?? e.appId ?? 'unknown app'),
    client: valueOf(e.clientAppUsed ?? 'unknown client'),
    device: valueOf(device(e)),
  });

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
  msg: Message;
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
  const also = part(others.length, () =>
    msg('engine.finding.verdict.also', {
      list: joined(
        others.map((s) => msg('engine.finding.verdict.attacking', { ip: s.value, count: s.count, users: input.ipFailureUsers[s.value]! })),
        'semi',
      ),
    }),
  );
  if (ipUsers >= SPRAY_USERS) {
    const familiar = sources.byIp.find((s) => s.value === ip)?.familiar;
    return {
      verdict: 'attack',
      ...saidAs(
        msg('engine.finding.verdict.attack', {
          ip,
          place: valueOf(place(decisive)),
          users: ipUsers,
          window: windowMsg(input),
          familiar: familiar ? 'yes' : 'no',
        }),
      ),
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
        ...saidAs(
          msg('engine.finding.verdict.stale', {
            changed: utc(input.user!.lastPasswordChangeDateTime!),
            client: clientMsg(decisive),
            count: list.length,
            window: windowMsg(input),
            span: spanMsg(list[0]!.createdDateTime, list[list.length - 1]!.createdDateTime),
            okSince: okSince ? 'yes' : 'no',
            also,
          }),
        ),
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
      // "minutes" past one minute of span, as before: a span of 70 s is "1 minutes" rounded, said as the plural it is.
      ...saidAs(
        msg('engine.finding.verdict.typing', {
          count: own.length,
          minutes: Math.max(1, Math.round(span / 60_000)),
          many: span > 60_000 ? 'yes' : 'no',
          ip,
          also,
        }),
      ),
      evidence: [cite(decisive, 'ipAddress', ip)],
    };
  }
  return {
    verdict: 'unclear',
    ...saidAs(
      msg('engine.finding.verdict.unclear', {
        count: failures.length,
        ips: sources.byIp.length,
        notFamiliar: part(ip, () => msg('engine.finding.verdict.unclearIp', { ip })),
        also,
      }),
    ),
    evidence: ip ? [cite(decisive, 'ipAddress', ip)] : [],
  };
}

const saidAs = (m: Message) => said(m) as { text: string; msg: Message };

/** "in the 48 hours up to 2026-11-21 01:00 UTC" */
export const windowWords = (input: DiagnosisInput) => `in the ${input.historyHours} hours up to ${utc(input.historyWindow.until)}`;
/** The same window as a message. */
export const windowMsg = (input: DiagnosisInput): Message => msg('engine.finding.window', { hours: input.historyHours, until: utc(input.historyWindow.until) });

const sourceMsg = (x: SourceCount): Message =>
  msg(x.familiar === false ? 'engine.finding.source.unfamiliar' : 'engine.finding.source.count', { value: valueOf(x.value), count: x.count });
const topSources = (l: SourceCount[], n = 3): MessageValue => joined(l.slice(0, n).map(sourceMsg), 'comma');

export function sourcesFinding(kind: 'lockout-sources' | 'bad-password-sources', s: PasswordSources, failures: SignIn[], input: DiagnosisInput): Finding {
  return {
    kind,
    ...said(
      msg('engine.finding.sources', {
        total: s.total,
        window: windowMsg(input),
        span: spanMsg(s.first, s.last),
        ips: topSources(s.byIp),
        apps: topSources(s.byApp),
        clients: topSources(s.byClient),
        devices: topSources(s.byDevice),
        places: topSources(s.byLocation),
      }),
    ),
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
      ...said(
        msg('engine.finding.lockout.maliciousIp', {
          ip,
          spray: part(ipUsers >= SPRAY_USERS, () => msg('engine.finding.lockout.spray', { users: ipUsers })),
          noOwn: part(!before.length, () => msg('engine.finding.lockout.noOwn')),
        }),
      ),
      citations: [cite(decisive, 'status.failureReason', reason), cite(decisive, 'ipAddress', ip)],
      data: { kind: 'malicious-ip', ip, usersFailingFromIp: ipUsers },
    };
  }
  if (before.length) {
    return {
      kind: 'lockout-kind',
      ...said(msg('engine.finding.lockout.smart', { count: before.length, first: utc(before[0]!.createdDateTime) })),
      citations: [cite(decisive, 'status.failureReason', reason), ...before.slice(-2).map((e) => cite(e, 'status.errorCode', 50126))],
      data: { kind: 'smart-lockout', priorFailures: before.length },
    };
  }
  return {
    kind: 'lockout-kind',
    ...said(msg('engine.finding.lockout.unknown')),
    citations: [cite(decisive, 'status.failureReason', reason)],
    data: { kind: 'unknown' },
  };
}

/** " In the tenant since then: …." after the comparison, or nothing. */
const tenantWords = (l: TenantChange[], lead: 'engine.finding.changed.tenantInWindow' | 'engine.finding.changed.tenantSince'): MessageValue =>
  part(l.length, () =>
    msg(lead, {
      changes: joined(
        l.map((c) => c.msg),
        'semi',
      ),
    }),
  );
/** The finding's data keeps each change as the engine has always given it: when, what kind, its English clause. */
const plain = (l: TenantChange[]) => l.map(({ msg: _, ...c }) => c);

/** The fields compared, their English label (the finding's data) and the label as a message. */
const label = (text: string, key: MessageKey) => ({ label: text, msg: msg(key) });
const LABEL: Record<string, { label: string; msg: Message }> = {
  device: label('device', 'engine.finding.changed.label.device'),
  'deviceDetail.operatingSystem': label('operating system', 'engine.finding.changed.label.os'),
  'deviceDetail.isCompliant': label('compliant', 'engine.finding.changed.label.compliant'),
  'deviceDetail.trustType': label('join type', 'engine.finding.changed.label.joinType'),
  ipAddress: label('IP address', 'engine.finding.changed.label.ip'),
  location: label('location', 'engine.finding.changed.label.location'),
  appDisplayName: label('app', 'engine.finding.changed.label.app'),
  resource: label('resource', 'engine.finding.changed.label.resource'),
  clientAppUsed: label('client', 'engine.finding.changed.label.client'),
  'policies that applied': label('policies that applied', 'engine.finding.changed.label.policies'),
};

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
    const tenant = tenantSince(input.historyWindow.since);
    return {
      kind: 'what-changed',
      ...said(msg('engine.finding.changed.noBaseline', { window: windowMsg(input), tenant: tenantWords(tenant, 'engine.finding.changed.tenantInWindow') })),
      citations: [],
      data: { tenant: plain(tenant) },
    };
  }
  const changes: { field: string; label: string; was: string; now: string }[] = [];

  const cmp = (field: string, was: unknown, now: unknown) => {
    const a = was == null || was === '' ? 'none' : String(was) === 'true' ? 'yes' : String(was) === 'false' ? 'no' : String(was);
    const b = now == null || now === '' ? 'none' : String(now) === 'true' ? 'yes' : String(now) === 'false' ? 'no' : String(now);
    if (a.toLowerCase() !== b.toLowerCase()) changes.push({ field, label: LABEL[field]?.label ?? field, was: a, now: b });
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
  const when = msg('engine.finding.changed.lastSuccess', {
    time: utc(before.createdDateTime),
    app: before.appDisplayName ?? msg('engine.finding.changed.anApp'),
  });
  const tenant = tenantSince(before.createdDateTime);
  const since = tenantWords(tenant, 'engine.finding.changed.tenantSince');
  return {
    kind: 'what-changed',
    ...said(
      changes.length
        ? msg('engine.finding.changed.since', {
            when,
            changes: joined(
              changes.map((c) => msg('engine.finding.changed.change', { label: LABEL[c.field]?.msg ?? c.field, was: valueOf(c.was), now: valueOf(c.now) })),
              'semi',
            ),
            tenant: since,
          })
        : msg('engine.finding.changed.nothing', { when, tenant: since }),
    ),
    citations: [cite(before, 'createdDateTime', before.createdDateTime), ...changes.slice(0, 4).map((c) => cite(decisive, c.field, c.now))],
    data: { comparedWith: before.id, changes, tenant: plain(tenant) },
  };
}
