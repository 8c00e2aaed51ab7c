import type { DirectoryAudit } from '../signins/directory-audit.ts';
import type { DiagnosisInput } from './diagnosis-parts.ts';
import { msg, render, type Message, type MessageValue } from '../i18n/message.ts';
import type { MessageKey } from '../i18n/translate.ts';
import { quoted, valueOf } from './engine-words.ts';

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
  /** The same clause as a message (engine.finding.tenant.*), for the reader's language. */
  msg: Message;
  kind: 'policy' | 'security-defaults' | 'password' | 'methods' | 'group' | 'other';
  /** For a policy change: which policy. */
  policyId?: string;
}

const utc = (iso: string) => `${new Date(iso).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const by = (a: DirectoryAudit) => a.initiatedBy?.user?.userPrincipalName ?? a.initiatedBy?.user?.displayName ?? a.initiatedBy?.app?.displayName ?? 'someone';
const STATE: Record<string, MessageKey> = {
  enabled: 'engine.finding.tenant.state.on',
  disabled: 'engine.finding.tenant.state.off',
  enabledForReportingButNotEnforced: 'engine.finding.tenant.state.reportOnly',
};
/** A policy's state in words ("report-only"); a state Graph adds later stays as Graph names it. */
const stateOf = (s: string): MessageValue => (Object.hasOwn(STATE, s) ? msg(STATE[s]!) : s);

/** A change: its clause as a message, and its English, rendered once here (the finding's data keeps it). */
function change(at: string, kind: TenantChange['kind'], m: Message, policyId?: string): TenantChange {
  return { at, kind, ...(policyId ? { policyId } : {}), text: render('en', m), msg: m };
}

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
  const who = valueOf(by(a));
  if (/security defaults/i.test(`${act} ${targets.map((t) => t.displayName ?? '').join(' ')}`))
    return change(a.activityDateTime, 'security-defaults', msg('engine.finding.tenant.defaults', { how: defaultsOff(a) ? 'off' : 'changed', by: who, when }));
  if (/conditional access policy/i.test(act)) {
    const states = stateChange(a);
    const verb = /^add/i.test(act)
      ? msg('engine.finding.tenant.verb.created')
      : /^delete/i.test(act)
        ? msg('engine.finding.tenant.verb.deleted')
        : states
          ? msg('engine.finding.tenant.verb.switched', { was: stateOf(states.was), now: stateOf(states.now) })
          : msg('engine.finding.tenant.verb.changed');
    const target = targets.find((t) => /policy/i.test(t.type ?? '')) ?? targets[0];
    const policy = quoted(valueOf(name(/policy/i) ?? targets[0]?.displayName ?? 'unnamed'));
    return change(a.activityDateTime, 'policy', msg('engine.finding.tenant.policy', { policy, verb, by: who, when }), target?.id ?? undefined);
  }
  if (!aboutUser) return undefined;
  if (/password/i.test(act))
    return change(a.activityDateTime, 'password', msg('engine.finding.tenant.password', { how: /reset/i.test(act) ? 'reset' : 'changed', by: who, when }));
  if (/security info|authentication method|strong ?auth/i.test(act))
    return change(a.activityDateTime, 'methods', msg('engine.finding.tenant.methods', { activity: quoted(act), by: who, when }));
  if (/member (to|from) group/i.test(act))
    return change(
      a.activityDateTime,
      'group',
      msg('engine.finding.tenant.group', {
        how: /remove/i.test(act) ? 'removed' : 'added',
        group: quoted(valueOf(name(/group/i) ?? 'unnamed')),
        by: who,
        when,
      }),
    );
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
      out.push(
        change(
          p.createdDateTime!,
          'policy',
          msg('engine.finding.tenant.policyCreated', { policy: quoted(p.displayName), state: stateOf(p.state), when: utc(p.createdDateTime!) }),
          p.id,
        ),
      );
    else if (inside(p.modifiedDateTime))
      out.push(
        change(
          p.modifiedDateTime!,
          'policy',
          msg('engine.finding.tenant.policyChanged', { policy: quoted(p.displayName), state: stateOf(p.state), when: utc(p.modifiedDateTime!) }),
          p.id,
        ),
      );
  }
  return out.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
}
