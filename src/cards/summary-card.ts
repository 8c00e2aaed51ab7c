import type { Diagnosis } from '../diagnosis/types.ts';
import { placeOf, type SignIn } from '../signins/signin.ts';
import { links } from '../diagnosis/links.ts';
import { scenarioOf } from '../diagnosis/scenarios/index.ts';
import { formatInTimeZone } from '../time-format.ts';
import { renderCard, type Card } from './render.ts';

/**
 * The authentication summary: one row per attempt with a Diagnose button, and a column
 * chooser like the portal's "View columns".
 */
export const SUMMARY_COLUMNS = {
  time: { name: 'Time', width: '112px', cell: (d: Diagnosis, _e: SignIn | undefined, tz: string) => formatInTimeZone(d.time, tz).slice(5) },
  app: { name: 'App', width: 'stretch', cell: (d: Diagnosis) => d.app.displayName ?? d.app.id ?? '?' },
  result: { name: 'Result', width: 'stretch', cell: (d: Diagnosis) => scenarioOf(d.scenario)?.short ?? d.title },
  code: { name: 'Code', width: '64px', cell: (d: Diagnosis) => (d.errorCode ? String(d.errorCode) : '—') },
  location: { name: 'Location', width: 'stretch', cell: (_d: Diagnosis, e: SignIn | undefined) => placeOf(e) || '—' },
  ip: { name: 'IP', width: '112px', cell: (_d: Diagnosis, e: SignIn | undefined) => e?.ipAddress ?? '—' },
  device: {
    name: 'Device',
    width: 'stretch',
    cell: (_d: Diagnosis, e: SignIn | undefined) => e?.deviceDetail?.displayName || e?.deviceDetail?.operatingSystem || '—',
  },
  client: { name: 'Client', width: 'stretch', cell: (_d: Diagnosis, e: SignIn | undefined) => e?.clientAppUsed ?? '—' },
  user: { name: 'User', width: 'stretch', cell: (d: Diagnosis) => d.user.displayName ?? d.user.userPrincipalName ?? d.user.id },
} as const;
export type SummaryColumn = keyof typeof SUMMARY_COLUMNS;
/** Three columns fit a chat pane; the rest are a click away. */
export const DEFAULT_COLUMNS: SummaryColumn[] = ['time', 'app', 'result'];
const MAX_ROWS = 12;

export function parseColumns(value: string | undefined): SummaryColumn[] {
  const chosen = (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is SummaryColumn => s in SUMMARY_COLUMNS);
  return chosen.length ? chosen.slice(0, 5) : DEFAULT_COLUMNS;
}

export interface SummaryInput {
  title: string;
  subtitle: string;
  diagnoses: Diagnosis[];
  decisiveOf: (d: Diagnosis) => SignIn | undefined;
  timeZone: string;
  columns: SummaryColumn[];
  /** What "Show these columns" asks for again. */
  query: Record<string, string | undefined>;
}

export function summaryCard(s: SummaryInput): Card {
  const rows = s.diagnoses.slice(0, MAX_ROWS).map((d) => ({
    cells: s.columns.map((c) => ({
      text: SUMMARY_COLUMNS[c].cell(d, s.decisiveOf(d), s.timeZone),
      width: SUMMARY_COLUMNS[c].width,
    })),
    diagnose: { correlationId: d.correlationId || undefined, userId: d.user.id },
  }));
  return renderCard('summary', {
    title: s.title,
    subtitle: s.subtitle,
    headers: s.columns.map((c) => ({ name: SUMMARY_COLUMNS[c].name, width: SUMMARY_COLUMNS[c].width })),
    rows,
    more: s.diagnoses.length > MAX_ROWS ? `${s.diagnoses.length - MAX_ROWS} older attempts are not shown; ask for a shorter time.` : '',
    columnsValue: s.columns.join(','),
    allColumns: Object.entries(SUMMARY_COLUMNS).map(([value, c]) => ({ title: c.name, value })),
    query: Object.fromEntries(Object.entries(s.query).filter(([, v]) => v !== undefined)),
    signInLogs: links.signInLogs(),
  });
}
