import { beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { MemorySignInSource } from '../helpers/memory-source.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { folderContext } from '../helpers/answer-context.ts';

/**
 * Issue 15: "is anyone locked out right now?" means the locks that may still be in force, not
 * the last 15 minutes' lockouts. On the sample tenant (see lock-state.test.ts): Grady Archie's
 * smart lockout on 2026-11-16 (16:13, 16:15; signed in at 16:27); Joni and Lynne refused from a
 * malicious IP on 2026-11-19 (03:31, 03:32).
 */
const GRADY = 'a7360e10-f512-44d7-b822-9b6017ae7262';
const GRADY_LATEST_LOCKOUT = '7cd687f5-ff3e-4077-b088-ee2b8b85837a';

let source: TenantFolderSource;
let ctx: AnswerContext;
beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
  ctx = folderContext(source, 'UTC');
});

type Block = { type: string; text?: string; items?: Block[]; actions?: { data?: unknown }[]; selectAction?: { verb?: string; data?: unknown } };
const blocks = (r: Reply) => (r.card as { body: Block[] }).body;
const texts = (r: Reply) =>
  blocks(r)
    .flatMap((b) => (b.type === 'Container' ? (b.items ?? []) : [b]))
    .flatMap((b) => (b.text ? [b.text] : []));

describe('"who is locked out right now": the locks that may still be in force', () => {
  it('at 16:20, five minutes after his second lockout: Grady may still be locked out, since when, by what, the earliest it lifts', async () => {
    const r = await answerMessage('is anyone locked out right now?', { ...ctx, now: '2026-11-16T16:20:00Z' });
    expect(r.command).toMatchObject({ intent: 'lockouts', present: true });
    expect(validateCard(r.card!)).toEqual([]);
    expect(r.text).toBe('1 person may still be locked out (locked out in the last hour with no sign-in since): Grady Archie.');
    const t = texts(r);
    expect(t[0]).toBe('1 person may still be locked out');
    // The window line says what was read: the last 24 hours of lockouts, not "right now"'s 15 minutes.
    expect(t[1]).toMatch(/^Looked at: lockouts \(code 50053\) in the last 24 hours \(Sunday 15 November 16:20 – Monday 16 November 16:20/);
    expect(t[1]).toContain('not the lock itself');
    expect(t).toContain('**Grady Archie** — smart lockout');
    expect(t).toContain(
      'Locked out since 2026-11-16 16:13 UTC (2 lockouts, the latest at 2026-11-16 16:15 UTC, 5 minutes ago) and no sign-in since, so the lock may still be in force. It lifts by itself, at the earliest at 2026-11-16 16:16 UTC.',
    );
    expect(t.some((x) => /^\d+ failures from 203\.0\.113\.196/.test(x))).toBe(true);
    const person = blocks(r).find((b) => b.type === 'Container')!;
    // A tap on the row diagnoses his latest lockout (a button beside it was clipped in a narrow pane).
    expect(person.selectAction).toMatchObject({ verb: 'diagnose', data: { correlationId: GRADY_LATEST_LOCKOUT, userId: GRADY } });
  });

  it('"currently" and "at the moment" at 16:40, after his sign-in at 16:27: nobody in force, and a line for Grady, signed in since', async () => {
    for (const q of ['who is currently locked out', 'who is locked out at the moment?']) {
      const r = await answerMessage(q, { ...ctx, now: '2026-11-16T16:40:00Z' });
      expect(r.command, q).toMatchObject({ intent: 'lockouts', present: true });
      expect(validateCard(r.card!)).toEqual([]);
      expect(r.text, q).toBe(
        'Nobody was locked out in the last hour without signing in since. 1 other person was locked out in the last 24 hours: the card says what followed.',
      );
      expect(texts(r)).toContain('Locked out earlier, signed in since: Grady Archie (locked out at 2026-11-16 16:15 UTC, signed in at 2026-11-16 16:27 UTC).');
      expect(JSON.stringify(r.card)).not.toContain('may still be locked out');
    }
  });

  it('during the spray: Joni and Lynne were refused from a blocked IP, which is not a lock on their accounts', async () => {
    const r = await answerMessage('is anyone locked out right now', { ...ctx, now: '2026-11-19T03:40:00Z' });
    expect(validateCard(r.card!)).toEqual([]);
    expect(texts(r)[0]).toBe('Nobody was locked out in the last hour without signing in since');
    expect(texts(r)).toContain(
      'Refused from an IP address blocked as malicious, a block on the address rather than a lock on the account: Lynne Robbins (at 2026-11-19 03:32 UTC from 185.220.101.47), Joni Sherman (at 2026-11-19 03:31 UTC from 185.220.101.47).',
    );
  });

  it('a lockout over an hour old with nothing since: most likely lifted, on its own line, not in force', async () => {
    // Grady's rows up to his second lockout and his token refreshes, not his sign-in at 16:27: asked at 18:00.
    const memory = new MemorySignInSource(source);
    const rows = await source.querySignIns({ since: '2026-11-15T00:00:00Z', until: '2026-11-16T18:00:00Z', limit: 100_000 });
    memory.add(...rows.events.filter((e) => e.userId !== GRADY || e.createdDateTime < '2026-11-16T16:16' || e.isInteractive === false));
    const r = await answerMessage('who is locked out right now', { ...ctx, source: memory, now: '2026-11-16T18:00:00Z' });
    expect(validateCard(r.card!)).toEqual([]);
    expect(texts(r)[0]).toBe('Nobody was locked out in the last hour without signing in since');
    expect(texts(r)).toContain(
      'Locked out more than an hour ago, most likely lifted (a first lockout lasts a minute and repeated ones longer, for times Entra does not publish; their sign-ins since were not read): Grady Archie (at 2026-11-16 16:15 UTC).',
    );
  });

  it('nobody in the last 24 hours says so; without "now" the question is the 48-hour listing it was', async () => {
    const r = await answerMessage('is anyone locked out right now', ctx);
    expect(r.text).toBe('Nobody was locked out in the last 24 hours.');
    expect(validateCard(r.card!)).toEqual([]);
    const listing = await answerMessage('is anyone locked out', { ...ctx, now: '2026-11-16T16:20:00Z' });
    expect(listing.command!.present).toBeUndefined();
    expect(listing.text).toBe('1 person was locked out in the last 48 hours.');
  });

  it('a limited asker cannot see who is locked out now (a tenant-wide view)', async () => {
    const r = await answerMessage('who is currently locked out', {
      ...ctx,
      now: '2026-11-16T16:20:00Z',
      access: { kind: 'limited', why: 'Not the helpdesk.' },
      askerId: 'eefd60fd-3290-4084-876f-84dec519fc41',
    });
    expect(r.text).toBe('Not the helpdesk.');
    expect(JSON.stringify(r.card)).not.toContain('Grady');
  });
});

describe('"who is locked out right now" with nobody locked out', () => {
  it('says how smart lockout lifts in a whole sentence and what to ask next', async () => {
    const r = await answerMessage('is anyone locked out right now?', ctx);
    const text = JSON.stringify(r.card);
    expect(text).toContain('Smart lockout lifts by itself: after a minute for a first lockout, longer after repeated ones.');
    expect(text).not.toMatch(/a lockout with a sign-in after it had lifted/);
  });
});
