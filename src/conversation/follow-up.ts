import { appWords } from '../app-words.ts';
import type { Command, Intent } from './command.ts';

/**
 * Follow-ups in a chat: "and yesterday?", "what about alice?", "why?". Pure: the last resolved
 * command (what the route memory kept) and what the new message says → the merged command, a
 * "which one?" question, or help. The routes' follow-up step reads the message and renders.
 */

/** What a conversation remembers of its last answered question: the command's parameters, never what the card showed. */
export type Remembered = Pick<
  Command,
  | 'intent'
  | 'user'
  | 'userText'
  | 'userId'
  | 'userDisplayName'
  | 'app'
  | 'apps'
  | 'appText'
  | 'since'
  | 'until'
  | 'timeText'
  | 'errorCode'
  | 'ip'
  | 'condition'
  | 'policyText'
  | 'policyFilter'
  | 'blockedOnly'
>;

/** Intents whose answer bears a person or a window, so that a follow-up can change either. */
export const REMEMBERED_INTENTS: ReadonlySet<Intent> = new Set([
  'diagnose',
  'list',
  'failures',
  'lockouts',
  'lock-state',
  'flagged',
  'what-if',
  'policies-for',
]);

const KEPT = [
  'intent',
  'user',
  'userText',
  'userId',
  'userDisplayName',
  'app',
  'apps',
  'appText',
  'since',
  'until',
  'timeText',
  'errorCode',
  'ip',
  'condition',
  'policyText',
  'policyFilter',
  'blockedOnly',
] as const satisfies readonly (keyof Remembered)[];

/** The parameters of a command worth remembering (a correlation id names one attempt, and is not carried over). */
export function rememberedOf(c: Command): Remembered {
  const out: Record<string, unknown> = {};
  for (const k of KEPT) if (c[k] !== undefined) out[k] = c[k];
  return out as Remembered;
}

/** How a message reads as a follow-up: "why?" alone, or what is left after a cue ("and", "what about"…), or a short message with no cue. */
export type FollowUpShape = { kind: 'why' } | { kind: 'more'; rest: string; cued: boolean };

const WHY = /^(?:and\s+)?(?:but\s+)?(?:why|how come|why is that|why so|why not|why did (?:that|it) (?:fail|happen))\s*[?!.]*$/i;
const CUE = /^(?:and\s+(?:what|how)\s+about|what\s+about|how\s+about|same\s+(?:thing\s+)?for|and\s+for|and)\b\s*/i;
/** A follow-up is short: longer messages are questions in full. */
const MAX_WORDS = 7;

export function followUpShape(text: string): FollowUpShape | undefined {
  const t = text.trim().replace(/\s+/g, ' ');
  if (!t || t.split(' ').length > MAX_WORDS) return undefined;
  if (WHY.test(t)) return { kind: 'why' };
  const cue = CUE.exec(t);
  return cue ? { kind: 'more', rest: t.slice(cue[0].length), cued: true } : { kind: 'more', rest: t, cued: false };
}

/** Words that carry nothing of their own in a follow-up ("and for alice then?", "what about in outlook"). */
const FILLER = new Set([
  'and',
  'what',
  'how',
  'about',
  'same',
  'for',
  'in',
  'on',
  'the',
  'then',
  'from',
  'over',
  'during',
  'with',
  'to',
  'at',
  'of',
  'please',
  'instead',
  'too',
  'also',
  'now',
  'thing',
  'one',
]);

/** What the rest of a follow-up changes: a person, a window, an app. */
export interface Changes {
  person?: Pick<Command, 'user' | 'userText' | 'userId' | 'userDisplayName' | 'userCandidates'>;
  window?: Pick<Command, 'since' | 'until' | 'timeText'>;
  app?: Pick<Command, 'app' | 'apps' | 'appText'>;
}

/**
 * The rest of a follow-up, as parsed, → what it changes; undefined when words are left that are
 * none of these (a full question, or a stray word: "and dave?" when nobody is called Dave).
 */
