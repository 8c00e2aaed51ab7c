import { beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, answerAction, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import { ADMINISTRATOR, auditActors, forAsker } from '../../src/routes/hide-actors.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import type { Diagnosis } from '../../src/diagnosis/types.ts';
import { openSource } from '../../src/sources.ts';

/**
 * The directory audit log names who changed a policy, security defaults or an account. The
 * helpdesk sees the address; someone asking about their own sign-ins reads "an administrator".
 */
const BOB = 'eefd60fd-3290-4084-876f-84dec519fc41';
const ENRICO = '28f4353d-7159-41f0-bcdc-e4754c9d70e8';
const ADMINS = /miriam\.graham@contoso\.com|nestor\.wilke@contoso\.com|Miriam Graham|Nestor Wilke/i;

let full: AnswerContext;
beforeAll(() => {
  const source = openSource(undefined) as TenantFolderSource;
  full = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames(), allUsers: source.allUsers() };
});
const limited = (askerId: string): AnswerContext => ({ ...full, access: { kind: 'limited', why: 'Not the helpdesk.' }, askerId });
const all = (r: Reply) => `${r.text}\n${JSON.stringify(r.card)}`;

describe('who changed things, as each asker may read it', () => {
  it("Bob asking about his own failure reads 'by an administrator' for the group and policy changes; the helpdesk reads the addresses", async () => {
    const own = await answerMessage("why can't I sign in", limited(BOB));
    expect(all(own)).toContain('added to group \\"Finance\\" by an administrator at 2026-11-19 16:45 UTC');
    expect(all(own)).toContain('changed by an administrator at 2026-11-19 16:58 UTC');
    expect(all(own)).not.toMatch(ADMINS);
    const helpdesk = await answerMessage('why did bob fail to sign in', { ...full, access: { kind: 'full' } });
    expect(all(helpdesk)).toContain('added to group \\"Finance\\" by miriam.graham@contoso.com');
    expect(all(helpdesk)).toContain('changed by nestor.wilke@contoso.com');
  });

  it("Enrico's own security-defaults prompt: 'an administrator switched them off'", async () => {
    const own = await answerMessage("why couldn't I sign in on saturday", limited(ENRICO));
    expect(all(own)).toContain('Security defaults are no longer in force: an administrator switched them off at 2026-11-16 05:52 UTC');
    expect(all(own)).not.toMatch(ADMINS);
  });

  it('the feedback button shows the diagnosis again, with the same words for a limited asker', async () => {
    const first = await answerMessage("why can't I sign in", limited(BOB));
    const correlationId = /"verb":"feedback","data":\{"correlationId":"([^"]+)"/.exec(JSON.stringify(first.card))![1]!;
    const again = await answerAction('feedback', { correlationId, helpful: true }, limited(BOB));
    expect(all(again)).toContain('by an administrator');
    expect(all(again)).not.toMatch(ADMINS);
  });
});

describe('auditActors and forAsker', () => {
  const audits = [
    {
      id: '1',
      activityDisplayName: 'Update policy',
      activityDateTime: '2026-11-19T10:00:00Z',
      initiatedBy: { user: { id: 'n', userPrincipalName: 'nestor.wilke@contoso.com', displayName: 'Nestor Wilke' } },
    },
    {
      id: '2',
      activityDisplayName: 'Change user password',
      activityDateTime: '2026-11-19T11:00:00Z',
      initiatedBy: { user: { id: 'me', userPrincipalName: 'me@contoso.com', displayName: 'Me Myself' } },
    },
    {
      id: '3',
      activityDisplayName: 'Add member to group',
      activityDateTime: '2026-11-19T12:00:00Z',
      initiatedBy: { app: { displayName: 'Microsoft Intune' } },
    },
  ];

  it('names people who made changes, never the asker, never an app; addresses before names', () => {
    expect(auditActors(audits, 'ME')).toEqual(['nestor.wilke@contoso.com', 'Nestor Wilke']);
  });

  it('replaces them in every sentence a card shows, for a limited asker only', () => {
    const d = {
      title: 'Blocked',
      assessment: 'Blocked after nestor.wilke@contoso.com changed it.',
      findings: [{ kind: 'tenant-now', text: 'Nestor Wilke switched them off.', citations: [], data: { defaultsOff: { by: 'nestor.wilke@contoso.com' } } }],
      actions: [{ text: 'Ask NESTOR.WILKE@contoso.com why.', who: 'admin' }],
      gaps: [{ text: 'Nestor Wilke did not say.' }],
    } as unknown as Diagnosis;
    const actors = auditActors(audits);
    const hidden = forAsker(d, { kind: 'limited', why: '' }, actors);
    expect(JSON.stringify(hidden)).not.toMatch(/nestor/i);
    expect(hidden.assessment).toBe(`Blocked after ${ADMINISTRATOR} changed it.`);
    expect(forAsker(d, { kind: 'full' }, actors)).toBe(d);
    expect(forAsker(d, undefined, actors)).toBe(d);
  });
});
