import { groupAttempts, type Attempt } from '../diagnosis/attempts.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import { findIncidents, incidentFacts, type DiagnosedAttempt, type Incident } from '../diagnosis/incidents.ts';
import type { SignIn } from '../signins/signin.ts';
import type { SignInQuery, SignInSource, SourceProblem } from '../signins/source.ts';
import { hoursBefore } from '../instants.ts';
import { DiagnosisContext, IP_FAILURE_CODES, ipFailuresOf, type DiagnosedListing } from './diagnose-attempts.ts';
import { DEFAULT_WINDOW_HOURS } from './list-attempts.ts';

/**
 * "Diagnose everything in this window" (cli.md: `diagnose` with only a window): every attempt
 * whose deciding event lies in the window, each once, diagnosed with the same evidence a
 * one-person question would get.
 *
 * Batch-efficient: one read of the log covers the window and the history before it (N hours),
 * so each person's history comes out of that read (primed, never asked for again), and so do
 * the failures from each IP (how many accounts failed from it); the directory is read once by
 * the shared context. People are diagnosed one at a time and their events dropped afterwards;
 * each diagnosis is handed to the caller as it is made (`eachWindowAttempt`), so a caller that
 * prints them need not hold them all. The read asks for no limit: a source sorts a limited
 * read before cutting it, and the window's read is the whole export.
 */

export interface WindowRequest {
  since: string;
  until: string;
  now: string;
  /** `failures`: only attempts that did not end in a sign-in (the common question). */
  only?: 'failures';
  /**
   * The window's attempts `only` leaves out, handed over undiagnosed: a caller that counts every
   * attempt (the report's totals) but needs the diagnoses of the failures alone.
   */
  skipped?: (x: { attempt: Attempt; t: number }) => void;
}

export interface WindowListing extends DiagnosedListing {
  window: { since: string; until: string };
  /** Failures of several people that share a cause (incidents.ts), oldest first. */
  incidents: Incident[];
}

/** One diagnosed attempt of the window; `t` is its deciding event's time (ms). */
export interface WindowAttempt {
  attempt: Attempt;
  diagnosis: Diagnosis;
  t: number;
}

/** What is known once every attempt has been handed over. */
export interface WindowRun {
  window: { since: string; until: string };
  incidents: Incident[];
  truncated: boolean;
  problems: SourceProblem[];
}

/** Newest first; on a tie the greater deciding event id first: the order every listing prints. */
export function newestFirst(a: { t: number; id: string }, b: { t: number; id: string }): number {
  return b.t - a.t || (b.id < a.id ? -1 : b.id > a.id ? 1 : 0);
}

/**
 * Diagnoses every attempt of the window, person by person (ids sorted, so a window gives the
 * same run whatever order the source returned), handing each to `each` as it is made. Only
 * the failures are kept, for the incidents.
 */
