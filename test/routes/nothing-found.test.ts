import { beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { validateCard } from '../helpers/validate-card.ts';

/**
 * "former.employee cant log in on teams": nothing to Teams in the last 48 hours (nor before),
 * but the account's phone failed in Outlook Mobile three days before. "Nothing found" says when
 * the latest sign-in was and to which app, instead of leaving the agent guessing. (The same
 * question about outlook now finds and diagnoses those Outlook Mobile failures: apps.test.ts.)
 */
let source: TenantFolderSource;
let ctx: AnswerContext;

beforeAll(() => {
  source = openSource(undefined);
  ctx = { source, now: source.asOf()!, timeZone: 'America/Los_Angeles', appNames: source.appNames(), allUsers: source.allUsers() };
});

describe('nothing in the window', () => {
  it('names the latest sign-in the window or the app left out, from the log', async () => {
    const r = await answerMessage('former.employee cant log in on teams', ctx);
    expect(validateCard(r.card!)).toEqual([]);
    const text = JSON.stringify(r.card);
    expect(text).toContain('Nothing found');
    expect(text).toMatch(/to teams \(Microsoft Teams, Microsoft Teams Services\)/);
    expect(text).toMatch(/The latest sign-in \(to another app\) was at 2026-11-18 08:30 PST, to Outlook Mobile: it failed \(50057/);
    // The log's reason keeps no full stop of its own inside the brackets ("administrator.)." read as a typo).
    expect(text).toMatch(/by an administrator\)\. /);
  });

  it('says nothing more when the person has no sign-in in the 30 days before', async () => {
    const r = await answerMessage('why did bob fail last month', { ...ctx, timeZone: 'UTC' });
    expect(JSON.stringify(r.card)).not.toMatch(/The latest sign-in/);
  });

  it('a limited asker asking about someone else is refused before anything is said of them', async () => {
    const bob = source.allUsers().find((u) => u.userPrincipalName === 'bob.kelly@contoso.com')!;
    const r = await answerMessage('former.employee cant log in on outlook', {
      ...ctx,
      askerId: bob.id,
      access: { kind: 'limited', why: 'You may look up only your own sign-ins.' },
    });
    expect(JSON.stringify(r.card)).not.toMatch(/Outlook Mobile|Former Employee/);
  });
});
