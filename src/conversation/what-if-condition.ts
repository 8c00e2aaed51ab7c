/**
 * The change a what-if asks about, read from words: "from an unmanaged iPhone", "on a
 * compliant device", "from the office network", "from Brazil", "with MFA", "in a browser".
 * Whatever is not mentioned stays as it was in the sign-in it starts from.
 */
export interface WhatIfChange {
  platform?: 'iOS' | 'android' | 'windows' | 'macOS' | 'linux';
  device?: 'unmanaged' | 'compliant' | 'hybrid' | 'registered';
  network?: 'trusted' | 'untrusted';
  country?: string;
  client?: 'browser' | 'mobileAppsAndDesktopClients' | 'exchangeActiveSync' | 'other';
  mfa?: boolean;
  risk?: 'none' | 'low' | 'medium' | 'high';
  /** What was read, in words, to show back. */
  understood: string[];
}

const COUNTRIES: Record<string, string> = {
  'united states': 'US',
  usa: 'US',
  'the us': 'US',
  america: 'US',
  canada: 'CA',
  mexico: 'MX',
  brazil: 'BR',
  argentina: 'AR',
  'united kingdom': 'GB',
  uk: 'GB',
  england: 'GB',
  ireland: 'IE',
  france: 'FR',
  germany: 'DE',
  netherlands: 'NL',
  belgium: 'BE',
  spain: 'ES',
  portugal: 'PT',
  italy: 'IT',
  switzerland: 'CH',
  austria: 'AT',
  poland: 'PL',
  sweden: 'SE',
  norway: 'NO',
  denmark: 'DK',
  finland: 'FI',
  russia: 'RU',
  ukraine: 'UA',
  turkey: 'TR',
  india: 'IN',
  china: 'CN',
  japan: 'JP',
  korea: 'KR',
  'south korea': 'KR',
  'north korea': 'KP',
  singapore: 'SG',
  australia: 'AU',
  'new zealand': 'NZ',
  'south africa': 'ZA',
  nigeria: 'NG',
  egypt: 'EG',
  israel: 'IL',
  iran: 'IR',
  'united arab emirates': 'AE',
  uae: 'AE',
  vietnam: 'VN',
  philippines: 'PH',
  indonesia: 'ID',
};

/** Display names come from ICU (bundled with Node), not from the aliases above ("america" is not a name to show). */
const REGION_NAMES = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'code' });

export function countryName(code: string): string {
  try {
    return REGION_NAMES.of(code.toUpperCase()) ?? code.toUpperCase();
  } catch {
    return code.toUpperCase();
  }
}

/**
 * The same changes in German, French, Spanish and Japanese, as an identity admin of each asks
 * them, with Entra's own words (konformes Gerät, appareil conforme, dispositivo compatible,
 * 準拠デバイス; in Microsoft Entra Hybrid eingebunden…). Read after the English, and only where
 * the English found nothing; a negated form comes before its positive ("nicht konform" before
 * "konform"). Word edges are letters, not `\b` (which stops at "é" and "ü"); Japanese has none.
 */
