import type { SignIn } from '../signins/signin.ts';
import type { Episode } from './store.ts';

/**
 * Lockouts → episodes, one card each. A person's lockouts belong to one episode until 30
 * quiet minutes pass; lockouts from an IP that is failing for many accounts belong to one
 * spray episode (one card, not fifty). Pure: the caller brings the state and the clock.
 */
export const PERSON_QUIET_MS = 30 * 60_000;
export const SPRAY_QUIET_MS = 60 * 60_000;
/** An IP failing for this many accounts is an attack, and its lockouts are one episode. */
export const SPRAY_ACCOUNTS = 5;

const t = (iso: string) => Date.parse(iso);

export function updateEpisodes(episodes: Record<string, Episode>, lockouts: SignIn[], accountsFailingFrom: Record<string, number>, nowIso: string): Episode[] {
  const changed = new Map<string, Episode>();
  const seen = new Set(Object.values(episodes).flatMap((e) => e.eventIds));
  const touch = (e: Episode) => {
    e.version++;
    changed.set(e.key, e);
  };
  for (const ev of [...lockouts].sort((a, b) => t(a.createdDateTime) - t(b.createdDateTime))) {
    if (seen.has(ev.id)) continue;
    seen.add(ev.id);
    const ip = ev.ipAddress ?? '';
    const spray = ip && (accountsFailingFrom[ip] ?? 0) >= SPRAY_ACCOUNTS;
    const open = Object.values(episodes).find(
      (e) =>
        !e.ended &&
        (spray
          ? e.kind === 'spray' && e.ip === ip && t(ev.createdDateTime) - t(e.last) <= SPRAY_QUIET_MS
          : e.kind === 'person' && e.userIds[0] === ev.userId && t(ev.createdDateTime) - t(e.last) <= PERSON_QUIET_MS),
    );
    if (open) {
      if (!open.userIds.includes(ev.userId)) open.userIds.push(ev.userId);
      open.last = ev.createdDateTime > open.last ? ev.createdDateTime : open.last;
      open.lockouts++;
      open.eventIds.push(ev.id);
      touch(open);
      continue;
    }
    const key = spray ? `spray:${ip}:${ev.createdDateTime}` : `person:${ev.userId}:${ev.createdDateTime}`;
    const e: Episode = {
      key,
      kind: spray ? 'spray' : 'person',
      userIds: [ev.userId],
      ...(spray ? { ip } : {}),
      first: ev.createdDateTime,
      last: ev.createdDateTime,
      lockouts: 1,
      eventIds: [ev.id],
      ended: false,
      version: 0,
    };
    episodes[key] = e;
    touch(e);
  }
  // Episodes that have gone quiet end; their card says so.
  for (const e of Object.values(episodes)) {
    if (e.ended) continue;
    const quiet = e.kind === 'spray' ? SPRAY_QUIET_MS : PERSON_QUIET_MS;
    if (t(nowIso) - t(e.last) > quiet) {
      e.ended = true;
      touch(e);
    }
  }
  return [...changed.values()];
}
