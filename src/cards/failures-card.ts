import type { Diagnosis } from '../diagnosis/types.ts';
import { links } from '../diagnosis/links.ts';
import { scenarioOf } from '../diagnosis/scenarios/index.ts';
import { formatInTimeZone } from '../time-format.ts';
import { appWords } from '../app-words.ts';
import { renderCard, type Card } from './render.ts';
import { TAP } from './list-cards.ts';

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
 * changed (50055)"), and an unknown code stays a code.
 */
export function causeOf(d: Diagnosis): string {
  const short = scenarioOf(d.scenario)?.short ?? d.title;
  if (d.scenario === 'unknown-error') return `${short} (${d.errorCode})`;
  if (d.scenario !== 'error-code-insight') return short;
  const what = d.title.replace(/^Sign-in failed:\s*/i, '').replace(/^the user's\s+/i, '');
  return what ? `${what[0]!.toUpperCase()}${what.slice(1)} (${d.errorCode})` : `${short} (${d.errorCode})`;
}

/** "Wrong password" → "wrong password" in a sentence; "MFA not completed" keeps its capitals. */
const inSentence = (label: string) => (/^[A-Z][a-z]/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label);

/** Diagnoses newest first (as listed) → people and causes. */
export function summarizeFailures(diagnoses: readonly Diagnosis[]): FailureSummary {
  const byPerson = new Map<string, FailingPerson>();
  const byCause = new Map<string, number>();
  for (const d of diagnoses) {
    const label = causeOf(d);
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
        name: known ? (d.user.displayName ?? d.user.userPrincipalName ?? d.user.id) : `${d.user.userPrincipalName ?? 'unknown'} (no such account)`,
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
        ? `${n} failed sign-in${n === 1 ? '' : 's'} by ${people.length} ${people.length === 1 ? 'person' : 'people'} ${when}; most: ${inSentence(causes[0]!.label)} (${causes[0]!.count})`
        : `No failed sign-ins ${when}`,
  };
}

/** "to Salesforce, with code 50126, from 185.220.101.47, blocked only, on policy "CA003"" */
export function filterWords(f: FailureFilters): string {
  const parts = [
    f.app || f.apps?.length ? `to ${appWords(f)}` : '',
    f.errorCode !== undefined ? `with code ${f.errorCode}` : '',
    f.ip ? `from ${f.ip}` : '',
    f.policyText ? `failed on policy "${f.policyText}"` : '',
    f.blockedOnly ? 'blocks only (Conditional Access, lockouts, risk, guest access)' : '',
  ].filter(Boolean);
  return parts.join(', ');
}

export function failuresCard(s: FailureSummary, f: FailureFilters, when: string, timeZone: string, page: number, notes: string[] = []): Card {
  const pages = Math.max(1, Math.ceil(s.people.length / FAILURES_PAGE_SIZE));
  const at = Math.min(Math.max(1, page), pages);
  const first = (at - 1) * FAILURES_PAGE_SIZE;
  const shown = s.people.slice(first, first + FAILURES_PAGE_SIZE);
  const filters = filterWords(f);
  const top = s.causes.slice(0, MAX_CAUSES).map((c) => ({ title: c.label, value: String(c.count) }));
  const rest = s.causes.slice(MAX_CAUSES).reduce((sum, c) => sum + c.count, 0);
  if (rest) top.push({ title: `${s.causes.length - MAX_CAUSES} other causes`, value: String(rest) });
  return renderCard('failures', {
    title: s.headline(when),
    subtitle: [
      filters ? `Only sign-ins ${filters}.` : '',
      'An attempt counts once, by how it ended; MFA prompts that were then passed are not failures.',
      shown.length ? TAP : '',
    ]
      .filter(Boolean)
      .join(' '),
    causes: top,
    people: shown.map((p) => ({
      name: p.name,
      count: `${p.count} failed`,
      latest: `Latest: ${causeOf(p.latest)}, ${formatInTimeZone(p.latest.time, timeZone).slice(5)}`,
      // A name not in the directory has no person to diagnose: its newest attempt, by id.
      diagnose: p.userId ? { userId: p.userId, since: f.since, until: f.until } : { correlationId: p.latest.correlationId },
    })),
    pageText: s.people.length > FAILURES_PAGE_SIZE ? `People ${first + 1}–${first + shown.length} of ${s.people.length}, most failures first.` : '',
    notes,
    hasMore: at < pages,
    // "Next 10 people", or as many as the last page has: the button says what it brings.
    moreTitle: `Next ${Math.min(FAILURES_PAGE_SIZE, s.people.length - first - shown.length)} ${s.people.length - first - shown.length === 1 ? 'person' : 'people'}`,
    more: { ...f, page: at + 1 },
    empty: s.attempts || !filters ? '' : `Nothing failed ${filters} ${when}.`,
    signInLogs: links.signInLogs(),
  });
}
