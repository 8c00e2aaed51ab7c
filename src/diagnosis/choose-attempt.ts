import { placeOf, type SignIn } from '../signins/signin.ts';
import type { Attempt } from './attempts.ts';
import { lookupCode } from './catalog.ts';
import { SPRAY_USERS, utc } from './history.ts';
import { msg, render, type Message } from '../i18n/message.ts';
import { joined, part, valueOf } from './engine-words.ts';

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
  /** The same line as a message (engine.other.*), for the reader's language. */
  msg: Message;
  count: number;
  /** Newest first. */
  times: string[];
  /** Newest first; a card turns each into a Diagnose button. */
  correlationIds: string[];
  /** Why these attempts were put under this origin. */
  why: string;
  whyMsg: Message;
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

/** Where an attempt came from, and the fact that says so (in English, and as a message). */
export function originOf(a: Attempt, ev: ChoiceEvidence): { origin: Origin; why: string; whyMsg: Message } {
  const d = a.decisive;
  const ip = d.ipAddress ?? '';
  const users = ev.ipFailureUsers?.[ip] ?? 0;
  if (users >= SPRAY_USERS) return because('attack', msg('engine.other.why.spray', { ip, users }));
  if (MALICIOUS.test(d.status.failureReason ?? '')) return because('attack', msg('engine.other.why.malicious', { ip }));
  if (d.status.errorCode === 50034) return because('attack', msg('engine.other.why.noSuchUser'));
  const ok = ev.successes ?? [];
  const risky = ['high'].includes(String(d.riskLevelDuringSignIn ?? ''));
  if (!risky && ip && ok.some((s) => s.ipAddress === ip)) return because('own', msg('engine.other.why.familiarIp', { ip }));
  if (!risky && d.deviceDetail?.deviceId && ok.some((s) => s.deviceDetail?.deviceId === d.deviceDetail?.deviceId))
    return because('own', msg('engine.other.why.ownDevice', { device: d.deviceDetail.displayName || d.deviceDetail.deviceId }));
  if (!risky && trusted(d)) return because('own', msg('engine.other.why.trusted'));
  // A phone or mail app replaying an old password has no device id and a mobile IP, but it is
  // the same kind of device and app that signed in for them before.
  const os = d.deviceDetail?.operatingSystem;
  if (
    !risky &&
    os &&
    d.clientAppUsed &&
    ok.some((s) => s.deviceDetail?.operatingSystem === os && s.clientAppUsed === d.clientAppUsed && s.appDisplayName === d.appDisplayName)
  ) {
    return because('own', msg('engine.other.why.sameKind', { os, client: d.clientAppUsed }));
  }
  if (!risky && passwordOk(a)) return because('own', msg('engine.other.why.passwordRight'));
  return because('unfamiliar', risky ? msg('engine.other.why.highRisk') : msg('engine.other.why.unfamiliarIp', { ip: ip || msg('engine.other.why.theIp') }));
}

const because = (origin: Origin, whyMsg: Message) => ({ origin, why: render('en', whyMsg), whyMsg });

/** "2026-11-18 14:09 UTC" each, so a card can show every time in the asker's zone (localizeTimes). */
const hhmm = (iso: string) => utc(iso);

const CAUSE: ReadonlyMap<number, Message> = new Map([
  [53003, msg('engine.other.cause.blockedByCa')],
  [50126, msg('engine.other.cause.wrongPassword')],
  [50053, msg('engine.other.cause.lockout')],
  [50034, msg('engine.other.cause.noSuchUser')],
]);

/**
 * What the failures were. Another code's meaning is the catalog's English, cut to fit a line
 * (its translations are whole sentences, aadsts.<code>.meaning, too long for one).
 */
function causeWords(code: number): Message {
  const known = CAUSE.get(code);
  if (known) return known;
  const i = lookupCode(code);
  return i?.meaning
    ? msg('engine.other.cause.codeMeaning', { code: String(code), meaning: i.meaning.replace(/\.$/, '').slice(0, 80) })
    : msg('engine.other.cause.code', { code: String(code) });
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
    const line = msg('engine.other.group', {
      count: list.length,
      cause: causeWords(first.a.decisive.status.errorCode),
      places: joined(places.slice(0, 2).map(valueOf), 'and'),
      morePlaces: part(places.length > 2, () => msg('engine.other.morePlaces', { count: places.length - 2 })),
      origin: first.origin,
      why: first.whyMsg,
      times: joined(times.slice(0, 5).map(hhmm), 'comma'),
      moreTimes: part(times.length > 5, () => msg('engine.other.moreTimes', { count: times.length - 5 })),
    });
    return {
      origin: first.origin,
      errorCode: first.a.decisive.status.errorCode,
      text: render('en', line),
      msg: line,
      count: list.length,
      times,
      correlationIds: list.map((j) => j.a.correlationId || j.a.decisive.id),
      why: first.why,
      whyMsg: first.whyMsg,
      chosen: list.some((j) => j.a === best.a),
    };
  });
  groups.sort((x, y) => Number(y.chosen) - Number(x.chosen) || RANK[x.origin] - RANK[y.origin] || Date.parse(y.times[0]!) - Date.parse(x.times[0]!));
  return { chosen: best.a, groups };
}