const w = (alternatives: string) => new RegExp(`(?<![\\p{L}])(?:${alternatives})(?![\\p{L}])`, 'iu');
const FOREIGN = {
  iOS: /アイフォン|アイパッド/,
  windows: w(String.raw`rechner|notebook|ordinateur(?: portable)?|pc portable|port[áa]til|ordenador|computadora|laptop`),
  windowsJa: /パソコン|ノート\s?pc|ウィンドウズ/,
  unmanaged: w(
    String.raw`nicht verwaltet\w*|unverwaltet\w*|privat\w*|eigene[nms]?|nicht konform\w*|non g[ée]r[ée]e?s?|personnel(?:le)?s?|perso|non conformes?|no administrad[oa]s?|personal(?:es)?|propi[oa]s?|no compatibles?|no conformes?`,
  ),
  unmanagedJa: /管理されていない|非管理|個人の?|私物|非準拠|準拠していない/,
  hybrid: w(String.raw`hybrid\w*|hybride|h[íi]brid[oa]`),
  hybridJa: /ハイブリッド/,
  registered: w(String.raw`registriert\w*|inscrits?|inscrite?s?|enregistr[ée]e?s?|registrad[oa]s?`),
  registeredJa: /登録済み|登録された/,
  compliant: w(
    String.raw`konform\w*|verwaltet\w*|(?:firmen|dienst)(?:ger[äa]t|laptop|notebook|handy|rechner|pc|iphone)\w*|conformes?|g[ée]r[ée]e?s?|(?:appareil|ordinateur|pc|portable|t[ée]l[ée]phone) (?:d['’]entreprise|professionnel)|compatibles?|administrad[oa]s?|(?:dispositivo|equipo|port[áa]til|ordenador|tel[ée]fono) (?:de (?:la )?empresa|corporativo)`,
  ),
  compliantJa: /準拠|管理対象|会社の(?:パソコン|pc|デバイス|端末|ノート|iphone)|社用/,
  untrusted: w(
    String.raw`zu ?hause|home-?office|hotel\w*|caf[ée]\w*|flughafen|[öo]ffentlich\w*|nicht vertrauensw[üu]rdig\w* (?:netz\w*|standort\w*)|au[ßs]erhalb des b[üu]ros|maison|domicile|h[ôo]tel|a[ée]roport|publi(?:c|que)|(?:r[ée]seau|emplacement) non (?:approuv[ée]|fiable)|hors du bureau|casa|cafeter[íi]a|aeropuerto|p[úu]blic[oa]|(?:red|ubicaci[óo]n) no (?:de confianza|confiable)|fuera de la oficina`,
  ),
  untrustedJa: /自宅|家から|ホテル|カフェ|空港|公衆|信頼されていない|社外/,
  trusted: w(
    String.raw`b[üu]ro\w*|firmennetz\w*|unternehmensnetz\w*|vertrauensw[üu]rdig\w* (?:netz\w*|standort\w*)|vpn|bureau|r[ée]seau (?:de l['’]|d['’])entreprise|(?:r[ée]seau|emplacement) (?:approuv[ée]|fiable)|oficina|red (?:de la empresa|corporativa)|(?:red|ubicaci[óo]n) de confianza`,
  ),
  trustedJa: /オフィス|社内|信頼できる|vpn/,
  browser: w(String.raw`webbrowser|navigateur|navegador`),
  browserJa: /ブラウザー?/,
  legacy: w(
    String.raw`(?:[äa]lter\w*|veraltet\w*) protokoll\w*|legacy-\w+|anciens? protocoles?|authentification h[ée]rit[ée]e|protocolos? heredad[oa]s?|autenticaci[óo]n heredada`,
  ),
  legacyJa: /レガシー認証|従来の認証/,
  app: w(
    String.raw`(?:outlook|teams|office|desktop|mobile|native)-?app|app auf dem \w+|application (?:mobile|de bureau|outlook|teams)|appli(?:cation)? mobile|aplicaci[óo]n (?:m[óo]vil|de escritorio|de outlook|de teams)`,
  ),
  appJa: /アプリ/,
  noMfa: w(String.raw`ohne mfa|sans (?:mfa|authentification multifacteur)|sin (?:mfa|autenticaci[óo]n multifactor)`),
  noMfaJa: /mfa\s?(?:なし|を?使わず|せず)|多要素認証\s?(?:なし|を?使わず|せず)/,
  mfa: w(
    String.raw`(?:mit|nach) mfa|mfa (?:erledigt|abgeschlossen|gemacht)|(?:avec|apr[èe]s) (?:la )?(?:mfa|authentification multifacteur)|(?:con|despu[ée]s de|tras) (?:la )?(?:mfa|autenticaci[óo]n multifactor)`,
  ),
  mfaJa: /mfa\s?(?:済み|を?完了|を?使って|で)|多要素認証\s?(?:済み|を?完了|を?使って)/,
  riskNone: w(String.raw`kein\w* risiko|ohne risiko|aucun risque|sans risque|sin riesgo`),
  riskNoneJa: /リスクなし|リスクがない/,
} as const;
/** "hohes Anmelderisiko", "risque élevé", "riesgo alto", "高リスク": the level, or "riskant" (high). */
const FOREIGN_RISK: [RegExp, NonNullable<WhatIfChange['risk']>][] = [
  [
    w(
      String.raw`hoh\w* (?:anmelde)?risiko|(?:anmelde)?risiko hoch|risque (?:de connexion )?[ée]lev[ée]|riesgo (?:de inicio de sesi[óo]n )?alto|alto riesgo|riskant\w*|risqu[ée]e?|arriesgad[oa]`,
    ),
    'high',
  ],
  [w(String.raw`mittler\w* (?:anmelde)?risiko|risque (?:de connexion )?moyen|riesgo (?:de inicio de sesi[óo]n )?medio`), 'medium'],
  [
    w(
      String.raw`niedrig\w* (?:anmelde)?risiko|geringe\w* (?:anmelde)?risiko|risque (?:de connexion )?faible|riesgo (?:de inicio de sesi[óo]n )?bajo|bajo riesgo`,
    ),
    'low',
  ],
  [/高リスク|リスクが高い|リスク\s?高/, 'high'],
  [/中リスク|リスク\s?中/, 'medium'],
  [/低リスク|リスクが低い|リスク\s?低/, 'low'],
];

