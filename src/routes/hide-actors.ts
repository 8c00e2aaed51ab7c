import type { Diagnosis } from '../diagnosis/types.ts';
import type { DirectoryAudit } from '../signins/directory-audit.ts';
import type { Access } from '../trust/access.ts';
import { mapStrings, type Said } from '../i18n/message.ts';

/**
 * "What changed" and "the tenant now" name who changed a policy, security defaults or an
 * account, from the directory audit log. The helpdesk needs that name; someone asking about
 * their own sign-ins does not get the administrators' addresses: they read "an administrator".
 * Done here, where the asker's access is known; the engine keeps the names for everyone else.
 */

export const ADMINISTRATOR = 'an administrator';

/** The people (not apps) who made the changes in these entries, by address and name; never the asker. */
export function auditActors(audits: readonly DirectoryAudit[] | undefined, askerId?: string): string[] {
  const out = new Set<string>();
  for (const a of audits ?? []) {
    const u = a.initiatedBy?.user;
    if (!u || (askerId && u.id && u.id.toLowerCase() === askerId.toLowerCase())) continue;
    for (const name of [u.userPrincipalName, u.displayName]) if (name && name.trim().length > 2) out.add(name.trim());
  }
  // Longest first: an address is replaced whole before any name inside it.
  return [...out].sort((a, b) => b.length - a.length);
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function replacer(actors: readonly string[]): (s: string) => string {
  if (!actors.length) return (s) => s;
  const re = new RegExp(actors.map(escape).join('|'), 'gi');
  return (s) => s.replace(re, ADMINISTRATOR);
}

function deep(v: unknown, f: (s: string) => string): unknown {
  if (typeof v === 'string') return f(v);
  if (Array.isArray(v)) return v.map((x) => deep(x, f));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, deep(x, f)]));
  return v;
}

/** A part's words, in English and as a message, with the actors replaced. */
const hidden = (x: Said, f: (s: string) => string): Said => ({ text: f(x.text), ...(x.msg ? { msg: mapStrings(x.msg, f) } : {}) });

/** The diagnosis as this asker may read it: a limited asker gets "an administrator" for every audit actor. */
export function forAsker(d: Diagnosis, access: Access | undefined, actors: readonly string[]): Diagnosis {
  if (access?.kind !== 'limited' || !actors.length) return d;
  const f = replacer(actors);
  return {
    ...d,
    title: f(d.title),
    assessment: f(d.assessment),
    ...(d.assessmentMsg ? { assessmentMsg: mapStrings(d.assessmentMsg, f) } : {}),
    findings: d.findings.map((x) => ({ ...x, ...hidden(x, f), ...(x.data ? { data: deep(x.data, f) as Record<string, unknown> } : {}) })),
    actions: d.actions.map((a) => ({ ...a, ...hidden(a, f) })),
    gaps: d.gaps.map((g) => hidden(g, f)),
  };
}
