import { beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import { parseMessage } from '../../src/conversation/parse.ts';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/cards/render.ts';
import { readReport } from '../../src/report/read.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { MemoryAuditTrail } from '../../src/trust/audit.ts';
import { validateCard } from '../helpers/validate-card.ts';

/**
 * Issue 19 item 4: "weekly summary" in Teams. The sample tenant's week before its snapshot
 * (2026-11-21 01:00 UTC): the headline numbers and a stacked bar chart of failures per day by
 * cause (Teams' Chart.VerticalBar.Grouped, a fact list as its fallback), the top causes, the
 * incidents, and the CLI command for the full report. The same numbers as the report page.
 */
const BOB = 'eefd60fd-3290-4084-876f-84dec519fc41';
let source: TenantFolderSource;
let ctx: AnswerContext;
let week: Reply;

type Element = {
  type: string;
  text?: string;
  facts?: { title: string; value: string }[];
  data?: unknown;
  fallback?: Element;
  items?: Element[];
  stacked?: boolean;
};
const body = (r: Reply) => (r.card as { body: Element[] }).body;
const chart = (r: Reply) => body(r).find((e) => e.type === 'Chart.VerticalBar.Grouped');

beforeAll(async () => {
  source = openSource(undefined) as TenantFolderSource;
  ctx = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames(), allUsers: source.allUsers() };
  week = await answerMessage('weekly summary', ctx);
}, 120_000);

describe('"weekly-summary": the tenant\'s week in numbers and a chart', () => {
  it.each(['weekly summary', 'how did sign-ins go this week', 'summary for last week', 'give me an overview of sign-ins this week'])(
    '"%s" is the weekly summary',
    async (q) => {
      expect(parseMessage(q, { appNames: ctx.appNames, now: ctx.now, timeZone: 'UTC' }).intent, q).toBe('weekly-summary');
    },
  );

  it("answers the last seven days with the report model's numbers", async () => {
    expect(validateCard(week.card!)).toEqual([]);
    expect(week.text).toBe(
      '4887 sign-in attempts in the last 7 days (Saturday 14 November 01:00 – Saturday 21 November 01:00, now, UTC): 142 failed, for 44 people; 3 incidents.',
    );
    const { model } = await readReport(source, { since: '2026-11-14T01:00:00.000Z', until: ctx.now, now: ctx.now, timeZone: 'UTC' });
    const numbers = Object.fromEntries(
      body(week)
        .find((e) => e.type === 'FactSet')!
        .facts!.map((f) => [f.title, f.value]),
    );
    expect(numbers).toEqual({
      'Sign-in attempts': String(model.totals.attempts),
      Failed: '142 (3%)',
      'People with a failure': '44 of 46',
      Incidents: '3',
      'MFA on interactive sign-ins': '34% of 529',
      'Legacy-auth attempts': '47 (0 got through)',
    });
    const text = JSON.stringify(week.card);
    expect(text).toContain('Wrong user name or password');
    expect(text).toContain('Password sign-ins from 185.220.101.47 failed for 32 accounts');
    expect(text).toContain('signin-diag report --since 2026-11-14T01:00:00.000Z --until 2026-11-21T01:00:00Z --tz UTC --out report.html');
  });

  it('charts failures per day by cause, stacked, with the same numbers as a fact list for clients without charts', () => {
    const c = chart(week)!;
    expect(c.stacked).toBe(true);
    const series = c.data as { legend: string; values: { x: string; y: number }[] }[];
    expect(series[0]!.legend).toBe('Wrong user name or password');
    expect(series.at(-1)!.legend).toBe('Other causes');
    // Every series has a value for every day, and the stacks add up to the failures.
    for (const s of series) expect(s.values.map((v) => v.x)).toEqual(['Sat 14', 'Sun 15', 'Mon 16', 'Tue 17', 'Wed 18', 'Thu 19', 'Fri 20', 'Sat 21']);
    expect(series.flatMap((s) => s.values).reduce((n, v) => n + v.y, 0)).toBe(142);
    const thursday = series.reduce((n, s) => n + s.values.find((v) => v.x === 'Thu 19')!.y, 0);
    expect(thursday).toBe(67);
    const fallback = c.fallback!;
    expect(fallback.type).toBe('Container');
    const perDay = Object.fromEntries(fallback.items!.find((e) => e.type === 'FactSet')!.facts!.map((f) => [f.title, f.value]));
    expect(perDay['Thu 19']).toBe('67 failures, most: Wrong user name or password (49)');
    expect(perDay['Sat 21']).toBe('no failures');
  });

  it("fits Teams' 28 KB", () => {
    expect(cardBytes(week.card!)).toBeLessThan(CARD_BUDGET_BYTES);
  });

  it("is the helpdesk's: a limited asker is refused before anything is read, and the refusal is audited", async () => {
    const audit = new MemoryAuditTrail();
    let reads = 0;
    const counting = new Proxy(source, {
      get: (t, k, r) =>
        k === 'querySignIns' ? (...a: unknown[]) => (reads++, t.querySignIns(...(a as Parameters<typeof t.querySignIns>))) : Reflect.get(t, k, r),
    });
    const r = await answerMessage('weekly summary', {
      ...ctx,
      source: counting,
      access: { kind: 'limited', why: 'Not the helpdesk.' },
      askerId: BOB,
      asker: 'Bob Kelly',
      audit,
    });
    expect(JSON.stringify(r.card)).toContain('Sorry, I cannot look that up for you');
    expect(JSON.stringify(r.card)).not.toMatch(/4887|Wrong user name/);
    expect(reads).toBe(0);
    expect(audit.entries).toMatchObject([{ action: 'weekly-summary', outcome: 'refused' }]);
  });
});
