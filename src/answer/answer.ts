import { parseMessage, SELF_USER } from '../conversation/parse.ts';
import type { Command } from '../conversation/command.ts';
import { lookupCode } from '../diagnosis/catalog.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import { DiagnosisContext, diagnoseListing, pickAttempt, type DiagnosedListing } from '../query/diagnose-attempts.ts';
import type { AttemptChoice } from '../diagnosis/choose-attempt.ts';
import type { Attempt } from '../diagnosis/attempts.ts';
import { DEFAULT_WINDOW_HOURS, listAttempts, type AttemptListing } from '../query/list-attempts.ts';
import { resolveUser } from '../query/resolve.ts';
import type { User } from '../signins/directory.ts';
import type { SignIn } from '../signins/signin.ts';
import type { SignInSource } from '../signins/source.ts';
import { parseCardAction, type CardAction } from '../cards/actions.ts';
import { diagnosisCard, type OtherCause } from '../cards/diagnosis-card.ts';
import { flaggedCard, lockoutsCard } from '../cards/list-cards.ts';
import { CARD_BUDGET_BYTES, cardBytes, type Card } from '../cards/render.ts';
import { explainCard, helpCard, noticeCard, pickUserCard } from '../cards/simple-cards.ts';
import { parseColumns, summaryCard } from '../cards/summary-card.ts';
import { formatInTimeZone, localizeTimes } from '../time-format.ts';
import type { FeedbackStore } from './feedback.ts';
import type { NotificationService } from '../notify/service.ts';
import type { ConversationRef } from '../notify/store.ts';
import type { Access } from '../trust/access.ts';
import type { AuditEntry, AuditTrail } from '../trust/audit.ts';
import { MAX_MESSAGE_CHARS } from '../trust/limits.ts';
import { distinct, mayShow, showsNobody, usersIn, type Answer, type Prepared } from './authorize.ts';
import { whatIfAnswer, whatIfFromAttempt, policyCheckAnswer } from './what-if-answer.ts';
import { auditActors, forAsker } from './hide-actors.ts';
import { asDiagError } from '../errors.ts';
import { WAIT_CAP_MS, withWaitAllowance } from '../signins/graph/throttle.ts';

/**
 * One turn, without Teams: a message (or a pressed button) → the answer card and a line of
 * text. The bot, the CLI's `ask` and the tests all go through here.
 */
export interface AnswerContext {
  source: SignInSource;
  /** The clock, ISO. */
  now: string;
  timeZone: string;
  /** App display names the tenant knows, for the parser. */
  appNames: readonly string[];
  feedback?: FeedbackStore;
  /** Who is asking (for feedback and the audit trail): a name, and the directory object id. */
  asker?: string;
  askerId?: string;
  /** What the asker may do; absent means everything (the CLI, run by whoever holds the data). */
  access?: Access;
  audit?: AuditTrail;
  /** Directory users for "did you mean" suggestions, when the source can list them. */
  allUsers?: readonly User[];
  /** Lockout notifications, where the bot runs them, and the conversation the message came from. */
  notify?: NotificationService;
  conversation?: ConversationRef;
}

export interface Reply {
  /** What the message was read as (absent for button presses). */
  command?: Command;
  /** One line: the answer in words (also the card's fallback text). */
  text: string;
  card?: Card;
}

/** What anyone may ask, whoever they are: nothing here reads a person's sign-ins. */
const OPEN_INTENTS = new Set(['help', 'explain-code']);
/**
 * Tenant-wide views and acts (everyone's lockouts, flagged sign-ins, the policy check, alerts
 * posted to a channel, marking an alert handled): the helpdesk's, whatever they would show.
 */
const HELPDESK_ONLY = new Set(['lockouts', 'flagged', 'check-policies', 'subscribe', 'unsubscribe', 'markHandled']);

/**
 * One question, or one button, waits at most a minute in all for a throttled source (Graph's
 * Retry-After, however many lookups it makes), then says when to come back.
 */
