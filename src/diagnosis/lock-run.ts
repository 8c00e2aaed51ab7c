import type { SignIn } from '../signins/signin.ts';
import { msg, type Message } from '../i18n/message.ts';

/**
 * What the sign-in log says about a person's latest lockout, for "is bob locked out" and "who
 * is locked out right now". The log records sign-ins refused with 50053, not the lock: Entra
 * logs nothing when smart lockout starts or lifts. So only these facts are read from it: the
 * latest lockout and the run it ends, an interactive sign-in after it that succeeded (the lock
 * had lifted) or had its password checked again (50126: it had lifted), and how long ago it was.
 */

/** Smart lockout's first lockout lasts this long; repeated ones longer (Entra does not publish how long). */
export const FIRST_LOCKOUT_SECONDS = 60;
/** Past this with no attempt since, a smart lockout has all but surely lifted (repeated lockouts last minutes, not hours). */
export const RECENT_MINUTES = 60;
export const LOCKOUT_CODE = 50053;

export interface LockRun {
  latest: SignIn;
  /** The lockouts since the last interactive success before the latest one, oldest first. */
  run: SignIn[];
  /** An interactive sign-in after the latest lockout that succeeded, or that had its password checked again. */
  success?: SignIn;
  checked?: SignIn;
  /** Minutes from the latest lockout to now. */
  minutes: number;
  /** The earliest the lock lifts by itself (a first lockout's length after the latest). */
  earliest: string;
  /** No sign-in since says it lifted, and the latest lockout is under RECENT_MINUTES old: the lock may still be in force. */
  mayBeInForce: boolean;
}

const time = (e: SignIn) => Date.parse(e.createdDateTime);
/** A token refresh (non-interactive) succeeds while the password is locked: only an interactive sign-in says the lock lifted. */
const interactive = (e: SignIn) => e.isInteractive !== false;

/** The latest lockout among one person's events and what followed it; undefined when there is none. */
export function lockRun(personEvents: readonly SignIn[], now: string): LockRun | undefined {
  const events = [...personEvents].sort((a, b) => time(a) - time(b));
  const lockouts = events.filter((e) => e.status.errorCode === LOCKOUT_CODE);
  const latest = lockouts[lockouts.length - 1];
  if (!latest) return undefined;
  const after = events.filter((e) => time(e) > time(latest) && interactive(e));
  const success = after.find((e) => e.status.errorCode === 0);
  const checked = after.find((e) => e.status.errorCode === 50126);
  const run: SignIn[] = [];
  for (let i = events.indexOf(latest); i >= 0; i--) {
    const e = events[i]!;
    if (e.status.errorCode === 0 && interactive(e)) break;
    if (e.status.errorCode === LOCKOUT_CODE) run.unshift(e);
  }
  const minutes = (Date.parse(now) - time(latest)) / 60_000;
  return {
    latest,
    run,
    success,
    checked,
    minutes,
    earliest: new Date(time(latest) + FIRST_LOCKOUT_SECONDS * 1000).toISOString(),
    mayBeInForce: !success && !checked && minutes <= RECENT_MINUTES,
  };
}

/** "5 minutes ago", "3 hours ago", "2 days ago", as a message (engine.other.ago.*). */
export function agoMsg(minutes: number): Message {
  const m = Math.max(0, Math.round(minutes));
  if (m < 1) return msg('engine.other.ago.now');
  if (m < 120) return msg('engine.other.ago.minutes', { count: m });
  const h = Math.round(m / 60);
  if (h < 48) return msg('engine.other.ago.hours', { count: h });
  return msg('engine.other.ago.days', { count: Math.round(h / 24) });
}
