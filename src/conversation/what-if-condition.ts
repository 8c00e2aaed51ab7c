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

export function parseWhatIfChange(text: string): WhatIfChange {
  const t = ` ${text.toLowerCase().replace(/[^\p{L}\p{N}\s'-]+/gu, ' ')} `;
  const c: WhatIfChange = { understood: [] };
  const has = (re: RegExp) => re.test(t);

  if (has(/\b(iphone|ipad|ios)\b/)) c.platform = 'iOS';
  else if (has(/\b(android|pixel|galaxy)\b/)) c.platform = 'android';
  else if (has(/\b(mac|macbook|macos|imac)\b/)) c.platform = 'macOS';
  else if (has(/\blinux|ubuntu\b/)) c.platform = 'linux';
  else if (has(/\b(windows|pc|laptop|desktop computer|surface)\b/)) c.platform = 'windows';
  if (c.platform) c.understood.push(`platform ${c.platform}`);

  if (has(/\b(unmanaged|personal|private|byod|own|home pc|not compliant|non-compliant|noncompliant)\b/)) c.device = 'unmanaged';
  else if (has(/\b(hybrid|domain)[ -]?joined\b/)) c.device = 'hybrid';
  else if (has(/\bregistered\b/)) c.device = 'registered';
  else if (has(/\b(compliant|managed|company|corporate|work) (device|laptop|phone|iphone|pc|mac)\b|\bdevice (were|was|is) compliant\b|\bcompliant\b/))
    c.device = 'compliant';
  if (c.device) c.understood.push(`${c.device} device`);

  if (
    has(
      /\b(office|hq|headquarters|corporate|company|trusted) (network|wifi|wi-fi|location)\b|\bfrom the office\b|\bat the office\b|\bin the office\b|\bon the vpn\b/,
    )
  )
    c.network = 'trusted';
  else if (has(/\bfrom home\b|\bat home\b|\b(hotel|cafe|café|coffee shop|airport|public) (network|wifi|wi-fi)?\b|\boutside the office\b|\buntrusted\b/))
    c.network = 'untrusted';
  if (c.network) c.understood.push(`${c.network} network`);

  for (const [name, code] of Object.entries(COUNTRIES).sort((a, b) => b[0].length - a[0].length)) {
    if (t.includes(` ${name} `) || t.includes(` in ${name} `) || t.includes(` from ${name} `)) {
      c.country = code;
      c.understood.push(`in ${countryName(code)}`);
      break;
    }
  }

  if (has(/\b(browser|edge|chrome|safari|firefox|web)\b/)) c.client = 'browser';
  else if (has(/\b(imap|pop3?|smtp|legacy)\b/)) c.client = 'other';
  else if (has(/\bactivesync|active sync|eas\b/)) c.client = 'exchangeActiveSync';
  else if (has(/\b(outlook app|desktop app|mobile app|the app|teams app|office app|native app)\b/)) c.client = 'mobileAppsAndDesktopClients';
  if (c.client) c.understood.push(`client ${c.client}`);

  if (has(/\bwithout mfa\b|\bno mfa\b/)) c.mfa = false;
  else if (has(/\bwith mfa\b|\bafter mfa\b|\bdid mfa\b|\bcompleted? mfa\b|\bmfa done\b/)) c.mfa = true;
  if (c.mfa !== undefined) c.understood.push(c.mfa ? 'with MFA' : 'without MFA');

  const risk = /\b(high|medium|low) (sign-in )?risk\b/.exec(t);
  if (risk) c.risk = risk[1] as WhatIfChange['risk'];
  else if (has(/\brisky\b/)) c.risk = 'high';
  else if (has(/\bno risk\b|\bnot risky\b/)) c.risk = 'none';
  if (c.risk) c.understood.push(`${c.risk} sign-in risk`);
  return c;
}
