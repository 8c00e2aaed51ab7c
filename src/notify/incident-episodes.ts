import type { Incident } from '../diagnosis/incidents.ts';
import type { IncidentEpisode } from './store.ts';

/**
 * Incidents found in a poll's window → the stored incident alerts, one card each. An incident's
 * id is its kind, subject and first failure, so the same incident found again (the window starts
 * no later than its first failure: lookFrom) has the same id: it is updated when it grew, and
 * ends after INCIDENT_QUIET_MS without a failure of it. Pure: the caller brings the state and the clock.
 */
export const INCIDENT_QUIET_MS = 30 * 60_000;
/** A poll looks back at least this far for incidents; further back to the first failure of one still open. */
export const INCIDENT_LOOKBACK_MS = 2 * 3_600_000;
/** …but never further than this: an incident open for a day is looked at over its last day. */
export const INCIDENT_MAX_LOOKBACK_MS = 24 * 3_600_000;

const t = (iso: string) => Date.parse(iso);

/** Where a poll's window starts: the usual look back, or the first failure of an incident still open (within a day). */
export function lookFrom(incidents: Record<string, IncidentEpisode>, nowIso: string): string {
  const open = Object.values(incidents)
    .filter((e) => !e.ended)
    .map((e) => t(e.incident.since));
  const from = Math.max(t(nowIso) - INCIDENT_MAX_LOOKBACK_MS, Math.min(t(nowIso) - INCIDENT_LOOKBACK_MS, ...open));
  return new Date(from).toISOString();
}

/**
 * Applies what a poll found to the stored alerts; returns the ids of those that changed (new,
 * grown, ended). A found incident is a stored one when it has its id or any of its failures (its
 * kind may change: a policy-change seen from a window that starts after the change is a plain
 * policy incident). It replaces the stored one only when it holds every failure of it (the
 * window covered it whole); a partial view (a window cut at a day) changes nothing.
 */
export function updateIncidents(stored: Record<string, IncidentEpisode>, found: readonly Incident[], nowIso: string): string[] {
  const changed = new Set<string>();
  const over = (i: Incident) => t(nowIso) - t(i.until) > INCIDENT_QUIET_MS;
  for (const i of found) {
    const key = Object.hasOwn(stored, i.id) ? i.id : Object.keys(stored).find((k) => stored[k]!.incident.attemptIds.some((a) => i.attemptIds.includes(a)));
    const e = key === undefined ? undefined : stored[key];
    if (!e) {
      // Already over when first seen (a poll after a long pause): still worth a card, which says it ended.
      stored[i.id] = { incident: structuredClone(i), ended: over(i), version: 0 };
      changed.add(i.id);
      continue;
    }
    const now = new Set(i.attemptIds);
    const grew = i.attemptIds.some((a) => !e.incident.attemptIds.includes(a));
    if (!grew || !e.incident.attemptIds.every((a) => now.has(a))) continue;
    // Grown: the incident as found now, under the id its card was sent with; reopened if late failures came in.
    e.incident = { ...structuredClone(i), id: key! };
    e.ended = over(i);
    e.version++;
    changed.add(key!);
  }
  for (const [id, e] of Object.entries(stored)) {
    if (e.ended || !over(e.incident)) continue;
    e.ended = true;
    e.version++;
    changed.add(id);
  }
  return [...changed];
}
