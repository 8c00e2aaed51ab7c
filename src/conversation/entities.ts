import type { PolicyFilter } from './command.ts';
import { looksLike } from './fuzzy.ts';

/**
 * What patterns find in a message, whatever it asks: ids, addresses, IPs, error codes, the
 * app, the kind of policy. The intent is the classifier's; these are not.
 */
export const GUID = /\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/gi;
export const EMAIL = /[\p{L}\p{N}._%+'#-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
export const IPV4 = /\b(?:25[0-5]|2[0-4]\d|1?\d?\d)(?:\.(?:25[0-5]|2[0-4]\d|1?\d?\d)){3}\b/g;
export const IPV6 = /\b(?:[0-9a-f]{1,4}:){2,7}[0-9a-f]{1,4}\b/gi;
export const CODE = /\b(?:aadsts\s*:?\s*)?(\d{5,7})\b/gi;
/** The words that introduce an id ("corr id:", "request ID"), which are no name. */
export const ID_WORDS =
  /\b(?:corr(?:elation)?|req(?:uest)?|trace|tracking|activity|client|app(?:lication)?)\b(?:[\s-]*(?:id|ids)\b)?\s*:?|\b(?:id|ids)\b\s*:?/gi;

/**
 * Everyday names for apps → every app or resource a sign-in by that name may be logged under,
 * as Microsoft names them in the sign-in log (each matched as the app or the resource). The
 * first is the one a single-app question (what-if, policies) asks about: for mail, the
 * resource Conditional Access protects. Outlook signs in as Outlook Mobile on phones, as
 * Microsoft Office (the desktop suite's client) or Microsoft Outlook (the new Outlook) on
 * PCs, as One Outlook Web or Exchange Online itself in a browser; all of them reach Exchange.
 */
const MAIL = ['Office 365 Exchange Online', 'Outlook Mobile', 'Microsoft Outlook', 'One Outlook Web', 'Microsoft Office'];
const APP_ALIASES: Record<string, string[]> = {
  outlook: MAIL,
  email: MAIL,
  mail: MAIL,
  'outlook web': ['Office 365 Exchange Online', 'One Outlook Web'],
  owa: ['Office 365 Exchange Online', 'One Outlook Web'],
  exchange: ['Office 365 Exchange Online'],
  'exchange online': ['Office 365 Exchange Online'],
  teams: ['Microsoft Teams', 'Microsoft Teams Web Client', 'Microsoft Teams Services'],
  sharepoint: ['Office 365 SharePoint Online'],
  onedrive: ['Office 365 SharePoint Online', 'OneDrive', 'OneDrive SyncEngine', 'OneDrive iOS App'],
  'office.com': ['OfficeHome'],
  office: ['OfficeHome', 'Microsoft Office'],
  'office 365': ['OfficeHome', 'Microsoft Office'],
  'microsoft 365': ['OfficeHome', 'Microsoft Office'],
  'azure portal': ['Azure Portal'],
  'the portal': ['Azure Portal'],
  portal: ['Azure Portal'],
  powershell: ['Microsoft Azure PowerShell', 'Microsoft Graph Command Line Tools', 'Microsoft Exchange REST API Based Powershell'],
  'company portal': ['Microsoft Intune Company Portal'],
};
const ALIASES_LONGEST_FIRST = Object.entries(APP_ALIASES).sort((a, b) => b[0].length - a[0].length);

export const foldWord = (w: string): string => w.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();

export interface Found {
  /** Where in the text, and how long. */
  index: number;
  length: number;
}

export interface AppFound extends Found {
  /** The main name (as the tenant spells it): the first of `apps`. */
  app: string;
  /** Every app or resource name the phrase covers: one for a name typed, all an everyday name's the tenant knows. */
  apps: string[];
  /** As typed. */
  typed: string;
}

/** The app named in the text: a display name the tenant knows as a phrase, an everyday name, or one typo in a one-word name. */
export function findApp(text: string, appNames: readonly string[]): AppFound | undefined {
  const lower = text.toLowerCase();
  const names = [...appNames].sort((a, b) => b.length - a.length);
  for (const name of names) {
    const i = phraseIndex(lower, name.toLowerCase());
    if (i >= 0) return { app: name, apps: [name], typed: text.slice(i, i + name.length), index: i, length: name.length };
  }
  for (const [alias, targets] of ALIASES_LONGEST_FIRST) {
    const i = phraseIndex(lower, alias);
    if (i < 0 || isPlace(lower, i, alias)) continue;
    const apps = aliasTargets(targets, appNames);
    return { app: apps[0]!, apps, typed: text.slice(i, i + alias.length), index: i, length: alias.length };
  }
  // One typo in a one-word app name ("salesfroce").
  const oneWord = names.filter((n) => !n.includes(' ') && n.length >= 5);
  if (!oneWord.length) return undefined;
  for (const m of text.matchAll(/[\p{L}\p{N}.-]+/gu)) {
    const w = foldWord(m[0].replace(/^[.-]+|[.-]+$/g, ''));
    const name = oneWord.find((n) => looksLike(w, n.toLowerCase()));
    if (name) return { app: name, apps: [name], typed: m[0], index: m.index, length: m[0].length };
  }
  return undefined;
}

/**
 * An everyday name's targets the tenant knows, spelled as the tenant spells them; all of them
 * when it knows none (no names given, or a tenant whose names were not read): asking for a
 * name no sign-in has costs nothing, and leaving one out would hide its sign-ins.
 */
function aliasTargets(targets: readonly string[], appNames: readonly string[]): string[] {
  const known = targets.flatMap((t) => appNames.find((n) => n.toLowerCase() === t.toLowerCase()) ?? []);
  return known.length ? known : [...targets];
}

/** "the office", "the office network": a place, not Office. */
function isPlace(lower: string, i: number, alias: string): boolean {
  if (alias !== 'office') return false;
  const after = lower.slice(i + alias.length);
  if (/^\s+(?:app|apps|portal|365|online|home|login|sign)/.test(after)) return false;
  return /\bthe\s+$/.test(lower.slice(0, i)) || /^\s+(?:network|wi-?fi|location|vpn|building|ip|lan)\b/.test(after);
}

/** A letter or digit that continues a word; Japanese script does not continue a Latin one. */
const WORDLIKE = /^(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー])[\p{L}\p{N}]$/u;

