import type { Command } from '../../conversation/command.ts';
import type { Attempt } from '../../diagnosis/attempts.ts';
import { diagnoseListing, pickAttempt } from '../../query/diagnose-attempts.ts';
import { listAttempts, type AttemptListing } from '../../query/list-attempts.ts';
import { resolveUser } from '../../query/resolve.ts';
import type { User } from '../../signins/directory.ts';
import type { CardListing } from '../../cards/diagnosis-card.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { parseColumns, summaryCard } from '../../cards/summary-card.ts';
import { formatInTimeZone, localizeTimes } from '../../time-format.ts';
import { hoursBefore } from '../../instants.ts';
import { appNamesOf, appWords } from '../../app-words.ts';
import type { SignIn } from '../../signins/signin.ts';
import type { Answer, AnswerContext } from '../context.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { LOOK_BACK_HOURS, attemptKey, cardListing, diagnosisAnswerCard, lookBackNote, othersBeside, type CardOthers } from './diagnosis-answer.ts';
import { diagnosisLine } from './diagnosis-line.ts';
import { diagnoseFor } from './diagnose-for.ts';
import { decisiveLookup, windowText } from './listing.ts';
import { countsSentence, listTitle } from './attempts-summary.ts';
import { unsure } from './which-person.ts';
import type { Locale } from '../../i18n/locales.ts';
import { t } from '../../i18n/translate.ts';
import { wordsOf } from '../../i18n/message.ts';

/**
 * "Why did X fail" and "show X's sign-ins", asked or from a button: find the person (or the
 * attempt), list the attempts, and say whose they are; the diagnosis and the card come after
 * the asker is checked against them. A button names the person by directory id (`userId`);
 * a question by the directory id the parser found (`c.userId`), else by what was typed
 * (`c.user`), resolved here. Either way the person is fetched once in the turn and handed on
 * to the listing.
 */
export async function aboutSignIns(c: Command, ctx: AnswerContext, userId?: string): Promise<Prepared> {
  let user: User | undefined;
  // The parser's directory named the person for sure: by id, with no second search.
  const id = userId ?? c.userId;
  if (id) user = await ctx.source.getUser(id);
  else if (c.user) {
    const r = await resolveUser(ctx.source, c.user, ctx.allUsers);
    const ask = unsure(c, c.user, r, ctx.locale);
    if (ask) return ask;
    if (r.kind === 'one') user = r.user;
  }
  const who = user?.id ?? id;
  const apps = appNamesOf(c);
  const request = {
    user: who,
    knownUser: user,
    apps,
    correlationId: c.correlationId,
    requestId: c.requestId,
    ip: c.ip,
    errorCode: c.errorCode,
    since: c.since,
    until: c.until,
    now: ctx.now,
  };
  let listing = await listAttempts(ctx.source, request);
  const byId = c.correlationId !== undefined || c.requestId !== undefined;
  // "X can't log in on outlook", with no time: a problem with one app may be older than the default
  // window. Nothing in it, so their failures to that app in the look-back are what is diagnosed (and the answer says so).
  let lookedBack = false;
  if (c.intent === 'diagnose' && !byId && apps && user && c.since === undefined && c.until === undefined && !listing.attempts.length) {
    const back = await listAttempts(ctx.source, { ...request, since: hoursBefore(ctx.now, LOOK_BACK_HOURS), until: ctx.now });
    if (back.attempts.some((a) => a.decisive.status.errorCode !== 0)) [listing, lookedBack] = [back, true];
  }
  // "Why did X fail": which attempt to diagnose, and the other causes the card offers, are loaded before the check too.
  const pick = c.intent === 'diagnose' && !byId ? await pickAttempt(ctx.source, listing, ctx.now) : undefined;
  const offered = pick?.chosen ? othersBeside(pick, listing.attempts, attemptKey(pick.chosen)) : undefined;
  // Nothing in the window for a known person: their latest sign-in elsewhere is what a helpdesk asks next (loaded before the check too).
  const elsewhere = !listing.attempts.length && user && !byId ? await latestElsewhere(ctx, user.id, apps, listing.window.since) : undefined;
  // The card's buttons that redraw it read this listing again: its filters and window, in absolute times.
  const from = pick
    ? cardListing(listing, { user: who, app: c.app, apps: c.apps, appText: c.appText, ip: c.ip, errorCode: c.errorCode }, lookedBack)
    : undefined;
  return {
    shows: [
      ...usersIn(listing.attempts, user, listing.user, ...(listing.ambiguousUser ?? [])),
      ...(offered?.shown ?? []).flatMap((o) => o.users),
      ...(elsewhere ? [elsewhere.userId] : []),
    ],
    render: () => signInsAnswer(c, ctx, listing, user, who, pick && { chosen: pick.chosen, others: offered, from }, elsewhere),
  };
}