export async function eachWindowAttempt(
  source: SignInSource,
  r: WindowRequest,
  each: (x: WindowAttempt) => void | Promise<void>,
  historyHours = DEFAULT_WINDOW_HOURS,
): Promise<WindowRun> {
  const ctx = new DiagnosisContext(source, r.now, { historyHours, batchRange: { since: r.since, until: r.until } });
  const range = { since: hoursBefore(r.since, historyHours), until: r.until };
  const lo = Date.parse(r.since);
  const hi = Date.parse(r.until);
  // Only what incidents read of each failure: a million attempts' whole diagnoses do not fit in memory.
  const failures: (DiagnosedAttempt & { t: number })[] = [];
  // Some people's events for the whole range: their attempts in the window diagnosed, then dropped.
  const diagnosePeople = async (people: Map<string, SignIn[]>) => {
    // Sorted, so a window gives the same run whatever order the source returned.
    for (const userId of [...people.keys()].sort()) {
      const events = people.get(userId)!;
      people.delete(userId);
      ctx.primeUser(userId, events);
      for (const attempt of groupAttempts(events)) {
        const t = Date.parse(attempt.decisive.createdDateTime);
        if (t < lo || t > hi) continue;
        if (r.only === 'failures' && attempt.decisive.status.errorCode === 0) {
          r.skipped?.({ attempt, t });
          continue;
        }
        const diagnosis = await ctx.diagnose(attempt);
        if (diagnosis.scenario !== 'success') failures.push({ diagnosis: incidentFacts(diagnosis), ip: attempt.decisive.ipAddress, t });
        await each({ attempt, diagnosis, t });
      }
      ctx.forgetUser(userId);
    }
  };
  let truncated: boolean;
  const problems: SourceProblem[] = [];
  if (source.signInsByPerson) {
    // How many accounts failed from each IP: the range's password failures as IP, time and account
    // (from the source, or read whole and cut down when it cannot say); then the people, a few at a time.
    if (source.failuresByIp) {
      ctx.primeIps(await source.failuresByIp(range, IP_FAILURE_CODES));
      truncated = false;
    } else {
      const failed = await readInSlices(source, range, { outcome: 'failure' });
      ctx.primeIps(ipFailuresOf(failed.events));
      truncated = failed.truncated;
      problems.push(...failed.problems);
    }
    const byPerson = await source.signInsByPerson(range, diagnosePeople);
    truncated ||= byPerson.truncated;
    problems.push(...byPerson.problems);
  } else {
    const read = await readInSlices(source, range);
    ctx.primeIps(ipFailuresOf(read.events));
    truncated = read.truncated;
    problems.push(...read.problems);
    await diagnosePeople(byPersonOf(read));
  }
  // The incidents see the failures in the order the listing prints them (their sort keeps ties in it).
  failures.sort((a, b) => newestFirst({ t: a.t, id: a.diagnosis.decisiveEventId }, { t: b.t, id: b.diagnosis.decisiveEventId }));
  const window = { since: r.since, until: r.until };
  const incidents = findIncidents(
    failures.map((x) => ({ diagnosis: x.diagnosis, ip: x.ip })),
    { policies: (await ctx.directoryData()).policies, window },
  );
  return { window, incidents, truncated, problems: [...problems, ...ctx.problems] };
}

/** A read of the range is asked for in pieces of this many hours: a source holds one piece's raw records at a time, not the whole range's. */
const SLICE_HOURS = 6;

/**
 * The range's sign-ins (matching `q`), read in slices of time, newest slice first: together
 * the same events in the same order as one read of the range (newest first), without one
 * read's peak of raw records.
 */
async function readInSlices(source: SignInSource, range: { since: string; until: string }, q: Omit<SignInQuery, 'since' | 'until' | 'limit'> = {}) {
  const lo = Date.parse(range.since);
  const events: SignIn[] = [];
  const problems: SourceProblem[] = [];
  let truncated = false;
  for (let top = Date.parse(range.until); top >= lo; top -= SLICE_HOURS * 3_600_000) {
    const bottom = Math.max(lo, top - SLICE_HOURS * 3_600_000 + 1);
    // Both ends are inclusive: the next slice ends a millisecond below this one's start.
    const read = await source.querySignIns({ ...q, since: new Date(bottom).toISOString(), until: new Date(top).toISOString() });
    for (const e of read.events) events.push(e);
    problems.push(...read.problems);
    truncated ||= read.truncated;
  }
  return { events, truncated, problems };
}

/** Each person's events, in the order read. Only the map holds them afterwards, so each person's go once diagnosed. */
function byPersonOf(read: { events: SignIn[] }): Map<string, SignIn[]> {
  const byUser = new Map<string, SignIn[]>();
  for (const e of read.events) {
    let list = byUser.get(e.userId);
    if (!list) byUser.set(e.userId, (list = []));
    list.push(e);
  }
  read.events = [];
  return byUser;
}

/** The whole window as one listing, newest first (for a caller that shows a window it knows to be small). */
export async function diagnoseWindow(source: SignInSource, r: WindowRequest, historyHours = DEFAULT_WINDOW_HOURS): Promise<WindowListing> {
  const done: WindowAttempt[] = [];
  const run = await eachWindowAttempt(source, r, (x) => void done.push(x), historyHours);
  done.sort((a, b) => newestFirst({ t: a.t, id: a.diagnosis.decisiveEventId }, { t: b.t, id: b.diagnosis.decisiveEventId }));
  return {
    incidents: run.incidents,
    attempts: done.map((x) => x.attempt),
    diagnoses: done.map((x) => x.diagnosis),
    window: run.window,
    truncated: run.truncated,
    problems: run.problems,
  };
}