function phraseIndex(haystack: string, phrase: string): number {
  let from = 0;
  for (;;) {
    const i = haystack.indexOf(phrase, from);
    if (i < 0) return -1;
    const before = i === 0 ? ' ' : haystack[i - 1]!;
    const after = haystack[i + phrase.length] ?? ' ';
    // Japanese runs on without spaces: a kana or kanji beside a name ends it ("teamsにサインイン").
    if (!WORDLIKE.test(before) && !WORDLIKE.test(after)) return i;
    from = i + 1;
  }
}

/** Ids, addresses, IPs and codes as the classifier sees them: their kind, not their value. */
export function maskRegexEntities(text: string): string {
  return text.replace(GUID, ' xxid ').replace(EMAIL, ' xxperson ').replace(IPV4, ' xxip ').replace(IPV6, ' xxip ').replace(CODE, ' xxcode ');
}

/** policies-for: the kind of policy asked about, first match wins (most specific first). */
const POLICY_KINDS: [PolicyFilter, RegExp][] = [
  ['report-only', /\breport[\s-]*only\b|\bonly report\w*\b|\baudit mode\b|\bnot enforced\b|\bwhat-?if mode\b/i],
  ['break-glass', /\bbreak[\s-]*glass\b|\bemergency(?:[\s-]+access)?\b/i],
  ['guests', /\bguests?\b|\bexternal (?:users?|people|accounts?)\b|\bb2b\b|\bcontractors?\b/i],
  ['admins', /\badmins?\b|\badministrators?\b|\bprivileged\b|\bdirectory roles?\b/i],
  ['legacy-auth', /\blegacy(?:[\s-]+auth\w*)?\b|\bbasic auth\w*\b|\bimap\b|\bpop3?\b|\bactivesync\b/i],
  ['risk', /\brisk(?:y)?\b/i],
  ['device', /\bcompliant\b|\bdevices?\b|\bhybrid[\s-]*joined\b|\bintune\b/i],
  ['location', /\blocations?\b|\bcountr(?:y|ies)\b|\bnamed locations?\b|\bip ranges?\b|\bgeo\w*\b/i],
  ['mfa', /\bmfa\b|\bmulti[\s-]*factor\b|\b2fa\b|\btwo[\s-]*factor\b/i],
  ['disabled', /\bdisabled\b|\bturned off\b|\bswitched off\b|\bnot (?:on|enabled|active)\b|\binactive\b|\boff\b/i],
  ['enabled', /\benabled\b|\benforced\b|\bactive\b|\bturned on\b|\blive\b|\bin force\b/i],
];

