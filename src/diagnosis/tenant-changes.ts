import type { DirectoryAudit } from '../signins/directory-audit.ts';
import type { DiagnosisInput } from './diagnosis-parts.ts';

/**
 * What changed in the tenant between two instants, as far as the data shows: policies
 * created or changed (their own timestamps), and from the directory audit log, when it can
 * be read, who changed a policy, security defaults, the user's password, their
 * authentication methods or their group membership.
 */

export interface TenantChange {
  at: string;
  /** One clause: `"CA004: Finance apps…" changed by nestor@contoso.com`. */
  text: string;
  kind: 'policy' | 'security-defaults' | 'password' | 'methods' | 'group' | 'other';
  /** For a policy change: which policy. */
  policyId?: string;
}

const utc = (iso: string) => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const by = (a: DirectoryAudit) => a.initiatedBy?.user?.userPrincipalName ?? a.initiatedBy?.user?.displayName ?? a.initiatedBy?.app?.displayName ?? 'someone';
const STATE: Record<string, string> = { enabled: 'on', disabled: 'off', enabledForReportingButNotEnforced: 'report-only' };

/** A security-defaults entry that turned them off: said by the activity, or by IsEnabled going to false. */
export function defaultsOff(a: DirectoryAudit): boolean {
  return (
    /disable|off/i.test(a.activityDisplayName) ||
    (a.targetResources ?? []).some((t) => (t.modifiedProperties ?? []).some((m) => /isenabled/i.test(m.displayName ?? '') && /false/i.test(m.newValue ?? '')))
  );
}

/**
 * A policy update records the policy before and after (modifiedProperties, the whole policy
 * as JSON, or a State property): whether its state changed, such as report-only to on.
 */
function stateChange(a: DirectoryAudit): { was: string; now: string } | undefined {
  for (const t of a.targetResources ?? []) {
    for (const m of t.modifiedProperties ?? []) {
      const pick = (v: string | null | undefined) =>
        /"state"\s*:\s*"(\w+)"/i.exec(v ?? '')?.[1] ?? (/^state$/i.test(m.displayName ?? '') ? (v ?? '').replace(/[[\]"]/g, '') : undefined);
      const was = pick(m.oldValue);
      const now = pick(m.newValue);
      if (was && now && was !== now) return { was, now };
    }
  }
  return undefined;
}

function auditChange(a: DirectoryAudit, userId: string): TenantChange | undefined {
  const act = a.activityDisplayName;
  const targets = a.targetResources ?? [];
  const aboutUser = targets.some((t) => t.id?.toLowerCase() === userId.toLowerCase());
  const name = (type: RegExp) => targets.find((t) => type.test(t.type ?? ''))?.displayName;
  const when = utc(a.activityDateTime);
  if (/security defaults/i.test(`${act} ${targets.map((t) => t.displayName ?? '').join(' ')}`))
    return {
      at: a.activityDateTime,
      kind: 'security-defaults',
      text: `security defaults ${defaultsOff(a) ? 'switched off' : 'changed'} by ${by(a)} at ${when}`,
    };
  if (/conditional access policy/i.test(act)) {
    const states = stateChange(a);
    const verb = /^add/i.test(act)
      ? 'created'
      : /^delete/i.test(act)
        ? 'deleted'
        : states
          ? `switched from ${STATE[states.was] ?? states.was} to ${STATE[states.now] ?? states.now}`
          : 'changed';
    const target = targets.find((t) => /policy/i.test(t.type ?? '')) ?? targets[0];
    return {
      at: a.activityDateTime,
      kind: 'policy',
      ...(target?.id ? { policyId: target.id } : {}),
      text: `policy "${name(/policy/i) ?? targets[0]?.displayName ?? 'unnamed'}" ${verb} by ${by(a)} at ${when}`,
    };
  }
  if (!aboutUser) return undefined;
  if (/password/i.test(act))
    return { at: a.activityDateTime, kind: 'password', text: `password ${/reset/i.test(act) ? 'reset' : 'changed'} by ${by(a)} at ${when}` };
  if (/security info|authentication method|strong ?auth/i.test(act))
    return { at: a.activityDateTime, kind: 'methods', text: `authentication methods: "${act}" by ${by(a)} at ${when}` };
  if (/member (to|from) group/i.test(act))
    return {
      at: a.activityDateTime,
      kind: 'group',
      text: `${/remove/i.test(act) ? 'removed from' : 'added to'} group "${name(/group/i) ?? 'unnamed'}" by ${by(a)} at ${when}`,
    };
  return undefined;
}

/** Changes in (from, to]; `from` undefined means the start of what the input holds. */
export function tenantChanges(input: DiagnosisInput, userId: string, from: string | undefined, to: string): TenantChange[] {
  const lo = from ? Date.parse(from) : -Infinity;
  const hi = Date.parse(to);
  const inside = (iso: string | null | undefined) => !!iso && Date.parse(iso) > lo && Date.parse(iso) <= hi;
  const out: TenantChange[] = [];
  const audited = new Set<string>();
  for (const a of input.audits ?? []) {
    if (!inside(a.activityDateTime) || (a.result && a.result !== 'success')) continue;
    const c = auditChange(a, userId);
    if (!c) continue;
    out.push(c);
    if (c.kind === 'policy') for (const t of a.targetResources ?? []) if (t.id) audited.add(t.id);
  }
  // Without an audit entry, the policy's own timestamps still tell that it was created or changed.
  for (const p of input.policies ?? []) {
    if (audited.has(p.id)) continue;
    if (inside(p.createdDateTime))
      out.push({
        at: p.createdDateTime!,
        kind: 'policy',
        policyId: p.id,
        text: `policy "${p.displayName}" created (${STATE[p.state] ?? p.state}) at ${utc(p.createdDateTime!)}`,
      });
    else if (inside(p.modifiedDateTime))
      out.push({
        at: p.modifiedDateTime!,
        kind: 'policy',
        policyId: p.id,
        text: `policy "${p.displayName}" changed at ${utc(p.modifiedDateTime!)} (now ${STATE[p.state] ?? p.state}; who changed it is in the audit log)`,
      });
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