/** Country names in the other four languages, from ICU (bundled with Node): "brasilien", "brésil", "brasil", "ブラジル". */
const FOREIGN_COUNTRIES: [string, string][] = (() => {
  const codes = [...new Set(Object.values(COUNTRIES))];
  const out = new Map<string, string>();
  for (const lang of ['de', 'fr', 'es', 'ja']) {
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'none' });
    for (const code of codes) {
      const name = names.of(code)?.toLowerCase();
      if (name && !out.has(name)) out.set(name, code);
    }
  }
  // Longest first: "インドネシア" before "インド", "südkorea" before "korea".
  return [...out].sort((a, b) => b[0].length - a[0].length);
})();

/** Where `name` stands in `t` as a word of its own (letters around it end a Latin name; Japanese names need none). */
function standsIn(t: string, name: string): boolean {
  const latin = /^[\p{Script=Latin}\s'’.-]+$/u.test(name);
  for (let i = t.indexOf(name); i >= 0; i = t.indexOf(name, i + 1)) {
    if (!latin) return true;
    if (!/\p{L}/u.test(t[i - 1] ?? '') && !/\p{L}/u.test(t[i + name.length] ?? '')) return true;
  }
  return false;
}

export function parseWhatIfChange(text: string): WhatIfChange {
  const t = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}\s'-]+/gu, ' ')} `;
  const c: WhatIfChange = { understood: [] };
  const has = (re: RegExp) => re.test(t);

  if (has(/\b(iphone|ipad|ios)\b/)) c.platform = 'iOS';
  else if (has(/\b(android|pixel|galaxy)\b/)) c.platform = 'android';
  else if (has(/\b(mac|macbook|macos|imac)\b/)) c.platform = 'macOS';
  else if (has(/\blinux|ubuntu\b/)) c.platform = 'linux';
  else if (has(/\b(windows|pc|laptop|desktop computer|surface)\b/)) c.platform = 'windows';
  else if (has(FOREIGN.iOS)) c.platform = 'iOS';
  else if (has(FOREIGN.windows) || has(FOREIGN.windowsJa)) c.platform = 'windows';
  if (c.platform) c.understood.push(`platform ${c.platform}`);

  if (has(/\b(unmanaged|personal|private|byod|own|home pc|not compliant|non-compliant|noncompliant)\b/)) c.device = 'unmanaged';
  else if (has(/\b(hybrid|domain)[ -]?joined\b/)) c.device = 'hybrid';
  else if (has(/\bregistered\b/)) c.device = 'registered';
  else if (has(/\b(compliant|managed|company|corporate|work) (device|laptop|phone|iphone|pc|mac)\b|\bdevice (were|was|is) compliant\b|\bcompliant\b/))
    c.device = 'compliant';
  else if (has(FOREIGN.unmanaged) || has(FOREIGN.unmanagedJa)) c.device = 'unmanaged';
  else if (has(FOREIGN.hybrid) || has(FOREIGN.hybridJa)) c.device = 'hybrid';
  else if (has(FOREIGN.registered) || has(FOREIGN.registeredJa)) c.device = 'registered';
  else if (has(FOREIGN.compliant) || has(FOREIGN.compliantJa)) c.device = 'compliant';
  if (c.device) c.understood.push(`${c.device} device`);

  if (
    has(
      /\b(office|hq|headquarters|corporate|company|trusted) (network|wifi|wi-fi|location)\b|\bfrom the office\b|\bat the office\b|\bin the office\b|\bon the vpn\b/,
    )
  )
    c.network = 'trusted';
  else if (has(/\bfrom home\b|\bat home\b|\b(hotel|cafe|café|coffee shop|airport|public) (network|wifi|wi-fi)?\b|\boutside the office\b|\buntrusted\b/))
    c.network = 'untrusted';
  else if (has(FOREIGN.untrusted) || has(FOREIGN.untrustedJa)) c.network = 'untrusted';
  else if (has(FOREIGN.trusted) || has(FOREIGN.trustedJa)) c.network = 'trusted';
  if (c.network) c.understood.push(`${c.network} network`);

  for (const [name, code] of Object.entries(COUNTRIES).sort((a, b) => b[0].length - a[0].length)) {
    if (t.includes(` ${name} `) || t.includes(` in ${name} `) || t.includes(` from ${name} `)) {
      c.country = code;
      c.understood.push(`in ${countryName(code)}`);
      break;
    }
  }
  if (!c.country) {
    const found = FOREIGN_COUNTRIES.find(([name]) => standsIn(t, name));
    if (found) {
      c.country = found[1];
      c.understood.push(`in ${countryName(found[1])}`);
    }
  }

  if (has(/\b(browser|edge|chrome|safari|firefox|web)\b/)) c.client = 'browser';
  else if (has(/\b(imap|pop3?|smtp|legacy)\b/)) c.client = 'other';
  else if (has(/\bactivesync|active sync|eas\b/)) c.client = 'exchangeActiveSync';
  else if (has(/\b(outlook app|desktop app|mobile app|the app|teams app|office app|native app)\b/)) c.client = 'mobileAppsAndDesktopClients';
  else if (has(FOREIGN.browser) || has(FOREIGN.browserJa)) c.client = 'browser';
  else if (has(FOREIGN.legacy) || has(FOREIGN.legacyJa)) c.client = 'other';
  else if (has(FOREIGN.app) || has(FOREIGN.appJa)) c.client = 'mobileAppsAndDesktopClients';
  if (c.client) c.understood.push(`client ${c.client}`);

  if (has(/\bwithout mfa\b|\bno mfa\b/)) c.mfa = false;
  else if (has(/\bwith mfa\b|\bafter mfa\b|\bdid mfa\b|\bcompleted? mfa\b|\bmfa done\b/)) c.mfa = true;
  else if (has(FOREIGN.noMfa) || has(FOREIGN.noMfaJa)) c.mfa = false;
  else if (has(FOREIGN.mfa) || has(FOREIGN.mfaJa)) c.mfa = true;
  if (c.mfa !== undefined) c.understood.push(c.mfa ? 'with MFA' : 'without MFA');

  const risk = /\b(high|medium|low) (sign-in )?risk\b/.exec(t);
  if (risk) c.risk = risk[1] as WhatIfChange['risk'];
  else if (has(/\brisky\b/)) c.risk = 'high';
  else if (has(/\bno risk\b|\bnot risky\b/)) c.risk = 'none';
  else if (has(FOREIGN.riskNone) || has(FOREIGN.riskNoneJa)) c.risk = 'none';
  else c.risk = FOREIGN_RISK.find(([re]) => re.test(t))?.[1];
  if (!c.risk) delete c.risk;
  if (c.risk) c.understood.push(`${c.risk} sign-in risk`);
  return c;
}
