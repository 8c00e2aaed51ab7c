import type { Incident } from '../diagnosis/incidents.ts';
import { joined } from '../diagnosis/engine-words.ts';
import { formatInTimeZone, localizeTimes } from '../time-format.ts';
import { mdLink, type Markdown } from './markdown.ts';
import { keepWhole, mdT } from './localized.ts';
import { renderCard, type Card } from './render.ts';
import type { Locale } from '../i18n/locales.ts';
import { msg, render, wordsOf, type Message } from '../i18n/message.ts';
import { t, type MessageKey } from '../i18n/translate.ts';

/**
 * Incidents (failures of several people that share one cause, diagnosis/incidents.ts) as a
 * card: each one's what, since when, who (named, up to five), its evidence, the one action
 * that fixes it and who takes it, and buttons to the affected people's failures (the failed
 * sign-ins card's own verb, narrowed to the incident's time and its IP, policy, app or code).
 * The same block is the channel alert's body (incidentAlertCard). Every word in the reader's
 * language (`locale`): the card's own from the catalogue (incident.*), the engine's sentences
 * from their messages (engine.incident.*); an incident stored before it carried messages shows
 * its English.
 */

/** Without a failure for this long, an incident is over (the chat card's words and the alerts' "ended"). */
export const INCIDENT_QUIET_MINUTES = 30;
/** At most this many failure buttons per incident (one per error code when it has several). */
const MAX_BUTTONS = 3;
/** What the empty card says would have counted (incidents.ts's defaults: minPeople and the gap between failures). */
const MIN_PEOPLE = 3;
const GAP_MINUTES = 30;

const WHO: Record<string, MessageKey> = {
  user: 'incident.who.user',
  helpdesk: 'incident.who.helpdesk',
  admin: 'incident.who.admin',
  'app-owner': 'incident.who.app-owner',
  microsoft: 'incident.who.microsoft',
};

/** What the incidents card says was looked at. */
export interface IncidentsLookedAt {
  /** The window's words ("today (Friday 20 November 00:00 – 01:00, UTC)"), in the card's language. */
  when: string;
  since: string;
  until: string;
  /** Failed attempts diagnosed in the window, and how many different people (accounts) they were. */
  failures: number;
  people: number;
  /** The clock: an incident with a failure within INCIDENT_QUIET_MINUTES of it is still going. */
  now: string;
}

const zoneWords = (timeZone: string) => timeZone.replace(/_/g, ' ');

export function incidentsCard(incidents: readonly Incident[], looked: IncidentsLookedAt, timeZone: string, notes: string[] = [], locale: Locale = 'en'): Card {
  const n = incidents.length;
  return renderCard('incidents', {
    title: n ? t(locale, 'incident.title', { count: n, when: looked.when }) : t(locale, 'incident.none', { when: looked.when }),
    subtitle: t(locale, 'incident.subtitle', { failures: looked.failures, people: looked.people, zone: zoneWords(timeZone) }),
    headerStyle: n ? 'attention' : 'good',
    empty: n ? '' : nothingShared(looked, locale),
    incidents: incidents.map((i) => incidentBlock(i, stateWords(i, looked.now, timeZone, locale), timeZone, locale)),
    notes,
    handleIncidentId: '',
    handleTitle: '',
  });
}

/** Why there is none: what was looked at, and what would have counted. */
export function nothingShared(looked: Pick<IncidentsLookedAt, 'when' | 'failures' | 'people'>, locale: Locale = 'en'): string {
  if (!looked.failures) return t(locale, 'incident.nothing.noFailures', { when: looked.when });
  return t(locale, 'incident.nothing.looked', { failures: looked.failures, people: looked.people, when: looked.when, min: MIN_PEOPLE, minutes: GAP_MINUTES });
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
 * stored incident by it. In the channel's language (the subscription's), or the presser's.
 */
