import type { Command, PolicyFilter } from '../../conversation/command.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { policiesForCard, type PolicyBlock } from '../../cards/policies-card.ts';
import { membershipOf } from '../../query/membership.ts';
import { resolveUser } from '../../query/resolve.ts';
import type { ConditionalAccessPolicy, DirectoryRole, Group, ServicePrincipal, User } from '../../signins/directory.ts';
import type { Answer, AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { askWhichPerson, parserUnsure, unsure } from '../common/which-person.ts';
import { appCovered, appsWhen, lineOf, ofKind, personCovered, usersWords, type Names, type PersonScope, type PolicyLine } from '../common/policy-scope.ts';

/**
 * "Which policies apply to bob", "to Salesforce", "which are report-only", "which target
 * guests", "which exclude break-glass": the Conditional Access policies from their
 * definitions, each with its state, what it requires, and why it covers the person or app or
 * not. Helpdesk only (route table): the answer shows the person's directory entry and groups.
 */
export async function policiesFor(c: Command, ctx: AnswerContext): Promise<Prepared> {
  let person: User | undefined;
  if (c.userId) person = await ctx.source.getUser(c.userId);
  else if (parserUnsure(c)) return askAgain(await askWhichPerson(c, ctx));
  else if (c.user) {
    const r = await resolveUser(ctx.source, c.user, ctx.allUsers);
    const ask = unsure(c, c.user, r);
    if (ask) return askAgain(ask);
    if (r.kind === 'one') person = r.user;
  }
  return { shows: person ? [person.id] : [], render: () => answer(c, ctx, person) };
}

/** A "which one?" for this question is a notice: its buttons would ask another question. The people it names are still what it shows. */
function askAgain(p: Prepared): Prepared {
  return {
    shows: p.shows,
    render: async () => {
      const { text } = await p.render();
      const lines = [text, 'Ask again with their full name or email address, for example "which policies apply to bob.kelly@contoso.com".'];
      return { text, card: noticeCard('Which person?', lines, 'Warning') };
    },
  };
}

const FILTER_WORDS: Record<PolicyFilter, string> = {
  'report-only': 'Report-only',
  enabled: 'Enforced (on)',
  disabled: 'Turned-off',
  guests: 'Guest-targeting',
  'break-glass': 'Break-glass-excluding',
  admins: 'Administrator',
  mfa: 'MFA',
  device: 'Device',
  location: 'Location',
  'legacy-auth': 'Legacy-authentication',
  risk: 'Risk-based',
};

async function answer(c: Command, ctx: AnswerContext, person: User | undefined): Promise<Answer> {
  const policies = await ctx.source.listPolicies();
  if (!policies) {
    const why =
      'This source does not give the policy definitions: the bot needs the Graph permission Policy.Read.All, or the tenant folder needs conditionalAccessPolicies.json.';
    return { text: 'I cannot read the Conditional Access policies.', card: noticeCard('I cannot read the Conditional Access policies', [why], 'Warning') };
  }
  const [groups, roles, sps, locations] = await Promise.all([
    ctx.source.listGroups(),
    ctx.source.listDirectoryRoles(),
    ctx.source.listServicePrincipals(),
    ctx.source.listNamedLocations(),
  ]);
  const names: Names = {
    groups: new Map((groups ?? []).map((g) => [g.id, g.displayName ?? g.id])),
    roles: new Map((roles ?? []).map((r) => [r.roleTemplateId, r.displayName ?? r.roleTemplateId])),
    users: new Map((ctx.allUsers ?? []).map((u) => [u.id, u.displayName ?? u.userPrincipalName])),
    apps: new Map(sps.map((s) => [s.appId.toLowerCase(), s.displayName])),
    locations: new Map((locations ?? []).map((l) => [l.id, l.displayName])),
  };

  // A policy named in the question ("CA003"): that one, if the name finds it.
  const asked = c.policyText?.toLowerCase();
  const byName = asked ? policies.filter((p) => p.displayName.toLowerCase().includes(asked) || p.id.toLowerCase() === asked) : [];
  let chosen: ConditionalAccessPolicy[] = byName.length ? byName : policies;
  const lines = new Map<string, PolicyLine>(chosen.map((p) => [p.id, lineOf(p, names)]));

  if (c.policyFilter) {
    const filter = c.policyFilter;
    chosen = chosen.filter((p) => {
      const why = ofKind(p, filter, names);
      if (why) lines.get(p.id)!.why.push(why);
      return !!why;
    });
  }

  const who = person ? await personScope(ctx, person, groups, roles) : undefined;
  const app = c.app ? appOf(c.app, sps) : undefined;
  for (const p of chosen) {
    const line = lines.get(p.id)!;
    const verdicts: (boolean | undefined)[] = [];
    if (who && person) {
      const v = personCovered(p, who, names);
      verdicts.push(v.covers);
      line.why.push(`${person.displayName ?? person.userPrincipalName}: ${v.why}`);
    }
    if (app) {
      const v = appCovered(p, app.ids, names);
      verdicts.push(v.covers);
      line.why.push(`${app.name}: ${v.why}`);
    } else {
      // No app asked: which apps it covers is one more thing the sign-in decides.
      const apps = appsWhen(p, names);
      if (apps) line.when.unshift(apps);
    }
    if (verdicts.length) line.covers = verdicts.includes(false) ? false : verdicts.includes(undefined) ? undefined : true;
    else if (!c.policyFilter) line.why.push(`Users: ${usersWords(p, names) || 'none named'}`);
  }

  const subject = [person && (person.displayName ?? person.userPrincipalName), app?.name].filter(Boolean).join(' signing in to ');
  const shown = chosen.map((p) => lines.get(p.id)!).sort(byRelevance);
  const enforcedOrLogged = (l: PolicyLine) => l.state !== 'off';
  const covering = shown.filter((l) => l.covers === true && enforcedOrLogged(l));
  const dormant = shown.filter((l) => l.covers === true && !enforcedOrLogged(l));
  const unknown = shown.filter((l) => l.covers === undefined);
  const kind = c.policyFilter ? `${FILTER_WORDS[c.policyFilter]} Conditional Access policies` : 'Conditional Access policies';
  const title = subject ? `${kind} for ${subject}` : byName.length ? `Conditional Access: ${byName.map((p) => p.displayName).join('; ')}` : kind;
  const kindInText = c.policyFilter ? `${FILTER_WORDS[c.policyFilter].toLowerCase()} Conditional Access policies` : 'Conditional Access policies';
  const text = subject
    ? `${covering.length} of ${shown.length} ${kindInText} apply to ${subject}${covering.length ? `: ${tagged(covering)}` : ''}.` +
      (dormant.length ? ` Turned off, would apply: ${tagged(dormant)}.` : '') +
      (unknown.length ? ` Cannot tell for ${unknown.length}: ${tagged(unknown)}.` : '')
    : `${shown.length} ${kindInText}${shown.length ? `: ${tagged(shown)}` : ''}.`;
  const subtitle = subject
    ? `${covering.length} of ${shown.length} apply to ${subject} (on or report-only) by who and what they are; a sign-in decides the rest (where from, the device, the client app, risk): "Only …" says when.`
    : `${shown.length} of ${policies.length} policies, from their definitions.`;
  const blocks: PolicyBlock[] = shown.map((l) => ({
    name: l.name,
    state: l.state,
    requires: l.requires,
    covers: l.covers,
    lines: [...l.why, ...(l.when.length ? [`Only ${l.when.join('; ')}.`] : [])],
  }));
  const missed = asked && !byName.length ? `No policy is named "${c.policyText}"; all are listed.` : '';
  const empty = c.policyFilter ? `No policy is ${FILTER_WORDS[c.policyFilter].toLowerCase()}.` : 'The tenant has no Conditional Access policies.';
  return { text: missed ? `${missed} ${text}` : text, card: policiesForCard({ title, subtitle, policies: blocks, empty, note: missed }) };
}

/** "CA002: Require MFA (on)"; a name that already says its state is not told it twice. */
function tagged(ls: readonly PolicyLine[]): string {
  return ls.map((l) => (l.state === 'report-only' && /report-only/i.test(l.name) ? l.name : `${l.name} (${l.state})`)).join('; ');
}

/** Applying first, then cannot tell, then not; within each, on before report-only before off. */
function byRelevance(a: PolicyLine, b: PolicyLine): number {
  const cover = (l: PolicyLine) => (l.covers === true ? 0 : l.covers === undefined ? 1 : 2);
  const state = { on: 0, 'report-only': 1, off: 2 } as const;
  return cover(a) - cover(b) || state[a.state] - state[b.state] || a.name.localeCompare(b.name);
}

/** The person as the policies see them; the groups and roles already listed are reused (a source that reads one user's membership is asked instead). */
async function personScope(ctx: AnswerContext, u: User, groups: Group[] | undefined, roles: DirectoryRole[] | undefined): Promise<PersonScope> {
  const m = await membershipOf(ctx.source, u.id, { groups, roles });
  return {
    id: u.id,
    isGuest: u.userType?.toLowerCase() === 'guest' || /#EXT#/i.test(u.userPrincipalName),
    groupIds: m.memberOf,
    roleTemplateIds: m.roleTemplateIds,
  };
}

/** The app asked about, as the policies name apps: by app id (the service principal's), else the name as given. */
function appOf(app: string, sps: readonly ServicePrincipal[]): { ids: string[]; name: string } {
  const a = app.toLowerCase();
  const sp = sps.find((s) => s.displayName.toLowerCase() === a || s.appId.toLowerCase() === a);
  return sp ? { ids: [sp.appId], name: sp.displayName } : { ids: [app], name: app };
}