export const answerMessage = (message: string, ctx: AnswerContext): Promise<Reply> => withWaitAllowance(WAIT_CAP_MS.interactive, () => answerMessageNow(message, ctx));
export const answerAction = (verb: unknown, data: unknown, ctx: AnswerContext): Promise<Reply> => withWaitAllowance(WAIT_CAP_MS.interactive, () => answerActionNow(verb, data, ctx));

async function answerMessageNow(message: string, ctx: AnswerContext): Promise<Reply> {
  if (message.length > MAX_MESSAGE_CHARS) {
    const line = `That message is ${message.length.toLocaleString('en-US')} characters long; I read questions of up to ${MAX_MESSAGE_CHARS.toLocaleString('en-US')}. Ask it in a sentence, for example "why did bob fail to sign in".`;
    return { text: line, card: noticeCard('That message is too long', [line], 'Warning') };
  }
  const parsed = parseMessage(message, { now: ctx.now, timeZone: ctx.timeZone, appNames: ctx.appNames });
  if (parsed.user === SELF_USER && !ctx.askerId) {
    const line = 'I cannot tell who "me" is here. Name the person by name or address, for example "why did bob.kelly@contoso.com fail to sign in".';
    return { command: parsed, text: line, card: noticeCard('Who do you mean?', [line], 'Warning') };
  }
  // "why can't I sign in": the asker, by the directory id Teams gives.
  const command = parsed.user === SELF_USER ? { ...parsed, user: ctx.askerId } : parsed;
  if (OPEN_INTENTS.has(command.intent)) return { command, ...fitCard(await explained(() => answerCommand(command, ctx).then((p) => p.render()))) };
  const asked = command.user ?? command.correlationId ?? command.requestId ?? command.ip ?? command.app;
  // Someone limited to their own sign-ins must name themselves or an attempt: a list by app or IP alone would be everyone's.
  const unpinned = !command.user && !command.correlationId && !command.requestId;
  return { command, ...fitCard(await authorized(ctx, command.intent, asked, unpinned, () => answerCommand(command, ctx))) };
}

async function answerActionNow(verb: unknown, data: unknown, ctx: AnswerContext): Promise<Reply> {
  const action = parseCardAction(verb, data);
  if ('unknownVerb' in action) return { text: 'This button is no longer supported.', card: noticeCard('That button did not work', ['This button is no longer supported.', 'Ask again in the chat to get a fresh card.'], 'Warning') };
  if ('error' in action) return { text: action.error, card: noticeCard('That button did not work', [`${action.error}.`, 'Ask again in the chat to get a fresh card.'], 'Warning') };
  const d = action.data as { userId?: string; correlationId?: string; episodeKey?: string; ip?: string; app?: string };
  // What the button named, for the audit line; it decides nothing (a card, or a forged payload, carries no rights).
  const asked = action.verb === 'diagnose' ? (d.correlationId ?? d.userId) : (d.userId ?? d.correlationId ?? d.episodeKey ?? d.ip ?? d.app);
  const unpinned = action.verb === 'showAttempts' && !d.userId;
  return fitCard(await authorized(ctx, action.verb, asked, unpinned, () => runAction(action, ctx)));
}

/**
 * Loads what the answer will show, checks the asker may see every person in it, and only
 * then renders it. Refusals before loading (a tenant-wide view, a list not pinned to a
 * person) only ever refuse; what is shown is allowed by what was loaded, never by the ids
 * a question or button carried. Each outcome is one audit line.
 */
async function authorized(ctx: AnswerContext, action: string, asked: string | undefined, unpinned: boolean, prepare: () => Promise<Prepared>): Promise<Answer> {
  const a = ctx.access;
  if (a && a.kind !== 'full' && (a.kind === 'refused' || HELPDESK_ONLY.has(action) || unpinned)) {
    await recordAudit(ctx, action, asked, 'refused', { asked });
    return refusal(a.why);
  }
  let prepared: Prepared;
  try {
    prepared = await prepare();
  } catch (e) {
    await recordAudit(ctx, action, asked, 'failed', { asked });
    return explainedError(e);
  }
  const shows = distinct(prepared.shows);
  if (a && a.kind !== 'full' && !mayShow(a, ctx.askerId, shows)) {
    await recordAudit(ctx, action, asked, 'refused', { asked, withheld: shows });
    return refusal(a.why);
  }
  const subject = shows.length ? shows.join(',') : asked;
  try {
    const answer = await prepared.render();
    await recordAudit(ctx, action, subject, 'answered', { asked });
    return answer;
  } catch (e) {
    await recordAudit(ctx, action, subject, 'failed', { asked });
    return explainedError(e);
  }
}

