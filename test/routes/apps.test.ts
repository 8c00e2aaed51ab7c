import { beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { folderContext } from '../helpers/answer-context.ts';

/**
 * Apps by app or resource, on the sample tenant (issue 15): "outlook" is every app and
 * resource the tenant knows Outlook by, each matched on either side of a sign-in, and the
 * answer says what was asked as typed beside what it covered.
 */
let source: TenantFolderSource;
let ctx: AnswerContext;
const OUTLOOK = 'outlook (Office 365 Exchange Online, Outlook Mobile, Microsoft Office)';

beforeAll(() => {
  source = openSource(undefined);
  ctx = folderContext(source, 'UTC');
});

describe('"former.employee cant log in on outlook"', () => {
  it('diagnoses the Outlook Mobile failures, older than the default window, and says it looked back', async () => {
    const r = await answerMessage('former.employee cant log in on outlook', ctx);
    expect(validateCard(r.card!)).toEqual([]);
    expect(r.text).toMatch(new RegExp(`^Nothing to ${OUTLOOK.replace(/[()]/g, '\\$&')} in the last 48 hours, so I looked back 30 days\\. `));
    expect(r.text).toMatch(/Former Employee's sign-in to Outlook Mobile failed with error 50057/);
    expect(r.text).toMatch(/2 other failed attempts during/);
    const card = JSON.stringify(r.card);
    expect(card).toContain('Outlook Mobile');
    expect(card).toContain('2026-11-18 16:30');
    expect(card).not.toContain('Nothing found');
    // The card itself says why a days-old attempt is the one shown (the text may not be shown beside it): a note of its own.
    expect(card).toContain('in the last 48 hours, so I looked back 30 days."');
  });

  it('a question with a time keeps to it: nothing that Wednesday is "nothing", with the app as typed and what it covered', async () => {
    const r = await answerMessage('former.employee cant log in on outlook on thursday', ctx);
    expect(r.text).toBe(`No sign-in events for Former Employee on thursday (Thursday 19 November 00:00 – 24:00, UTC) to ${OUTLOOK}.`);
  });

  it('"which one?" buttons carry every name and the words typed, so the answer after the pick is the same question', async () => {
    const r = await answerMessage('why did alex fail on outlook', ctx);
    const picks = cardButtons(r.card, 'pickUser');
    expect(picks).toHaveLength(2);
    expect(picks[0]!.data).toMatchObject({
      intent: 'diagnose',
      app: 'Office 365 Exchange Online',
      apps: ['Office 365 Exchange Online', 'Outlook Mobile', 'Microsoft Office'],
      appText: 'outlook',
    });
  });
});

describe('a resource-only match', () => {
  it('"exchange" finds Patti\'s sign-in to OfficeHome whose resource is Exchange Online', async () => {
    const r = await answerMessage('why did patti fail on exchange on wednesday', ctx);
    expect(r.text).toMatch(/Patti Fernandez's sign-in to OfficeHome \(evaluated for Office 365 Exchange Online\) was refused/);
    const card = JSON.stringify(r.card);
    expect(card).toMatch(/"title":"App","value":"OfficeHome"/);
    expect(card).toMatch(/"title":"Resource","value":"Office 365 Exchange Online"/);
  });

  it('tenant-wide failures "in exchange" count sign-ins of other apps to Exchange, and the card says what was asked', async () => {
    const r = await answerMessage('failures in exchange on wednesday', ctx);
    expect(JSON.stringify(r.card)).toContain('Only sign-ins to exchange (Office 365 Exchange Online).');
    // Patti's OfficeHome → Exchange Online attempt is among them.
    expect(JSON.stringify(r.card)).toContain('Patti Fernandez');
  });
});

describe('one app named exactly', () => {
  it('"list all failures in Salesforce today" is unchanged: nothing today', async () => {
    const r = await answerMessage('list all failures in Salesforce today', ctx);
    expect(r.text).toBe('No failed sign-ins today (Saturday 21 November 00:00 – 01:00, now, UTC)');
  });

  // Four by two people, and since the sample's CA004-change story (Thursday) one more Finance person blocked there.
  it('and this week: the same failures by three people as before', async () => {
    const r = await answerMessage('list all failures in Salesforce this week', ctx);
    expect(r.text).toMatch(/^5 failed sign-ins by 3 people this week .*; most: CA requirement not met \(4\)$/);
    expect(JSON.stringify(r.card)).toContain('Only sign-ins to Salesforce.');
  });
});
