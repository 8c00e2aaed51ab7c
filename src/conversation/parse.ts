import type { Command, Intent, PolicyFilter } from './command.ts';
import { appWords } from '../app-words.ts';
import { cleanMessage, stripMail, unpaste } from './clean.ts';
import { CODE, EMAIL, GUID, IPV4, IPV6, findApp, policyFilterOf, policyKindWords, policyTextOf, saysBlocked } from './entities.ts';
import { classify, isCorpusWord, isModelIntent as isIntent, type Classified } from './intents/classifier.ts';
import { languageOf, type Language } from './language.ts';
import { inNameSlot, isStopWordIn, nameRuns, type Token } from './names.ts';
import { candidate, matchPerson, personByAddress, type DirectoryPerson, type PersonMatch } from './people.ts';
import { parseTimeWindow } from './time-window.ts';

export { cleanMessage } from './clean.ts';
export type { DirectoryPerson } from './people.ts';

/**
 * A chat message → a command. Patterns take out what they are sure of (ids, addresses,
 * IPs, error codes, the time phrase, the app), the person is looked up in the directory
 * (or, without one, is the first run of name-like words left), and the classifier reads
 * the intent from the message with each of those replaced by its kind ("why did xxperson
 * fail xxtime"). Below the confidence floor the answer is help that says what was understood.
 */
export interface ParseContext {
  /** The clock, ISO. */
  now: string;
  /** The asker's IANA time zone (Teams sends it as localTimezone). */
  timeZone?: string;
  /** App display names the tenant knows (service principals, apps seen in the logs). */
  appNames?: readonly string[];
  /**
   * The tenant's people. Given (and not empty), a person is only someone in it (by name, UPN,
   * mail or id) or an address; absent, the name as typed where a name goes.
   */
  people?: readonly DirectoryPerson[];
  /**
   * The asker's locale, BCP-47 (Teams sends it as `activity.locale`: `de-DE`, `ja-JP`): picks
   * the intent model and the time words (German, French, Spanish, Japanese; else English).
   */
  locale?: string;
}

/** The asker speaking of themselves; the answer layer puts their directory id in its place. */
export const SELF_USER = 'me';
const SELF_SURE =
  /\b(why|what|how|when|where)\s+(did|do|does|can'?t|cannot|couldn'?t|am|was|is)\s+i\b|\b(am|was|can|could|would|will|should|do|did)\s+i\b|\bi\s+(can'?t|cannot|couldn'?t|could\s+not|can\s+not|failed|got|am|was|keep)\b|\bmy\s+(?:own\s+)?(?:account|sign[\s-]?ins?|log[\s-]?ins?|logons?|password|mfa|access|lockout|attempts?|policies|history|activity)\b|\b(?:if|when|whenever)\s+i\b|\b(?:apply|applies|target|targets|affect|affects|cover|covers)\s+(?:to\s+)?me\b|\b(?:to|for)\s+me\s*[?.!]*$/i;
