import type { SignIn } from '../signins/signin.ts';
import type { ConditionalAccessPolicy } from '../signins/directory.ts';
import { transitiveGroups } from './ca-evaluator.ts';
import { utc } from './history.ts';
import { cite } from './scenarios/evidence.ts';
import { defaultsOff } from './tenant-changes.ts';
import type { DiagnosisInput, Finding } from './diagnosis-parts.ts';
import { msg, said } from '../i18n/message.ts';
import { joined, part, quoted, valueOf } from './engine-words.ts';

/**
 * Rules an admin applies on top of the scenario: a correct password used from somewhere
 * strange, an emergency-access account signing in, MFA carried in by the token, and what
 * the tenant looks like now (security defaults already replaced by Conditional Access).
 */

export const BREAK_GLASS = /break.?glass|emergency/i;
const t = (iso: string) => Date.parse(iso);

/** The password step succeeded in some event of the attempt. */
export function passwordWasRight(events: SignIn[]): SignIn | undefined {
  return events.find((e) => (e.authenticationDetails ?? []).some((s) => s.succeeded === true && /password/i.test(s.authenticationMethod ?? '')));
}

const isTrusted = (e: SignIn) => (e.networkLocationDetails ?? []).some((n) => /trusted/i.test(String(n.networkType ?? '')));

/** The user has not signed in successfully from this IP or this country in the window, and it is no trusted network. */
export function unfamiliarPlace(d: SignIn, input: DiagnosisInput): boolean {
  if (isTrusted(d)) return false;
  const ok = input.history.filter((e) => e.status.errorCode === 0);
  return !ok.some(
    (e) =>
      (d.ipAddress && e.ipAddress === d.ipAddress) ||
      (d.location?.countryOrRegion && e.location?.countryOrRegion === d.location.countryOrRegion && d.location?.city && e.location?.city === d.location.city),
  );
}

/**
 * A correct password over a legacy protocol, from a place the user does not sign in from,
 * at high risk: someone else has the password. Blocking the protocol stopped them this time;
 * the fix is the password, not the client.
 */
export function likelyCompromise(events: SignIn[], d: SignIn, input: DiagnosisInput, legacy: boolean): Finding | undefined {
  if (!legacy) return undefined;
  const right = passwordWasRight(events);
  const risk = String(d.riskLevelDuringSignIn ?? d.riskLevelAggregated ?? '');
  if (!right || risk !== 'high' || !unfamiliarPlace(d, input)) return undefined;
  return {
    kind: 'compromise',
    ...said(
      msg('engine.finding.compromise', {
        client: String(d.clientAppUsed),
        place: valueOf([d.location?.city, d.location?.countryOrRegion].filter(Boolean).join(', ') || 'an unknown place'),
        ip: valueOf(d.ipAddress ?? 'unknown IP'),
        user: d.userDisplayName ?? msg('engine.finding.theUser'),
      }),
    ),
    citations: [
      cite(right, 'authenticationDetails.succeeded', 'Password: true'),
      cite(d, 'clientAppUsed', d.clientAppUsed ?? ''),
      cite(d, 'riskLevelDuringSignIn', risk),
      cite(d, 'ipAddress', d.ipAddress ?? ''),
    ],
    data: { ip: d.ipAddress, client: d.clientAppUsed },
  };
}

function groupsOf(userId: string, input: DiagnosisInput): ReadonlySet<string> | undefined {
  return input.memberOf ?? (input.groups ? transitiveGroups(userId, input.groups) : undefined);
}

export interface Exclusion {
  policy: ConditionalAccessPolicy;
  /** The group's or user's name, never its id. */
  by: string;
  kind: 'group' | 'user';
}

/**
 * The enforced policies that would include this user but for an exclusion, each with the
 * exclusion's name: the policies that did not apply because of it.
 */
export function exclusionsOf(userId: string, input: DiagnosisInput): Exclusion[] {
  const groups = groupsOf(userId, input);
  const roles =
    input.roleTemplateIds ?? new Set((input.roles ?? []).filter((r) => (r.members ?? []).some((m) => m.id === userId)).map((r) => r.roleTemplateId));
  const out: Exclusion[] = [];
  for (const p of input.policies ?? []) {
    if (p.state !== 'enabled') continue;
    const u = p.conditions.users;
    const included =
      (u?.includeUsers ?? []).some((x) => x === 'All' || x === userId) ||
      (u?.includeGroups ?? []).some((g) => groups?.has(g)) ||
      (u?.includeRoles ?? []).some((r) => roles.has(r));
    if (!included) continue;
    if ((u?.excludeUsers ?? []).includes(userId))
      out.push({ policy: p, by: input.user?.displayName ?? input.user?.userPrincipalName ?? 'the user themself', kind: 'user' });
    const g = (u?.excludeGroups ?? []).find((id) => groups?.has(id));
    if (g) out.push({ policy: p, by: input.groups?.find((x) => x.id === g)?.displayName ?? 'an excluded group whose name cannot be read', kind: 'group' });
  }
  return out;
}

