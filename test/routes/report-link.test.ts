import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ActivityHandler } from 'botbuilder';
import { startServer, type RunningServer } from '../../src/bot/server.ts';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import { reportLinker, reportLinkPage } from '../../src/routes/report-link.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { AccessChecker, accessPolicy } from '../../src/trust/access.ts';
import { MemoryAuditTrail } from '../../src/trust/audit.ts';
import { LINK_TTL_MS, ReportLinks } from '../../src/trust/report-link.ts';
import { CSP } from '../../src/report/html.ts';

/**
 * Issue 19 leftover 1: the weekly summary card links to the full report, which the bot serves at
 * GET /reports/<token>. The token (an HMAC over the window, zone, language, asker and expiry) is
 * the only authentication; the asker it names is checked again on every GET.
 */
const TENANT = '11111111-2222-3333-4444-555555555555';
const MIRIAM = 'f76a97e4-9533-40d0-bcf1-88114b264874'; // Helpdesk group, Helpdesk Administrator
const BOB = 'eefd60fd-3290-4084-876f-84dec519fc41'; // Finance: no tenant-wide access
const SECRET = 'x'.repeat(20) + 'a-test-secret-of-32+chars';
const WEEK = { since: '2026-11-14T01:00:00.000Z', until: '2026-11-21T01:00:00Z', timeZone: 'UTC', locale: 'en' };

let source: TenantFolderSource;
let server: RunningServer;
let wall = Date.parse('2026-12-02T06:00:00Z');
const links = new ReportLinks(SECRET);
const audit = new MemoryAuditTrail();

beforeAll(async () => {
  source = openSource(undefined) as TenantFolderSource;
  const access = new AccessChecker(
    accessPolicy({ local: false, MicrosoftAppTenantId: TENANT, AUTHORIZED_GROUP_IDS: '', AUTHORIZED_ROLE_TEMPLATE_IDS: '' }),
    source,
  );
  server = await startServer(
    { PORT: 0, local: true, MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'SingleTenant' },
    new ActivityHandler(),
    () => undefined,
    (token) => reportLinkPage(token, { links, source, access, audit, clock: () => source.asOf()!, wallClock: () => wall }),
  );
});
afterAll(async () => {
  await server?.close();
});

const get = (token: string) => fetch(`${server.url}/reports/${token}`);
const sign = (askerId = MIRIAM) => links.sign({ ...WEEK, askerId, tenantId: TENANT }, wall).token;

