import { placeOf, type SignIn } from '../signins/signin.ts';
import type { Attempt } from './attempts.ts';
import { lookupCode } from './catalog.ts';
import { SPRAY_USERS, utc } from './history.ts';

/**
 * "Why did alice fail": which of her failed attempts the asker most likely means. Every
 * failure in the window is sorted by where it came from (her own sign-ins, somewhere she
 * has not signed in from, an IP attacking many accounts) and by its error; the newest of
 * her own is diagnosed, the other groups are offered. Pure: the caller gives the counts.
 */

export type Origin = 'own' | 'unfamiliar' | 'attack';

export interface AttemptGroup {
  origin: Origin;
  errorCode: number;
  /** One line: "2 × blocked by Conditional Access from São Paulo, BR (their own sign-ins: …): 2026-11-18 14:09 UTC, 2026-11-18 14:05 UTC". */
  text: string;
  count: number;
  /** Newest first. */
  times: string[];
  /** Newest first; a card turns each into a Diagnose button. */
  correlationIds: string[];
  /** Why these attempts were put under this origin. */
  why: string;
  /** The group holds the attempt chosen for diagnosis. */
  chosen: boolean;
}

export interface AttemptChoice {
  chosen?: Attempt;
  /** Every failed attempt, grouped; the chosen one's group first. */
  groups: AttemptGroup[];
}

export interface ChoiceEvidence {
  /** Distinct accounts that failed from each IP (the listing's window). */
  ipFailureUsers?: Record<string, number>;
  /** Successful sign-ins of the person (any window the caller read): their familiar IPs and devices. */
  successes?: SignIn[];
}

const MALICIOUS = /malicious/i;
const RANK: Record<Origin, number> = { own: 0, unfamiliar: 1, attack: 2 };

const passwordOk = (a: Attempt) =>
  a.events.some((e) =>
    (e.authenticationDetails ?? []).some(
      (s) =>
        s.succeeded === true &&
        /password|mfa|multi-?factor|previously satisfied/i.test(`${s.authenticationMethod ?? ''} ${s.authenticationStepRequirement ?? ''}`),
    ),
  );
const trusted = (e: SignIn) => (e.networkLocationDetails ?? []).some((n) => /trusted/i.test(String(n.networkType ?? '')));

/** Where an attempt came from, and the fact that says so. */
export function originOf(a: Attempt, ev: ChoiceEvidence): { origin: Origin; why: string } {
  const d = a.decisive;
  const ip = d.ipAddress ?? '';
  const users = ev.ipFailureUsers?.[ip] ?? 0;
  if (users >= SPRAY_USERS) return { origin: 'attack', why: `${ip} failed for ${users} different accounts` };
  if (MALICIOUS.test(d.status.failureReason ?? '')) return { origin: 'attack', why: `Entra blocked ${ip} as a malicious IP address` };
  if (d.status.errorCode === 50034) return { origin: 'attack', why: 'the user name tried does not exist' };
  const ok = ev.successes ?? [];
  const risky = ['high'].includes(String(d.riskLevelDuringSignIn ?? ''));
  if (!risky && ip && ok.some((s) => s.ipAddress === ip)) return { origin: 'own', why: `they sign in successfully from ${ip}` };
  if (!risky && d.deviceDetail?.deviceId && ok.some((s) => s.deviceDetail?.deviceId === d.deviceDetail?.deviceId))
    return { origin: 'own', why: `from their own device ${d.deviceDetail.displayName || d.deviceDetail.deviceId}` };
  if (!risky && trusted(d)) return { origin: 'own', why: 'from a trusted office network' };
  // A phone or mail app replaying an old password has no device id and a mobile IP, but it is
  // the same kind of device and app that signed in for them before.
  const os = d.deviceDetail?.operatingSystem;
  if (
    !risky &&
    os &&
    d.clientAppUsed &&
    ok.some((s) => s.deviceDetail?.operatingSystem === os && s.clientAppUsed === d.clientAppUsed && s.appDisplayName === d.appDisplayName)
  ) {
    return { origin: 'own', why: `the same kind of device and app signed in for them before (${os}, ${d.clientAppUsed})` };
  }
  if (!risky && passwordOk(a)) return { origin: 'own', why: 'the password (or MFA) was right' };
  return { origin: 'unfamiliar', why: risky ? 'Identity Protection rated it high risk' : `${ip || 'the IP'} is not one they signed in from successfully` };
}

const ORIGIN_WORDS: Record<Origin, string> = {
  own: 'their own sign-ins',
  unfamiliar: 'from a place they have not signed in from',
  attack: 'an attack on the account, not them',
};
/** "2026-11-18 14:09 UTC" each, so a card can show every time in the asker's zone (localizeTimes). */
const hhmm = (iso: string) => utc(iso);

function causeWords(code: number): string {
  const i = lookupCode(code);
  if (code === 53003) return 'blocked by Conditional Access';
  if (code === 50126) return 'wrong password';
  if (code === 50053) return 'refused with the lockout code';
  if (code === 50034) return 'a user name that does not exist';
  return i?.meaning ? `error ${code} (${i.meaning.replace(/\.$/, '').slice(0, 80)})` : `error ${code}`;
}

/** Chooses the attempt to diagnose: the newest of the person's own failures, else the newest failure. */
export function chooseAttempt(attempts: readonly Attempt[], ev: ChoiceEvidence = {}): AttemptChoice {
  const failed = attempts.filter((a) => a.decisive.status.errorCode !== 0);
  if (!failed.length) return { groups: [] };
  const successes = ev.successes ?? attempts.filter((a) => a.decisive.status.errorCode === 0).map((a) => a.decisive);
  const judged = failed.map((a) => ({ a, ...originOf(a, { ...ev, successes }) }));
  const t = (a: Attempt) => Date.parse(a.decisive.createdDateTime);
  const best = [...judged].sort((x, y) => RANK[x.origin] - RANK[y.origin] || t(y.a) - t(x.a))[0]!;
  const by = new Map<string, typeof judged>();
  for (const j of judged) {
    const k = `${j.origin}|${j.a.decisive.status.errorCode}`;
    by.set(k, [...(by.get(k) ?? []), j]);
  }
  const groups: AttemptGroup[] = [...by.values()].map((list) => {
    list.sort((x, y) => t(y.a) - t(x.a));
    const first = list[0]!;
    const places = [...new Set(list.map((j) => placeOf(j.a.decisive) || j.a.decisive.ipAddress || 'an unknown place'))];
    const times = list.map((j) => j.a.decisive.createdDateTime);
    const shown = times.slice(0, 5).map(hhmm).join(', ');
    return {
      origin: first.origin,
      errorCode: first.a.decisive.status.errorCode,
      text: `${list.length} × ${causeWords(first.a.decisive.status.errorCode)} from ${places.slice(0, 2).join(' and ')}${places.length > 2 ? ` and ${places.length - 2} more places` : ''} (${ORIGIN_WORDS[first.origin]}: ${first.why}): ${shown}${times.length > 5 ? ` and ${times.length - 5} more` : ''}`,
      count: list.length,
      times,
      correlationIds: list.map((j) => j.a.correlationId || j.a.decisive.id),
      why: first.why,
      chosen: list.some((j) => j.a === best.a),
    };
  });
  groups.sort((x, y) => Number(y.chosen) - Number(x.chosen) || RANK[x.origin] - RANK[y.origin] || Date.parse(y.times[0]!) - Date.parse(x.times[0]!));
  return { chosen: best.a, groups };
}
