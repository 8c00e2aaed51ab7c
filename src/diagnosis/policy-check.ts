import type { ConditionalAccessPolicy, Group } from '../signins/directory.ts';
import type { SignIn } from '../signins/signin.ts';
import { links } from './links.ts';
import { grantOf, grantWords } from './policies.ts';

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

export function checkPolicies(policies: ConditionalAccessPolicy[], groups: Group[], recent: SignIn[]): PolicyCheck {
  const affected = new Map<string, number>();
  for (const e of recent) for (const p of e.appliedConditionalAccessPolicies ?? []) if (p.result === 'failure' || p.result === 'reportOnlyFailure') affected.set(p.id, (affected.get(p.id) ?? 0) + 1);
  const findings: PolicyFinding[] = [];
  for (const p of policies) {
    if (p.state === 'disabled') continue;
    const u = p.conditions.users;
    const grants = (p.grantControls?.builtInControls ?? []).map(grantOf);
    const allUsers = u?.includeUsers?.includes('All') ?? false;
    const allApps = p.conditions.applications?.includeApplications?.includes('All') ?? false;
    const allPlatforms = !p.conditions.platforms || (p.conditions.platforms.includePlatforms ?? []).includes('all');
    const risky = grants.filter((g) => LOCKOUT_GRANTS.has(g));
    const count = affected.get(p.id) ?? 0;
    const reportOnly = p.state === 'enabledForReportingButNotEnforced';
    const base = { policyId: p.id, policy: p.displayName, state: p.state, affected: count, link: links.policy(p.id) };
    const excludedGroups = groups.filter((g) => u?.excludeGroups?.includes(g.id));
    const breakGlass = excludedGroups.some((g) => BREAK_GLASS.test(g.displayName ?? ''));
    const onlyLocationOrRisk = !!(p.conditions.locations?.includeLocations?.length || p.conditions.signInRiskLevels?.length || p.conditions.userRiskLevels?.length || (p.conditions.clientAppTypes ?? []).some((c) => c !== 'all'));
    if (allUsers && allApps && risky.length && !onlyLocationOrRisk) {
      const what = risky.map(grantWords).join(' / ');
      const platforms = allPlatforms && risky.includes('block') ? ', on all device platforms,' : '';
      findings.push({
        ...base,
        severity: reportOnly ? 'medium' : 'high',
        text: `${reportOnly ? 'If enforced, this' : 'This'} applies to all users and all cloud apps${platforms} with ${what}: it ${risky.includes('block') ? 'blocks the whole organisation' : `locks out everyone without ${what}, admins included (the Intune and Azure portals too)`}. ${breakGlass ? `It excludes "${excludedGroups.find((g) => BREAK_GLASS.test(g.displayName ?? ''))!.displayName}".` : 'No emergency-access (break-glass) account is excluded.'}`,
      });
    } else if (!reportOnly && risky.length && allUsers && !breakGlass) {
      findings.push({ ...base, severity: 'medium', text: `Applies to all users with ${risky.map(grantWords).join(' / ')} and excludes no emergency-access (break-glass) account: if it misfires, nobody can get in to fix it.` });
    }
    if (reportOnly && recent.length && count / recent.length >= MANY) {
      findings.push({ ...base, severity: 'medium', text: `Report-only: it would have failed ${count} of the last ${recent.length} sign-ins (${Math.round((100 * count) / recent.length)}%). Fix that before enforcing it.` });
    }
  }
  const rank = { high: 0, medium: 1, info: 2 };
  findings.sort((a, b) => rank[a.severity] - rank[b.severity] || b.affected - a.affected);
  const times = recent.map((e) => e.createdDateTime).sort();
  return { findings, examined: { signIns: recent.length, since: times[0], until: times[times.length - 1] } };
}
