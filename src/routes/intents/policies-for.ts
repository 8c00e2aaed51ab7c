import type { Command, PolicyFilter } from '../../conversation/command.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { policiesForCard, type PolicyBlock } from '../../cards/policies-card.ts';
import { membershipOf } from '../../query/membership.ts';
import { resolveUser } from '../../query/resolve.ts';
import type { ConditionalAccessPolicy, DirectoryRole, Group, ServicePrincipal, User } from '../../signins/directory.ts';
import type { Answer, AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import { askWhichPerson, parserUnsure, unsure } from '../common/which-person.ts';
import {
  appCovered,
  appsWhen,
  lineOf,
  ofKind,
  personCovered,
  semicolons,
  stateMsg,
  usersWords,
  type Names,
  type PersonScope,
  type PolicyLine,
} from '../common/policy-scope.ts';
import type { Locale } from '../../i18n/locales.ts';
import { msg, render, type Message, type MessageValue } from '../../i18n/message.ts';
import { t } from '../../i18n/translate.ts';

/**
 * "Which policies apply to bob", "to Salesforce", "which are report-only", "which target
 * guests", "which exclude break-glass": the Conditional Access policies from their
 * definitions, each with its state, what it requires, and why it covers the person or app or
 * not. Helpdesk only (route table): the answer shows the person's directory entry and groups.
 */
export async function policiesFor(c: Command, ctx: AnswerContext): Promise<Prepared> {
  let person: User | undefined;
  if (c.userId) person = await ctx.source.getUser(c.userId);
  else if (parserUnsure(c)) return askAgain(await askWhichPerson(c, ctx), ctx.locale ?? 'en');
  else if (c.user) {
    const r = await resolveUser(ctx.source, c.user, ctx.allUsers);
    const ask = unsure(c, c.user, r, ctx.locale);
    if (ask) return askAgain(ask, ctx.locale ?? 'en');
    if (r.kind === 'one') person = r.user;
  }
  return { shows: person ? [person.id] : [], render: () => answer(c, ctx, person) };
}

/** A "which one?" for this question is a notice: its buttons would ask another question. The people it names are still what it shows. */
function askAgain(p: Prepared, locale: Locale): Prepared {
  return {
    shows: p.shows,
    render: async () => {
      const { text } = await p.render();
      const lines = [text, t(locale, 'policies.askAgain.line')];
      return { text, card: noticeCard(t(locale, 'policies.askAgain.title'), lines, 'Warning') };
    },
  };
}

/** The filter as the catalogue's select names it ("report-only" → reportOnly). */
const FILTER_KEY: Record<PolicyFilter, string> = {
  'report-only': 'reportOnly',
  enabled: 'enabled',
  disabled: 'disabled',
  guests: 'guests',
  'break-glass': 'breakGlass',
  admins: 'admins',
  mfa: 'mfa',
  device: 'device',
  location: 'location',
  'legacy-auth': 'legacyAuth',
  risk: 'risk',
};

async function answer(c: Command, ctx: AnswerContext, person: User | undefined): Promise<Answer> {
  const locale = ctx.locale ?? 'en';
  const policies = await ctx.source.listPolicies();
  if (!policies) {
    return {
      text: t(locale, 'policies.cannotRead.text'),
      card: noticeCard(t(locale, 'policies.cannotRead.title'), [t(locale, 'policies.cannotRead.why')], 'Warning'),
    };
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
      line.why.push(msg('policies.line.whose', { name: person.displayName ?? person.userPrincipalName, why: v.why }));
    }
    if (app) {
      const v = appCovered(p, app.ids, names);
      verdicts.push(v.covers);
      line.why.push(msg('policies.line.whose', { name: app.name, why: v.why }));
    } else {
      // No app asked: which apps it covers is one more thing the sign-in decides.
      const apps = appsWhen(p, names);
      if (apps) line.when.unshift(apps);
    }
    if (verdicts.length) line.covers = verdicts.includes(false) ? false : verdicts.includes(undefined) ? undefined : true;
    else if (!c.policyFilter) line.why.push(msg('policies.line.users', { who: usersWords(p, names) ?? msg('policies.who.noneNamed') }));
  }

  const personName = person && (person.displayName ?? person.userPrincipalName);
  const subject: MessageValue | undefined = personName && app ? msg('policies.subject', { person: personName, app: app.name }) : (personName ?? app?.name);
  const shown = chosen.map((p) => lines.get(p.id)!).sort(byRelevance);
  const enforcedOrLogged = (l: PolicyLine) => l.state !== 'off';
  const covering = shown.filter((l) => l.covers === true && enforcedOrLogged(l));
  const dormant = shown.filter((l) => l.covers === true && !enforcedOrLogged(l));
  const unknown = shown.filter((l) => l.covers === undefined);
  const filter = c.policyFilter ? FILTER_KEY[c.policyFilter] : undefined;
  const kind = filter ? msg('policies.filter.title', { filter }) : msg('policies.all.title');
  const kindInText = filter ? msg('policies.filter.inText', { filter }) : msg('policies.all.inText');
  const title = subject
    ? msg('policies.title.for', { kind, subject })
    : byName.length
      ? msg('policies.title.named', { names: semicolons(byName.map((p) => p.displayName)) })
      : kind;
  const sentences: Message[] = subject
    ? [
        msg('policies.reply.applies', { covering: covering.length, total: shown.length, kind: kindInText, subject, list: tagged(covering) }),
        ...(dormant.length ? [msg('policies.reply.dormant', { list: tagged(dormant) })] : []),
        ...(unknown.length ? [msg('policies.reply.unknown', { count: unknown.length, list: tagged(unknown) })] : []),
      ]
    : [msg('policies.reply.listed', { total: shown.length, kind: kindInText, list: tagged(shown) })];
  const subtitle = subject
    ? msg('policies.subtitle.person', { covering: covering.length, total: shown.length, subject })
    : msg('policies.subtitle.all', { shown: shown.length, total: policies.length });
  const blocks: PolicyBlock[] = shown.map((l) => ({
    name: l.name,
    state: l.state,
    requires: l.requires,
    covers: l.covers,
    lines: [...l.why, ...(l.when.length ? [msg('policies.line.only', { when: semicolons(l.when) })] : [])],
  }));
  const missed = asked && !byName.length ? msg('policies.reply.missed', { name: c.policyText ?? '' }) : undefined;
  const empty = filter ? msg('policies.filter.empty', { filter }) : msg('policies.all.empty');
  const text = [...(missed ? [missed] : []), ...sentences].map((m) => render(locale, m)).join(' ');
  return {
    text,
    card: policiesForCard(
      {
        title: render(locale, title),
        subtitle: render(locale, subtitle),
        policies: blocks,
        empty: render(locale, empty),
        note: missed ? render(locale, missed) : '',
      },
      locale,
    ),
  };
}

/** "CA002: Require MFA (on)"; a name that already says its state is not told it twice. */
function tagged(ls: readonly PolicyLine[]): MessageValue {
  return semicolons(
    ls.map((l) => (l.state === 'report-only' && /report-only/i.test(l.name) ? l.name : msg('policies.tagged', { name: l.name, state: stateMsg(l.state) }))),
  );
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
