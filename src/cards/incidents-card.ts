import type { Incident } from '../diagnosis/incidents.ts';
import { formatInTimeZone, localizeTimes } from '../time-format.ts';
import { md, mdLink } from './markdown.ts';
import { renderCard, type Card } from './render.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';

/**
 * Incidents (failures of several people that share one cause, diagnosis/incidents.ts) as a
 * card: each one's what, since when, who (named, up to five), its evidence, the one action
 * that fixes it and who takes it, and buttons to the affected people's failures (the failed
 * sign-ins card's own verb, narrowed to the incident's time and its IP, policy, app or code).
 * The same block is the channel alert's body (incidentAlertCard).
 */

/** Without a failure for this long, an incident is over (the chat card's words and the alerts' "ended"). */
export const INCIDENT_QUIET_MINUTES = 30;
/** At most this many failure buttons per incident (one per error code when it has several). */
const MAX_BUTTONS = 3;

const WHO: Record<string, string> = { user: 'the user', helpdesk: 'the helpdesk', admin: 'an admin', 'app-owner': "the app's owner", microsoft: 'Microsoft' };

/** What the incidents card says was looked at. */
export interface IncidentsLookedAt {
  /** The window's words ("today (Friday 20 November 00:00 – 01:00, UTC)"). */
  when: string;
  since: string;
  until: string;
  /** Failed attempts diagnosed in the window, and how many different people (accounts) they were. */
  failures: number;
  people: number;
  /** The clock: an incident with a failure within INCIDENT_QUIET_MINUTES of it is still going. */
  now: string;
}

export function incidentsCard(incidents: readonly Incident[], looked: IncidentsLookedAt, timeZone: string, notes: string[] = []): Card {
  const n = incidents.length;
  return renderCard('incidents', {
    title: n ? `${n} incident${n === 1 ? '' : 's'} ${looked.when}` : `No incident ${looked.when}`,
    subtitle: `Failures of several people that share one cause, from ${looked.failures} failed attempt${looked.failures === 1 ? '' : 's'} of ${looked.people} ${looked.people === 1 ? 'person' : 'people'}. Times in ${timeZone.replace(/_/g, ' ')}.`,
    headerStyle: n ? 'attention' : 'good',
    empty: n ? '' : nothingShared(looked),
    incidents: incidents.map((i) => incidentBlock(i, stateWords(i, looked.now, timeZone), timeZone)),
    notes,
    handleIncidentId: '',
    handleTitle: '',
  });
}

/** Why there is none: what was looked at, and what would have counted. */
export function nothingShared(looked: Pick<IncidentsLookedAt, 'when' | 'failures' | 'people'>): string {
  if (!looked.failures) return `No failed sign-ins ${looked.when}, so nothing is shared across people.`;
  return `Nothing shared across people: I looked at ${looked.failures} failed attempt${looked.failures === 1 ? '' : 's'} of ${looked.people} ${looked.people === 1 ? 'person' : 'people'} ${looked.when}. None of these was there: the same component (the pass-through agents, Seamless SSO, one app, one Conditional Access policy) failing 3 or more people within 30 minutes, a policy that started blocking people right after it was changed, or one IP failing password sign-ins for many accounts.`;
}

/** What an alert card shows of its stored record: whether the incident ended, and who marked it handled, when. */
export interface IncidentAlertStatus {
  ended: boolean;
  handledBy?: string;
  handledAt?: string;
}

/**
 * An incident's card alone, as a subscribed channel gets it: its state in the header, updated as
 * it grows, when it ends and when someone marks it handled (then the button goes: it is done for
 * everyone in the channel). "Mark handled" sends only the incident's id; the handler finds the
 * stored incident by it.
 */
export function incidentAlertCard(i: Incident, status: IncidentAlertStatus, timeZone: string, locale: Locale = 'en'): Card {
  const state = status.ended
    ? `Ended: no failure of it since ${formatInTimeZone(i.until, timeZone)} (${INCIDENT_QUIET_MINUTES} minutes without one)`
    : `Still happening: the latest failure was at ${formatInTimeZone(i.until, timeZone)}`;
  const handled =
    status.handledBy && status.handledAt
      ? t(locale, 'alert.handled', { by: status.handledBy, time: formatInTimeZone(status.handledAt, timeZone, locale) })
      : '';
  return renderCard('incidents', {
    title: `Incident: ${heading(i)}`,
    subtitle: `Times in ${timeZone.replace(/_/g, ' ')}.`,
    headerStyle: status.ended || handled ? 'emphasis' : 'attention',
    empty: '',
    incidents: [incidentBlock(i, handled ? `${handled}. ${state}` : state, timeZone)],
    notes: [],
    handleIncidentId: handled ? '' : i.id,
    handleTitle: t(locale, 'alert.label.markHandled'),
  });
}

