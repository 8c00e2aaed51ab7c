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
    const ask = unsure(c, c.user, r);
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
  const name =
    user?.displayName ?? c.user ?? (c.correlationId ? `correlation ${c.correlationId}` : c.requestId ? `request ${c.requestId}` : (c.ip ?? app ?? 'that'));
  const byId = c.correlationId !== undefined || c.requestId !== undefined;
  const when = windowText(listing.window.since, listing.window.until, ctx.timeZone, c.timeText, ctx.now);
  if (!listing.attempts.length) return nothingFound(name, c, when, byId, elsewhere && latestWords(elsewhere, c, ctx.timeZone));
  if (c.intent === 'diagnose') {
    // Diagnose only the attempt shown (by id: that one; else the one pickAttempt chose): the others are counted, and offered by cause.
    const failed = listing.attempts.filter((a) => a.decisive.status.errorCode !== 0);
    const shown = byId ? listing.attempts[0] : pick?.chosen;
    if (shown) {
      const d = await diagnoseFor(ctx, shown);
      const others = failed.length - (d.scenario === 'success' ? 0 : 1);
      const causes = (pick?.others?.shown ?? []).map((o) => localizeTimes(o.text, ctx.timeZone));
      return {
        text: diagnosisLine(ctx.locale ?? 'en', d, { others, when, causes, lookBack: lookBackNote(ctx, pick?.from) }),
        card: await diagnosisAnswerCard(ctx, shown, d, { listing: pick?.from, others: pick?.others }),
      };
    }
  }
  const diagnosed = await diagnoseListing(ctx.source, listing, ctx.now);
  const failed = diagnosed.diagnoses.filter((d) => d.scenario !== 'success');
  const title = c.intent === 'diagnose' ? `No failed sign-ins for ${name} ${when}` : listTitle(user || !c.ip ? name : undefined, { app, ip: c.ip });
  return {
    text: `${title}: ${diagnosed.diagnoses.length} attempt${diagnosed.diagnoses.length === 1 ? '' : 's'}, ${failed.length} failed.`,
    card: summaryCard({
      title,
      subtitle: countsSentence(diagnosed.diagnoses.length, failed.length, when),
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
function latestWords(e: SignIn, c: Command, timeZone: string): string {
  const app = e.appDisplayName ?? e.appId ?? 'an app';
  // The log's reason ends with its own full stop; inside brackets it would read "administrator.).".
  const reason = e.status.failureReason?.trim().replace(/\.+$/, '');
  const outcome = e.status.errorCode === 0 ? 'it succeeded' : `it failed (${e.status.errorCode}${reason ? `: ${reason}` : ''})`;
  const asked = appNamesOf(c)?.map((n) => n.toLowerCase());
  const otherApp = asked && ![e.appId, e.appDisplayName, e.resourceId, e.resourceDisplayName].some((v) => v && asked.includes(v.toLowerCase()));
  return `The latest sign-in${otherApp ? ` (to another app)` : ''} was at ${formatInTimeZone(e.createdDateTime, timeZone)}, to ${app}: ${outcome}. Ask with a time that includes it, or for that app, to see it.`;
}

function nothingFound(name: string, c: Command, when: string, byId: boolean, latest?: string): Answer {
  const lines = [
    `No sign-in events for ${name} ${byId ? 'with that id' : when}${appNamesOf(c) ? ` to ${appWords(c)}` : ''}.`,
    ...(latest ? [latest] : []),
    'Entra keeps sign-ins for 30 days (7 on the free tier), and new events can take a few minutes to arrive.',
  ];
  return { text: lines[0]!, card: noticeCard('Nothing found', lines) };
}
