import type { Diagnosis } from '../diagnosis/types.ts';
import { placeOf, type SignIn } from '../signins/signin.ts';
import { links } from '../diagnosis/links.ts';
import { scenarioOf } from '../diagnosis/scenarios/index.ts';
import { formatDayTime } from '../time-format.ts';
import { renderCard, type Card } from './render.ts';
import { sentenceGap, tapWords } from './list-cards.ts';
import { scenarioShort } from './localized.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';

/**
 * The authentication summary: one row per attempt, a tap on the row diagnoses it, and a
 * column chooser like the portal's "View columns". Teams' narrowest pane is 320 px (issue
 * 17): a row shows at most three columns side by side, each wide enough for its words, and
 * every other chosen column on a second line ("App: Microsoft Office · IP: …"), so no chosen
 * column is dropped and no word is broken to fit. Failures come first; successes are a
 * toggle away, and the rows are paged twelve at a time.
 *
 * The keys are in the order columns are shown (the chooser's value comes back in the
 * choices' order anyway): the first three chosen sit side by side, the rest go below.
 * `width` is fixed for short values (so the header row lines up with the rows) and
 * `stretch` for words, which wrap between words.
 */
export const SUMMARY_COLUMNS = {
  time: { name: 'Time', width: '80px', cell: (d: Diagnosis, _e: SignIn | undefined, tz: string, locale: Locale = 'en') => formatDayTime(d.time, tz, locale) },
  // A sign-in name (no such account) may break after its "@" (an invisible break opportunity), never inside a word.
  user: { name: 'User', width: 'stretch', cell: (d: Diagnosis) => d.user.displayName ?? d.user.userPrincipalName?.replace('@', '@\u200B') ?? d.user.id },
  result: {
    name: 'Result',
    width: 'stretch',
    cell: (d: Diagnosis, _e: SignIn | undefined, _tz: string, locale: Locale = 'en') =>
      scenarioOf(d.scenario) ? wordsWhole(scenarioShort(d.scenario, locale), locale) : d.title,
  },
  app: { name: 'App', width: 'stretch', cell: (d: Diagnosis) => d.app.displayName ?? d.app.id ?? '?' },
  code: { name: 'Code', width: '48px', cell: (d: Diagnosis) => (d.errorCode ? String(d.errorCode) : '—') },
  ip: { name: 'IP', width: '104px', cell: (_d: Diagnosis, e: SignIn | undefined) => e?.ipAddress ?? '—' },
  location: { name: 'Location', width: 'stretch', cell: (_d: Diagnosis, e: SignIn | undefined) => placeOf(e) || '—' },
  device: {
    name: 'Device',
    width: 'stretch',
    cell: (_d: Diagnosis, e: SignIn | undefined) => e?.deviceDetail?.displayName || e?.deviceDetail?.operatingSystem || '—',
  },
  client: { name: 'Client', width: 'stretch', cell: (_d: Diagnosis, e: SignIn | undefined) => e?.clientAppUsed ?? '—' },
} as const;
export type SummaryColumn = keyof typeof SUMMARY_COLUMNS;
/**
 * Japanese has no spaces, so a narrow cell may break anywhere, "パスワードの誤" / "り". A WORD
 * JOINER (U+2060, invisible) inside each word (as Intl.Segmenter finds them) leaves a break only
 * between words: "パスワードの" / "誤り".
 */
function wordsWhole(text: string, locale: Locale): string {
  if (locale !== 'ja') return text;
  return [...jaWords.segment(text)].map((w) => [...w.segment].join('\u2060')).join('');
}
const jaWords = new Intl.Segmenter('ja', { granularity: 'word' });

/** A column's name in the reader's language ("Zeit", "時刻"). */
export const columnName = (c: SummaryColumn, locale: Locale): string => t(locale, `summary.column.${c}`);

