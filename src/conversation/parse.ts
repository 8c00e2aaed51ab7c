import type { Command, Intent } from './command.ts';
import { looksLike } from './fuzzy.ts';
import { parseTimeWindow } from './time-window.ts';

/**
 * A chat message → a command. Entities are taken out of the text one kind at a time
 * (ids, addresses, IPs, error codes, the time phrase, the app), the intent is read from
 * the keywords left, and what remains that looks like a name is the person.
 */
export interface ParseContext {
  /** The clock, ISO. */
  now: string;
  /** The asker's IANA time zone (Teams sends it as localTimezone). */
  timeZone?: string;
  /** App display names the tenant knows (service principals, apps seen in the logs). */
  appNames?: readonly string[];
}

/** Everyday names for apps → a display name to look for. */
const APP_ALIASES: Record<string, string[]> = {
  outlook: ['Office 365 Exchange Online', 'Outlook Mobile'],
  'outlook web': ['Office 365 Exchange Online'],
  owa: ['Office 365 Exchange Online'],
  exchange: ['Office 365 Exchange Online'],
  email: ['Office 365 Exchange Online'],
  mail: ['Office 365 Exchange Online'],
  teams: ['Microsoft Teams'],
  sharepoint: ['Office 365 SharePoint Online'],
  onedrive: ['Office 365 SharePoint Online'],
  'office.com': ['OfficeHome'],
  office: ['OfficeHome', 'Microsoft Office'],
  'azure portal': ['Azure Portal'],
  'the portal': ['Azure Portal'],
  portal: ['Azure Portal'],
  powershell: ['Microsoft Azure PowerShell'],
  'company portal': ['Microsoft Intune Company Portal'],
};

