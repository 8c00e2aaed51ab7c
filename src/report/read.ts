import type { Attempt } from '../diagnosis/attempts.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import { eachWindowAttempt, newestFirst, type WindowAttempt } from '../query/diagnose-window.ts';
import type { SignInSource } from '../signins/source.ts';
import { reportModel, type ReportModel } from './model.ts';

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
 * What a report reads: one pass over the window (diagnose-window.ts's eachWindowAttempt), which
 * hands over every attempt whose deciding event lies in it. Every attempt is kept for the totals,
 * MFA and legacy use and the report-only verdicts; the failed ones' diagnoses for the causes, and
 * the incidents come with the run. A success is diagnosed too (the pass diagnoses what it hands
 * over) but that is cheap next to a second read of the whole window, which this replaced.
 */
export async function readReport(source: SignInSource, r: ReportRequest): Promise<ReadReport> {
  const attempts: Attempt[] = [];
  const failed: WindowAttempt[] = [];
  const window = { since: r.since, until: r.until, now: r.now, only: 'failures' as const, skipped: (x: { attempt: Attempt }) => void attempts.push(x.attempt) };
  const run = await eachWindowAttempt(source, window, (x) => {
    attempts.push(x.attempt);
    failed.push(x);
  });
  // Newest first, as diagnoseWindow lists them: the model's "latest failure" per person reads them in that order.
  failed.sort((a, b) => newestFirst({ t: a.t, id: a.diagnosis.decisiveEventId }, { t: b.t, id: b.diagnosis.decisiveEventId }));
  const failures: Diagnosis[] = failed.map((x) => x.diagnosis);
  const model = reportModel({
    window: { since: r.since, until: r.until },
    source: source.description,
    attempts,
    failures,
    incidents: run.incidents,
    timeZone: r.timeZone,
    policies: (await source.listPolicies()) ?? undefined,
  });
  const people = [...new Set([...attempts.flatMap((a) => a.events.map((e) => e.userId)), ...failures.map((d) => d.user.id)])];
  return { model, people, truncated: run.truncated, problems: run.problems };
}
