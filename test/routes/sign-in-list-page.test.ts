import { describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type Reply } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { SUMMARY_PAGE_SIZE } from '../../src/cards/summary-card.ts';
import { diagnoseListing } from '../../src/query/diagnose-attempts.ts';
import { listAttempts } from '../../src/query/list-attempts.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { folderContext } from '../helpers/answer-context.ts';

/**
 * A page of the sign-in list ("Next 12", "Show successes too") diagnoses only the rows it
 * shows: the counts come from each attempt's own error code. The rows and counts are those
 * diagnosing every attempt gives.
 */
const SPRAY_IP = '185.220.101.47';
type Node = Record<string, unknown>;
const rowIds = (r: Reply) =>
  (r.card as { body: Node[] }).body
    .filter((b) => (b.selectAction as Node | undefined)?.verb === 'diagnose')
    .map((b) => (b.selectAction as { data: { correlationId?: string } }).data.correlationId);

describe('a page of the sign-in list', () => {
  it('diagnoses its rows only; the rows, their order and the counts are what diagnosing every attempt gives', async () => {
    const source = openSource(undefined) as TenantFolderSource;
    let diagnosed = 0;
    const counted = Object.create(source) as TenantFolderSource;
    // Every diagnosis looks its person up once (inputFor): a count of diagnoses made.
    counted.getUser = (id) => (diagnosed++, source.getUser(id));
    const ctx = folderContext(source, 'America/Los_Angeles', counted);
    const first = await answerMessage(`show sign-ins from ${SPRAY_IP} this week`, folderContext(source, 'America/Los_Angeles'));
    const next = cardButtons(first.card, 'attemptsPage')[0]!.data as Record<string, unknown>;

    // The old way, for comparison: every attempt of the list diagnosed, failures first, newest first.
    const listing = await listAttempts(source, { ip: SPRAY_IP, since: next.since as string, until: next.until as string, now: ctx.now });
    const all = (await diagnoseListing(source, listing, ctx.now)).diagnoses;
    const failed = all.filter((d) => d.scenario !== 'success');
    expect(all.length).toBeGreaterThan(2 * SUMMARY_PAGE_SIZE);

    for (const successes of [false, true]) {
      diagnosed = 0;
      const page = await answerAction('attemptsPage', { ...next, page: 2, successes }, ctx);
      const listed = successes ? [...failed, ...all.filter((d) => d.scenario === 'success')] : failed;
      expect(rowIds(page)).toEqual(listed.slice(SUMMARY_PAGE_SIZE, 2 * SUMMARY_PAGE_SIZE).map((d) => d.correlationId || undefined));
      expect(page.text).toContain(`: ${all.length} attempts, ${failed.length} failed.`);
      expect(diagnosed).toBeGreaterThan(0);
      expect(diagnosed).toBeLessThanOrEqual(SUMMARY_PAGE_SIZE);
    }
  });
});
