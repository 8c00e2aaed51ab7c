import { isLocale, type Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';
import { CSP, esc } from '../report/html.ts';
import { readReport } from '../report/read.ts';
import type { SignInSource } from '../signins/source.ts';
import type { Access, AccessChecker } from '../trust/access.ts';
import type { AuditTrail } from '../trust/audit.ts';
import type { LinkClaims, ReportLinks } from '../trust/report-link.ts';

/**
 * The full report behind the weekly summary card's link (GET /reports/<token>): the token
 * checked first (trust/report-link.ts: signature, then expiry), then the asker it names checked
 * again as the weekly-summary intent checks them (tenant-wide access, the helpdesk's), and only
 * then the window read and the page rendered, in the language the link was made for (the asker's,
 * signed into the token). Every answer, a refusal too, is a page that loads
 * nothing and is not kept (no-store) nor told where it was opened from (no-referrer).
 */

export interface ReportPageDeps {
  links: ReportLinks;
  source: SignInSource;
  /** The bot's access check; absent: everyone may (the CLI's rule, and local mode's). */
  access?: AccessChecker;
  audit?: AuditTrail;
  /** The source's clock (a snapshot folder's "as of"); the link's expiry is wall-clock time. */
  clock: () => string;
  wallClock?: () => number;
}

export interface PageResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export const PAGE_HEADERS: Readonly<Record<string, string>> = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': CSP,
  'cache-control': 'no-store',
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
};

/** A short plain page: a title and a sentence, nothing of the request echoed. */
function plainPage(status: number, locale: Locale, title: string, sentence: string): PageResponse {
  const body = `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${esc(title)}</title></head><body style="font: 16px/1.5 sans-serif; max-width: 40em; margin: 2em auto; padding: 0 1em"><h1 style="font-size: 1.3em">${esc(title)}</h1><p>${esc(sentence)}</p></body></html>`;
  return { status, headers: { ...PAGE_HEADERS }, body };
}

const localeOf = (c?: LinkClaims): Locale => (c && isLocale(c.locale) ? c.locale : 'en');

export async function reportLinkPage(token: string, d: ReportPageDeps): Promise<PageResponse> {
  const verified = d.links.verify(token, d.wallClock?.() ?? Date.now());
  if (!verified.ok) {
    // Expired is said in the asker's language (the claims are ours: the signature held); anything else is a stranger's, in English.
    const locale = localeOf(verified.claims);
    return verified.status === 410
      ? plainPage(410, locale, t(locale, 'report.link.expiredTitle'), t(locale, 'report.link.expired'))
      : plainPage(403, 'en', t('en', 'report.link.invalidTitle'), t('en', 'report.link.invalid'));
  }
  const c = verified.claims;
  const locale = localeOf(c);
  let access: Access = { kind: 'full' };
  if (d.access) {
    try {
      access = await d.access.check({ aadObjectId: c.askerId, tenantId: c.tenantId });
    } catch {
      access = { kind: 'limited', why: t(locale, 'report.link.accessUnknown') };
    }
  }
  const audit = { at: d.clock(), askerId: c.askerId, action: 'report-link', asked: `${c.since}/${c.until}` };
  // The weekly summary is the helpdesk's (routes/table.ts): full access, or nothing of the tenant.
  if (access.kind !== 'full') {
    await d.audit?.record({ ...audit, outcome: 'refused' });
    return plainPage(403, locale, t(locale, 'report.link.refusedTitle'), access.why);
  }
  const read = await readReport(d.source, { since: c.since, until: c.until, now: d.clock(), timeZone: c.timeZone });
  await d.audit?.record({ ...audit, outcome: 'answered', subject: read.people.join(',') });
  // The charts need Vega and Vega-Lite (0.6 s to load): loaded when a report is first opened, not at every bot start.
  const { reportPage } = await import('../report/page.ts');
  return { status: 200, headers: { ...PAGE_HEADERS }, body: await reportPage(read.model, d.clock(), locale) };
}

/** What the weekly summary card offers: a link to the page for this window, or why there is none (a catalogue key). */
export type ReportLinker = (
  r: Omit<LinkClaims, 'expires'>,
) => { url: string; expires: number } | { why: 'report.link.noSecret' | 'report.link.noBaseUrl' | 'report.link.noServer' };

/** The bot's linker: signed links under `baseUrl()` (known once the server listens), or the setting that is missing. */
export function reportLinker(links: ReportLinks | undefined, baseUrl: () => string | undefined, wallClock: () => number = Date.now): ReportLinker {
  return (r) => {
    if (!links) return { why: 'report.link.noSecret' };
    const base = baseUrl();
    if (!base) return { why: 'report.link.noBaseUrl' };
    const { token, expires } = links.sign(r, wallClock());
    return { url: `${base.replace(/\/+$/, '')}/reports/${token}`, expires };
  };
}