/** A card over Teams' budget would not arrive at all: the answer's sentence arrives instead, in a small card that says why. */
export function fitCard<T extends Omit<Reply, 'command'>>(reply: T): T {
  if (!reply.card || cardBytes(reply.card) <= CARD_BUDGET_BYTES) return reply;
  const kb = Math.ceil(cardBytes(reply.card) / 1024);
  return { ...reply, card: noticeCard('This answer is too large for a card', [reply.text.slice(0, 2000), `The full card would be ${kb} KB; Teams cards hold 28 KB. Narrow the question (a shorter time, one app) or use the signin-diag command line.`], 'Warning') };
}

function refusal(why: string): Omit<Reply, 'command'> {
  const lines = [why, 'I can still answer about your own sign-ins ("why can\'t I sign in") and explain error codes ("what does 50126 mean"). To look up other people, ask your identity admin to add you to the helpdesk group.'];
  return { text: why, card: noticeCard('Sorry, I cannot look that up for you', lines, 'Warning') };
}

/** One audit line for a question or button, from what the context says of the asker. */
export async function recordAudit(ctx: AnswerContext, action: string, subject: string | undefined, outcome: AuditEntry['outcome'], more: Pick<AuditEntry, 'asked' | 'withheld'> = {}): Promise<void> {
  const extra = { ...(more.asked !== undefined ? { asked: more.asked } : {}), ...(more.withheld?.length ? { withheld: more.withheld } : {}) };
  await ctx.audit?.record({ at: new Date().toISOString(), askerId: ctx.askerId, asker: ctx.asker, action, subject, outcome, ...extra, conversation: ctx.conversation?.conversationId });
}

/** A source that could not answer (Graph refused, throttled, timed out) says why, in a card. */
async function explained(run: () => Promise<Answer>): Promise<Answer> {
  try {
    return await run();
  } catch (e) {
    return explainedError(e);
  }
}

/** The card for an error a person can act on (src/errors.ts); anything else is thrown on to the bot's handler (a sentence and a reference there). */
function explainedError(e: unknown): Answer {
  const known = asDiagError(e);
  if (!known) throw e;
  return { text: known.explanation, card: noticeCard(known.title, [known.explanation], 'Attention') };
}

function windowText(since: string | undefined, until: string | undefined, tz: string, timeText?: string): string {
  if (timeText) return timeText;
  if (since && until) return `between ${formatInTimeZone(since, tz)} and ${formatInTimeZone(until, tz)}`;
  return `in the last ${DEFAULT_WINDOW_HOURS} hours`;
}

function defaultWindow(ctx: AnswerContext, c: { since?: string; until?: string }) {
  const until = c.until ?? ctx.now;
  return { since: c.since ?? new Date(Date.parse(until) - DEFAULT_WINDOW_HOURS * 3_600_000).toISOString(), until };
}

async function answerCommand(c: Command, ctx: AnswerContext): Promise<Prepared> {
  switch (c.intent) {
    case 'help':
      return showsNobody({ text: c.unclear ? "I didn't catch who or what to look at." : 'Here is what I can do.', card: helpCard(c.understood, !!c.unclear) });
    case 'explain-code': {
      const i = lookupCode(c.errorCode!);
      return showsNobody({ text: i ? `AADSTS${c.errorCode}: ${i.meaning}` : `AADSTS${c.errorCode} is not in our catalog.`, card: explainCard(c.errorCode!, i) });
    }
    case 'lockouts':
      return lockouts(c, ctx);
    case 'flagged':
      return flagged(c, ctx);
    case 'what-if':
      return whatIfAnswer(c, ctx);
    case 'check-policies':
      // Policy names and counts over everyone's recent sign-ins: no one person's records (and helpdesk-only anyway).
      return { shows: [], render: () => policyCheckAnswer(ctx) };
    case 'subscribe':
    case 'unsubscribe':
      return { shows: [], render: () => subscription(c, ctx) };
    case 'diagnose':
    case 'list':
      return aboutSignIns(c, ctx);
    case 'failures':
    case 'lock-state':
    case 'policies-for':
      // Intents the parser reads since issue 15; the answer layer does not route them yet.
      return showsNobody(notYet('I cannot answer that yet', `I read this as a "${c.intent}" question, which I cannot answer yet. Ask "why did bob fail to sign in" or "is anyone locked out".`));
  }
}

