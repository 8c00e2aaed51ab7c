import { placeOf, type SignIn } from '../../signins/signin.ts';
import { msg, type Message, type MessageValue } from '../../i18n/message.ts';
import type { MessageKey } from '../../i18n/translate.ts';
import type { ConditionVerdict, Finding, PolicyReport } from '../diagnosis-parts.ts';
import type { Facts } from './facts.ts';
import { chain } from '../words.ts';

/**
 * The pieces the assessments are written from: who, which app, from where, which policies.
 * Each is a value for a sentence's placeholder: a name as it is (never translated), or a
 * phrase of its own (engine.phrase.*), so each language words "the user" or "from Berlin"
 * where its own grammar puts it. Built cheaply: an object per phrase, nothing rendered here.
 */

const THE_USER = msg('engine.phrase.theUser');
const THE_USER_MID = msg('engine.phrase.theUserMid');
const THE_USERS = msg('engine.phrase.theUsers');
const AN_APP = msg('engine.phrase.anApp');

const nameOf = (e: SignIn) => e.userDisplayName ?? e.userPrincipalName;
/** Who signed in, at the start of a sentence: their name, or "The user". */
export const who = (e: SignIn): MessageValue => nameOf(e) ?? THE_USER;
/** Who signed in, inside a sentence (German and French lower-case it; English keeps "The user" as it always said). */
export const whoMid = (e: SignIn): MessageValue => nameOf(e) ?? THE_USER_MID;
/** Whose sign-in or account: "Ada's" / "The user's" (in German "von Ada" / "des Benutzers", placed after the noun). */
export const whose = (e: SignIn): Message => {
  const name = nameOf(e);
  return name ? msg('engine.phrase.whose', { name }) : THE_USERS;
};
export const app = (e: SignIn): MessageValue => e.appDisplayName ?? e.appId ?? AN_APP;
const deviceWords = (e: SignIn) => [e.deviceDetail?.operatingSystem, e.deviceDetail?.browser].filter(Boolean).join(', ');
/** " on Windows 11, Edge from Redmond, US (203.0.113.10)", or nothing ('') when the event does not say. */
export const from = (e: SignIn): MessageValue => {
  const device = deviceWords(e);
  const place = placeOf(e);
  const ip = e.ipAddress;
  if (!place) return device ? msg('engine.phrase.from.device', { device }) : '';
  if (device) return ip ? msg('engine.phrase.from.devicePlaceIp', { device, place, ip }) : msg('engine.phrase.from.devicePlace', { device, place });
  return ip ? msg('engine.phrase.from.placeIp', { place, ip }) : msg('engine.phrase.from.place', { place });
};
/** The resource CA was evaluated for, when it is not the app the user opened; '' otherwise. */
export const resourceWords = (d: SignIn): MessageValue =>
  d.resourceDisplayName && d.resourceDisplayName !== d.appDisplayName ? msg('engine.phrase.evaluatedFor', { resource: d.resourceDisplayName }) : '';
const policyName = (p: PolicyReport): Message => msg(p.inferred ? 'engine.phrase.policyInferred' : 'engine.phrase.policy', { name: p.displayName });
/** "A" and "B" and "C": each pair its own phrase, so English keeps its "and" between every name (never "A, B, and C"). */
export const policyNames = (l: PolicyReport[]): MessageValue => chain('engine.phrase.and', l.map(policyName));
/** The catalog's meaning of the code, or that it has none. */
export const meaningOf = (f: Facts): Message => (f.insight ? f.insight.meaningMsg : msg('engine.phrase.notInCatalog', { code: String(f.code) }));
/** A finding's words: its message where it has one, else its English text. */
export const findingText = (findings: Finding[], k: Finding['kind']): MessageValue | undefined => {
  const x = findings.find((y) => y.kind === k);
  return x ? (x.msg ?? x.text) : undefined;
};
/** Sentences one after another ("A. B." in English, no space in Japanese); the absent ones left out. */
export const sentences = (first: Message, ...more: (MessageValue | undefined)[]): Message =>
  more.reduce<Message>((a, b) => (b === undefined || b === '' ? a : msg('engine.phrase.sentences', { a, b })), first);

/** Each condition's reason (its message where it has one), joined with "; ". */
export const reasonsOf = (conditions: readonly ConditionVerdict[]): MessageValue =>
  chain(
    'engine.phrase.semicolon',
    conditions.map((c) => c.reasonMsg ?? c.reason),
  );

const LEVELS = {
  low: 'engine.phrase.riskLevel.low',
  medium: 'engine.phrase.riskLevel.medium',
  high: 'engine.phrase.riskLevel.high',
  hidden: 'engine.phrase.riskLevel.hidden',
  none: 'engine.phrase.riskLevel.none',
} as const satisfies Record<string, MessageKey>;
/** A risk level ("high"), or "risky" when the event does not record one. */
export const riskLevelOf = (level: string | null | undefined): MessageValue =>
  level == null ? msg('engine.phrase.riskLevel.risky') : Object.hasOwn(LEVELS, level) ? msg(LEVELS[level as keyof typeof LEVELS]) : level;