const ORDER = Object.keys(SUMMARY_COLUMNS) as SummaryColumn[];
/** Three columns fit a 320 px pane; the rest are a click away. */
export const DEFAULT_COLUMNS: SummaryColumn[] = ['time', 'result', 'app'];
/** Side by side in a row; any further chosen column is on the row's second line. */
export const SIDE_BY_SIDE = 3;
/** Rows a page; "Next 12" shows the next ones. */
export const SUMMARY_PAGE_SIZE = 12;

/** The chosen columns, in the order shown, each once; none chosen → the default. Every known column may be chosen: none is dropped. */
export function parseColumns(value: string | undefined): SummaryColumn[] {
  const chosen = new Set((value ?? '').split(',').map((s) => s.trim()));
  const known = ORDER.filter((c) => chosen.has(c));
  return known.length ? known : DEFAULT_COLUMNS;
}

/** Which rows, which page: failures only (unless there are none), or the failures and then the successes; page 1 is the newest. */
export interface SummaryView {
  page: number;
  successes: boolean;
}

export interface SummaryInput {
  title: string;
  /** The counts and the window, in a sentence; the card adds which rows are shown. */
  subtitle: string;
  /**
   * Every attempt listed, newest first: the diagnoses, or (to diagnose only the page shown)
   * whether each failed and whose it is, with the page's diagnoses in `shown` (see summaryPage).
   */
  diagnoses: Diagnosis[] | { attempts: readonly AttemptFacts[]; shown: Diagnosis[] };
  decisiveOf: (d: Diagnosis) => SignIn | undefined;
  timeZone: string;
  columns: SummaryColumn[];
  /** What the chooser, the pages and the toggle ask for again: the same question. */
  query: Record<string, string | string[] | number | undefined>;
  view?: SummaryView;
  /** The source had more events than were read: the newest were listed. */
  truncated?: boolean;
  locale?: Locale;
}

/** The card's columns: the chosen ones, and the person's wherever the rows belong to more than one person. */
export function shownColumns(columns: readonly SummaryColumn[], attempts: readonly AttemptFacts[]): SummaryColumn[] {
  const people = new Set(attempts.map((a) => a.userId.toLowerCase())).size;
  return people > 1 && !columns.includes('user') ? ORDER.filter((c) => c === 'user' || columns.includes(c)) : [...columns];
}

/** What the card needs of an attempt it does not show: whether it failed (its own error code, as the diagnosis's scenario says) and whose it is. */
export interface AttemptFacts {
  failed: boolean;
  userId: string;
}

/** The facts of a diagnosed attempt: a diagnosis is a failure unless its scenario is success (decided by the error code alone). */
const factsOf = (d: Diagnosis): AttemptFacts => ({ failed: d.scenario !== 'success', userId: d.user.id });

/**
 * Which attempts a view shows (indexes into the list, newest first): failures only (unless
 * there are none), or the failures and then the successes; pages of SUMMARY_PAGE_SIZE.
 */
export function summaryPage(attempts: readonly AttemptFacts[], view: SummaryView = { page: 1, successes: false }) {
  const failed = attempts.flatMap((a, i) => (a.failed ? [i] : []));
  // Failures first: a person's twelve successes must not hide the one failure asked about.
  const onlyFailures = !view.successes && failed.length > 0;
  const listed = onlyFailures ? failed : [...failed, ...attempts.flatMap((a, i) => (a.failed ? [] : [i]))];
  const pages = Math.max(1, Math.ceil(listed.length / SUMMARY_PAGE_SIZE));
  const page = Math.min(Math.max(1, view.page), pages);
  const first = (page - 1) * SUMMARY_PAGE_SIZE;
  return { failed: failed.length, onlyFailures, listed: listed.length, pages, page, first, shown: listed.slice(first, first + SUMMARY_PAGE_SIZE) };
}

