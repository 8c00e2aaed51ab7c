import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { FileItemStore } from '../../src/notify/items.ts';
import { RemediationRecords, recordKey } from '../../src/remediate/records.ts';
import { parseTwoPerson, DEFAULT_APPROVAL } from '../../src/remediate/two-person.ts';
import { delegatedGraph } from '../../src/remediate/graph.ts';
import { MemoryFeedbackStore } from '../../src/routes/feedback-store.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { folderContext } from '../helpers/answer-context.ts';

/**
 * Buttons that redraw a diagnosis card in place (Yes/No, a remediation) draw the SAME card:
 * its other causes (found again from the listing the card came from), the incident it is part
 * of, the look-back note, what was done about it; only the press's own line is added. Before,
 * the redrawn card lost the other causes, the incident line and the look-back note.
 */
let source: TenantFolderSource;
let utc: AnswerContext;
let pacific: AnswerContext;
const LIMITED = { kind: 'limited', why: 'Not the helpdesk.' } as const;
const ALICE = '3573f757-6caf-4877-ab67-39fd535f9dac';

beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
  utc = folderContext(source, 'UTC');
  pacific = folderContext(source, 'America/Los_Angeles');
});

type Node = Record<string, unknown>;
/** The card with the TextBlock saying `line` taken out (the one part a press adds). */
function without(card: unknown, line: string): unknown {
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.filter((x) => !(x && typeof x === 'object' && (x as Node).type === 'TextBlock' && (x as Node).text === line)).map(walk);
    if (!n || typeof n !== 'object') return n;
    return Object.fromEntries(Object.entries(n as Node).map(([k, v]) => [k, walk(v)]));
  };
  return walk(card);
}
const text = (r: Reply) => JSON.stringify(r.card);
const feedbackYes = (r: Reply) => cardButtons(r.card, 'feedback').find((b) => b.data.helpful === true)!.data;

