import type { Diagnosis } from '../diagnosis/types.ts';
import { links } from '../diagnosis/links.ts';
import { scenarioOf } from '../diagnosis/scenarios/index.ts';
import { formatDayTime } from '../time-format.ts';
import { appWords } from '../app-words.ts';
import { renderCard, type Card } from './render.ts';
import { namesList, sentenceGap, tapWords } from './list-cards.ts';
import { SCENARIO_BY_ID } from '../diagnosis/scenarios/index.ts';
import { scenarioShort } from './localized.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';

/**
 * The tenant's failed sign-ins, grouped by person and by cause: a headline, a "by cause"
 * list, and a page of people (count, latest cause and time, a Diagnose button), with "Next 10 people"
 * for the next page. A page is ten people: at about 700 bytes a row the card stays far under
 * Teams' 28 KB.
 */
export const FAILURES_PAGE_SIZE = 10;
/** A sign-in with a name the directory does not have is logged with the zero id: such rows are told apart by the name tried. */
const NO_ACCOUNT = /^0{8}-0{4}-0{4}-0{4}-0{12}$/;
/** Causes beyond these are summed into one line. */
const MAX_CAUSES = 8;

/** What was asked: the window and the filters. The "Next" button sends them back with the next page. */
export interface FailureFilters {
  since: string;
  until: string;
  app?: string;
  /** Every app or resource name the app was asked by (any of them, as the app or the resource). */
  apps?: string[];
  /** The app as the asker typed it ("outlook"), for the words only. */
  appText?: string;
  errorCode?: number;
  ip?: string;
  policyText?: string;
  blockedOnly?: boolean;
  /** The time as the asker wrote it ("today"), for the words only. */
  timeText?: string;
}

export interface FailingPerson {
  /** The directory id; empty for a name not in the directory (the log gives those all one zero id). */
  userId: string;
  name: string;
  count: number;
  latest: Diagnosis;
}

export interface FailureSummary {
  attempts: number;
  /** Most failures first, then the most recent. */
  people: FailingPerson[];
  /** Most frequent first. */
  causes: { label: string; count: number }[];
  headline(when: string): string;
}

/**
 * A diagnosis's cause in a few words: the scenario's short label; where that label only says
 * "failed", the title says which failure in plain words ("Password has expired and must be
 * changed (50055)"), and an unknown code stays a code. The title is the engine's English: in
 * another language the scenario's own label and the code say it.
 */
