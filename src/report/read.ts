import { groupAttempts } from '../diagnosis/attempts.ts';
import { diagnoseWindow } from '../query/diagnose-window.ts';
import type { SignInSource } from '../signins/source.ts';
import { reportModel, type ReportModel } from './model.ts';

/** A window read for the totals stops here, as diagnose-window's does; past it the report says it was cut. */
const MAX_EVENTS = 2_000_000;

export interface ReportRequest {
  since: string;
  until: string;
  now: string;
  timeZone: string;
}

export interface ReadReport {
  model: ReportModel;
  /** Directory ids of everyone whose sign-ins the numbers count (for the bot's access check). */
  people: string[];
  /** The source returned fewer events than the window holds: the numbers are a lower bound. */
  truncated: boolean;
  problems: { where: string; message: string }[];
}

/**
 * What a report reads: the window's failures diagnosed (diagnose-window.ts, with the incidents
 * among them), and every attempt of the window for the totals, MFA and legacy use and the
 * report-only verdicts (a success is counted, not diagnosed: its rows say all the report needs).
 */
export async function readReport(source: SignInSource, r: ReportRequest): Promise<ReadReport> {
  const failed = await diagnoseWindow(source, { since: r.since, until: r.until, now: r.now, only: 'failures' });
  const all = await source.querySignIns({ since: r.since, until: r.until, limit: MAX_EVENTS });
  const lo = Date.parse(r.since);
  const hi = Date.parse(r.until);
  const attempts = groupAttempts(all.events).filter((a) => {
    const t = Date.parse(a.decisive.createdDateTime);
    return t >= lo && t <= hi;
  });
  const model = reportModel({
    window: { since: r.since, until: r.until },
    source: source.description,
    attempts,
    failures: failed.diagnoses,
    incidents: failed.incidents,
    timeZone: r.timeZone,
    policies: (await source.listPolicies()) ?? undefined,
  });
  const people = [...new Set([...attempts.flatMap((a) => a.events.map((e) => e.userId)), ...failed.diagnoses.map((d) => d.user.id)])];
  return { model, people, truncated: failed.truncated || all.truncated, problems: [...failed.problems, ...all.problems] };
}