async function subscription(c: Command, ctx: AnswerContext): Promise<Answer> {
  if (!ctx.notify || !ctx.conversation) return notYet('Lockout notifications are not running here', 'They work in Teams, where the bot can post to a channel or chat; ask there.');
  const where = ctx.conversation.where ?? 'this conversation';
  if (c.intent === 'unsubscribe') {
    const removed = await ctx.notify.unsubscribe(ctx.conversation.conversationId);
    const line = removed ? `I will stop posting lockout alerts to ${where}.` : `${where} was not subscribed to lockout alerts.`;
    return { text: line, card: noticeCard(removed ? 'Lockout alerts stopped' : 'Nothing to stop', [line]) };
  }
  const r = await ctx.notify.subscribe(ctx.conversation, ctx.asker ?? 'unknown', { minUsers: c.minUsers, groupName: c.groupName });
  const scope = [r.subscription.groupName ? `members of ${r.subscription.groupName}` : 'anyone', r.subscription.minUsers > 1 ? `only when a spray locks out ${r.subscription.minUsers} or more people` : ''].filter(Boolean).join(', ');
  const lines = [`I will post a card to ${where} when ${scope} is locked out, with where the failed attempts came from. One card per lockout episode, updated as it grows or ends.`, ...(r.note ? [r.note] : []), 'Say "stop lockout notifications" to end it.'];
  return { text: lines[0]!, card: noticeCard(r.created ? 'Lockout alerts are on' : 'Lockout alerts updated', lines, 'Good') };
}

function notYet(title: string, line: string): Answer {
  return { text: title, card: noticeCard(title, [line], 'Warning') };
}

/**
 * diagnose and list: find the person (or the attempt), list the attempts, and say whose they
 * are; the diagnosis and the card come after the asker is checked against them.
 */
async function aboutSignIns(c: Command, ctx: AnswerContext, userId?: string): Promise<Prepared> {
  let user: User | undefined;
  if (!userId && c.user) {
    const r = await resolveUser(ctx.source, c.user, ctx.allUsers);
    if (r.kind === 'many') {
      // The "which one?" card lists these people: they are what it shows.
      return { shows: r.users.map((u) => u.id), render: async () => ({ text: `"${c.user}" matches ${r.users.length} people.`, card: pickUserCard(c.user!, r.users, c.intent === 'list' ? 'list' : 'diagnose', { app: c.app, since: c.since, until: c.until }) }) };
    }
    if (r.kind === 'none') {
      const near = r.suggestions.map((u) => `${u.displayName} (${u.userPrincipalName})`);
      const lines = [`Nobody called "${c.user}" is in the directory.`, near.length ? `Did you mean ${near.join(' or ')}?` : 'Try their email address or full name.'];
      return {
        shows: r.suggestions.map((u) => u.id),
        render: async () => ({
          text: lines.join(' '),
          card: r.suggestions.length
            ? pickUserCard(c.user!, r.suggestions, c.intent === 'list' ? 'list' : 'diagnose', { app: c.app, since: c.since, until: c.until }, `Nobody called "${c.user}" is in the directory. Did you mean:`)
            : noticeCard(`I could not find "${c.user}"`, lines, 'Warning'),
        }),
      };
    }
    user = r.user;
  } else if (userId) user = await ctx.source.getUser(userId);
  const who = user?.id ?? userId;
  const request = { user: who, app: c.app, correlationId: c.correlationId, requestId: c.requestId, ip: c.ip, errorCode: c.errorCode, since: c.since, until: c.until, now: ctx.now };
  const listing = await listAttempts(ctx.source, request);
  const byId = c.correlationId !== undefined || c.requestId !== undefined;
  // "Why did X fail": which attempt to diagnose, and the other causes the card offers, are loaded before the check too.
  const pick = c.intent === 'diagnose' && !byId ? await pickAttempt(ctx.source, listing, ctx.now) : undefined;
  const offered = pick ? otherCauses(pick, listing.attempts) : [];
  return {
    shows: [...usersIn(listing.attempts, user, listing.user, ...(listing.ambiguousUser ?? [])), ...offered.flatMap((o) => o.users)],
    render: () => signInsAnswer(c, ctx, listing, user, who, pick && { chosen: pick.chosen, others: offered, own: pick.groups.find((g) => g.chosen)?.origin === 'own' }),
  };
}

