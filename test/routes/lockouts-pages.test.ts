import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { MemoryAuditTrail } from '../../src/trust/audit.ts';
import { MemorySignInSource } from '../helpers/memory-source.ts';
import { row } from '../helpers/scenario-fixtures.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { folderContext } from '../helpers/answer-context.ts';

/**
 * The lockouts card shows ten people a page, most recent first, with "Next N people" for the
 * rest (it used to say "the 10 most recent are shown" and stop there). 23 people of the sample
 * directory are each locked out once, a minute apart, so the order is known.
 */
const NOW = '2026-11-20T12:00:00Z';
let ctx: AnswerContext;
let names: string[];

beforeAll(() => {
  const folder = openSource(undefined) as TenantFolderSource;
  const memory = new MemorySignInSource(folder);
  const people = folder.allUsers().slice(0, 23);
  people.forEach((u, i) =>
    memory.add(
      row({
        userId: u.id,
        userPrincipalName: u.userPrincipalName,
        userDisplayName: u.displayName,
        correlationId: `c-lock-${i}`,
        createdDateTime: new Date(Date.parse('2026-11-20T09:00:00Z') + i * 60_000).toISOString(),
        status: { errorCode: 50053, failureReason: 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.' },
      }),
    ),
  );
  // Newest first: the last one added is the most recent lockout.
  names = people.map((u) => u.displayName ?? u.userPrincipalName ?? u.id).reverse();
  ctx = { ...folderContext(folder, 'UTC', memory), now: NOW };
});

const shown = (r: Reply) => [...JSON.stringify(r.card).matchAll(/"text":"\*\*([^*]+)\*\* — /g)].map((m) => m[1]!);
const next = (r: Reply) => cardButtons(r.card, 'lockoutsPage');

describe('the lockouts card pages through everyone locked out', () => {
  it('ten a page, most recent first, then "Next 10 people", then the 3 left, and no Next on the last page', async () => {
    const r = await answerMessage('who was locked out today', ctx);
    expect(r.command).toMatchObject({ intent: 'lockouts' });
    expect(validateCard(r.card!)).toEqual([]);
    expect(r.text).toMatch(/^23 people were locked out today/);
    expect(JSON.stringify(r.card)).toContain('People 1–10 of 23, most recent first.');
    expect(shown(r)).toEqual(names.slice(0, 10));
    const [more] = next(r);
    expect(more).toMatchObject({
      title: 'Next 10 people',
      data: { since: r.command!.since, until: r.command!.until, timeText: 'today', asked: true, page: 2 },
    });

    const page2 = await answerAction('lockoutsPage', more!.data, ctx);
    expect(validateCard(page2.card!)).toEqual([]);
    expect(page2.text).toBe(r.text);
    expect(shown(page2)).toEqual(names.slice(10, 20));
    expect(JSON.stringify(page2.card)).toContain('People 11–20 of 23');
    const [last] = next(page2);
    expect(last).toMatchObject({ title: 'Next 3 people', data: { page: 3 } });

    const page3 = await answerAction('lockoutsPage', last!.data, ctx);
    expect(shown(page3)).toEqual(names.slice(20));
    expect(next(page3)).toEqual([]);
  });

  it("the page button is the helpdesk's: a limited asker is refused and sees nobody; a forged page is refused by its schema", async () => {
    const r = await answerMessage('who was locked out today', ctx);
    const [more] = next(r);
    const audit = new MemoryAuditTrail();
    const refused = await answerAction('lockoutsPage', more!.data, {
      ...ctx,
      access: { kind: 'limited', why: 'Not the helpdesk.' },
      askerId: 'someone',
      audit,
    });
    expect(JSON.stringify(refused.card)).toContain('Sorry, I cannot look that up for you');
    expect(shown(refused)).toEqual([]);
    expect(audit.entries).toMatchObject([{ outcome: 'refused' }]);
    const forged = await answerAction('lockoutsPage', { ...more!.data, page: 'all' }, ctx);
    expect(shown(forged)).toEqual([]);
  });

  it('in German: the page, its "Next" button and the page it brings say it in German, the window as it was asked', async () => {
    const de = { ...ctx, locale: 'de' as const };
    const r = await answerMessage('wer war heute gesperrt', de);
    expect(r.command).toMatchObject({ intent: 'lockouts', timeText: 'heute' });
    expect(r.text).toMatch(/^23 Personen wurden heute \(.+\) gesperrt\.$/);
    expect(JSON.stringify(r.card)).toContain('Personen 1–10 von 23, die neuesten zuerst.');
    const [more] = next(r);
    expect(more).toMatchObject({ title: 'Nächste 10 Personen', data: { timeText: 'heute', page: 2 } });
    const page2 = await answerAction('lockoutsPage', more!.data, de);
    expect(page2.text).toBe(r.text);
    expect(shown(page2)).toEqual(names.slice(10, 20));
    expect(JSON.stringify(page2.card)).toContain('Personen 11–20 von 23');
    expect(next(page2)).toMatchObject([{ title: 'Nächste 3 Personen' }]);
  });
});
