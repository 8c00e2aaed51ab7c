import { z } from 'zod';
import type { Attempt } from '../../diagnosis/attempts.ts';
import type { AttemptChoice } from '../../diagnosis/choose-attempt.ts';
import type { Diagnosis } from '../../diagnosis/types.ts';
import { REMEDIATION_IDS, type RemediationId } from '../../diagnosis/remediations.ts';
import { pickAttempt } from '../../query/diagnose-attempts.ts';
import { DEFAULT_WINDOW_HOURS, listAttempts, type AttemptListing } from '../../query/list-attempts.ts';
import { diagnosisCard, type CardListing, type OtherCause } from '../../cards/diagnosis-card.ts';
import type { Card } from '../../cards/render.ts';
import { recordKey } from '../../remediate/records.ts';
import { appWords } from '../../app-words.ts';
import { t } from '../../i18n/translate.ts';
import type { AnswerContext } from '../context.ts';
import { appNames, appText, id, iso } from '../payload-fields.ts';
import { usersIn } from '../prepared.ts';
import { incidentAround } from './incidents.ts';
import { doneSentence } from './remediate-words.ts';

/**
 * One diagnosis card, drawn the same way by the question that asks for it and by every button
 * that redraws it in place (feedback, a remediation): its other causes, found again from the
 * same listing (the question's filters and window, which the card's buttons carry); the
 * incident it is part of; the look-back note; what was done about it (ticket, remediations,
 * read from their stores). Only the line of the press differs.
 */

/** How far back "nothing in the window" looks: as long as Entra keeps sign-ins. */
export const LOOK_BACK_DAYS = 30;
export const LOOK_BACK_HOURS = LOOK_BACK_DAYS * 24;

/** At most this many other causes on a card, each a line and a Diagnose button. */
const MAX_OTHER_CAUSES = 4;

/** The listing a card came from, as its buttons send it back (cards/diagnosis-card.ts CardListing): where to look, never whom to show. */
export const CardListingPayload = z.object({
  since: iso,
  until: iso,
  user: id.optional(),
  app: id.optional(),
  apps: appNames.optional(),
  appText: appText.optional(),
  ip: id.optional(),
  errorCode: z.int().optional(),
  lookedBack: z.boolean().optional(),
}) satisfies z.ZodType<CardListing>;

/** The other causes a card offers beside the attempt it shows, with everyone in their rows (for the check). */
export interface CardOthers {
  shown: (OtherCause & { users: string[] })[];
  /** The shown attempt's group looks like the person's own (the intro says so). */
  own: boolean;
}

/**
 * The groups of failures other than the one holding the shown attempt, each with the attempt its
 * button opens (the newest of the group) and everyone in the rows of the group's attempts: a
 * group whose attempts were not among those loaded is not offered.
 */
export function othersBeside(pick: AttemptChoice, attempts: readonly Attempt[], shownKey: string): CardOthers {
  const byCorrelation = new Map(attempts.map((a) => [a.correlationId || a.decisive.id, a]));
  const mine = pick.groups.find((g) => g.correlationIds.includes(shownKey));
  const shown: CardOthers['shown'] = [];
  for (const g of pick.groups) {
    if (g === mine) continue;
    const loaded = g.correlationIds.map((id) => byCorrelation.get(id));
    if (!loaded.length || loaded.some((a) => !a)) continue;
    shown.push({ text: g.text, msg: g.msg, correlationId: g.correlationIds[0]!, count: g.count, users: usersIn(loaded as Attempt[]) });
  }
  return { shown, own: mine?.origin === 'own' };
}

/** The key an attempt goes by in a choice's groups. */
export const attemptKey = (a: Attempt): string => a.correlationId || a.decisive.id;

/** A listing's filters and window as a card's buttons carry them (absent fields dropped, so the payload stays small). */
export function cardListing(
  listing: AttemptListing,
  asked: { user?: string; app?: string; apps?: string[]; appText?: string; ip?: string; errorCode?: number },
  lookedBack: boolean,
): CardListing | undefined {
  const { since, until } = listing.window;
  if (!since || !until) return undefined;
  const all: CardListing = { since, until, ...asked, ...(lookedBack ? { lookedBack } : {}) };
  return Object.fromEntries(Object.entries(all).filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length))) as unknown as CardListing;
}

