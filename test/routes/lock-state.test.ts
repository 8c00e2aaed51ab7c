import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { MemoryAuditTrail } from '../../src/trust/audit.ts';
import { MemorySignInSource } from '../helpers/memory-source.ts';
import { validateCard } from '../helpers/validate-card.ts';

/**
 * Issue 15: "is bob locked out?" on the bundled sample tenant. Grady Archie hit smart lockout
 * on 2026-11-16: ten wrong passwords from 203.0.113.196 from 16:02 UTC, refused with 50053 at
 * 16:13 and 16:15, then signed in interactively at 16:27 (his Teams token refreshes at 16:19
 * and 16:22 succeed while locked: they prove nothing). A password spray from 185.220.101.47 hit
 * Joni (03:31) and Lynne (03:32) on 2026-11-19: a block on the IP, not a lock on them. The
 * sample's clock is 2026-11-21 01:00 UTC; "now" is moved to ask during Grady's lockout.
 */
const GRADY = 'a7360e10-f512-44d7-b822-9b6017ae7262';
const BOB = 'eefd60fd-3290-4084-876f-84dec519fc41';
const GRADY_LATEST_LOCKOUT = '7cd687f5-ff3e-4077-b088-ee2b8b85837a';
const LIMITED = { kind: 'limited', why: 'Not the helpdesk.' } as const;

let source: TenantFolderSource;
let ctx: AnswerContext;

beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
  ctx = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames(), allUsers: source.allUsers() };
});

const text = (r: Reply) => JSON.stringify(r.card);
const facts = (r: Reply) =>
  Object.fromEntries(
    ((r.card as { body: { type: string; facts?: { title: string; value: string }[] }[] }).body.find((b) => b.type === 'FactSet')?.facts ?? []).map((f) => [
      f.title,
      f.value,
    ]),
  );
const actions = (r: Reply) => ((r.card as { actions?: { title: string; verb?: string; data?: Record<string, unknown> }[] }).actions ?? []).map((a) => a);