describe('the token', () => {
  it('verifies what it signed, and refuses any change to the claims or the signature', () => {
    const token = sign();
    expect(links.verify(token, wall)).toMatchObject({ ok: true, claims: { askerId: MIRIAM, since: WEEK.since } });
    const [payload, signature] = token.split('.') as [string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    const forged = Buffer.from(JSON.stringify({ ...claims, askerId: BOB })).toString('base64url');
    expect(links.verify(`${forged}.${signature}`, wall)).toEqual({ ok: false, status: 403 });
    const flipped = signature.slice(0, -2) + (signature.at(-2) === 'A' ? 'B' : 'A') + signature.at(-1);
    expect(links.verify(`${payload}.${flipped}`, wall)).toEqual({ ok: false, status: 403 });
    expect(links.verify(`${payload}.`, wall)).toEqual({ ok: false, status: 403 });
    expect(links.verify(payload, wall)).toEqual({ ok: false, status: 403 });
    // Another secret's token is a stranger's.
    expect(new ReportLinks('y'.repeat(40)).verify(token, wall)).toEqual({ ok: false, status: 403 });
  });

  it('works for an hour, and no longer', () => {
    const token = sign();
    expect(links.verify(token, wall + LINK_TTL_MS - 1).ok).toBe(true);
    expect(links.verify(token, wall + LINK_TTL_MS)).toMatchObject({ ok: false, status: 410 });
  });
});

describe('GET /reports/<token>', () => {
  it('serves the report for the signed window: 200, the charts, and headers that keep it where it was opened', async () => {
    const r = await get(sign());
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(r.headers.get('content-security-policy')).toBe(CSP);
    expect(r.headers.get('cache-control')).toBe('no-store');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await r.text();
    expect(html.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    // The sample week's numbers, as the report model pins them.
    expect(html).toContain('4887');
    expect(audit.entries.at(-1)).toMatchObject({ action: 'report-link', askerId: MIRIAM, outcome: 'answered' });
  }, 120_000);

  it('refuses a tampered token with a short plain page (403), before reading anything', async () => {
    let reads = 0;
    const counting = new Proxy(source, {
      get: (t, k, r) =>
        k === 'querySignIns' ? (...a: unknown[]) => (reads++, t.querySignIns(...(a as Parameters<typeof t.querySignIns>))) : Reflect.get(t, k, r),
    });
    const token = sign();
    const page = await reportLinkPage(
      token.replace(/^./, (c) => (c === 'e' ? 'f' : 'e')),
      { links, source: counting, clock: () => source.asOf()!, wallClock: () => wall },
    );
    expect(page.status).toBe(403);
    expect(reads).toBe(0);
    const r = await get('not-a-token');
    expect(r.status).toBe(403);
    expect(r.headers.get('cache-control')).toBe('no-store');
    const body = await r.text();
    expect(body).toContain('This is not a valid report link');
    expect(body).not.toMatch(/at \w+ \(|Error|node_modules/);
  });

  it("says an expired link has expired (410), in the asker's language", async () => {
    const token = links.sign({ ...WEEK, locale: 'de', askerId: MIRIAM, tenantId: TENANT }, wall - LINK_TTL_MS - 1).token;
    const r = await get(token);
    expect(r.status).toBe(410);
    expect(await r.text()).toContain('Dieser Berichtslink ist abgelaufen');
  });

  it('checks the asker again: a valid link for someone without tenant-wide access shows nothing (403)', async () => {
    const r = await get(sign(BOB));
    expect(r.status).toBe(403);
    const body = await r.text();
    expect(body).toContain('You cannot see this report');
    expect(body).not.toMatch(/4887|Wrong user name/);
    expect(audit.entries.at(-1)).toMatchObject({ action: 'report-link', askerId: BOB, outcome: 'refused' });
  });
});

describe('the weekly summary card', () => {
  let ctx: AnswerContext;
  beforeAll(() => {
    ctx = {
      source,
      now: source.asOf()!,
      timeZone: 'America/Los_Angeles',
      appNames: source.appNames(),
      allUsers: source.allUsers(),
      askerId: MIRIAM,
      tenantId: TENANT,
    };
  });
  type El = { type: string; text?: string; actions?: { type: string; url: string; title: string }[] };
  /** The weekly summary asked in `locale`, with links signed by this test's key: the card and its "open the report" action. */
  const weekly = async (question: string, locale?: 'de') => {
    const reply = await answerMessage(question, {
      ...ctx,
      ...(locale ? { locale } : {}),
      reportLink: reportLinker(
        links,
        () => server.url,
        () => wall,
      ),
    });
    const body = (reply.card as { body: El[] }).body;
    return { reply, open: body.flatMap((e) => e.actions ?? []).find((a) => a.type === 'Action.OpenUrl')! };
  };

  it('carries the link (Action.OpenUrl) and says it works for an hour; the link opens the report', async () => {
    const { reply, open } = await weekly('weekly summary');
    expect(open.title).toBe('Open the full report');
    expect(open.url.startsWith(`${server.url}/reports/`)).toBe(true);
    const text = JSON.stringify(reply.card);
    expect(text).toContain('The link works for an hour, until');
    expect(text).not.toContain('signin-diag report --since');
    // One form of the zone on the whole card.
    expect(text).toContain('America/Los Angeles');
    expect(text).not.toContain('Los_Angeles');
    const r = await fetch(open.url);
    expect(r.status).toBe(200);
  }, 120_000);

  it("opens in the asker's language: a German weekly summary's link is a German page", async () => {
    const { open } = await weekly('Wochenübersicht', 'de');
    const r = await fetch(open.url);
    expect(r.status).toBe(200);
    const html = await r.text();
    expect(html).toContain('<html lang="de">');
    expect(html).toContain('<h2 id="causes">Häufigste Ursachen</h2>');
    expect(html).toContain('<b>4.887</b>Anmeldeversuche');
    expect(html).not.toMatch(/Top causes|Failed attempts|sign-in attempts/);
  }, 120_000);

  it('without the secret keeps the CLI command and says why', async () => {
    const reply = await answerMessage('weekly summary', { ...ctx, reportLink: reportLinker(undefined, () => server.url) });
    // The card's markdown escapes the underscores; read as shown.
    const text = JSON.stringify(reply.card).replace(/\\\\_/g, '_');
    expect(text).toContain('The bot has no REPORT_LINK_SECRET setting, so it cannot link to the full report');
    expect(text).toContain('signin-diag report --since');
    expect(text).not.toContain('Action.OpenUrl');
  }, 120_000);
});