/**
 * A press on a card drawn from a listing: the same listing read again (its window is absolute,
 * so the same attempts), the choice made again, and the groups beside the pressed attempt.
 * Everyone loaded is in `users`, for the check before anything is shown.
 */
export async function othersAgain(ctx: AnswerContext, from: CardListing, attempt: Attempt): Promise<CardOthers & { users: string[] }> {
  const { lookedBack: _l, appText: _t, ...query } = from;
  const listing = await listAttempts(ctx.source, { ...query, now: ctx.now });
  const pick = await pickAttempt(ctx.source, listing, ctx.now);
  const others = othersBeside(pick, listing.attempts, attemptKey(attempt));
  return { ...others, users: [...usersIn(listing.attempts, listing.user), ...others.shown.flatMap((o) => o.users)] };
}

/** "Nothing to Outlook in the last 48 hours, so I looked back 30 days", in the asker's language; empty unless the card came from the look-back. */
export function lookBackNote(ctx: AnswerContext, from: CardListing | undefined): string {
  // Only a look-back's own window (30 days to the app asked) carries the note: a forged flag on another window says nothing.
  const app = from && appWords(from);
  if (!from?.lookedBack || !app || Date.parse(from.until) - Date.parse(from.since) !== LOOK_BACK_HOURS * 3600_000) return '';
  return t(ctx.locale ?? 'en', 'diagnosis.lookBackNote', { app, hours: DEFAULT_WINDOW_HOURS, days: LOOK_BACK_DAYS });
}

/**
 * What was done about this attempt, one line each: the remediations pressed on it and its
 * ticket. For the helpdesk only: the lines name who pressed, which a person asking about
 * their own sign-ins reads nowhere else (they read "an administrator", hide-actors.ts).
 */
export async function doneAbout(ctx: AnswerContext, d: Diagnosis, pressed?: RemediationId): Promise<string[]> {
  if (!d.correlationId || (ctx.access && ctx.access.kind !== 'full')) return [];
  const locale = ctx.locale ?? 'en';
  const lines: string[] = [];
  const records = ctx.remedy?.records;
  if (records)
    for (const r of REMEDIATION_IDS) {
      // The remediation just pressed is said by the press's own line.
      if (r === pressed) continue;
      const rec = await records.read(recordKey(d.correlationId, r));
      if (rec) lines.push(doneSentence(rec, locale));
    }
  const ticket = await ctx.tickets?.status(d.correlationId);
  if (ticket && ctx.tickets) {
    const target = ctx.tickets.target.name;
    lines.push(
      ticket.state === 'opened'
        ? t(locale, 'ticket.reply.opened', { number: ticket.ticket!.number, fresh: 'no', by: ticket.facts.openedBy, target })
        : ticket.state === 'queued'
          ? t(locale, 'ticket.reply.queued', { target })
          : ticket.state === 'sending'
            ? t(locale, 'ticket.reply.sending', { by: ticket.facts.openedBy })
            : t(locale, 'ticket.reply.failed', { target }),
    );
  }
  return lines;
}

/** The diagnosis card with every part it has wherever it is drawn; `line` is what the press that drew it says. */
export async function diagnosisAnswerCard(
  ctx: AnswerContext,
  attempt: Attempt,
  d: Diagnosis,
  from: { listing?: CardListing; others?: CardOthers; line?: string; pressed?: RemediationId },
): Promise<Card> {
  const locale = ctx.locale ?? 'en';
  const causes = from.others?.shown ?? [];
  return diagnosisCard(d, attempt.decisive, ctx.timeZone, {
    feedback: from.line,
    others: from.others && {
      intro: t(locale, from.others.own ? 'diagnosis.introOwn' : 'diagnosis.introUnsure'),
      shown: causes.slice(0, MAX_OTHER_CAUSES).map(({ users: _u, ...o }) => o),
      more: causes.length - MAX_OTHER_CAUSES,
    },
    incident: await incidentAround(ctx, attempt, d),
    lookBack: lookBackNote(ctx, from.listing),
    done: await doneAbout(ctx, d, from.pressed),
    listing: from.listing,
    locale,
  });
}