async function signInsAnswer(
  c: Command,
  ctx: AnswerContext,
  listing: AttemptListing,
  user: User | undefined,
  who: string | undefined,
  pick?: { chosen?: Attempt; others?: CardOthers; from?: CardListing },
  elsewhere?: SignIn,
): Promise<Answer> {
  const app = appWords(c);
  const locale = ctx.locale ?? 'en';
  const name =
    user?.displayName ??
    c.user ??
    (c.correlationId
      ? t(locale, 'summary.name.correlation', { id: c.correlationId })
      : c.requestId
        ? t(locale, 'summary.name.request', { id: c.requestId })
        : (c.ip ?? app ?? t(locale, 'summary.name.that')));
  const byId = c.correlationId !== undefined || c.requestId !== undefined;
  const when = windowText(listing.window.since, listing.window.until, ctx.timeZone, c.timeText, ctx.now, locale);
  if (!listing.attempts.length) return nothingFound(name, c, when, byId, locale, elsewhere && latestWords(elsewhere, c, ctx.timeZone, locale));
  if (c.intent === 'diagnose') {
    // Diagnose only the attempt shown (by id: that one; else the one pickAttempt chose): the others are counted, and offered by cause.
    const failed = listing.attempts.filter((a) => a.decisive.status.errorCode !== 0);
    const shown = byId ? listing.attempts[0] : pick?.chosen;
    if (shown) {
      const d = await diagnoseFor(ctx, shown);
      const others = failed.length - (d.scenario === 'success' ? 0 : 1);
      const causes = (pick?.others?.shown ?? []).map((o) => localizeTimes(wordsOf(locale, o), ctx.timeZone, locale));
      return {
        text: diagnosisLine(locale, d, { others, when, causes, lookBack: lookBackNote(ctx, pick?.from) }),
        card: await diagnosisAnswerCard(ctx, shown, d, { listing: pick?.from, others: pick?.others }),
      };
    }
  }
  const diagnosed = await diagnoseListing(ctx.source, listing, ctx.now);
  const failed = diagnosed.diagnoses.filter((d) => d.scenario !== 'success');
  const title =
    c.intent === 'diagnose' ? t(locale, 'summary.title.noFailures', { name, when }) : listTitle(user || !c.ip ? name : undefined, { app, ip: c.ip }, locale);
  return {
    text: t(locale, 'reply.list.counts', { title, attempts: diagnosed.diagnoses.length, failed: failed.length }),
    card: summaryCard({
      title,
      subtitle: countsSentence(diagnosed.diagnoses.length, failed.length, when, locale),
      diagnoses: diagnosed.diagnoses,
      decisiveOf: decisiveLookup(diagnosed),
      timeZone: ctx.timeZone,
      columns: parseColumns(undefined),
      query: {
        userId: who,
        app: c.app,
        apps: c.apps,
        appText: c.appText,
        ip: c.ip,
        errorCode: c.errorCode,
        timeText: c.timeText,
        since: listing.window.since,
        until: listing.window.until,
      },
      truncated: listing.truncated,
      locale,
    }),
  };
}

/**
 * The person's newest sign-in that the question's window or app left out: to the app before
 * the window (30 days back), else to any app in the window or before it. Undefined when none.
 */
async function latestElsewhere(ctx: AnswerContext, userId: string, apps: string[] | undefined, since: string | undefined): Promise<SignIn | undefined> {
  const back = hoursBefore(ctx.now, LOOK_BACK_HOURS);
  const tries = apps ? [{ apps, until: since ?? ctx.now }, { until: ctx.now }] : [{ until: since ?? ctx.now }];
  for (const t of tries) {
    const found = await ctx.source.querySignIns({ user: userId, ...t, since: back, limit: 1 });
    const latest = found.events.find((e) => e.userId.toLowerCase() === userId.toLowerCase());
    if (latest) return latest;
  }
  return undefined;
}

/** "The latest was at 18 Nov 08:30 PST, to Outlook Mobile: failed (50057)." */
function latestWords(e: SignIn, c: Command, timeZone: string, locale: Locale): string {
  const app = e.appDisplayName ?? e.appId ?? t(locale, 'list.latest.anApp');
  // The log's reason ends with its own full stop; inside brackets it would read "administrator.).". It is the log's own words, as Entra wrote them.
  const reason = e.status.failureReason?.trim().replace(/\.+$/, '');
  const code = String(e.status.errorCode);
  const outcome =
    e.status.errorCode === 0
      ? t(locale, 'list.latest.succeeded')
      : reason
        ? t(locale, 'list.latest.failedReason', { code, reason })
        : t(locale, 'list.latest.failed', { code });
  const asked = appNamesOf(c)?.map((n) => n.toLowerCase());
  const otherApp = asked && ![e.appId, e.appDisplayName, e.resourceId, e.resourceDisplayName].some((v) => v && asked.includes(v.toLowerCase()));
  return t(locale, otherApp ? 'list.latest.lineOther' : 'list.latest.line', { time: formatInTimeZone(e.createdDateTime, timeZone, locale), app, outcome });
}

function nothingFound(name: string, c: Command, when: string, byId: boolean, locale: Locale, latest?: string): Answer {
  const app = appNamesOf(c) ? appWords(c) : undefined;
  const first = byId
    ? app
      ? t(locale, 'list.nothing.idApp', { name, app })
      : t(locale, 'list.nothing.id', { name })
    : app
      ? t(locale, 'list.nothing.whenApp', { name, when, app })
      : t(locale, 'list.nothing.when', { name, when });
  const lines = [first, ...(latest ? [latest] : []), t(locale, 'list.nothing.retention')];
  return { text: lines[0]!, card: noticeCard(t(locale, 'list.nothing.title'), lines) };
}
