import { groupAttempts, type Attempt } from '../diagnosis/attempts.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import { findIncidents, type Incident } from '../diagnosis/incidents.ts';
import type { SignIn } from '../signins/signin.ts';
import type { SignInSource } from '../signins/source.ts';
import { hoursBefore } from '../instants.ts';
import { DiagnosisContext, type DiagnosedListing } from './diagnose-attempts.ts';
import { DEFAULT_WINDOW_HOURS } from './list-attempts.ts';

/**
 * "Diagnose everything in this window" (cli.md: `diagnose` with only a window): every attempt
 * whose deciding event lies in the window, each once, diagnosed with the same evidence a
 * one-person question would get.
 *
 * Batch-efficient: one read of the log covers the window and the history before it (N hours),
 * so each person's history comes out of that read (primed, never asked for again) and the
 * directory is read once by the shared context. People are diagnosed one at a time and their
 * history dropped afterwards. IP look-ups (how many accounts failed from an IP) stay one read
 * per failing IP, cached for the whole run.
 */

/** A window read stops here; beyond it the listing says it was cut (narrow the window). */
const MAX_WINDOW_EVENTS = 2_000_000;

export interface WindowRequest {
  since: string;
  until: string;
  now: string;
  /** `failures`: only attempts that did not end in a sign-in (the common question). */
  only?: 'failures';
}

export interface WindowListing extends DiagnosedListing {
  window: { since: string; until: string };
  /** Failures of several people that share a cause (incidents.ts), oldest first. */
  incidents: Incident[];
}

export async function diagnoseWindow(source: SignInSource, r: WindowRequest, historyHours = DEFAULT_WINDOW_HOURS): Promise<WindowListing> {
  const read = await source.querySignIns({ since: hoursBefore(r.since, historyHours), until: r.until, limit: MAX_WINDOW_EVENTS });
  const ctx = new DiagnosisContext(source, r.now, { historyHours, batchRange: { since: r.since, until: r.until } });
  const byUser = new Map<string, SignIn[]>();
  for (const e of read.events) {
    let list = byUser.get(e.userId);
    if (!list) byUser.set(e.userId, (list = []));
    list.push(e);
  }
  const lo = Date.parse(r.since);
  const hi = Date.parse(r.until);
  const done: { attempt: Attempt; diagnosis: Diagnosis; t: number }[] = [];
  // Sorted, so the same window gives the same document whatever order the source returned.
  for (const userId of [...byUser.keys()].sort()) {
    const events = byUser.get(userId)!;
    ctx.primeUser(userId, events);
    for (const attempt of groupAttempts(events)) {
      const t = Date.parse(attempt.decisive.createdDateTime);
      if (t < lo || t > hi) continue;
      if (r.only === 'failures' && attempt.decisive.status.errorCode === 0) continue;
      done.push({ attempt, diagnosis: await ctx.diagnose(attempt), t });
    }
    ctx.forgetUser(userId);
  }
  // Newest first, as every listing is.
  done.sort(
    (a, b) => b.t - a.t || (b.diagnosis.decisiveEventId < a.diagnosis.decisiveEventId ? -1 : b.diagnosis.decisiveEventId > a.diagnosis.decisiveEventId ? 1 : 0),
  );
  const window = { since: r.since, until: r.until };
  const incidents = findIncidents(
    done.map((x) => ({ diagnosis: x.diagnosis, ip: x.attempt.decisive.ipAddress })),
    { policies: (await ctx.directoryData()).policies, window },
  );
  return {
    incidents,
    attempts: done.map((x) => x.attempt),
    diagnoses: done.map((x) => x.diagnosis),
    window,
    truncated: read.truncated,
    problems: [...read.problems, ...ctx.problems],
  };
}
