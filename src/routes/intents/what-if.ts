import type { Command } from '../../conversation/command.ts';
import { parseWhatIfChange } from '../../conversation/what-if-condition.ts';
import type { Attempt } from '../../diagnosis/attempts.ts';
import type { EvalContext } from '../../diagnosis/ca-evaluator.ts';
import { applyChange, whatIf as evaluate } from '../../diagnosis/what-if.ts';
import { whatIfCard } from '../../cards/what-if-cards.ts';
import { helpCard } from '../../cards/simple-cards.ts';
import { listAttempts } from '../../query/list-attempts.ts';
import { resolveUser } from '../../query/resolve.ts';
import type { User } from '../../signins/directory.ts';
import type { Answer, AnswerContext } from '../context.ts';
import { showsNobody, usersIn, type Prepared } from '../prepared.ts';
import { baseOf, describeChange, facts, microsoftSays, noPolicies } from '../common/what-if-base.ts';
import { t } from '../../i18n/translate.ts';
import { wordsOf } from '../../i18n/message.ts';
import { unsure } from '../common/which-person.ts';

/** "What if bob signs in from an iPhone": the person (and their latest sign-in) are loaded first, and shown only once the asker is checked. */
export async function whatIf(c: Command, ctx: AnswerContext): Promise<Prepared> {
  if (!c.user) return showsNobody({ text: t(ctx.locale ?? 'en', 'whatIf.who'), card: helpCard(['what-if', ...c.understood], true, ctx.locale) });
  // The parser's directory named the person for sure: by id, with no second search; else the name is looked up, and an unsure one asked about.
  const r = c.userId ? undefined : await resolveUser(ctx.source, c.user, ctx.allUsers);
  const ask = r && unsure(c, c.user, r, ctx.locale);
  if (ask) return ask;
  const found: User | undefined = r?.kind === 'one' ? r.user : c.userId ? await ctx.source.getUser(c.userId) : undefined;
  if (!found) return unsure(c, c.user, { kind: 'none', typed: c.user, suggestions: [] }, ctx.locale)!;
  const user = found;
  // The person was just looked up: the listing takes them as they are.
  const listing = await listAttempts(ctx.source, { user: user.id, knownUser: user, now: ctx.now });
  return { shows: usersIn(listing.attempts, user), render: () => whatIfFor(user, listing.attempts[0], c, ctx) };
}

async function whatIfFor(user: User, latest: Attempt | undefined, c: Command, ctx: AnswerContext): Promise<Answer> {
  const policies = await ctx.source.listPolicies();
  if (!policies) return noPolicies(ctx.locale);
  const named = await ctx.source.listNamedLocations();
  const base = latest
    ? await baseOf(latest, ctx)
    : { eval: { userId: user.id, isGuest: /#EXT#/i.test(user.userPrincipalName), appIds: [] } as EvalContext, satisfies: {} };
  const sps = await ctx.source.listServicePrincipals();
  const sp = c.app ? sps.find((s) => s.displayName.toLowerCase() === c.app!.toLowerCase() || s.appId.toLowerCase() === c.app!.toLowerCase()) : undefined;
  if (c.app) base.eval = { ...base.eval, appIds: [sp?.appId ?? c.app] };
  const change = parseWhatIfChange(c.condition ?? '');
  const { ctx: e, satisfies } = applyChange(base.eval, base.satisfies, change, named);
  const r = evaluate(policies, e, satisfies, named);
  const locale = ctx.locale ?? 'en';
  const appName = sp?.displayName ?? c.app ?? latest?.decisive.resourceDisplayName ?? latest?.decisive.appDisplayName ?? t(locale, 'whatIf.lastSignInApp');
  const name = user.displayName ?? user.userPrincipalName;
  // English repeats the asker's words; another language says the change as it was read (its words, not the typed phrase's grammar).
  const title =
    locale === 'en'
      ? `What if ${user.displayName} signs in to ${appName}${c.condition ? ` ${c.condition}` : ''}?`
      : t(locale, 'whatIf.title', {
          name,
          app: appName,
          change: c.condition ? t(locale, 'whatIf.titleChange', { change: describeChange(change, locale) }) : '',
        });
  const note = latest ? ` ${t(locale, 'whatIf.startingFrom', { name, change: describeChange(change, locale) })}` : '';
  const checked = await microsoftSays(e, r, ctx);
  return {
    text: `${wordsOf(locale, { text: r.summary, msg: r.summaryMsg })}${note}`,
    card: whatIfCard(title, r, facts(`${user.displayName} (${user.userPrincipalName})`, appName, e, satisfies, locale), checked, locale),
  };
}