export function changesOf(rest: string, said: Command): Changes | undefined {
  let left = ` ${rest.toLowerCase().replace(/\s+/g, ' ')} `;
  for (const typed of [said.timeText, said.userText, said.appText, said.ip]) if (typed) left = left.replace(typed.toLowerCase().replace(/\s+/g, ' '), ' ');
  const words = left.split(/[^\p{L}\p{N}'@.-]+/u).filter((w) => w && !FILLER.has(w.replace(/[.']+$/, '')));
  if (words.some((w) => /[\p{L}\p{N}]/u.test(w))) return undefined;
  const ch: Changes = {};
  if (said.user || said.userCandidates?.length)
    ch.person = pick(said, ['user', 'userText', 'userId', 'userDisplayName', 'userCandidates']) as Changes['person'];
  if (said.since) ch.window = pick(said, ['since', 'until', 'timeText']) as Changes['window'];
  if (said.app) ch.app = pick(said, ['app', 'apps', 'appText']) as Changes['app'];
  return ch.person || ch.window || ch.app ? ch : undefined;
}

/** What a follow-up comes to. */
export type Resolution =
  | { kind: 'command'; command: Command }
  /** "why?" after a list of many people: which one. */
  | { kind: 'which-one'; after: Intent }
  /** A follow-up with nothing to follow (nothing remembered, or it expired), or one whose words could not be read. */
  | { kind: 'help'; why: 'nothing-remembered' | 'not-understood' }
  /** Not a follow-up: the message is answered as it was read. */
  | { kind: 'not-follow-up' };

/** A tenant-wide view asked again about one person becomes that person's view of the same thing. */
const FOR_ONE_PERSON: Partial<Record<Intent, Intent>> = { failures: 'list', lockouts: 'lock-state', flagged: 'list' };

/**
 * The follow-up `shape`, with `said` (the parse of its rest) and the last remembered command.
 * A message without a cue is a follow-up only when something is remembered and it is nothing
 * but a person, a time or an app ("yesterday", "alice"); otherwise it is read as it stands.
 */
export function resolveFollowUp(shape: FollowUpShape, said: Command | undefined, last: Remembered | undefined): Resolution {
  if (shape.kind === 'why') {
    if (!last) return { kind: 'help', why: 'nothing-remembered' };
    if (!last.user) return { kind: 'which-one', after: last.intent };
    return { kind: 'command', command: whyOf(last) };
  }
  const changes = said ? changesOf(shape.rest, said) : undefined;
  if (!shape.cued) return last && changes ? { kind: 'command', command: merge(last, changes) } : { kind: 'not-follow-up' };
  if (!changes) {
    // "and why did bob fail yesterday": a question in full after "and".
    if (said && said.intent !== 'help' && !said.unclear) return { kind: 'not-follow-up' };
    return { kind: 'help', why: last ? 'not-understood' : 'nothing-remembered' };
  }
  return last ? { kind: 'command', command: merge(last, changes) } : { kind: 'help', why: 'nothing-remembered' };
}

/** The last command with the person, window or app the follow-up names instead. */
export function merge(last: Remembered, ch: Changes): Command {
  const base: Command = { ...last, understood: [] };
  let intent = last.intent;
  if (ch.person) {
    for (const k of ['user', 'userText', 'userId', 'userDisplayName', 'userCandidates'] as const) delete base[k];
    Object.assign(base, ch.person);
    intent = FOR_ONE_PERSON[intent] ?? intent;
  }
  if (ch.window) Object.assign(base, ch.window);
  if (ch.app) {
    for (const k of ['app', 'apps', 'appText'] as const) delete base[k];
    Object.assign(base, ch.app);
  }
  return { ...base, intent, understood: understoodOf(ch) };
}

/** "why?" after a person's list (or any answer about one person): diagnose them, in the same window and app. */
function whyOf(last: Remembered): Command {
  const c: Command = { intent: 'diagnose', understood: ['follow-up: why'] };
  for (const k of ['user', 'userText', 'userId', 'userDisplayName', 'app', 'apps', 'appText', 'since', 'until', 'timeText'] as const)
    if (last[k] !== undefined) Object.assign(c, { [k]: last[k] });
  return c;
}

function understoodOf(ch: Changes): string[] {
  const out = ['follow-up'];
  if (ch.person) out.push(`person "${ch.person.userText ?? ch.person.user}"${ch.person.userDisplayName ? ` (${ch.person.userDisplayName})` : ''}`);
  if (ch.window?.timeText) out.push(`time "${ch.window.timeText}"`);
  if (ch.app) out.push(`app ${appWords(ch.app)}`);
  return out;
}

function pick<T extends object, K extends keyof T>(o: T, keys: readonly K[]): Partial<Pick<T, K>> {
  const out: Partial<Pick<T, K>> = {};
  for (const k of keys) if (o[k] !== undefined) out[k] = o[k];
  return out;
}