/** At most this many other causes on a card, each a line and a Diagnose button. */
const MAX_OTHER_CAUSES = 4;

/**
 * The groups of failures not diagnosed, each with the attempt its button opens (the newest of
 * the group) and everyone in the rows of the group's attempts, for the check: a group whose
 * attempts were not among those loaded is not offered.
 */
function otherCauses(pick: AttemptChoice, attempts: readonly Attempt[]): (OtherCause & { users: string[] })[] {
  const byCorrelation = new Map(attempts.map((a) => [a.correlationId || a.decisive.id, a]));
  const out: (OtherCause & { users: string[] })[] = [];
  for (const g of pick.groups) {
    if (g.chosen) continue;
    const loaded = g.correlationIds.map((id) => byCorrelation.get(id));
    if (!loaded.length || loaded.some((a) => !a)) continue;
    out.push({ text: g.text, correlationId: g.correlationIds[0]!, count: g.count, users: usersIn(loaded as Attempt[]) });
  }
  return out;
}

async function signInsAnswer(c: Command, ctx: AnswerContext, listing: AttemptListing, user: User | undefined, who: string | undefined, pick?: { chosen?: Attempt; others: OtherCause[]; own: boolean }): Promise<Answer> {
  const name = user?.displayName ?? c.user ?? (c.correlationId ? `correlation ${c.correlationId}` : c.requestId ? `request ${c.requestId}` : c.ip ?? c.app ?? 'that');
  const byId = c.correlationId !== undefined || c.requestId !== undefined;
  const when = windowText(listing.window.since, listing.window.until, ctx.timeZone, c.timeText);
  if (!listing.attempts.length) return nothingFound(name, c, when, byId);
  if (c.intent === 'diagnose') {
    // Diagnose only the attempt shown (by id: that one; else the one pickAttempt chose): the others are counted, and offered by cause.
    const failed = listing.attempts.filter((a) => a.decisive.status.errorCode !== 0);
    const shown = byId ? listing.attempts[0] : pick?.chosen;
    if (shown) {
      const d = await diagnoseFor(ctx, shown);
      const others = failed.length - (d.scenario === 'success' ? 0 : 1);
      const causes = pick?.others ?? [];
      const offered = causes.length ? ` Other causes: ${causes.map((o) => localizeTimes(o.text, ctx.timeZone)).join('; ')}.` : '';
      return {
        text: `${d.title}: ${d.assessment}${others > 0 ? ` (${others} other failed attempt${others === 1 ? '' : 's'} ${when}; "All attempts" lists them.)` : ''}${offered}`,
        card: diagnosisCard(d, shown.decisive, ctx.timeZone, '', {
          intro: pick?.own ? 'Above: the newest failure that looks like their own. The others, by cause:' : 'Above: the newest failure (none looks like their own sign-in). The others, by cause:',
          shown: causes.slice(0, MAX_OTHER_CAUSES),
          more: causes.length - MAX_OTHER_CAUSES,
        }),
      };
    }
  }
  const diagnosed = await diagnoseListing(ctx.source, listing, ctx.now);
  const failed = diagnosed.diagnoses.filter((d) => d.scenario !== 'success');
  const title = c.intent === 'diagnose' ? `No failed sign-ins for ${name} ${when}` : `Sign-ins for ${name}${c.app ? ` to ${c.app}` : ''}`;
  return {
    text: `${title}: ${diagnosed.diagnoses.length} attempt${diagnosed.diagnoses.length === 1 ? '' : 's'}, ${failed.length} failed.`,
    card: summaryCard({
      title,
      subtitle: `${diagnosed.diagnoses.length} attempt${diagnosed.diagnoses.length === 1 ? '' : 's'}, ${failed.length} failed, ${when}. Newest first.`,
      diagnoses: diagnosed.diagnoses,
      decisiveOf: decisiveLookup(diagnosed),
      timeZone: ctx.timeZone,
      columns: parseColumns(undefined),
      query: { userId: who, app: c.app, ip: c.ip, since: listing.window.since, until: listing.window.until },
    }),
  };
}