/** The same kinds in German, French, Spanish and Japanese (Entra's own words in each), tried after English's. */
const edge = (words: string) => new RegExp(String.raw`(?<![\p{L}\p{N}])(?:${words})(?![\p{L}\p{N}])`, 'iu');
const POLICY_KINDS_FOREIGN: [PolicyFilter, RegExp][] = [
  ['report-only', /berichtsmodus|nur[\s-]*bericht|rapport\s+uniquement|mode\s+rapport|solo\s+informe|s[oó]lo[\s-]+informe|レポート専用|レポートのみ/iu],
  ['break-glass', /notfallkont\w*|notfallzugriff|comptes?\s+d['’]\s*urgence|acc[eè]s\s+d['’]\s*urgence|cuentas?\s+de\s+emergencia|緊急アクセス|緊急用/iu],
  ['guests', edge(String.raw`g[äa]ste|g[äa]sten|gastbenutzer\w*|gastkont\w*|invit[ée]e?s?|invitad[ao]s?`)],
  ['guests', /ゲスト|外部ユーザー/u],
  ['admins', edge(String.raw`administrator(?:en)?|administrateurs?|administrador(?:es)?`)],
  ['admins', /管理者/u],
  ['legacy-auth', /legacy[\s-]*auth\w*|authentification\s+h[ée]rit[ée]e|autenticaci[oó]n\s+heredada|レガシー認証|従来の認証/iu],
  ['risk', edge(String.raw`risiko\w*|risque\w*|riesgo\w*`)],
  ['device', edge(String.raw`ger[äa]te?s?|ger[äa]ten|appareils?|dispositivos?`)],
  ['device', /デバイス/u],
  ['mfa', /多要素認証/u],
  ['disabled', edge(String.raw`deaktiviert\w*|d[ée]sactiv[ée]e?s?|deshabilitad[ao]s?|desactivad[ao]s?`)],
  ['disabled', /無効/u],
];

export function policyFilterOf(text: string): PolicyFilter | undefined {
  return POLICY_KINDS.find(([, re]) => re.test(text))?.[0] ?? POLICY_KINDS_FOREIGN.find(([, re]) => re.test(text))?.[0];
}

/** In a question about policies, the words that name a kind of policy ("multi-factor", "administrators"), which are no one's name. */
export function policyKindWords(text: string): Found[] {
  if (
    !/\bpolic(?:y|ies)\b|\bconditional access\b|\bCA\b|richtlinie|strat[ée]gie|directiva|pol[ií]tica|bedingte[rn]?\s+zugriff|acc[eè]s\s+conditionnel|acceso\s+condicional|ポリシー|条件付きアクセス/iu.test(
      text,
    )
  )
    return [];
  return [...POLICY_KINDS.map(([, re]) => new RegExp(re.source, 'gi')), ...POLICY_KINDS_FOREIGN.map(([, re]) => new RegExp(re.source, 'giu'))].flatMap((re) =>
    [...text.matchAll(re)].map((m) => ({ index: m.index, length: m[0].length })),
  );
}

/** A policy the asker names: "CA003", a quoted name, or "blocked by the … policy". */
export function policyTextOf(text: string): string | undefined {
  const ca = /\bCA\s?-?\d{2,4}\b/i.exec(text);
  if (ca) return ca[0];
  const quoted = /["']([^"']{3,80})["']/.exec(text);
  if (quoted && /\bpolic/i.test(text)) return quoted[1]!.trim();
  const named = /\b(?:by|under|from|in|of)\s+the\s+((?:[\p{L}\p{N}-]+\s+){1,4}?)polic(?:y|ies)\b/iu.exec(text);
  return named ? named[1]!.trim() : undefined;
}

/** failures: only what was blocked ("blocked sign-ins", "everything blocked for Salesforce"). */
export function saysBlocked(text: string): boolean {
  return (
    /\bblock(?:ed|s|ing)?\b|\bden(?:y|ies|ied)\b|\brefused\b|\breject(?:s|ed)?\b/i.test(text) ||
    // German, French, Spanish, Japanese: "blockiert", "abgelehnt", "bloquées", "refusées", "bloqueados", "denegados", "ブロック", "拒否".
    /(?<![\p{L}])(?:blockier\w*|abgelehnt\w*|verweigert\w*|bloqu[ée]\w*|refus[ée]\w*|rejet[ée]\w*|bloque\w*|bloqueó|denegad\w*|rechazad\w*)(?![\p{L}])|ブロック|拒否/iu.test(
      text,
    )
  );
}