describe('"lock-state": one person\'s lockout now', () => {
  it('Grady at 16:20, five minutes after his second lockout: may still be locked, since 16:13, by smart lockout from 203.0.113.196, and when it clears', async () => {
    const r = await answerMessage('is grady locked out', { ...ctx, now: '2026-11-16T16:20:00Z' });
    expect(r.command!.intent).toBe('lock-state');
    expect(validateCard(r.card!)).toEqual([]);
    // Only what the log shows: refused sign-ins and none that succeeded since, not the lock itself.
    expect(r.text).toBe(
      'Grady Archie was locked out at 2026-11-16 16:15 UTC and has not signed in since; the lock may still be in force (it lifts by itself, at the earliest at 2026-11-16 16:16 UTC).',
    );
    expect(text(r)).toContain('Grady Archie may still be locked out');
    expect(text(r)).not.toContain('Grady Archie is locked out');
    expect(facts(r)).toMatchObject({
      Since: '2026-11-16 16:13 UTC',
      Lockouts: '2, the latest at 2026-11-16 16:15 UTC',
      By: 'smart lockout, after 10 wrong passwords in the hour before',
      From: expect.stringMatching(/^203\.0\.113\.196 \(\d+\)/),
    });
    expect(text(r)).toContain(
      'Locked out at 2026-11-16 16:15 UTC (5 minutes ago): 2 sign-ins refused with the lockout code since 2026-11-16 16:13 UTC, and no successful sign-in since, so the lock may still be in force.',
    );
    expect(text(r)).toContain('after 60 seconds for a first lockout and longer after repeated ones (2 in this run), at the earliest 2026-11-16 16:16 UTC');
    expect(text(r)).toContain('not the lock itself');
    // Diagnose the latest lockout; All attempts for him in the window looked at.
    expect(actions(r).map((a) => [a.title, a.verb])).toEqual([
      ['Diagnose', 'diagnose'],
      ['All attempts', 'showAttempts'],
    ]);
    expect(actions(r)[0]!.data).toEqual({ correlationId: GRADY_LATEST_LOCKOUT, userId: GRADY });
    expect(actions(r)[1]!.data).toEqual({ userId: GRADY, since: '2026-11-09T16:20:00.000Z', until: '2026-11-16T16:20:00Z' });
    const diagnosed = await answerAction('diagnose', actions(r)[0]!.data!, { ...ctx, now: '2026-11-16T16:20:00Z' });
    expect(diagnosed.text).toMatch(/^Account locked/);
  });

  it('in his time zone, the times are Pacific', async () => {
    const r = await answerMessage('is grady locked out', { ...ctx, now: '2026-11-16T16:20:00Z', timeZone: 'America/Los_Angeles' });
    expect(r.text).toContain('locked out at 2026-11-16 08:15 PST');
    expect(text(r)).toContain('since 2026-11-16 08:13 PST');
  });

  it('"right now" and "still" ask for the state now: the whole week is read, not the last 15 minutes', async () => {
    // 16:40: his lockouts are 25 minutes old (outside "the last 15 minutes"), his sign-in at 16:27 after them.
    for (const q of ['is grady locked out right now', 'is grady still locked out', 'is grady currently locked out']) {
      const r = await answerMessage(q, { ...ctx, now: '2026-11-16T16:40:00Z' });
      expect(r.command, q).toMatchObject({ intent: 'lock-state', present: true });
      expect(r.text, q).toBe('Grady Archie is not locked out: the last lockout was at 2026-11-16 16:15 UTC, and they signed in at 2026-11-16 16:27 UTC.');
    }
  });

  it('Grady now: not locked out, his interactive sign-in at 16:27 after the lockout says it had lifted', async () => {
    const r = await answerMessage('is grady locked out', ctx);
    expect(validateCard(r.card!)).toEqual([]);
    expect(r.text).toBe('Grady Archie is not locked out: the last lockout was at 2026-11-16 16:15 UTC, and they signed in at 2026-11-16 16:27 UTC.');
  });

  it('long after a lockout with no interactive sign-in since, it has most likely lifted (the log cannot show it)', async () => {
    // Grady's rows up to his second lockout and his token refreshes after it, not his sign-in at 16:27: asked at 18:00.
    const memory = new MemorySignInSource(source);
    const rows = await source.querySignIns({ user: GRADY, since: '2026-11-15T00:00:00Z', until: '2026-11-16T18:00:00Z', limit: 10_000 });
    memory.add(...rows.events.filter((e) => e.createdDateTime < '2026-11-16T16:16' || e.isInteractive === false));
    const r = await answerMessage('is grady locked out', { ...ctx, source: memory, now: '2026-11-16T18:00:00Z' });
    expect(validateCard(r.card!)).toEqual([]);
    expect(r.text).toBe('Grady Archie was locked out at 2026-11-16 16:15 UTC and has not signed in since; the lock has most likely lifted.');
    expect(text(r)).toContain('(105 minutes ago), and they have not signed in since');
    expect(text(r)).not.toContain('When it clears');
  });

  it('Joni during the spray: not locked out, the IP is blocked; Bob: no lockouts in the last 7 days', async () => {
    const joni = await answerMessage('is joni locked out', { ...ctx, now: '2026-11-19T03:40:00Z' });
    expect(validateCard(joni.card!)).toEqual([]);
    expect(joni.text).toBe('Joni Sherman is not locked out: sign-ins from 185.220.101.47 are blocked as malicious (the latest at 2026-11-19 03:31 UTC).');
    expect(facts(joni).By).toBe('a block on a malicious IP address');
    const bob = await answerMessage('is bob locked out', ctx);
    expect(validateCard(bob.card!)).toEqual([]);
    expect(bob.text).toBe('Bob Kelly is not locked out: no lockouts in the last 7 days.');
    expect(actions(bob).map((a) => a.title)).toEqual(['All attempts']);
    expect(actions(bob)[0]!.data).toMatchObject({ userId: BOB });
  });

  it('a limited asker: about someone else refused (the check saw that person), about themselves answered', async () => {
    const audit = new MemoryAuditTrail();
    const asBob = { ...ctx, access: LIMITED, askerId: BOB, asker: 'Bob Kelly', audit };
    const other = await answerMessage('is grady locked out', asBob);
    expect(text(other)).toContain('Sorry, I cannot look that up for you');
    expect(text(other)).not.toContain('Grady');
    const me = await answerMessage('am I locked out', asBob);
    expect(validateCard(me.card!)).toEqual([]);
    expect(me.text).toBe('Bob Kelly is not locked out: no lockouts in the last 7 days.');
    expect(audit.entries).toMatchObject([
      { action: 'lock-state', outcome: 'refused' },
      { action: 'lock-state', subject: BOB, outcome: 'answered' },
    ]);
    // Grady asking about himself during his lockout.
    const grady = await answerMessage('am I locked out', { ...ctx, now: '2026-11-16T16:20:00Z', access: LIMITED, askerId: GRADY });
    expect(grady.text).toMatch(/^Grady Archie was locked out at 2026-11-16 16:15 UTC and has not signed in since; the lock may still be in force/);
  });

  it('a name that matches several people asks which one; one that matches nobody says so', async () => {
    const alex = await answerMessage('is alex locked out', ctx);
    expect(validateCard(alex.card!)).toEqual([]);
    expect(alex.text).toBe('"alex" matches 2 people.');
    expect(text(alex)).toContain('"verb":"pickUser"');
    const nobody = await answerMessage('is bbo locked out', ctx);
    expect(nobody.text).toMatch(/^Nobody called "bbo" is in the directory\. Did you mean Bob Kelly/);
  });
});