export function summaryCard(s: SummaryInput): Card {
  const view = s.view ?? { page: 1, successes: false };
  const all = Array.isArray(s.diagnoses) ? s.diagnoses : undefined;
  const attempts = all ? all.map(factsOf) : (s.diagnoses as { attempts: readonly AttemptFacts[] }).attempts;
  const { failed, onlyFailures, listed, pages, page, first, shown: picked } = summaryPage(attempts, view);
  const shown = all ? picked.map((i) => all[i]!) : (s.diagnoses as { shown: Diagnosis[] }).shown;
  const columns = shownColumns(s.columns, attempts);
  const side = columns.slice(0, SIDE_BY_SIDE);
  const below = columns.slice(SIDE_BY_SIDE);
  const locale = s.locale ?? 'en';
  // One zone for the page: the header says it ("Time, PST") and the cells leave it out; a page across a clock change keeps it in each cell.
  const zones = new Set(shown.map((d) => zoneOf(formatDayTime(d.time, s.timeZone, locale))));
  const zone = zones.size === 1 ? [...zones][0]! : '';
  const cell = (c: SummaryColumn, d: Diagnosis) => {
    const text = SUMMARY_COLUMNS[c].cell(d, s.decisiveOf(d), s.timeZone, locale);
    return c === 'time' && zone ? text.replace(` ${zone}`, '') : text;
  };
  const rows = shown.map((d) => ({
    cells: side.map((c) => ({
      text: cell(c, d),
      width: SUMMARY_COLUMNS[c].width,
    })),
    below: below.map((c) => t(locale, 'summary.below', { name: columnName(c, locale), value: cell(c, d) })).join(' · '),
    diagnose: { correlationId: d.correlationId || undefined, userId: d.user.id },
  }));
  const successes = attempts.length - failed;
  const which = onlyFailures
    ? successes
      ? t(locale, 'summary.which.failuresOnlyHidden', { count: successes })
      : t(locale, 'summary.which.failuresOnly')
    : failed && successes
      ? t(locale, 'summary.which.failuresFirst')
      : t(locale, 'summary.which.newest');
  const query = Object.fromEntries(Object.entries({ ...s.query, columns: columns.join(',') }).filter(([, v]) => v !== undefined));
  const remaining = listed - (first + shown.length);
  return renderCard('summary', {
    labels: {
      diagnose: t(locale, 'list.diagnose'),
      columns: t(locale, 'summary.columns'),
      showColumns: t(locale, 'summary.showColumns'),
      signInLogs: t(locale, 'list.signInLogs'),
    },
    title: s.title,
    subtitle: [s.subtitle, which, tapWords(locale)].join(sentenceGap(locale)),
    headers: side.map((c) => ({ name: c === 'time' && zone ? t(locale, 'summary.timeIn', { zone }) : columnName(c, locale), width: SUMMARY_COLUMNS[c].width })),
    rows,
    pageText: pages > 1 ? t(locale, 'summary.page', { first: first + 1, last: first + shown.length, total: listed }) : '',
    notes: s.truncated ? [t(locale, 'summary.truncated')] : [],
    hasNext: remaining > 0,
    nextTitle: t(locale, 'summary.next', { count: Math.min(SUMMARY_PAGE_SIZE, remaining) }),
    next: { ...query, page: page + 1, successes: view.successes },
    // The toggle only where it changes the rows: there are failures, and successes to add or take away.
    toggleTitle: failed && successes ? (onlyFailures ? t(locale, 'summary.showSuccesses') : t(locale, 'summary.failuresOnly')) : '',
    toggle: { ...query, successes: onlyFailures },
    columnsValue: columns.join(','),
    allColumns: ORDER.map((value) => ({ title: columnName(value, locale), value })),
    query: { ...query, successes: view.successes },
    signInLogs: links.signInLogs(),
  });
}

/** "PST": the zone's short name, as a row's time writes it last. */
function zoneOf(time: string): string {
  return time.split(' ').at(-1) ?? '';
}
