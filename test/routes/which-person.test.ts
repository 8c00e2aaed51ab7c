import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { MemoryAuditTrail } from '../../src/trust/audit.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { cardButtons } from '../helpers/card-buttons.ts';

/**
 * Issue 15, part 2: the bot's parser reads people from the directory (the sample tenant's
 * folder), and every question about a person the parser could not settle gets one answer:
 * "did you mean…" with a button per candidate (a near name), "which one?" (a shared name), or
 * "nobody called X" (no one near). A limited asker sees the candidates only when they are all
 * themselves; a sure name goes straight to the person by the parser's directory id.
 */
const BOB = 'eefd60fd-3290-4084-876f-84dec519fc41';
const JONI = 'fe830ada-9f43-46cc-9956-1d7b7099987b';
const ALEX_W = '3545b38d-02a5-4a28-9af6-da46e1c0df6f';
const ALEX_J = '1936554e-a721-4ff6-86fb-60b2aae37103';

let source: TenantFolderSource;
let ctx: AnswerContext;

/** The data of every button with this verb on the card. */
const buttons = (r: Reply, verb: string) => cardButtons(r.card, verb).map((b) => b.data);

beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
  ctx = { source, now: source.asOf()!, timeZone: 'America/Los_Angeles', appNames: source.appNames(), allUsers: source.allUsers() };
});

describe('a person the parser could not settle: one rule for every intent', () => {
  it('"why did jon fail": did you mean Joni Sherman, with her button carrying the intent', async () => {
    const r = await answerMessage('why did jon fail', ctx);
    expect(r.command?.userCandidates?.map((c) => c.id)).toEqual([JONI]);
    expect(r.text).toBe('Nobody called "jon" is in the directory. Did you mean Joni Sherman (joni.sherman@contoso.com)?');
    expect(validateCard(r.card!)).toEqual([]);
    expect(buttons(r, 'pickUser')).toEqual([{ userId: JONI, intent: 'diagnose' }]);
  });

  it('"why did bobb kelley fail yesterday": did you mean Bob Kelly, the button keeps the window', async () => {
    const r = await answerMessage('why did bobb kelley fail yesterday', ctx);
    expect(r.text).toBe('Nobody called "bobb kelley" is in the directory. Did you mean Bob Kelly (bob.kelly@contoso.com)?');
    const [b] = buttons(r, 'pickUser');
    expect(b).toMatchObject({ userId: BOB, intent: 'diagnose', since: r.command!.since, until: r.command!.until });
  });

  it('a shared name asks which one, for a list too', async () => {
    const r = await answerMessage("show alex's sign-ins", ctx);
    expect(r.text).toBe('"alex" matches 2 people.');
    expect(
      buttons(r, 'pickUser')
        .map((b) => b.userId)
        .sort(),
    ).toEqual([ALEX_J, ALEX_W].sort());
    expect(buttons(r, 'pickUser').every((b) => b.intent === 'list')).toBe(true);
  });

  it('what-if: the button carries the change, and pressing it answers the what-if about the person chosen', async () => {
    const r = await answerMessage('what if jon signs in from an unmanaged iPhone', ctx);
    expect(r.text).toContain('Did you mean Joni Sherman');
    const [b] = buttons(r, 'pickUser');
    expect(b).toMatchObject({ userId: JONI, intent: 'what-if', condition: expect.stringContaining('iPhone') });
    const picked = await answerAction('pickUser', b, ctx);
    expect(picked.text).not.toContain('Did you mean');
    expect(JSON.stringify(picked.card)).toContain('Joni Sherman');
  });

  it('nobody near the name: the same sentence as a name resolveUser cannot find', async () => {
    const r = await answerMessage('why did zzqx fail', ctx);
    expect(r.command?.userCandidates).toEqual([]);
    expect(r.text).toBe('Nobody called "zzqx" is in the directory. Try their email address or full name.');
    expect(buttons(r, 'pickUser')).toEqual([]);
  });

  it('a sure name goes to the person by the parser\'s id, with no "which one"', async () => {
    const r = await answerMessage('why did bob fail yesterday', ctx);
    expect(r.command?.userId).toBe(BOB);
    expect(r.text).not.toMatch(/Did you mean|matches \d people/);
    expect(r.text).toMatch(/Bob Kelly/);
  });

  it('a limited asker is refused the candidates unless they are only themselves; the audit line says whose they were', async () => {
    const audit = new MemoryAuditTrail();
    const limited = { ...ctx, access: { kind: 'limited' as const, why: 'Not the helpdesk.' }, audit };
    const other = await answerMessage('why did jon fail', { ...limited, askerId: BOB, asker: 'Bob Kelly' });
    expect(other.card ? JSON.stringify(other.card) : '').toContain('Sorry, I cannot look that up for you');
    expect(audit.entries.at(-1)).toMatchObject({ outcome: 'refused', withheld: [JONI] });
    const self = await answerMessage('why did jon fail', { ...limited, askerId: JONI, asker: 'Joni Sherman' });
    expect(self.text).toContain('Did you mean Joni Sherman');
    expect(audit.entries.at(-1)).toMatchObject({ outcome: 'answered', subject: JONI });
  });

  it('without a directory (Graph has no allUsers) names are read as typed and resolved after, as before', async () => {
    const r = await answerMessage('why did jon fail', { ...ctx, allUsers: undefined });
    expect(r.command?.user).toBe('jon');
    expect(r.command?.userCandidates).toBeUndefined();
  });
});

describe('the window in words and times', () => {
  it('"yesterday" is said with its day and hours in the asker\'s zone', async () => {
    const r = await answerMessage('why did bob fail yesterday', ctx);
    expect(r.text).toMatch(/yesterday \(\w+day \d+ \w+ 00:00 – 24:00, America\/Los Angeles\)/);
  });

  it('a zone named in the question is the zone of the times', async () => {
    const r = await answerMessage('show bob kelly sign-ins yesterday 9am to 5pm eastern', ctx);
    expect(JSON.stringify(r.card)).toMatch(/09:00 – 17:00, America\/New York/);
  });
});
