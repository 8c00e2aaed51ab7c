import type { Command } from '../../conversation/command.ts';
import type { Attempt } from '../../diagnosis/attempts.ts';
import { utc } from '../../diagnosis/history.ts';
import type { Diagnosis } from '../../diagnosis/types.ts';
import type { IncidentLine } from '../../cards/diagnosis-card.ts';
import type { SignIn } from '../../signins/signin.ts';
import { heading, incidentName, incidentsCard } from '../../cards/incidents-card.ts';
import { diagnoseWindow } from '../../query/diagnose-window.ts';
import { windowBefore } from '../../instants.ts';
import type { AnswerContext } from '../context.ts';
import { usersIn, type Prepared } from '../prepared.ts';
import { windowText } from './listing.ts';
import type { Locale } from '../../i18n/locales.ts';
import { msg, render } from '../../i18n/message.ts';
import { t } from '../../i18n/translate.ts';
import { joined } from '../../diagnosis/engine-words.ts';

/**
 * Incidents of a window, for the question (intents/incidents.ts) and a diagnosis card's
 * "Show the incident" (buttons/show-incident.ts): the window's failed attempts diagnosed
 * (query/diagnose-window.ts) and grouped into incidents (diagnosis/incidents.ts).
 */

/** "Right now", or no time at all: the last few hours, said on the card. */
export const INCIDENTS_DEFAULT_HOURS = 3;
/**
 * Time words that mean the present, which the time parser reads as the last minutes: too short to
 * see a pattern. In each language the parser reads ("ahora mismo" is read as the last 15 minutes
 * as "right now" is); Japanese has no word boundaries, so its words are the whole phrase.
 */
const PRESENT =
  /\b(?:right\s+now|just\s+now|now|currently|at\s+(?:the|this)\s+moment|at\s+present|jetzt|gerade|im\s+moment|momentan|aktuell|derzeit|maintenant|en\s+ce\s+moment|actuellement|ahora(?:\s+mismo)?|en\s+este\s+momento|actualmente)\b|^(?:今|いま|現在|ただいま)$/i;

export interface IncidentWindow {
  since: string;
  until: string;
  timeText?: string;
}

/** The window asked, or the last INCIDENTS_DEFAULT_HOURS hours for "right now" and for no time (said in the asker's language). */
export function incidentWindow(c: Pick<Command, 'since' | 'until' | 'timeText'>, now: string, locale: Locale = 'en'): IncidentWindow {
  if (c.since && c.until && !(c.timeText && PRESENT.test(c.timeText)))
    return { since: c.since, until: c.until, ...(c.timeText ? { timeText: c.timeText } : {}) };
  return { ...windowBefore(now, INCIDENTS_DEFAULT_HOURS), timeText: t(locale, 'list.window.lastHours', { hours: INCIDENTS_DEFAULT_HOURS }) };
}

/**
 * The incidents of a window; with `eventId` (a diagnosis card's button) only the one that
 * attempt is part of. Shows (and counts) the people of every failure it read.
 */
export async function incidentsIn(w: IncidentWindow, ctx: AnswerContext, eventId?: string): Promise<Prepared> {
  const listing = await diagnoseWindow(ctx.source, { since: w.since, until: w.until, now: ctx.now, only: 'failures' });
  const found = eventId ? listing.incidents.filter((i) => i.attemptIds.includes(eventId)) : listing.incidents;
  const locale = ctx.locale ?? 'en';
  return {
    shows: usersIn(listing.attempts),
    render: async () => {
      const when = windowText(w.since, w.until, ctx.timeZone, w.timeText, ctx.now, locale);
      const people = new Set(listing.diagnoses.map((d) => (d.user.userPrincipalName ?? d.user.id).toLowerCase())).size;
      const notes = [
        ...(listing.truncated ? [t(locale, 'incident.note.truncated')] : []),
        ...(eventId && !found.length ? [t(locale, 'incident.note.noLonger')] : []),
      ];
      const looked = { when, since: w.since, until: w.until, failures: listing.diagnoses.length, people, now: ctx.now };
      const text = found.length
        ? render(
            locale,
            msg('reply.incident.found', {
              count: found.length,
              when,
              headings: joined(
                found.map((i) => heading(i, locale)),
                'semi',
              ),
            }),
          )
        : t(locale, 'reply.incident.none', { when, failures: looked.failures, people });
      return { text, card: incidentsCard(found, looked, ctx.timeZone, notes, locale) };
    },
  };
}

/** A diagnosis card looks for an incident this long either side of the attempt. */
const AROUND_MS = 60 * 60_000;
/** What an incident needs at least (incidents.ts minPeople's default): fewer failing people around, no need to diagnose them. */
const MIN_PEOPLE = 3;

/**
 * "This is part of an incident affecting 7 people", for a diagnosis card: the incidents of the
 * hour either side of a failed attempt, the one it is part of. Only for an asker who may see the
 * tenant-wide view (a limited asker must not learn about other people), never for a success.
 * One read of the window's failures; only when enough other people failed alike (same code or
 * code family, same IP, or the same failed policy) are they diagnosed to find the incident.
 */
export async function incidentAround(ctx: AnswerContext, attempt: Attempt, d: Diagnosis): Promise<IncidentLine | undefined> {
  if (d.scenario === 'success' || (ctx.access && ctx.access.kind !== 'full')) return undefined;
  const at = Date.parse(d.time);
  const w = { since: new Date(at - AROUND_MS).toISOString(), until: new Date(Math.min(at + AROUND_MS, Date.parse(ctx.now))).toISOString() };
  const failures = await ctx.source.querySignIns({ outcome: 'failure', ...w, limit: 20_000 });
  if (!mayShare(attempt.decisive, failures.events)) return undefined;
  const listing = await diagnoseWindow(ctx.source, { ...w, now: ctx.now, only: 'failures' });
  const found = listing.incidents.find((i) => i.attemptIds.includes(d.decisiveEventId));
  if (!found) return undefined;
  const locale = ctx.locale ?? 'en';
  return {
    // Times in UTC words: the card puts them in the asker's zone and language (localizeTimes).
    text: t(locale, 'diagnosis.incident', {
      kind: found.kind === 'ip' ? 'ip' : 'people',
      count: found.people,
      since: utc(found.since),
      until: utc(found.until),
      name: incidentName(found, locale),
    }),
    show: { ...w, eventId: d.decisiveEventId },
  };
}

/** Whether at least MIN_PEOPLE accounts failed like this one: a superset of what findIncidents could group it with. */
function mayShare(decisive: SignIn, failures: readonly SignIn[]): boolean {
  const family = (code: number) => Math.floor(code / 1000);
  const policies = new Set((decisive.appliedConditionalAccessPolicies ?? []).filter((p) => p.result === 'failure').map((p) => p.id));
  const alike = failures.filter(
    (e) =>
      family(e.status.errorCode) === family(decisive.status.errorCode) ||
      (!!decisive.ipAddress && e.ipAddress === decisive.ipAddress) ||
      (e.appliedConditionalAccessPolicies ?? []).some((p) => p.result === 'failure' && policies.has(p.id)),
  );
  return new Set(alike.map((e) => (e.userPrincipalName ?? e.userId).toLowerCase())).size >= MIN_PEOPLE;
}