/** The incident's name in a few words ("Pass-through authentication outage"), in the asker's language. */
export function incidentName(i: Incident, locale: Locale = 'en'): string {
  const subject = i.subject;
  if (i.kind === 'ip') return t(locale, 'incident.name.ip', { subject });
  if (i.kind === 'policy-change') return t(locale, 'incident.name.policyChange', { subject });
  if (i.component === 'pass-through-agents') return t(locale, 'incident.name.passThroughAgents');
  if (i.component === 'seamless-sso') return t(locale, 'incident.name.seamlessSso');
  if (i.component === 'app') return t(locale, 'incident.name.app', { subject });
  return t(locale, 'incident.name.policy', { subject });
}

/** Its name, with how many people. */
export function heading(i: Incident): string {
  const who = i.kind === 'ip' ? `${i.people} accounts` : `${i.people} ${i.people === 1 ? 'person' : 'people'}`;
  return `${incidentName(i)}: ${who}${i.component === 'policy' ? ' blocked' : ''}`;
}

function stateWords(i: Incident, now: string, timeZone: string): string {
  const quiet = Date.parse(now) - Date.parse(i.until) > INCIDENT_QUIET_MINUTES * 60_000;
  return quiet
    ? `Over: no failure of it since ${formatInTimeZone(i.until, timeZone)}`
    : `Still happening: the latest failure was at ${formatInTimeZone(i.until, timeZone)}`;
}

/** "Name <upn>" as "Name (upn)": angle brackets are markup to escape, and show as "\\<" in some clients. */
const bracketed = (s: string) => s.replace(/ <([^<>\s]+)>/g, ' ($1)');

function incidentBlock(i: Incident, state: string, timeZone: string) {
  const more = i.people - i.named.length;
  return {
    heading: heading(i),
    state,
    what: localizeTimes(i.what, timeZone),
    facts: [
      { title: 'Since', value: formatInTimeZone(i.since, timeZone) },
      { title: 'Latest', value: formatInTimeZone(i.until, timeZone) },
      {
        title: i.kind === 'ip' ? 'Accounts' : 'People',
        value: `${i.people}: ${i.named.map((p) => p.split(' <')[0]).join(', ')}${more > 0 ? ` and ${more} more` : ''}`,
      },
      { title: 'Failures', value: String(i.failures) },
      { title: 'Error codes', value: i.errorCodes.map((c) => `AADSTS${c}`).join(', ') },
    ],
    evidence: i.evidence.map((e) => localizeTimes(bracketed(e), timeZone)),
    who: WHO[i.action.who] ?? i.action.who,
    // The link is ours (an Entra admin center page); the sentence may carry names from the log. A link, not a button: the row fits 320 px.
    fix: i.action.link
      ? md`${localizeTimes(i.action.text, timeZone)} Open ${mdLink(i.action.link.title, i.action.link.url)}.`
      : localizeTimes(i.action.text, timeZone),
    buttons: failureButtons(i),
  };
}

/**
 * The failed sign-ins card for the incident's people: its time (to the minute after its latest
 * failure), narrowed to what the incident is about. A component with several codes gets one
 * button per code, so each lists only that failure.
 */
function failureButtons(i: Incident): { title: string; data: Record<string, unknown> }[] {
  const base = { since: i.since, until: new Date(Date.parse(i.until) + 60_000).toISOString(), page: 1, timeText: `during the incident` };
  if (i.kind === 'ip') return [{ title: 'Failures from this IP', data: { ...base, ip: i.subject } }];
  if (i.component === 'policy') return [{ title: 'Failures on this policy', data: { ...base, policyText: i.subject } }];
  const app = i.component === 'app' ? { app: i.subject } : {};
  if (i.errorCodes.length === 1) return [{ title: 'Their failures', data: { ...base, ...app, errorCode: i.errorCodes[0] } }];
  return i.errorCodes.slice(0, MAX_BUTTONS).map((code) => ({ title: `Failures with ${code}`, data: { ...base, ...app, errorCode: code } }));
}