const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
const EMAIL = /[\p{L}\p{N}._%+'#-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
const IPV6 = /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b/gi;
const CODE = /\b(?:aadsts\s*:?\s*)?(\d{5,7})\b/gi;

/** The asker speaking of themselves; the answer layer puts their directory id in its place. */
export const SELF_USER = 'me';
const SELF = /\bmy\b|\b(why|what|how|when|where)\s+(did|do|does|can'?t|cannot|couldn'?t|am|was|is)\s+i\b|\b(am|was|can|could)\s+i\b|\bi\s+(can'?t|cannot|couldn'?t|could\s+not|can\s+not|failed|got|am|was|keep)\b/i;

/** Words that carry no name: question words, sign-in talk, fillers. */
const STOP = new Set(
  `a an the to in on at for of from with by into onto about as and or but not no is are was were be been being do does did done doing has have had having
  am why what whats when where who whom whose which how can cant cannot couldnt could would should will wont shall may might must unable able
  sign signs signing signed signin signins sign-in sign-ins login logins logon log logging logged logs in out up off
  fail fails failed failing failure failures error errors problem problems issue issues trouble help helping broken denied blocked block
  show list see display get give find check tell me my our us we you your i it its this that these those there here
  please pls plz thanks thank hey hi hello bot yo ok okay just also still again now
  any anyone anybody someone somebody everyone everybody who all user users person people account accounts access
  attempt attempts activity history events event recent recently last latest diagnose diagnosis why's
  locked lockout lockouts lock unlock app apps application applications using use used via through
  mean means meaning explain explanation code codes aadsts everything anything something details detail info information stuff
  were was being guest guests member external their them they he she him her his hers its look view pull fetch bring
  get gets got getting gotten happen happens happened happening see sees saw seen seeing say says said open opens opened opening
  use uses using try tries tried trying keep keeps kept keeping go goes went going come comes came report reports reported
  complain complains complained call calls called ask asks asked want wants wanted need needs needed page screen message
  ins ons outs whyy wy fial fiald faild failled fale singin sigin sign-on signon loggin logon logons loging lockd
  notifying notified alerting posting again keeps continue continues continuing`.split(/\s+/),
);

const INTENT_WORDS = {
  lockout: ['locked', 'lockout', 'lockouts'],
  flagged: ['flagged', 'flag', 'flags'],
  explain: ['mean', 'means', 'meaning', 'explain', 'explanation', 'define'],
  list: ['show', 'list', 'display', 'see', 'view', 'look', 'pull', 'history', 'activity', 'attempts', 'summary'],
  signins: ['sign-ins', 'signins', 'logins', 'logons', 'attempts', 'activity', 'events', 'history'],
  diagnose: ['why', 'whyy', 'fail', 'fial', 'faild', 'failed', 'failing', 'fails', 'failure', 'cant', 'cannot', 'couldnt', 'unable', 'blocked', 'denied', 'error', 'problem', 'issue', 'trouble', 'diagnose', 'broken', 'stuck', 'happened'],
  notify: ['notify', 'notifying', 'alert', 'alerts', 'alerting', 'subscribe', 'post', 'posting', 'tell', 'ping', 'warn', 'notifications', 'notification'],
  stop: ['stop', 'disable', 'mute', 'cancel', 'quiet', 'silence', 'turn-off'],
  policies: ['policies', 'policy', 'conditional', 'ca'],
  check: ['check', 'review', 'audit', 'analyse', 'analyze', 'inspect', 'scan'],
  help: ['help', 'commands', 'usage', 'examples', 'hello', 'hi', 'hey', 'start'],
};

const foldWord = (w: string) => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

/** Teams markup and HTML out, entities decoded, quotes straightened. */
export function cleanMessage(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

function take(text: string, re: RegExp): { found: RegExpExecArray[]; rest: string } {
  const found = [...text.matchAll(re)] as RegExpExecArray[];
  let rest = text;
  for (const m of found) rest = rest.replace(m[0], ' ');
  return { found, rest };
}

function findApp(text: string, appNames: readonly string[]): { app?: string; rest: string } {
  const lower = text.toLowerCase();
  // Longest known display name first, as a whole phrase.
  const names = [...appNames].sort((a, b) => b.length - a.length);
  for (const name of names) {
    const i = phraseIndex(lower, name.toLowerCase());
    if (i >= 0) return { app: name, rest: text.slice(0, i) + ' ' + text.slice(i + name.length) };
  }
  for (const [alias, targets] of Object.entries(APP_ALIASES).sort((a, b) => b[0].length - a[0].length)) {
    const i = phraseIndex(lower, alias);
    if (i < 0) continue;
    const known = targets.find((t) => appNames.some((n) => n.toLowerCase() === t.toLowerCase())) ?? targets[0]!;
    return { app: known, rest: text.slice(0, i) + ' ' + text.slice(i + alias.length) };
  }
  // One typo in a one-word app name ("salesfroce").
  const words = text.split(/\s+/);
  for (const name of names.filter((n) => !n.includes(' ') && n.length >= 5)) {
    const w = words.find((x) => looksLike(foldWord(x.replace(/[^\p{L}\p{N}.-]/gu, '')), name.toLowerCase()));
    if (w) return { app: name, rest: text.replace(w, ' ') };
  }
  return { rest: text };
}

function phraseIndex(haystack: string, phrase: string): number {
  let from = 0;
  for (;;) {
    const i = haystack.indexOf(phrase, from);
    if (i < 0) return -1;
    const before = i === 0 ? ' ' : haystack[i - 1]!;
    const after = haystack[i + phrase.length] ?? ' ';
    if (!/[\p{L}\p{N}]/u.test(before) && !/[\p{L}\p{N}]/u.test(after)) return i;
    from = i + 1;
  }
}

function has(words: string[], keywords: readonly string[]): boolean {
  return words.some((w) => keywords.some((k) => looksLike(w, k)));
}

const ALL_KEYWORDS = [...new Set(Object.values(INTENT_WORDS).flat())].filter((k) => k.length >= 4);

/** A word that is (or is a typo of) an intent keyword is never part of a name. */
function isKeyword(folded: string): boolean {
  return ALL_KEYWORDS.some((k) => looksLike(folded, k));
}

/**
 * The person: the first run of name-like words left once everything else is taken out.
 * One-letter words ("Ó" in "Tomás Ó Briain") may sit inside a run, not end it.
 */
function findName(text: string): string | undefined {
  const tokens = text.split(/[\s,;:!?()[\]{}"]+/).map((t) => t.replace(/^[.'-]+|[.'-]+$/g, '').replace(/'s$/i, ''));
  const runs: string[][] = [];
  let run: string[] = [];
  const close = () => {
    while (run.length && run[run.length - 1]!.length < 2) run.pop();
    if (run.length) runs.push(run);
    run = [];
  };
  for (const tok of tokens) {
    const f = foldWord(tok);
    const nameLike = /^[\p{L}][\p{L}'’-]*$/u.test(tok) && !STOP.has(f) && !STOP.has(f.replace(/'/g, '')) && !isKeyword(f) && (tok.length >= 2 || run.length > 0);
    if (nameLike) run.push(tok);
    else close();
  }
  close();
  return runs[0]?.slice(0, 4).join(' ');
}

export function parseMessage(raw: string, ctx: ParseContext): Command {
  const text = cleanMessage(raw);
  const understood: string[] = [];
  let rest = text;
  let correlationId: string | undefined;
  let requestId: string | undefined;
  let appId: string | undefined;

  const guids = take(rest, GUID);
  for (const m of guids.found) {
    const before = text.slice(Math.max(0, m.index! - 30), m.index).toLowerCase();
    if (/request/.test(before)) requestId ??= m[0].toLowerCase();
    else if (/\bapp(lication)?\b|client/.test(before)) appId ??= m[0].toLowerCase();
    else if (!correlationId) correlationId = m[0].toLowerCase();
    else requestId ??= m[0].toLowerCase();
  }
  rest = guids.rest.replace(/\b(correlation|request|app(lication)?)\s*(id|ids)?\s*:?/gi, ' ');

  const emails = take(rest, EMAIL);
  let user = emails.found[0]?.[0];
  rest = emails.rest;

  const ips = take(rest, IPV4);
  let ip = ips.found[0]?.[0];
  rest = ips.rest;
  if (!ip) {
    const v6 = take(rest, IPV6);
    ip = v6.found[0]?.[0];
    rest = v6.rest;
  }

  const codes = take(rest, CODE);
  const errorCode = codes.found[0] ? Number(codes.found[0][1]) : undefined;
  rest = codes.rest;

  const time = parseTimeWindow(rest, ctx.now, ctx.timeZone ?? 'UTC');
  if (time) rest = rest.replace(new RegExp(escapeRegExp(time.text), 'i'), ' ').replace(/\b(since|after|between|from|around|about|at|on|during)\s*$/i, ' ');

  const whatIf = /^\s*what\s*-?\s*if\b/i.test(rest);
  const appFound = findApp(rest, ctx.appNames ?? []);
  const app = appId ?? appFound.app;
  rest = appFound.rest;

  const words = rest.toLowerCase().split(/[^\p{L}\p{N}'-]+/u).map((w) => foldWord(w).replace(/'/g, '')).filter(Boolean);
  const condition = whatIf ? conditionOf(rest) : undefined;
  if (!user) user = findName((condition ? rest.replace(condition, ' ') : rest).replace(/\bwhat\s*-?\s*if\b/i, ' '));
  // "why can't I sign in", "show my sign-ins", "am I locked out": the asker (not "tell me" or "help me").
  if (!user && SELF.test(rest)) user = SELF_USER;

  let intent: Intent;
  let unclear = false;
  const lockoutWords = has(words, INTENT_WORDS.lockout) || /\blocked\s+out\b/i.test(rest);
  if (whatIf) intent = 'what-if';
  else if (/\bunsubscribe\b/i.test(rest) || (has(words, INTENT_WORDS.stop) && (lockoutWords || has(words, INTENT_WORDS.notify)))) intent = 'unsubscribe';
  else if (has(words, INTENT_WORDS.notify) && (lockoutWords || /\bsubscribe\b/i.test(rest))) intent = 'subscribe';
  else if (has(words, INTENT_WORDS.check) && has(words, INTENT_WORDS.policies)) intent = 'check-policies';
  else if (has(words, INTENT_WORDS.flagged)) intent = 'flagged';
  else if (errorCode !== undefined && !user && !correlationId && !requestId) intent = 'explain-code';
  else if (lockoutWords && !user) intent = 'lockouts';
  else if (!has(words, INTENT_WORDS.diagnose) && (has(words, INTENT_WORDS.list) || /\bsign-?ins\b|\blog-?ins\b/i.test(text))) intent = 'list';
  else if (correlationId || requestId || user || ip || has(words, INTENT_WORDS.diagnose)) intent = user || correlationId || requestId || ip || app ? 'diagnose' : 'help';
  else if (has(words, INTENT_WORDS.help) || words.length === 0) intent = 'help';
  else {
    intent = 'help';
    unclear = true;
  }
  if (intent === 'help' && has(words, INTENT_WORDS.diagnose)) unclear = true; // "why did it fail" without saying who
  // Intents about the tenant, not one person: a stray name-like word is not a person.
  if (['explain-code', 'check-policies', 'subscribe', 'unsubscribe', 'lockouts', 'flagged', 'help'].includes(intent)) user = undefined;
  // Subscription scope: "when 3 or more people are locked out", "for the Finance group".
  let minUsers: number | undefined;
  let groupName: string | undefined;
  if (intent === 'subscribe') {
    const n = /\b(?:at least|(?:when|if)\s+)?(\d{1,3})\s*(?:\+|or more)\b|\bat least (\d{1,3})\b/i.exec(text);
    if (n) minUsers = Number(n[1] ?? n[2]);
    const g = /\b(?:for|in|of)\s+(?:the\s+)?(.+?)\s+group\b/i.exec(text);
    if (g) groupName = g[1]!.trim();
  }
  if (user) understood.push(user === SELF_USER ? 'you (the person asking)' : `person "${user}"`);
  if (app) understood.push(`app ${app}`);
  if (correlationId) understood.push(`correlation id ${correlationId}`);
  if (requestId) understood.push(`request id ${requestId}`);
  if (errorCode !== undefined) understood.push(`error code ${errorCode}`);
  if (ip) understood.push(`IP address ${ip}`);
  if (time) understood.push(`time "${time.text}"`);

  // Typed, not parsed at run time: the parser builds it, and the hostile-input tests check every
  // output against the Command schema (loading zod here would slow `signin-diag parse`).
  const command: Command = {
    intent,
    ...(user ? { user } : {}),
    ...(app ? { app } : {}),
    ...(correlationId ? { correlationId } : {}),
    ...(requestId ? { requestId } : {}),
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(time ? { since: time.since, until: time.until, timeText: time.text } : {}),
    ...(ip ? { ip } : {}),
    ...(condition ? { condition } : {}),
    ...(minUsers ? { minUsers } : {}),
    ...(groupName ? { groupName } : {}),
    ...(unclear ? { unclear: true } : {}),
    understood,
  };
  return command;
}

/** what-if: the change asked about, after the person and app ("from an unmanaged iPhone"). */
function conditionOf(text: string): string | undefined {
  const m = /\b(from|with|on|using|without|via|if)\b\s+(.+)$/i.exec(text.replace(/^\s*what\s*-?\s*if\s+/i, ''));
  return m ? `${m[1]} ${m[2]}`.replace(/\s+/g, ' ').trim() : undefined;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
