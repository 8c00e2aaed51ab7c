import { beforeAll, describe, expect, it } from 'vitest';
import { groupAttempts } from '../../src/diagnosis/attempts.ts';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { SIDE_BY_SIDE, SUMMARY_COLUMNS, SUMMARY_PAGE_SIZE } from '../../src/cards/summary-card.ts';
import { MemoryAuditTrail } from '../../src/trust/audit.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { folderContext } from '../helpers/answer-context.ts';

/**
 * Issue 17 item 3: the sign-in list in Teams' narrowest pane (320 px). Three columns side by
 * side and the rest on a second line, none dropped; the person's column wherever the rows are
 * more than one person's; failures first, successes a toggle away; twelve rows a page with
 * "Next 12"; a tap on a row diagnoses that row's attempt. On the bundled sample tenant.
 */
let source: TenantFolderSource;
let ctx: AnswerContext;
const SPRAY_IP = '185.220.101.47';
const LIMITED = { kind: 'limited', why: 'Not the helpdesk.' } as const;

beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
  ctx = folderContext(source, 'America/Los_Angeles');
});

interface Row {
  cells: { text: string; color: string }[];
  below: string;
  diagnose: { correlationId?: string; userId: string };
}

type Node = Record<string, unknown>;
const body = (r: Reply) => (r.card as { body: Node[] }).body;

/** The rows: containers a tap on which diagnoses; their side-by-side cells and second line. */
function rows(r: Reply): Row[] {
  return body(r)
    .filter((b) => (b.selectAction as Node | undefined)?.verb === 'diagnose')
    .map((b) => {
      const items = b.items as Node[];
      const cells = ((items[0] as { columns: { items: { text: string; color: string }[] }[] }).columns ?? []).map((c) => c.items[0]!);
      return {
        cells: cells.map((c) => ({ text: c.text, color: c.color })),
        below: (items.find((i) => i.type === 'TextBlock') as { text?: string } | undefined)?.text ?? '',
        diagnose: (b.selectAction as { data: Row['diagnose'] }).data,
      };
    });
}

/** The header row's column names. */
function headers(r: Reply): string[] {
  const set = body(r).find((b) => b.type === 'ColumnSet') as { columns: { items: { text: string }[] }[] };
  return set.columns.map((c) => c.items[0]!.text);
}

const button = (r: Reply, verb: string) => cardButtons(r.card, verb);
const nameOf = (userId: string) => source.allUsers().find((u) => u.id === userId)?.displayName;