/** An emergency-access (break-glass) account signed in: news in itself, whatever the outcome. */
export function breakGlassUse(d: SignIn, input: DiagnosisInput): Finding | undefined {
  const exclusions = exclusionsOf(d.userId, input);
  const named = [d.userDisplayName, d.userPrincipalName, input.user?.displayName].some((n) => BREAK_GLASS.test(n ?? ''));
  const byBreakGlass = exclusions.filter((x) => BREAK_GLASS.test(x.by));
  if (!named && !byBreakGlass.length) return undefined;
  const shown = byBreakGlass.length ? byBreakGlass : exclusions;
  const names = [...new Set(shown.map((x) => x.by))];
  const policies = shown.map((x) => quoted(x.policy.displayName));
  const through = joined(
    names.map((n) => quoted(valueOf(n))),
    'and',
  );
  return {
    kind: 'break-glass',
    ...said(
      msg('engine.finding.breakGlass.used', {
        account: d.userDisplayName ?? d.userPrincipalName ?? msg('engine.finding.breakGlass.thisAccount'),
        signedIn: d.status.errorCode === 0 ? 'yes' : 'no',
        time: utc(d.createdDateTime),
        from: part(d.ipAddress, () => msg('engine.finding.breakGlass.from', { ip: d.ipAddress! })),
        exclusion: !names.length
          ? msg('engine.finding.breakGlass.noExclusion')
          : policies.length === 1
            ? msg('engine.finding.breakGlass.pastOne', { through, policy: policies[0]! })
            : msg('engine.finding.breakGlass.pastMany', { through, count: policies.length, policies: joined(policies, 'comma') }),
      }),
    ),
    citations: [
      cite(d, 'userPrincipalName', d.userPrincipalName ?? d.userId),
      ...(d.appliedConditionalAccessPolicies
        ? [cite(d, 'appliedConditionalAccessPolicies', `${d.appliedConditionalAccessPolicies.filter((p) => p.result === 'notApplied').length} not applied`)]
        : []),
    ],
    data: { exclusions: shown.map((x) => ({ policyId: x.policy.id, policy: x.policy.displayName, by: x.by, kind: x.kind })) },
  };
}

const CLAIM = /satisfied by claim|previously satisfied|remembered device|primary refresh token|\bPRT\b/i;

/** MFA (or the first factor) carried by the token: an earlier MFA or a Primary Refresh Token, not a prompt now. */
export function claimFinding(events: SignIn[]): Finding | undefined {
  for (let i = events.length - 1; i >= 0; i--) {
    const e = events[i]!;
    const step = (e.authenticationDetails ?? []).find(
      (s) =>
        s.succeeded !== false &&
        /multi-?factor|mfa/i.test(s.authenticationStepRequirement ?? '') &&
        CLAIM.test(`${s.authenticationStepResultDetail ?? ''} ${s.authenticationMethod ?? ''}`),
    );
    if (step) {
      return {
        kind: 'mfa-claim',
        ...said(msg('engine.finding.mfaClaim', { claim: String(step.authenticationStepResultDetail ?? step.authenticationMethod) })),
        citations: [cite(e, 'authenticationDetails.authenticationStepResultDetail', step.authenticationStepResultDetail ?? step.authenticationMethod ?? '')],
      };
    }
  }
  return undefined;
}

export interface TenantNow {
  /** Conditional Access is in force now (some policy is enabled), so security defaults are off. */
  caOn: boolean;
  /** When the first enabled policy was created, if that is after the attempt. */
  caSince?: string;
  /** The audit entry that turned security defaults off, when the log has one. */
  defaultsOff?: { at: string; by: string };
}

/** What the tenant looks like now, for advice about an attempt that happened before. */
export function tenantNow(input: DiagnosisInput): TenantNow {
  const enabled = (input.policies ?? []).filter((p) => p.state === 'enabled');
  const created = enabled
    .map((p) => p.createdDateTime)
    .filter((x): x is string => !!x)
    .sort();
  const off = (input.audits ?? []).find(
    (a) => /security defaults/i.test(`${a.activityDisplayName} ${(a.targetResources ?? []).map((r) => r.displayName ?? '').join(' ')}`) && defaultsOff(a),
  );
  return {
    caOn: enabled.length > 0,
    ...(created[0] ? { caSince: created[0] } : {}),
    ...(off
      ? {
          defaultsOff: {
            at: off.activityDateTime,
            by: off.initiatedBy?.user?.userPrincipalName ?? off.initiatedBy?.user?.displayName ?? off.initiatedBy?.app?.displayName ?? 'someone',
          },
        }
      : {}),
  };
}

/** For a security-defaults failure: the tenant has moved on since, say so. */
export function securityDefaultsNow(d: SignIn, input: DiagnosisInput): Finding | undefined {
  const now = tenantNow(input);
  if (!now.caOn) return undefined;
  const after = now.caSince && t(now.caSince) > t(d.createdDateTime);
  return {
    kind: 'tenant-now',
    ...said(
      msg('engine.finding.tenantNow', {
        off: part(now.defaultsOff, () => msg('engine.finding.tenantNowOff', { by: valueOf(now.defaultsOff!.by), time: utc(now.defaultsOff!.at) })),
        since: part(now.caSince, () => msg('engine.finding.tenantNowSince', { time: utc(now.caSince!) })),
        after: after ? 'yes' : 'no',
      }),
    ),
    citations: [{ eventId: 'policies', field: 'state', value: `${(input.policies ?? []).filter((p) => p.state === 'enabled').length} enabled` }],
    data: { ...now },
  };
}