export function causeOf(d: Diagnosis, locale: Locale = 'en'): string {
  const short = locale === 'en' ? (scenarioOf(d.scenario)?.short ?? d.title) : SCENARIO_BY_ID[d.scenario] ? scenarioShort(d.scenario, locale) : d.title;
  if (d.scenario === 'unknown-error') return `${short} (${d.errorCode})`;
  if (d.scenario !== 'error-code-insight') return short;
  if (locale !== 'en') return `${short} (${d.errorCode})`;
  const what = d.title.replace(/^Sign-in failed:\s*/i, '').replace(/^the user's\s+/i, '');
  return what ? `${what[0]!.toUpperCase()}${what.slice(1)} (${d.errorCode})` : `${short} (${d.errorCode})`;
}

/**
 * "Wrong password" → "wrong password" in a sentence; "MFA not completed" keeps its capitals. German
 * nouns keep theirs, and Japanese has none.
 */
const inSentence = (label: string, locale: Locale) =>
  (locale === 'en' || locale === 'fr' || locale === 'es') && /^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;

/** Diagnoses newest first (as listed) → people and causes, the causes in the reader's words. */
export function summarizeFailures(diagnoses: readonly Diagnosis[], locale: Locale = 'en'): FailureSummary {
  const byPerson = new Map<string, FailingPerson>();
  const byCause = new Map<string, number>();
  for (const d of diagnoses) {
    const label = causeOf(d, locale);
    byCause.set(label, (byCause.get(label) ?? 0) + 1);
    const known = !!d.user.id && !NO_ACCOUNT.test(d.user.id);
    const key = known ? d.user.id.toLowerCase() : `name:${(d.user.userPrincipalName ?? d.correlationId).toLowerCase()}`;
    const p = byPerson.get(key);
    if (p) {
      p.count++;
      if (Date.parse(d.time) > Date.parse(p.latest.time)) p.latest = d;
    } else
      byPerson.set(key, {
        userId: known ? d.user.id : '',
        name: known
          ? (d.user.displayName ?? d.user.userPrincipalName ?? d.user.id)
          : t(locale, 'failures.noAccount', { name: d.user.userPrincipalName ?? t(locale, 'failures.unknownName') }),
        count: 1,
        latest: d,
      });
  }
  const people = [...byPerson.values()].sort(
    (a, b) => b.count - a.count || Date.parse(b.latest.time) - Date.parse(a.latest.time) || a.name.localeCompare(b.name),
  );
  const causes = [...byCause].map(([label, count]) => ({ label, count })).sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
  const n = diagnoses.length;
  return {
    attempts: n,
    people,
    causes,
    headline: (when) =>
      n
        ? t(locale, 'failures.headline', { count: n, people: people.length, when, cause: inSentence(causes[0]!.label, locale), top: causes[0]!.count })
        : t(locale, 'failures.none', { when }),
  };
}

/** "to Salesforce, with code 50126, from 185.220.101.47, blocked only, on policy "CA003"" */
export function filterWords(f: FailureFilters, locale: Locale = 'en'): string {
  const app = appWords(f);
  const parts = [
    app ? t(locale, 'failures.filter.app', { app }) : '',
    // A code is a name, not a quantity: no digit grouping ("50126", not "50.126").
    f.errorCode !== undefined ? t(locale, 'failures.filter.code', { code: String(f.errorCode) }) : '',
    f.ip ? t(locale, 'failures.filter.ip', { ip: f.ip }) : '',
    f.policyText ? t(locale, 'failures.filter.policy', { policy: f.policyText }) : '',
    f.blockedOnly ? t(locale, 'failures.filter.blocked') : '',
  ].filter(Boolean);
  return locale === 'en' ? parts.join(', ') : namesList(locale, parts);
}

export function failuresCard(
  s: FailureSummary,
  f: FailureFilters,
  when: string,
  timeZone: string,
  page: number,
  notes: string[] = [],
  locale: Locale = 'en',
): Card {
  const pages = Math.max(1, Math.ceil(s.people.length / FAILURES_PAGE_SIZE));
  const at = Math.min(Math.max(1, page), pages);
  const first = (at - 1) * FAILURES_PAGE_SIZE;
  const shown = s.people.slice(first, first + FAILURES_PAGE_SIZE);
  const filters = filterWords(f, locale);
  const top = s.causes.slice(0, MAX_CAUSES).map((c) => ({ title: c.label, value: String(c.count) }));
  const rest = s.causes.slice(MAX_CAUSES).reduce((sum, c) => sum + c.count, 0);
  if (rest) top.push({ title: t(locale, 'failures.otherCauses', { count: s.causes.length - MAX_CAUSES }), value: String(rest) });
  const next = s.people.length - first - shown.length;
  return renderCard('failures', {
    labels: {
      byCause: t(locale, 'failures.byCause'),
      byPerson: t(locale, 'failures.byPerson'),
      diagnose: t(locale, 'list.diagnose'),
      signInLogs: t(locale, 'list.signInLogs'),
    },
    title: s.headline(when),
    subtitle: [filters ? t(locale, 'failures.only', { filters }) : '', t(locale, 'failures.counting'), shown.length ? tapWords(locale) : '']
      .filter(Boolean)
      .join(sentenceGap(locale)),
    causes: top,
    people: shown.map((p) => ({
      name: p.name,
      count: t(locale, 'failures.count', { count: p.count }),
      latest: t(locale, 'failures.latest', { cause: causeOf(p.latest, locale), time: formatDayTime(p.latest.time, timeZone, locale) }),
      // A name not in the directory has no person to diagnose: its newest attempt, by id.
      diagnose: p.userId ? { userId: p.userId, since: f.since, until: f.until } : { correlationId: p.latest.correlationId },
    })),
    pageText: s.people.length > FAILURES_PAGE_SIZE ? t(locale, 'failures.page', { first: first + 1, last: first + shown.length, total: s.people.length }) : '',
    notes,
    hasMore: at < pages,
    // "Next 10 people", or as many as the last page has: the button says what it brings.
    moreTitle: t(locale, 'failures.next', { count: Math.min(FAILURES_PAGE_SIZE, next) }),
    more: { ...f, page: at + 1 },
    empty: s.attempts || !filters ? '' : t(locale, 'failures.empty', { filters, when }),
    signInLogs: links.signInLogs(),
  });
}