/** "my" alone may be "my colleague Dave": the asker only when no one else is named. */
const SELF = new RegExp(`\\bmy\\b|${SELF_SURE.source}`, 'i');
/** The asker in the other languages, read only in that language ("me" is English too): "ich kann mich nicht", "je n'arrive pas", "no puedo", "私". */
const SELF_IN: Partial<Record<Language, RegExp>> = {
  de: /(?<![\p{L}])(?:ich|mich|mir|meine?[mnrs]?)(?![\p{L}])/iu,
  fr: /(?<![\p{L}])(?:je|moi|mon|ma|mes|me)(?![\p{L}])|(?<![\p{L}])[jm]['’]/iu,
  es: /(?<![\p{L}])(?:yo|puedo|pude|mis?|me|estoy|sigo|tengo|entro|inicio\s+sesi[oó]n)(?![\p{L}])/iu,
  ja: /私|わたし|自分|僕|俺/u,
};
/**
 * Below the floor in the asker's language, English's model is asked too: an English question in
 * a German chat ("why did bob fail") is read as English when English is sure of it.
 */
function classifyIn(masked: string, lang: Language): Classified {
  const own = classify(masked, lang);
  if (lang === 'en' || (own.intent !== 'None' && own.score >= CONFIDENCE_FLOOR)) return own;
  const english = classify(masked, 'en');
  return english.intent !== 'None' && english.score >= CONFIDENCE_FLOOR ? english : own;
}

/** Below this the classifier's best guess is not acted on: help, with the likely intents. */
export const CONFIDENCE_FLOOR = 0.55;
/** Intents about the tenant, not one person: a name in them is not looked up. */
const TENANT_WIDE: ReadonlySet<Intent> = new Set([
  'explain-code',
  'check-policies',
  'subscribe',
  'unsubscribe',
  'lockouts',
  'flagged',
  'help',
  'failures',
  'incidents',
  'weekly-summary',
]);
/**
 * A language named for a channel's alerts ("in German", "auf Englisch", "en français", "en japonés",
 * "英語で"): taken out before names, so "German" is not a person, and carried as typed;
 * i18n's `languageNamedIn` says which locale it names (the conversation imports no i18n).
 */
const LANGUAGE_PHRASE =
  /(?<![\p{L}])(?:in|auf|en)\s+(?:english|englisch|anglais|ingl[ée]s|german|deutsch|allemand|alem[áa]n|french|franz[öo]sisch|fran[çc]ais|franc[ée]s|spanish|spanisch|espagnol|espa[ñn]ol|castellano|japanese|japanisch|japonais|japon[ée]s)(?![\p{L}])|(?:英語|ドイツ語|フランス語|スペイン語|日本語)で?/iu;

/** What-if words: the change asked about is read before names, so "from Brazil" is not a person. */
const HYPOTHETICAL =
  /^\s*what\s*-?\s*if\b|^\s*(?:would|could)\b|\bwould\b.*\bif\b|\bif\s+(?:he|she|they|someone|somebody|i)\b|\bwhat (?:happens|would happen) if\b|\bsuppose\b|\bsimulat\w*|\bhypothetical(?:ly)?\b/i;

/**
 * Words that end alerts. Subscribing and unsubscribing change what a channel gets, so the
 * classifier's word is not enough: "subscribe" with one of these, or "unsubscribe" without,
 * is asked about (help with both suggested) rather than done.
 */
const STOP_CUE =
  /\b(?:stop|unsubscribe|disable|mute|cancel|quiet|silence|pause|end|enough|kill|deactivate|remove|no more|no longer|any ?more|don'?t want|do not want|(?:turn|switch)(?:ed)?(?:\s+[\w-]+){0,3}\s+off|take(?:\s+[\w-]+){0,3}\s+off|opt(?:\s+[\w-]+){0,2}\s+out)\b/i;
/** The same in German, French, Spanish and Japanese ("abbestellen", "ne plus", "deja de", "通知を停止"). */
const STOP_CUE_FOREIGN = new RegExp(
  [
    String.raw`(?<![\p{L}])(?:stopp?e?n?|abbestell\w*|abbestellen|deaktivier\w*|aus(?:schalten|stellen)?|hör\w*\s+auf|hor\w*\s+auf|beende\w*|kündig\w*|kundig\w*|stumm\w*|pausier\w*|schluss|weg|abmelden|abo\s+beenden)(?![\p{L}])`,
    String.raw`(?<![\p{L}])(?:keine?\w*(?:\s+\p{L}+)?\s+mehr|nicht\s+mehr)(?![\p{L}])`,
    String.raw`(?<![\p{L}])(?:arr[eê]t\w*|d[ée]sabonn\w*|d[ée]sinscri\w*|d[ée]sactiv\w*|coupe\w*|annule\w*|supprime\w*|pause|sourdine|silence|plus\s+de)(?![\p{L}])|(?<![\p{L}])plus\s+d['’]|(?<![\p{L}])(?:ne|n['’])(?:\s*\p{L}+){1,3}\s+plus(?![\p{L}])`,
    String.raw`^\s*para\s+(?:las?|los|el)(?![\p{L}])|(?<![\p{L}])no\s+\p{L}+\s+m[aá]s(?![\p{L}])`,
    String.raw`(?<![\p{L}])(?:dej[ae]\w*\s+de|para\s+de|det[ée]n\w*|desactiv\w*|cancel\w*|anul\w*|no\s+m[aá]s|ya\s+no|silenci\w*|paus\w*|apag\w*|(?:dar(?:me|nos)?|da(?:me|nos)?)\s+de\s+baja|baja|desuscrib\w*|quita\w*)(?![\p{L}])`,
    String.raw`停止|やめ|止め|解除|オフ|いらない|不要|キャンセル|無効|ミュート|しないで|切って|外して`,
  ].join('|'),
  'iu',
);
const GROUP = /\b(?:the\s+)?(?:[\p{L}\p{N}&'-]+\s+){1,3}group\b/giu;

/** The message with what was found blanked out (same length, so places stay put) and each found part's placeholder. */
class Scan {
  rest: string;
  private readonly spans: { start: number; end: number; placeholder: string }[] = [];
  constructor(readonly text: string) {
    this.rest = text;
  }
  take(start: number, length: number, placeholder?: string): void {
    if (start < 0 || length <= 0) return;
    this.rest = this.rest.slice(0, start) + ' '.repeat(length) + this.rest.slice(start + length);
    if (placeholder) this.spans.push({ start, end: start + length, placeholder });
  }
  takeAll(re: RegExp, placeholder: string): RegExpExecArray[] {
    const found = [...this.rest.matchAll(re)] as RegExpExecArray[];
    for (const m of found) this.take(m.index, m[0].length, placeholder);
    return found;
  }
  /** What the classifier reads: the text with each found part replaced by its kind. */
  masked(): string {
    let out = '';
    let from = 0;
    for (const s of [...this.spans].sort((a, b) => a.start - b.start)) {
      if (s.start < from) continue;
      out += this.text.slice(from, s.start) + ` ${s.placeholder} `;
      from = s.end;
    }
    return (out + this.text.slice(from)).replace(/\s+/g, ' ').trim().toLowerCase();
  }
}

export function parseMessage(raw: string, ctx: ParseContext): Command {
  const lang = languageOf(ctx.locale);
  const pasted = unpaste(cleanMessage(raw), raw);
  const text = stripMail(pasted.text);
  const scan = new Scan(text);
  // An empty directory (a folder without users.json) cannot say who is nobody: names are read as without one.
  const people = ctx.people?.length ? ctx.people : undefined;

  let correlationId: string | undefined;
  let requestId: string | undefined;
  let appId: string | undefined;
  let byId: DirectoryPerson | undefined;
  let byIdText: string | undefined;
  for (const m of [...text.matchAll(GUID)]) {
    const id = m[0].toLowerCase();
    const before = text.slice(Math.max(0, m.index - 30), m.index).toLowerCase();
    const person = people && !byId ? personByAddress(id, people) : undefined;
    if (person) {
      byId = person;
      byIdText = m[0];
    } else if (/request|\breq\b/.test(before)) requestId ??= id;
    else if (/\bapp(lication)?\b|client/.test(before)) appId ??= id;
    else if (!correlationId) correlationId = id;
    else requestId ??= id;
    scan.take(m.index, m[0].length, person ? 'xxperson' : 'xxid');
  }

  const email = scan.takeAll(EMAIL, 'xxperson')[0]?.[0];
  let ip = scan.takeAll(IPV4, 'xxip')[0]?.[0];
  if (!ip) ip = scan.takeAll(IPV6, 'xxip')[0]?.[0];
  const code = scan.takeAll(CODE, 'xxcode')[0];
  const errorCode = code ? Number(code[1]) : undefined;

  const time = parseTimeWindow(scan.rest, { now: ctx.now, timeZone: ctx.timeZone ?? 'UTC', ...(ctx.locale ? { locale: ctx.locale } : {}) });
  if (time) {
    scan.take(scan.rest.toLowerCase().indexOf(time.text.toLowerCase()), time.text.length, 'xxtime');
    const dangling = /\b(since|after|between|from|around|about|at|on|during)\s*$/i.exec(scan.rest);
    if (dangling) scan.take(dangling.index, dangling[1]!.length);
  }

  const appFound = findApp(scan.rest, ctx.appNames ?? []);
  if (appFound) scan.take(appFound.index, appFound.length, 'xxapp');
  const app = appId ?? appFound?.app;
  const apps = appId ? [appId] : appFound?.apps;
  const appText = appId ?? appFound?.typed;

  const languageFound = LANGUAGE_PHRASE.exec(scan.rest);
  if (languageFound) scan.take(languageFound.index, languageFound[0].length);

  // The change a what-if asks about is no name ("from Brazil").
  const hypothetical = lang === 'en' ? HYPOTHETICAL.test(scan.rest) : HYPOTHETICAL_FOREIGN.test(scan.rest);
  const condition = hypothetical ? (lang === 'en' ? conditionOf(scan.rest) : foreignConditionOf(scan.rest, lang)) : undefined;
  // Nor are a group ("the HR group") or, in a question about policies, a kind of policy ("administrators").
  let nameText = (condition ? scan.rest.replace(condition.change, (c) => ' '.repeat(c.length)) : scan.rest).replace(GROUP, (g) => ' '.repeat(g.length));
  for (const w of policyKindWords(nameText)) nameText = nameText.slice(0, w.index) + ' '.repeat(w.length) + nameText.slice(w.index + w.length);
  nameText = nameText.replace(/\bwhat\s*-?\s*if\b/i, (w) => ' '.repeat(w.length));
  // Words the corpus asks with are no name, unless the directory has someone called that ("why did mark fail").
  const runs = nameRuns(nameText, (w) => isCorpusWord(w, lang) || isStopWordIn(w, lang));

  // The person: an address or id, else a directory match, else the first run of name-like words
  // (without a directory, the person; with one, a name it does not know). Pasted code has no names.
  let match: PersonMatch | undefined;
  let typedName: Token[] | undefined;
  if (!email && !byId) {
    if (people) match = matchPerson(runs, people) ?? matchPerson(nameRuns(nameText), people, true);
    typedName = match ? match.tokens : pasted.codeLike ? undefined : runs.find((r) => inNameSlot(nameText, r));
    if (typedName) scan.take(typedName[0]!.start, typedName[typedName.length - 1]!.end - typedName[0]!.start, 'xxperson');
  }
  const unnamed = !email && !byId && !match;
  const selfIn = SELF_IN[lang];
  const saysSelf = (sure: boolean) => (sure ? SELF_SURE : SELF).test(scan.rest) || (!!selfIn && selfIn.test(scan.rest));
  const self = unnamed && (people ? saysSelf(true) || (!runs.length && saysSelf(false)) : !typedName && saysSelf(false));

  const masked = scan.masked();
  const classified = classifyIn(masked, lang);
  // A name the directory does not know, and nothing else ("dave", "asdf qwerty banana"): not a question about anyone.
  const onlyUnknownName = !!people && !!typedName && !match && !/\p{L}/u.test(masked.replace(/\bxx(?:person|app|time|code|id|ip)\b/g, ''));
  // A person and nothing else ("bob", a pasted address): the helpdesk means "why did they fail", whatever the model's score.
  // Without a directory to check against (Graph with no user list) a name-like word counts; with one, only a name it knows.
  const onlyKnownName = (!!match || !!email || (!people && !!typedName)) && !/\p{L}/u.test(masked.replace(/\bxx(?:person|app|time|code|id|ip)\b/g, ''));
  const ranked = classified.ranked.filter((r): r is { intent: Intent; score: number } => isIntent(r.intent));
  const confidence = Math.round(classified.score * 1000) / 1000;
  let intent: Intent;
  let unclear = false;
  let suggestions: Intent[] = [];
  const known = classified.intent !== 'None' && classified.score >= CONFIDENCE_FLOOR && isIntent(classified.intent) && !onlyUnknownName;
  if (!/[\p{L}\p{N}]/u.test(text)) intent = 'help';
  else if (onlyKnownName && !pasted.codeLike) intent = 'diagnose';
  else if (known && !pasted.codeLike) intent = classified.intent as Intent;
  else {
    intent = 'help';
    unclear = true;
    // Pasted code, a query or a link is not acted on, whatever its words resemble: help, with the guesses.
    suggestions = ranked.filter((r) => r.score >= 0.1 && r.intent !== 'help').map((r) => r.intent);
  }

  // The person as the command carries it.
  const person: Pick<Command, 'user' | 'userText' | 'userId' | 'userDisplayName' | 'userCandidates'> = {};
  const typed = typedName ? text.slice(typedName[0]!.start, typedName[typedName.length - 1]!.end) : undefined;
  const addressed = email ? (people ? personByAddress(email, people) : undefined) : byId;
  if (email || byId) {
    Object.assign(person, { user: email ?? byId!.userPrincipalName ?? byId!.id, userText: email ?? byIdText, ...(addressed ? sure(addressed) : {}) });
  } else if (match?.kind === 'one') Object.assign(person, { user: match.person.userPrincipalName ?? match.person.id, userText: typed, ...sure(match.person) });
  else if (match?.kind === 'many') Object.assign(person, { user: typed, userText: typed, userCandidates: match.people.map(candidate) });
  else if (match?.kind === 'near') Object.assign(person, { userText: typed, userCandidates: match.people.map(candidate) });
  else if (self) person.user = SELF_USER;
  else if (people && typed && known) Object.assign(person, { userText: typed, userCandidates: [] });
  else if (typed && !people) person.user = typed;
  const named = !!(person.user || person.userText);

  const subject = named || !!(correlationId || requestId || ip || app);
  ({ intent, unclear, suggestions } = settle({ intent, unclear, suggestions }, { named, self, subject, errorCode, directory: !!people, text }));
  if (TENANT_WIDE.has(intent)) for (const k of Object.keys(person) as (keyof typeof person)[]) delete person[k];
  if (intent === 'help' && person.userText && !person.user && !person.userCandidates?.length) delete person.userText;

  let minUsers: number | undefined;
  let groupName: string | undefined;
  if (intent === 'subscribe') {
    const n = /\b(?:at least|(?:when|if)\s+)?(\d{1,3})\s*(?:\+|or more)\b|\bat least (\d{1,3})\b/i.exec(text);
    if (n) minUsers = Number(n[1] ?? n[2]);
    const g = /\b(?:for|in|of)\s+(?:the\s+)?(.+?)\s+group\b/i.exec(text);
    if (g) groupName = g[1]!.trim();
  }
  const alertKind = intent === 'subscribe' || intent === 'unsubscribe' ? alertKindOf(text) : undefined;
  const languageText = intent === 'subscribe' ? languageFound?.[0] : undefined;
  const whatIfCondition =
    intent === 'what-if' ? (condition ?? (lang === 'en' ? conditionOf(scan.rest) : foreignConditionOf(scan.rest, lang, true)))?.text : undefined;
  const blockedOnly = (intent === 'failures' || intent === 'list') && saysBlocked(text) ? true : undefined;
  const policyFilter: PolicyFilter | undefined = intent === 'policies-for' ? policyFilterOf(scan.rest) : undefined;
  const policyText = intent === 'failures' || intent === 'policies-for' ? policyTextOf(text) : undefined;

  // "Who is locked out right now / currently / at the moment": the locks still in force, not the last 15 minutes' lockouts.
  const isPresent = (t: string) => PRESENT.test(t) || PRESENT_FOREIGN.test(t);
  const present = (intent === 'lockouts' || intent === 'lock-state') && isPresent(text) && (!time || isPresent(time.text)) ? true : undefined;

  // The time words as typed, with the gaps left where other entities were taken out closed ("from 1.2.3.4 this week").
  // "sign in this week" lends the time its "in": "failed … this week" is how it is said back, as is "in the last 2 hours".
  const timeText = time?.text.replace(/\s+/g, ' ').replace(/^in\s+(?=(?:this|today|yesterday|last\s+(?:week|month|weekend))\b)/i, '');
  const understood = understoodOf(
    { ...person, app, apps, appText, correlationId, requestId, errorCode, ip, timeText, policyText, policyFilter, blockedOnly },
    !!people,
  );

  // Typed, not parsed at run time: the parser builds it, and the hostile-input tests check every
  // output against the Command schema (loading zod here would slow `signin-diag parse`).
  return {
    intent,
    ...(/[\p{L}\p{N}]/u.test(text) ? { confidence } : {}),
    ...person,
    ...(app ? { app, apps, appText } : {}),
    ...(correlationId ? { correlationId } : {}),
    ...(requestId ? { requestId } : {}),
    ...(errorCode !== undefined ? { errorCode } : {}),
    ...(time ? { since: time.since, until: time.until, timeText } : {}),
    ...(ip ? { ip } : {}),
    ...(whatIfCondition ? { condition: whatIfCondition } : {}),
    ...(minUsers ? { minUsers } : {}),
    ...(groupName ? { groupName } : {}),
    ...(alertKind ? { alertKind } : {}),
    ...(languageText ? { languageText } : {}),
    ...(blockedOnly ? { blockedOnly } : {}),
    ...(policyText ? { policyText } : {}),
    ...(policyFilter ? { policyFilter } : {}),
    ...(present ? { present } : {}),
    ...(unclear ? { unclear: true, ...(suggestions.length ? { suggestions: suggestions.slice(0, 3) } : {}) } : {}),
    understood,
  };
}

/** Words of an incident question: many people, a shared cause, something down. */
const SHARED_CUE =
  /\b(?:outages?|incidents?|many|lots|everyone|everybody|anyone|anybody|nobody|no\s+one|people|users|widespread|pattern|shared|wrong|broken|down|problems?|issues?|attack|spray|pta|pass[\s-]?through|policy|several|mass|going\s+on|causing|affect\w*)\b/i;

/**
 * The same in German, French, Spanish and Japanese: outages, failures and incidents, many people
 * ("alle", "tout le monde", "nadie", "全員"), something broken or down, an attack, a policy. German
 * runs words together ("Anmeldestörung", "richtlinienänderung"): those stems are matched inside words.
 */
const SHARED_CUE_FOREIGN = new RegExp(
  [
    String.raw`st[oö]rung|ausf[aä]ll|ausgefallen|vorf[aä]ll|massenhaft|problem|richtlinie|angriff|angegriffen|betroffen|betrifft|kaputt|ursache|verursach`,
    String.raw`(?<![\p{L}])(?:viele|alle|allen|jeder|jedem|niemand|keiner|leute|benutzer|user|nutzer|mitarbeiter|mehrere|gemeinsame?|down|pta|passthrough|los|schief|stimmt(?:\s+\p{L}+){1,2}\s+nicht|bedingten\s+zugriff)(?![\p{L}])`,
    String.raw`panne|incident|interruption|probl[eè]me|souci|attaqu|pulv[eé]ris|strat[eé]gie|cass[eé]|touch[eé]|affect[eé]|impact|massi|g[eé]n[eé]ral|provoqu`,
    String.raw`(?<![\p{L}])(?:tous|tout\s+le\s+monde|personne|beaucoup|plein|autant|tant|gens|utilisateurs|plusieurs|hs|se\s+passe|cloche|ne\s+va\s+pas|en\s+masse|cause|acc[eè]s\s+conditionnel|authentification\s+directe)(?![\p{L}])`,
    String.raw`ca[ií]d[ao]s?|cay[oó]|incidencia|interrupci[oó]n|problema|atac|masiv|afectad|directiva|pol[ií]tica`,
    String.raw`(?<![\p{L}])(?:todos|todas|todo\s+el\s+mundo|nadie|mucha|muchos|muchas|tanta|tantos|tantas|gente|usuarios|varios|varias|general|roto|rota|rompi[oó]|causa|pasa|pasando|mal|paso\s+a\s+trav[eé]s)(?![\p{L}])`,
    String.raw`障害|インシデント|全員|みんな|皆|誰も|多く|多い|大勢|たくさん|複数|大量|一斉|おかし|問題|不具合|落ち|ダウン|攻撃|スプレー|パススルー|ポリシー|条件付きアクセス|共通|影響|広範囲|何が起き|どうなって|壊れ|だめ`,
  ].join('|'),
  'iu',
);

/** Outage and incident alerts in German, French, Spanish and Japanese, inside compounds too ("Störungsmeldungen", "障害通知"). */
const INCIDENT_ALERT_FOREIGN = /st[oö]rung|ausf[aä]ll|vorf[aä]ll|incident|panne|interruption|ca[ií]da|incidencia|interrupci[oó]n|障害|インシデント/iu;
/** Lockout alerts in the same ("Sperrwarnungen", "ausgesperrt", "verrouillage", "bloqueos", "ロックアウト"). */
const LOCKOUT_ALERT_FOREIGN = /sperr|verrouill|bloque|ロック/iu;

/** Which alerts a subscribe or unsubscribe is about: outages and incidents, or lockouts (and sprays); undefined when it does not say. */
function alertKindOf(text: string): Command['alertKind'] {
  if (/\b(?:outages?|incidents?|(?:service\s+)?disruptions?|down\s?time|something\s+(?:is\s+)?(?:wrong|broken)|mass\s+failures?)\b/i.test(text))
    return 'incidents';
  if (INCIDENT_ALERT_FOREIGN.test(text)) return 'incidents';
  if (/\block(?:ed)?[\s-]?outs?\b|\blocked\b|\bsprays?\b/i.test(text) || LOCKOUT_ALERT_FOREIGN.test(text)) return 'lockouts';
  return undefined;
}

/** Words that ask about the present moment rather than a stretch of time. */
const PRESENT = /\b(?:right\s+now|just\s+now|now|currently|at\s+(?:the|this)\s+moment|at\s+present|as\s+we\s+speak|still)\b/i;
/** The same in German, French, Spanish and Japanese ("gerade", "en ce moment", "ahora mismo", "今"). */
const PRESENT_FOREIGN =
  /(?<![\p{L}])(?:jetzt|gerade|aktuell|momentan|im\s+moment|noch|en\s+ce\s+moment|actuellement|maintenant|toujours|encore|ahora(?:\s+mismo)?|actualmente|en\s+este\s+momento|todav[ií]a|sigue)(?![\p{L}])|今|現在|いま|まだ/iu;

interface Reading {
  intent: Intent;
  unclear: boolean;
  suggestions: Intent[];
}

/**
 * What each intent needs, and what it must not be mistaken for; short of it, help that says
 * what was missing, with the likely intents.
 */
function settle(r: Reading, has: { named: boolean; self: boolean; subject: boolean; errorCode?: number; directory: boolean; text: string }): Reading {
  const ask = (...suggestions: Intent[]): Reading => ({ intent: 'help', unclear: true, suggestions });
  if (r.intent === 'explain-code' && has.errorCode === undefined) return ask('explain-code');
  // "why did it fail": nobody and nothing named. "why did 50126 happen": the code.
  if (r.intent === 'diagnose' && !has.subject)
    return has.errorCode !== undefined ? { ...r, intent: 'explain-code' } : ask('diagnose', ...r.suggestions.filter((s) => s !== 'diagnose'));
  const stopping = STOP_CUE.test(has.text) || STOP_CUE_FOREIGN.test(has.text);
  if ((r.intent === 'subscribe' && stopping) || (r.intent === 'unsubscribe' && !stopping)) return ask('unsubscribe', 'subscribe');
  if (r.intent === 'lock-state' && !has.named) return ask('lock-state', 'lockouts');
  // Incidents are about many people or a shared cause: without a word of it ("why did it fail", a pasted email) it is not asked.
  if (r.intent === 'incidents' && !SHARED_CUE.test(has.text) && !SHARED_CUE_FOREIGN.test(has.text)) return ask('diagnose', 'incidents');
  // One person's failures are their sign-ins; without a directory a name in a tenant-wide question may be a stray word, and is dropped.
  if (r.intent === 'failures' && (has.self || (has.directory && has.named))) return { ...r, intent: 'list' };
  return r;
}

/** "I understood: …", one part a thing recognised. */
function understoodOf(
  c: Pick<
    Command,
    | 'user'
    | 'userText'
    | 'userDisplayName'
    | 'userCandidates'
    | 'app'
    | 'apps'
    | 'appText'
    | 'correlationId'
    | 'requestId'
    | 'errorCode'
    | 'ip'
    | 'timeText'
    | 'policyText'
    | 'policyFilter'
    | 'blockedOnly'
  >,
  directory: boolean,
): string[] {
  const out: string[] = [];
  if (c.user === SELF_USER) out.push('you (the person asking)');
  else if (c.user || c.userText) out.push(personWords(c, directory));
  if (c.app) out.push(`app ${appWords(c)}`);
  if (c.correlationId) out.push(`correlation id ${c.correlationId}`);
  if (c.requestId) out.push(`request id ${c.requestId}`);
  if (c.errorCode !== undefined) out.push(`error code ${c.errorCode}`);
  if (c.ip) out.push(`IP address ${c.ip}`);
  if (c.timeText) out.push(`time "${c.timeText}"`);
  if (c.policyText) out.push(`policy "${c.policyText}"`);
  if (c.policyFilter) out.push(`${c.policyFilter} policies`);
  if (c.blockedOnly) out.push('blocked sign-ins only');
  return out;
}

function sure(p: DirectoryPerson): Pick<Command, 'userId' | 'userDisplayName'> {
  return { userId: p.id, ...(p.displayName ? { userDisplayName: p.displayName } : {}) };
}

/** How the person reads back in "I understood …". */
function personWords(p: Pick<Command, 'user' | 'userText' | 'userDisplayName' | 'userCandidates'>, directory: boolean): string {
  const typed = p.userText ?? p.user;
  if (!directory) return `person "${typed}"`;
  if (p.userDisplayName) return `person "${typed}" (${p.userDisplayName})`;
  const names = (p.userCandidates ?? []).map((c) => c.displayName ?? c.userPrincipalName ?? c.id);
  if (p.user && names.length) return `person "${typed}" (${names.length} people: ${names.join(', ')})`;
  if (names.length) return `person "${typed}"? (did you mean ${names.join(' or ')}?)`;
  if (p.user) return `person "${typed}"`;
  return `"${typed}", who is nobody in the directory`;
}

/** The words that open a what-if ("what would happen if"), after which the person comes. */
const WHAT_IF_OPENING = /^\s*(?:what\s*-?\s*if|what (?:happens|would happen) if|suppose|hypothetically,?|simulate)\s+/i;

/** The words that open a what-if in German, French, Spanish and Japanese ("was wäre, wenn", "et si", "qué pasaría si", "〜たらどうなる"). */
const HYPOTHETICAL_FOREIGN =
  /^\s*(?:was\s+w[äa]re|was\s+passiert|was\s+w[üu]rde\s+passieren|angenommen|et\s+si|que\s+se\s+passerait|qu['’]arriverait|y\s+si|(?:y\s+)?qu[ée]\s+pasar[íi]a|qu[ée]\s+pasa\s+si|supongamos)(?![\p{L}])|(?:たら|れば)(?:\s*(?:どうなる|どうなります|どう))|もし/iu;
const WHAT_IF_OPENING_FOREIGN =
  /^\s*(?:was\s+w[äa]re,?\s+wenn|was\s+passiert,?\s+wenn|was\s+w[üu]rde\s+passieren,?\s+wenn|angenommen,?|et\s+si|que\s+se\s+passerait-il\s+si|qu['’]arriverait-il\s+si|(?:y\s+)?qu[ée]\s+pasar[íi]a\s+si|qu[ée]\s+pasa\s+si|y\s+si|supongamos\s+que|もし)\s*|\s*(?:どうなる|どうなります)\s*[?？]?\s*$/giu;
/** Where the change starts: a preposition ("von einem iPhone", "depuis le Brésil", "desde casa"); in Japanese, after the person's particle. */
const CHANGE_START: Record<Exclude<Language, 'en'>, RegExp> = {
  de: /(?<![\p{L}])(?:von|vom|aus|mit|ohne|über|auf|am|im)\s+.+$/iu,
  fr: /(?<![\p{L}])(?:depuis|avec|sans|sur|via|en\s+utilisant|à\s+partir)\s+.+$/iu,
  es: /(?<![\p{L}])(?:desde|con|sin|en|mediante|usando)\s+.+$/iu,
  ja: /(?<=[がは]\s*).+$/u,
};

/**
 * what-if in another language: the change from its preposition on (the person comes before it);
 * `whole`, once the person is taken out: the rest of the message without the opening words, when no preposition says where the change starts
 * ("et si grady utilisait un appareil conforme"). `what-if-condition.ts` reads the change in every language.
 */
function foreignConditionOf(text: string, lang: Exclude<Language, 'en'>, whole = false): { text: string; change: string } | undefined {
  const t = text.replace(WHAT_IF_OPENING_FOREIGN, (w) => ' '.repeat(w.length));
  const m = CHANGE_START[lang].exec(t);
  const change = m?.[0] ?? (whole ? t : '');
  const words = change.replace(/\s+/g, ' ').trim();
  return words ? { text: words, change: m?.[0] ?? '' } : undefined;
}

/**
 * what-if: the change asked about, after the person and app ("from an unmanaged iPhone",
 * "if he signed in from Brazil"), and its part that names no one (from "from", "with"…: an
 * "if" clause may hold the person, "if victor used chrome").
 */
function conditionOf(text: string): { text: string; change: string } | undefined {
  const t = text.replace(WHAT_IF_OPENING, (w) => ' '.repeat(w.length));
  const m = /\b(from|with|on|using|without|via|if)\b\s+(.+)$/i.exec(t);
  if (!m) return undefined;
  const change = m[1]!.toLowerCase() === 'if' ? (/\b(?:from|with|on|using|without|via)\b\s+.+$/i.exec(m[0])?.[0] ?? '') : m[0];
  return { text: `${m[1]} ${m[2]}`.replace(/\s+/g, ' ').trim(), change };
}