/**
 * One attempt diagnosed for this asker: someone asking about their own sign-ins reads "an
 * administrator" where the audit log names who changed the tenant or their account.
 */
async function diagnoseFor(ctx: AnswerContext, attempt: Attempt): Promise<Diagnosis> {
  const dctx = new DiagnosisContext(ctx.source, ctx.now);
  const d = await dctx.diagnose(attempt);
  if (ctx.access?.kind !== 'limited') return d;
  // The same entries the diagnosis read (cached by the context): from its history window up to now.
  const audits = await dctx.auditsIn({ since: dctx.historyWindow(d.time).since, until: ctx.now });
  return forAsker(d, ctx.access, auditActors(audits, ctx.askerId));
}

function nothingFound(name: string, c: Command, when: string, byId: boolean): Answer {
  const lines = [`No sign-in events for ${name} ${byId ? 'with that id' : when}${c.app ? ` to ${c.app}` : ''}.`, 'Entra keeps sign-ins for 30 days (7 on the free tier), and new events can take a few minutes to arrive.'];
  return { text: lines[0]!, card: noticeCard('Nothing found', lines) };
}

function decisiveLookup(listing: DiagnosedListing): (d: Diagnosis) => SignIn | undefined {
  const byId = new Map<string, SignIn>();
  for (const a of listing.attempts) byId.set(a.decisive.id, a.decisive);
  return (d) => byId.get(d.decisiveEventId);
}

async function lockouts(c: Command, ctx: AnswerContext): Promise<Prepared> {
  const w = defaultWindow(ctx, c);
  const listing = await listAttempts(ctx.source, { errorCode: 50053, since: w.since, until: w.until, now: ctx.now });
  return {
    shows: usersIn(listing.attempts),
    render: async () => {
      const diagnosed = await diagnoseListing(ctx.source, listing, ctx.now);
      const locked = diagnosed.diagnoses.filter((d) => d.scenario === 'account-locked');
      const people = new Set(locked.map((d) => d.user.id)).size;
      const when = windowText(c.since, c.until, ctx.timeZone, c.timeText);
      return { text: people ? `${people} ${people === 1 ? 'person was' : 'people were'} locked out ${when}.` : `Nobody was locked out ${when}.`, card: lockoutsCard(locked, when, ctx.timeZone) };
    },
  };
}

async function flagged(c: Command, ctx: AnswerContext): Promise<Prepared> {
  const w = defaultWindow(ctx, c);
  // Users flag failed sign-ins from the error page, so the failures are where to look.
  const found = await ctx.source.querySignIns({ outcome: 'failure', since: w.since, until: w.until, limit: 20_000 });
  const ids = [...new Set(found.events.filter((e) => e.flaggedForReview).map((e) => e.correlationId).filter((x): x is string => !!x))];
  const listings: AttemptListing[] = [];
  for (const correlationId of ids.slice(0, 10)) listings.push(await listAttempts(ctx.source, { correlationId, now: ctx.now }));
  return {
    shows: listings.flatMap((l) => usersIn(l.attempts)),
    render: async () => {
      const diagnoses: Diagnosis[] = [];
      for (const l of listings) diagnoses.push(...(await diagnoseListing(ctx.source, l, ctx.now)).diagnoses);
      const when = windowText(c.since, c.until, ctx.timeZone, c.timeText);
      return { text: `${ids.length} flagged sign-in${ids.length === 1 ? '' : 's'} ${when}.`, card: flaggedCard(diagnoses, when, ctx.timeZone) };
    },
  };
}