describe('Yes/No under a diagnosis redraws the same card', () => {
  it('keeps the other causes, their intro and their Diagnose buttons ("why did alice fail on wednesday")', async () => {
    const before = await answerMessage('why did alice fail on wednesday', pacific);
    expect(text(before)).toContain('Other failures in this time');
    const feedback = new MemoryFeedbackStore();
    const after = await answerAction('feedback', feedbackYes(before), { ...pacific, feedback, asker: 'Helen Helpdesk' });
    expect(after.text).toBe('Thanks: recorded that this diagnosis helped.');
    expect(validateCard(after.card!)).toEqual([]);
    expect(text(after)).toContain('Above: the newest failure that looks like their own.');
    expect(cardButtons(after.card, 'diagnose')).toEqual(cardButtons(before.card, 'diagnose'));
    // Everything else as it was: the whole card but the thanks line.
    expect(without(after.card, after.text)).toEqual(before.card);
    expect(feedback.entries).toMatchObject([{ helpful: true, by: 'Helen Helpdesk' }]);
  });

  it('keeps the incident line and its button ("why did johanna lorenz fail on tuesday")', async () => {
    const before = await answerMessage('why did johanna lorenz fail on tuesday', utc);
    expect(text(before)).toContain('This is part of an incident affecting 3 people');
    const after = await answerAction('feedback', { ...feedbackYes(before), helpful: false }, utc);
    expect(cardButtons(after.card, 'showIncident')).toEqual(cardButtons(before.card, 'showIncident'));
    expect(without(after.card, after.text)).toEqual(before.card);
  });

  it('keeps the look-back note, as its own part above the assessment ("former.employee cant log in on outlook")', async () => {
    const before = await answerMessage('former.employee cant log in on outlook', utc);
    const note = 'Nothing to outlook (Office 365 Exchange Online, Outlook Mobile, Microsoft Office) in the last 48 hours, so I looked back 30 days.';
    const body = (before.card as { body: Node[] }).body;
    // Its own TextBlock, right before the assessment: not glued to the assessment's words.
    expect(body[1]).toMatchObject({ type: 'TextBlock', text: note });
    expect(String(body[2]!.text)).toMatch(/^Former Employee's sign-in to Outlook Mobile failed with error 50057/);
    const after = await answerAction('feedback', feedbackYes(before), utc);
    expect(without(after.card, after.text)).toEqual(before.card);
  });

  it('a card asked by id has no listing to find again: the press draws it as before, with no other causes', async () => {
    const before = await answerMessage('why did alice fail on wednesday', pacific);
    const spray = cardButtons(before.card, 'diagnose')[0]!.data;
    const byId = await answerAction('diagnose', spray, pacific);
    expect(feedbackYes(byId).listing).toBeUndefined();
    const after = await answerAction('feedback', feedbackYes(byId), pacific);
    expect(without(after.card, after.text)).toEqual(byId.card);
  });

  it('the listing a button carries only says where to look: a limited asker who points it at someone else is refused, and nothing is recorded', async () => {
    const mine = await answerMessage("why couldn't I sign in on wednesday", { ...pacific, access: LIMITED, askerId: ALICE });
    const data = feedbackYes(mine);
    expect(data.listing).toMatchObject({ user: ALICE });
    const other = source.allUsers().find((u) => u.id !== ALICE && u.userPrincipalName?.startsWith('megan'))!;
    const feedback = new MemoryFeedbackStore();
    const forged = { ...data, listing: { ...(data.listing as Node), user: other.id, since: '2026-11-01T00:00:00.000Z' } };
    const r = await answerAction('feedback', forged, { ...pacific, access: LIMITED, askerId: ALICE, feedback });
    expect(text(r)).toContain('Sorry, I cannot look that up for you');
    expect(feedback.entries).toEqual([]);
    // Her own card's press is answered, with her other causes.
    const ok = await answerAction('feedback', data, { ...pacific, access: LIMITED, askerId: ALICE, feedback });
    expect(without(ok.card, ok.text)).toEqual(mine.card);
  });

  it('a damaged listing is dropped, not refused: the feedback is kept', async () => {
    const before = await answerMessage('why did alice fail on wednesday', pacific);
    const feedback = new MemoryFeedbackStore();
    const r = await answerAction('feedback', { ...feedbackYes(before), listing: { since: 'not a time' } }, { ...pacific, feedback });
    expect(r.text).toBe('Thanks: recorded that this diagnosis helped.');
    expect(feedback.entries).toHaveLength(1);
  });
});

describe('a remediation press redraws the same card', () => {
  it('a dry run keeps the other causes and every section, adding only its line; a later Yes keeps what was done', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'card-keep-'));
    const ctx: AnswerContext = {
      ...utc,
      access: { kind: 'full' },
      asker: 'Alice Helpdesk',
      askerId: 'a11ce000-0000-0000-0000-000000000001',
      remedy: {
        records: new RemediationRecords(new FileItemStore(join(dir, 'items'))),
        approval: parseTwoPerson(DEFAULT_APPROVAL),
        graph: (token) => delegatedGraph(token),
        getDelegatedToken: async () => ({ missing: 'no token in this test' }),
        dryRun: 'this test sends nothing',
      },
    };
    const before = await answerMessage("why did lynne's sign-in fail this week", ctx);
    const revoke = cardButtons(before.card, 'remediate')[0];
    expect(revoke, before.text).toBeDefined();
    expect(text(before)).toContain('Other failures in this time');
    const after = await answerAction('remediate', revoke!.data, ctx);
    expect(after.text).toMatch(/^Dry run: would /);
    expect(without(after.card, after.text)).toEqual(before.card);
    // What was done stays on the card, read from its record on every drawing: a Yes after a revoke keeps the revoke's line.
    const correlationId = String(revoke!.data.correlationId);
    await ctx.remedy!.records.write({
      key: recordKey(correlationId, 'revokeSessions'),
      correlationId,
      remediation: 'revokeSessions',
      targetId: 'lynne',
      targetName: 'Lynne Robbins',
      since: '2026-11-19T00:00:00Z',
      state: 'done',
      requestedBy: 'Alice Helpdesk',
      at: '2026-11-21T00:40:00Z',
      sentence: "Revoked Lynne Robbins's sign-in sessions (Graph request id req-1)",
    });
    const done =
      "Revoke Lynne Robbins's sign-in sessions: Revoked Lynne Robbins's sign-in sessions (Graph request id req-1) (by Alice Helpdesk, 2026-11-21 00:40 UTC).";
    const yes = await answerAction('feedback', feedbackYes(before), ctx);
    expect(yes.card!.body).toContainEqual(expect.objectContaining({ type: 'TextBlock', text: done }));
    // Not for Lynne asking about her own sign-ins: the line names who pressed.
    const lynne = source.allUsers().find((u) => u.displayName === 'Lynne Robbins')!;
    const own = await answerAction('feedback', feedbackYes(before), { ...ctx, access: LIMITED, askerId: lynne.id });
    expect(JSON.stringify(own.card)).toContain('Thanks: recorded');
    expect(JSON.stringify(own.card)).not.toContain('Alice Helpdesk');
  });
});

describe('the reply line is in the asker’s language', () => {
  it('German: title, assessment, the count of other failures and the other causes', async () => {
    const r = await answerMessage('why did alice fail on wednesday', { ...pacific, locale: 'de' });
    expect(r.text).toMatch(/^Durch bedingten Zugriff blockiert: /);
    // The other causes and the window are German too (they were the engine's English and the English window).
    expect(r.text).toContain('Weitere Ursachen: 1 × falsches Kennwort von Frankfurt am Main, DE');
    const en = await answerMessage('why did alice fail on wednesday', { ...utc });
    expect(en.text).toContain('(1 other failed attempt on wednesday (Wednesday 18 November 00:00 – 24:00, UTC); "All attempts" lists them.)');
    const de = await answerMessage('why did alice fail on wednesday', { ...utc, locale: 'de' });
    expect(de.text).toContain('(1 weiterer fehlgeschlagener Versuch on wednesday (18.11.2026, 00:00 UTC – 19.11.2026, 00:00 UTC); „Versuche“ listet sie auf.)');
  });

  it('the look-back note leads the line, as a sentence of its own', async () => {
    const de = await answerMessage('former.employee cant log in on outlook', { ...utc, locale: 'de' });
    expect(de.text).toMatch(/^Keine Anmeldung bei outlook \(.*\) in den letzten 48 Stunden, daher habe ich 30 Tage zurückgeschaut\. \S/);
    // The card says it in the same words, on a line of its own.
    expect((de.card as { body: Node[] }).body[1]).toMatchObject({ type: 'TextBlock', text: expect.stringMatching(/^Keine Anmeldung bei outlook/) });
  });
});
