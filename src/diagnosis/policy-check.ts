import type { ConditionalAccessPolicy, Group, User } from '../signins/directory.ts';
import type { SignIn } from '../signins/signin.ts';
import { links } from './links.ts';
import { grantOf } from './policies.ts';
import { chain, grantMsg } from './words.ts';
import { msg, render, type Message } from '../i18n/message.ts';

/**
 * "Check my policies": the configurations Microsoft's troubleshooting guide warns about
 * ("select all" consequences), each with how many recent sign-ins it touched.
 */
export type Severity = 'high' | 'medium' | 'info';

export interface PolicyFinding {
  policyId: string;
  policy: string;
  state: string;
  severity: Severity;
  text: string;
  /** The same words as a message, for the reader's language; `text` is its English. */
  textMsg?: Message;
  /** Recent sign-ins the policy failed (enforced) or would have failed (report-only). */
  affected: number;
  link: string;
}

export interface PolicyCheck {
  findings: PolicyFinding[];
  examined: { signIns: number; since?: string; until?: string };
}

const LOCKOUT_GRANTS = new Set(['block', 'compliantDevice', 'domainJoinedDevice', 'compliantApplication']);
const BREAK_GLASS = /break.?glass|emergency/i;
/** Report-only policies that would fail at least this share of recent sign-ins are worth a warning before enforcing. */
const MANY = 0.05;

/**
 * `groups` and `users` name the exclusions; `groups` is undefined when the source cannot
 * list them, and then an excluded group is reported as unnamed rather than as "no break-glass".
 */
/** The findings grouped by policy, in the order of each policy's first finding (a policy can be both "select all" risky and failing many sign-ins in report-only). */
export function findingsByPolicy(findings: PolicyFinding[]): PolicyFinding[][] {
  const by = new Map<string, PolicyFinding[]>();
  for (const f of findings) by.set(f.policyId, [...(by.get(f.policyId) ?? []), f]);
  return [...by.values()];
}

/** Whether a policy's exclusions hold an emergency-access account, as far as the names show. */
function breakGlassExclusion(
  u: ConditionalAccessPolicy['conditions']['users'],
  groups: Group[] | undefined,
  users: readonly User[],
): { named?: string; unnamed: number; text: Message } {
  const excludedGroups = u?.excludeGroups ?? [];
  const excludedUsers = u?.excludeUsers ?? [];
  const named = [
    ...(groups ?? []).filter((g) => excludedGroups.includes(g.id)).map((g) => g.displayName ?? ''),
    ...users.filter((x) => excludedUsers.includes(x.id)).flatMap((x) => [x.displayName ?? '', x.userPrincipalName]),
  ].find((n) => BREAK_GLASS.test(n));
  if (named) return { named, unnamed: 0, text: msg('engine.policy.check.excludesNamed', { name: named }) };
  // Exclusions this source cannot name may well be the break-glass accounts: say so rather than deny it.
  const unnamed = (groups ? 0 : excludedGroups.length) + excludedUsers.filter((id) => !users.some((x) => x.id === id) && id !== 'GuestsOrExternalUsers').length;
  if (unnamed) return { unnamed, text: msg('engine.policy.check.excludesUnnamed', { count: unnamed }) };
  return { unnamed: 0, text: msg('engine.policy.check.noBreakGlass') };
}

/**
 * The "select all" consequence the troubleshooting guide warns about: Block, or a device
 * (or app protection) requirement, for all users and all cloud apps, with nothing that
 * narrows it (no platform, location, client-app, risk or device-filter condition). Returns
 * the grant controls that lock people out; empty when the policy is not such a one.
 */
export function selectAllLockout(p: ConditionalAccessPolicy): string[] {
  const k = p.conditions;
  if (!(k.users?.includeUsers ?? []).includes('All') || !(k.applications?.includeApplications ?? []).includes('All')) return [];
  const platforms = k.platforms && ((k.platforms.includePlatforms ?? []).some((x) => x !== 'all') || (k.platforms.excludePlatforms ?? []).length > 0);
  const locations = k.locations && ((k.locations.includeLocations ?? []).some((x) => x !== 'All') || (k.locations.excludeLocations ?? []).length > 0);
  const clients = (k.clientAppTypes ?? []).some((c) => c !== 'all');
  const risk = (k.signInRiskLevels ?? []).length > 0 || (k.userRiskLevels ?? []).length > 0;
  const filter = !!k.devices?.deviceFilter?.rule;
  if (platforms || locations || clients || risk || filter) return [];
  return (p.grantControls?.builtInControls ?? []).map(grantOf).filter((g) => LOCKOUT_GRANTS.has(g));
}

const said = (m: Message) => ({ text: render('en', m), textMsg: m });

export function checkPolicies(policies: ConditionalAccessPolicy[], groups: Group[] | undefined, recent: SignIn[], users: readonly User[] = []): PolicyCheck {
  const affected = new Map<string, number>();
  for (const e of recent)
    for (const p of e.appliedConditionalAccessPolicies ?? [])
      if (p.result === 'failure' || p.result === 'reportOnlyFailure') affected.set(p.id, (affected.get(p.id) ?? 0) + 1);
  const findings: PolicyFinding[] = [];
  for (const p of policies) {
    if (p.state === 'disabled') continue;
    const u = p.conditions.users;
    const grants = (p.grantControls?.builtInControls ?? []).map(grantOf);
    const allUsers = u?.includeUsers?.includes('All') ?? false;
    const allPlatforms = !p.conditions.platforms || (p.conditions.platforms.includePlatforms ?? []).includes('all');
    const risky = grants.filter((g) => LOCKOUT_GRANTS.has(g));
    const selectAll = selectAllLockout(p);
    const count = affected.get(p.id) ?? 0;
    const reportOnly = p.state === 'enabledForReportingButNotEnforced';
    const base = { policyId: p.id, policy: p.displayName, state: p.state, affected: count, link: links.policy(p.id) };
    const exclusions = breakGlassExclusion(u, groups, users);
    const breakGlass = exclusions.named !== undefined;
    if (selectAll.length) {
      const block = selectAll.includes('block');
      findings.push({
        ...base,
        severity: reportOnly ? 'medium' : 'high',
        ...said(
          msg('engine.policy.check.selectAll', {
            enforced: reportOnly ? 'no' : 'yes',
            allPlatforms: allPlatforms && block ? 'yes' : 'no',
            block: block ? 'yes' : 'no',
            what: chain('engine.policy.join.slash', selectAll.map(grantMsg)),
            exclusions: exclusions.text,
          }),
        ),
      });
    } else if (!reportOnly && risky.length && allUsers && !breakGlass && !exclusions.unnamed) {
      findings.push({
        ...base,
        severity: 'medium',
        ...said(msg('engine.policy.check.noBreakGlassAllUsers', { what: chain('engine.policy.join.slash', risky.map(grantMsg)) })),
      });
    }
    if (reportOnly && recent.length && count / recent.length >= MANY) {
      findings.push({
        ...base,
        severity: 'medium',
        // The English writes the counts ungrouped ("1234 of the last 50000"), as it always has; other languages group them their way.
        ...said(msg('engine.policy.check.reportOnlyMany', { count, total: recent.length, percent: Math.round((100 * count) / recent.length) })),
      });
    }
  }
  const rank = { high: 0, medium: 1, info: 2 };
  findings.sort((a, b) => rank[a.severity] - rank[b.severity] || b.affected - a.affected);
  const times = recent.map((e) => e.createdDateTime).sort();
  return { findings, examined: { signIns: recent.length, since: times[0], until: times[times.length - 1] } };
}