export function incidentAlertCard(i: Incident, status: IncidentAlertStatus, timeZone: string, locale: Locale = 'en'): Card {
  const when = (iso: string) => formatInTimeZone(iso, timeZone, locale);
  const state = status.ended
    ? t(locale, 'alert.incident.ended', { time: when(i.until), minutes: INCIDENT_QUIET_MINUTES })
    : t(locale, 'incident.state.ongoing', { time: when(i.until) });
  const handled = status.handledBy && status.handledAt ? t(locale, 'alert.handled', { by: status.handledBy, time: when(status.handledAt) }) : '';
  return renderCard('incidents', {
    title: t(locale, 'alert.incident.title', { heading: heading(i, locale) }),
    subtitle: t(locale, 'alert.incident.subtitle', { zone: zoneWords(timeZone) }),
    headerStyle: status.ended || handled ? 'emphasis' : 'attention',
    empty: '',
    incidents: [incidentBlock(i, handled ? t(locale, 'alert.incident.handledState', { handled, state }) : state, timeZone, locale)],
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

/** Its name, with how many people (accounts for a spray; blocked for a policy). */
export function heading(i: Incident, locale: Locale = 'en'): string {
  const kind = i.kind === 'ip' ? 'ip' : i.component === 'policy' ? 'blocked' : 'people';
  return t(locale, 'incident.heading', { name: incidentName(i, locale), kind, count: i.people });
}

function stateWords(i: Incident, now: string, timeZone: string, locale: Locale): string {
  const quiet = Date.parse(now) - Date.parse(i.until) > INCIDENT_QUIET_MINUTES * 60_000;
  return t(locale, quiet ? 'incident.state.over' : 'incident.state.ongoing', { time: formatInTimeZone(i.until, timeZone, locale) });
}

/** "Name <upn>" as "Name (upn)": angle brackets are markup to escape, and show as "\\<" in some clients. */
const bracketed = (s: string) => s.replace(/ <([^<>\s]+)>/g, ' ($1)');

/** "3: Johanna Lorenz, Sven Lindqvist, Emily Braun", "32: five names and 27 more" (people, or a spray's accounts). */
function peopleWords(i: Incident, locale: Locale): string {
  const more = i.people - i.named.length;
  const names = joined(
    i.named.map((p) => p.split(' <')[0]!),
    'comma',
  );
  const [some, many]: [MessageKey, MessageKey] =
    i.kind === 'ip' ? ['incident.namedAccounts', 'incident.namedAccountsMore'] : ['incident.named', 'incident.namedMore'];
  return render(locale, more > 0 ? msg(many, { count: i.people, names, more }) : msg(some, { count: i.people, names }));
}

function incidentBlock(i: Incident, state: string, timeZone: string, locale: Locale) {
  const local = (s: string) => localizeTimes(s, timeZone, locale);
  const when = (iso: string) => formatInTimeZone(iso, timeZone, locale);
  const fact = (key: MessageKey, value: string) => ({ title: keepWhole(t(locale, key), locale), value });
  const text = local(wordsOf(locale, i.action));
  const evidence = i.evidenceMsg && i.evidenceMsg.length === i.evidence.length ? i.evidenceMsg.map((m: Message) => render(locale, m)) : i.evidence;
  // The link is ours (an Entra admin center page); the sentence may carry names from the log. A link, not a button: the row fits 320 px.
  const fix: string | Markdown = i.action.link
    ? mdT(locale, 'diagnosis.open', {
        text,
        link: mdLink(i.action.link.titleMsg ? render(locale, i.action.link.titleMsg) : i.action.link.title, i.action.link.url),
      })
    : text;
  return {
    heading: heading(i, locale),
    state,
    what: local(wordsOf(locale, { text: i.what, msg: i.whatMsg })),
    facts: [
      fact('incident.fact.since', when(i.since)),
      fact('incident.fact.latest', when(i.until)),
      fact(i.kind === 'ip' ? 'incident.fact.accounts' : 'incident.fact.people', peopleWords(i, locale)),
      fact('incident.fact.failures', String(i.failures)),
      fact('incident.fact.errorCodes', i.errorCodes.map((c) => `AADSTS${c}`).join(', ')),
    ],
    evidenceLabel: t(locale, 'incident.label.evidence'),
    evidence: evidence.map((e) => local(bracketed(e))),
    fixLabel: t(locale, 'incident.label.fix', { who: WHO[i.action.who] ? t(locale, WHO[i.action.who]!) : i.action.who }),
    fix,
    buttons: failureButtons(i, locale),
  };
}

/**
 * The failed sign-ins card for the incident's people: its time (to the minute after its latest
 * failure), narrowed to what the incident is about. A component with several codes gets one
 * button per code, so each lists only that failure.
 */
function failureButtons(i: Incident, locale: Locale): { title: string; data: Record<string, unknown> }[] {
  const base = { since: i.since, until: new Date(Date.parse(i.until) + 60_000).toISOString(), page: 1, timeText: t(locale, 'incident.during') };
  if (i.kind === 'ip') return [{ title: t(locale, 'incident.button.ip'), data: { ...base, ip: i.subject } }];
  if (i.component === 'policy') return [{ title: t(locale, 'incident.button.policy'), data: { ...base, policyText: i.subject } }];
  const app = i.component === 'app' ? { app: i.subject } : {};
  if (i.errorCodes.length === 1) return [{ title: t(locale, 'incident.button.theirs'), data: { ...base, ...app, errorCode: i.errorCodes[0] } }];
  return i.errorCodes
    .slice(0, MAX_BUTTONS)
    .map((code) => ({ title: t(locale, 'incident.button.code', { code: String(code) }), data: { ...base, ...app, errorCode: code } }));
}
