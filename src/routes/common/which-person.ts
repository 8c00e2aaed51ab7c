import type { Command, PersonCandidate } from '../../conversation/command.ts';
import { resolveUser, type Resolution } from '../../query/resolve.ts';
import type { User } from '../../signins/directory.ts';
import { noticeCard, pickUserCard, type PickIntent } from '../../cards/simple-cards.ts';
import type { AnswerContext } from '../context.ts';
import type { Prepared } from '../prepared.ts';
import type { Locale } from '../../i18n/locales.ts';
import { t } from '../../i18n/translate.ts';
import { listOf, msg, render } from '../../i18n/message.ts';
import { sentenceGap } from '../../cards/list-cards.ts';

/**
 * The one rule for a person the question does not name for sure, whoever found it (the
 * parser's directory, or the look-up after it): several people share the name → "which one?";
 * nobody has it → "did you mean…" with the nearest names, or "try their email address". Never a
 * silent choice. The people a card lists are what it shows: a limited asker sees it only when
 * they are all the asker.
 */

/** The intents that take a person, and so a "which one?" button that asks them again. */
const PICKABLE: ReadonlySet<string> = new Set<PickIntent>(['diagnose', 'list', 'what-if', 'lock-state']);
export const takesPerson = (intent: string): intent is PickIntent => PICKABLE.has(intent);

/** What the buttons carry besides the person: the question's intent, app, window, and a what-if's change. */
function carried(c: Command): {
  intent: PickIntent;
  extra: { app?: string; apps?: string[]; appText?: string; since?: string; until?: string; condition?: string };
} {
  return {
    intent: takesPerson(c.intent) ? c.intent : 'diagnose',
    extra: { app: c.app, apps: c.apps, appText: c.appText, since: c.since, until: c.until, condition: c.condition },
  };
}

/** Several people answer to the name: the asker chooses. */
export function whichOne(c: Command, typed: string, users: User[], locale: Locale = 'en'): Prepared {
  const { intent, extra } = carried(c);
  return {
    shows: users.map((u) => u.id),
    render: async () => ({
      text: t(locale, 'whichPerson.matches', { typed, count: users.length }),
      card: pickUserCard(typed, users, intent, extra, t(locale, 'whichPerson.matchesWhich', { typed, count: users.length }), locale),
    }),
  };
}

/** "Did you mean Bob Kelly (bob.kelly@contoso.com) or …?", or "try their email address": the lines of a name nobody has. */
export function nobodyLines(typed: string, near: User[], locale: Locale): string[] {
  const names = near.map((u) => `${u.displayName} (${u.userPrincipalName})`);
  return [
    t(locale, 'whichPerson.nobody', { typed }),
    names.length ? render(locale, msg('whichPerson.didYouMean', { names: listOf(names, 'or') })) : t(locale, 'whichPerson.tryEmail'),
  ];
}

/** Nobody has the name: the nearest names to choose from, if any. */
export function nobodyCalled(c: Command, typed: string, near: User[], locale: Locale = 'en'): Prepared {
  const { intent, extra } = carried(c);
  const lines = nobodyLines(typed, near, locale);
  return {
    shows: near.map((u) => u.id),
    render: async () => ({
      text: lines.join(sentenceGap(locale)),
      card: near.length
        ? pickUserCard(typed, near, intent, extra, t(locale, 'whichPerson.nobodyPick', { typed }), locale)
        : noticeCard(t(locale, 'whichPerson.notFound', { typed }), lines, 'Warning'),
    }),
  };
}

/** resolveUser's "many" or "none" as the answer; undefined when it found one person. */
export function unsure(c: Command, typed: string, r: Resolution, locale: Locale = 'en'): Prepared | undefined {
  if (r.kind === 'many') return whichOne(c, typed, r.users, locale);
  if (r.kind === 'none') return nobodyCalled(c, typed, r.suggestions, locale);
  return undefined;
}

/** Whether the parser left the person uncertain: candidates to choose from, or a name the directory does not have. */
export function parserUnsure(c: Command): boolean {
  return !c.userId && !!c.userCandidates && (c.userCandidates.length > 0 || (!!c.userText && !c.user));
}

/**
 * The answer to a question whose person the parser could not settle. Its candidates are
 * directory entries (ctx.allUsers, which the parser read); a name with none near it is looked
 * up once more, for resolveUser's suggestions (it also matches parts of names the parser does not).
 */
export async function askWhichPerson(c: Command, ctx: AnswerContext): Promise<Prepared> {
  const typed = c.userText ?? c.user ?? '';
  const locale = ctx.locale ?? 'en';
  const candidates = (c.userCandidates ?? []).map((p) => asUser(p, ctx.allUsers));
  // Several people share the name exactly (the parser kept it as `user`): which one.
  if (candidates.length && c.user) return whichOne(c, typed, candidates, locale);
  if (candidates.length) return nobodyCalled(c, typed, candidates, locale);
  const r = await resolveUser(ctx.source, typed, ctx.allUsers);
  return nobodyCalled(c, typed, r.kind === 'one' ? [r.user] : r.kind === 'many' ? r.users : r.suggestions, locale);
}

function asUser(p: PersonCandidate, all: readonly User[] | undefined): User {
  const id = p.id.toLowerCase();
  return all?.find((u) => u.id.toLowerCase() === id) ?? { id: p.id, displayName: p.displayName, userPrincipalName: p.userPrincipalName ?? p.id };
}