/** A button: the same load, check, render as a question. */
async function runAction(a: CardAction, ctx: AnswerContext): Promise<Prepared> {
  switch (a.verb) {
    case 'diagnose':
      return a.data.correlationId
        ? aboutSignIns({ intent: 'diagnose', correlationId: a.data.correlationId, understood: [] }, ctx)
        : aboutSignIns({ intent: 'diagnose', since: a.data.since, until: a.data.until, understood: [] }, ctx, a.data.userId);
    case 'pickUser':
      return aboutSignIns({ intent: a.data.intent === 'list' ? 'list' : 'diagnose', app: a.data.app, since: a.data.since, until: a.data.until, understood: [] }, ctx, a.data.userId);
    case 'showAttempts': {
      const user = a.data.userId ? await ctx.source.getUser(a.data.userId) : undefined;
      const listing = await listAttempts(ctx.source, { user: a.data.userId, app: a.data.app, ip: a.data.ip, since: a.data.since, until: a.data.until, now: ctx.now });
      return {
        shows: usersIn(listing.attempts, user, listing.user, ...(listing.ambiguousUser ?? [])),
        render: async () => {
          const diagnosed = await diagnoseListing(ctx.source, listing, ctx.now);
          const failed = diagnosed.diagnoses.filter((d) => d.scenario !== 'success').length;
          const when = windowText(listing.window.since, listing.window.until, ctx.timeZone);
          const name = user?.displayName ?? a.data.userId ?? a.data.app ?? a.data.ip ?? 'the query';
          return {
            text: `${diagnosed.diagnoses.length} attempts for ${name}, ${failed} failed.`,
            card: summaryCard({
              title: `Sign-ins for ${name}`,
              subtitle: `${diagnosed.diagnoses.length} attempt${diagnosed.diagnoses.length === 1 ? '' : 's'}, ${failed} failed, ${when}. Newest first.`,
              diagnoses: diagnosed.diagnoses,
              decisiveOf: decisiveLookup(diagnosed),
              timeZone: ctx.timeZone,
              columns: parseColumns(a.data.columns),
              query: { userId: a.data.userId, app: a.data.app, ip: a.data.ip, since: a.data.since, until: a.data.until },
            }),
          };
        },
      };
    }
    case 'whatIf':
      return whatIfFromAttempt(a.data.correlationId, a.data.change, ctx);
    case 'markHandled': {
      // Helpdesk-only (refused before this for anyone else): the alert card names everyone the episode locked out.
      const episodeKey = a.data.episodeKey;
      return {
        shows: [],
        render: async () => {
          const card = await ctx.notify?.markHandled(episodeKey, ctx.asker ?? 'unknown');
          if (!card) return { text: 'That lockout is no longer tracked.', card: noticeCard('Not found', ['That lockout is no longer tracked (the notification store was reset).'], 'Warning') };
          return { text: 'Marked as handled.', card };
        },
      };
    }
    case 'feedback': {
      // The answer shows the diagnosis again, so it is checked like a diagnosis; the feedback is kept only once it passes.
      const listing = await listAttempts(ctx.source, { correlationId: a.data.correlationId, now: ctx.now });
      const { correlationId, helpful } = a.data;
      return {
        shows: usersIn(listing.attempts),
        render: async () => {
          await ctx.feedback?.record({ correlationId, helpful, by: ctx.asker ?? 'unknown', at: new Date().toISOString() });
          const attempt = listing.attempts[0];
          const thanks = helpful ? 'Thanks: recorded that this diagnosis helped.' : 'Thanks: recorded that this diagnosis did not help. The team reviews these.';
          if (!attempt) return { text: thanks, card: noticeCard('Feedback recorded', [thanks], 'Good') };
          return { text: thanks, card: diagnosisCard(await diagnoseFor(ctx, attempt), attempt.decisive, ctx.timeZone, thanks) };
        },
      };
    }
  }
}