describe('the sign-in list in a 320 px pane', () => {
  it('from one IP: the person column, three columns and the app below, twelve rows a page, every attempt once across the pages', async () => {
    const first = await answerMessage(`show sign-ins from ${SPRAY_IP} this week`, ctx);
    expect(validateCard(first.card!)).toEqual([]);
    // Many people's rows: the person's column is there though nobody chose it.
    expect(headers(first)).toEqual(['Time, PST', 'User', 'Result']);
    const seen: Row[] = [];
    let page = first;
    for (let n = 1; ; n++) {
      const shown = rows(page);
      expect(shown.length).toBeLessThanOrEqual(SUMMARY_PAGE_SIZE);
      for (const row of shown) {
        expect(row.cells.length).toBe(SIDE_BY_SIDE);
        expect(row.below).toMatch(/^App: /);
        // The row's Diagnose opens that row's person: the name shown is the person of the ids sent.
        const name = nameOf(row.diagnose.userId);
        if (name) expect(row.cells[1]!.text).toBe(name);
      }
      seen.push(...shown);
      const next = button(page, 'attemptsPage');
      if (!next.length) break;
      expect(next[0]!.title).toMatch(/^Next \d+$/);
      expect(next[0]!.data).toMatchObject({ ip: SPRAY_IP, page: n + 1 });
      page = await answerAction('attemptsPage', next[0]!.data, ctx);
      expect(validateCard(page.card!)).toEqual([]);
      expect(JSON.stringify(page.card)).toContain(`Rows ${n * SUMMARY_PAGE_SIZE + 1}–`);
    }
    // Every attempt from the IP in the window, counted from the events, once.
    const w = { since: first.command!.since!, until: first.command!.until! };
    const events = await source.querySignIns({ ip: SPRAY_IP, ...w, limit: 1_000_000 });
    const attempts = groupAttempts(events.events);
    expect(attempts.length).toBeGreaterThan(2 * SUMMARY_PAGE_SIZE);
    expect(seen.length).toBe(attempts.length);
    expect(new Set(seen.map((r) => r.diagnose.correlationId)).size).toBe(attempts.length);
  });

  it("one person's list: failures only at first, then with successes after them, and back", async () => {
    const r = await answerMessage("show alice's sign-ins this week", ctx);
    expect(validateCard(r.card!)).toEqual([]);
    const m = /: (\d+) attempts, (\d+) failed\./.exec(r.text)!;
    const [all, failed] = [Number(m[1]), Number(m[2])];
    expect(failed).toBeGreaterThan(0);
    expect(all).toBeGreaterThan(failed);
    // One person: no person column.
    expect(headers(r)).toEqual(['Time, PST', 'Result', 'App']);
    // A failure reads as its cause (no colour: red text on the list failed contrast in Teams' themes).
    expect(rows(r).filter((x) => x.cells[1]!.text !== 'Success').length).toBe(failed);
    expect(rows(r).length).toBe(failed);
    expect(JSON.stringify(r.card)).toContain(`Failures only, newest first (${all - failed} successful attempts not listed)`);
    const toggle = button(r, 'showSuccesses');
    expect(toggle.map((b) => b.title)).toEqual(['Show successes too']);
    const both = await answerAction('showSuccesses', toggle[0]!.data, ctx);
    expect(validateCard(both.card!)).toEqual([]);
    const shown = rows(both);
    expect(shown.length).toBe(SUMMARY_PAGE_SIZE);
    expect(shown.slice(0, failed).every((x) => x.cells[1]!.text !== 'Success')).toBe(true);
    expect(shown.slice(failed).every((x) => x.cells[1]!.text === 'Success')).toBe(true);
    expect(JSON.stringify(both.card)).toContain(`Rows 1–${SUMMARY_PAGE_SIZE} of ${all}.`);
    // The next page keeps the successes; the toggle goes back.
    expect(button(both, 'attemptsPage')[0]!.data).toMatchObject({ page: 2, successes: true });
    expect(button(both, 'showSuccesses').map((b) => [b.title, b.data.successes])).toEqual([['Failures only', false]]);
  });

  it('every chosen column is shown (none dropped, no limit of five): three side by side, the rest on the second line', async () => {
    const r = await answerMessage("show alice's sign-ins this week", ctx);
    const chooser = button(r, 'showAttempts')[0]!;
    const everything = Object.keys(SUMMARY_COLUMNS).join(',');
    const all = await answerAction('showAttempts', { ...chooser.data, columns: everything }, ctx);
    expect(validateCard(all.card!)).toEqual([]);
    expect(headers(all)).toEqual(['Time, PST', 'User', 'Result']);
    for (const row of rows(all))
      expect(row.below.split(' · ').map((part) => part.split(': ')[0])).toEqual(['App', 'Code', 'IP', 'Location', 'Device', 'Client']);
    // The chooser shows them all chosen, so the next press asks for them again.
    expect(JSON.stringify(all.card)).toContain(`"value":"${everything}"`);
  });

  it('pages and the toggle are checked like the list: a limited asker gets her own, not an IP list nor someone else', async () => {
    const alice = source.allUsers().find((u) => u.userPrincipalName?.startsWith('alice'))!;
    const bob = source.allUsers().find((u) => u.userPrincipalName?.startsWith('bob'))!;
    const own = await answerMessage("show alice's sign-ins this week", ctx);
    const toggle = button(own, 'showSuccesses')[0]!.data;
    const asAlice = { ...ctx, access: LIMITED, askerId: alice.id };
    const hers = await answerAction('showSuccesses', toggle, asAlice);
    expect(rows(hers).length).toBe(SUMMARY_PAGE_SIZE);
    const audit = new MemoryAuditTrail();
    const bobs = await answerAction('attemptsPage', { ...toggle, userId: bob.id, page: 2 }, { ...asAlice, audit });
    expect(JSON.stringify(bobs.card)).toContain('Sorry, I cannot look that up for you');
    expect(rows(bobs)).toEqual([]);
    expect(audit.entries).toMatchObject([{ outcome: 'refused' }]);
    const ip = await answerAction('attemptsPage', { ip: SPRAY_IP, since: toggle.since, until: toggle.until, page: 2 }, asAlice);
    expect(JSON.stringify(ip.card)).toContain('Sorry, I cannot look that up for you');
    expect(rows(ip)).toEqual([]);
    // A forged page is refused by the schema, not answered.
    const forged = await answerAction('attemptsPage', { ...toggle, page: 0 }, ctx);
    expect(JSON.stringify(forged.card)).toContain('That button did not work');
    expect(rows(forged)).toEqual([]);
  });
});
