import type { NotifyState } from './store.ts';

/**
 * Alerts that ended long ago leave the store: lockout episodes and incidents ended more than
 * `retentionMs` before `nowIso` (by their last lockout, their latest failure), with their
 * deliveries. Without this the state (one file, or one blob, read and written whole on every
 * poll) grows by every alert ever sent. Nothing pruned can come back: a poll looks back at most
 * a day (incident-episodes.ts) and 15 minutes past its cursor for lockouts, so an old alert's
 * events are never read again, and a button on its card answers "no longer tracked".
 */

/** The default retention (NOTIFY_RETENTION_DAYS). */
export const DEFAULT_RETENTION_DAYS = 14;

export function pruneEnded(state: NotifyState, nowIso: string, retentionMs: number): { episodes: number; incidents: number } {
  const before = Date.parse(nowIso) - retentionMs;
  const gone = new Set<string>();
  let episodes = 0;
  let incidents = 0;
  for (const [key, e] of Object.entries(state.episodes)) {
    if (!e.ended || Date.parse(e.last) >= before) continue;
    delete state.episodes[key];
    gone.add(key);
    episodes++;
  }
  for (const [id, e] of Object.entries(state.incidents)) {
    if (!e.ended || Date.parse(e.incident.until) >= before) continue;
    delete state.incidents[id];
    // The deliveries' name for an incident (service.ts INCIDENT_KEY).
    gone.add(`incident:${id}`);
    incidents++;
  }
  for (const [key, d] of Object.entries(state.deliveries)) if (gone.has(d.episodeKey)) delete state.deliveries[key];
  return { episodes, incidents };
}
