import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import { MemoryFeedbackStore } from '../../src/routes/feedback-store.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import type { User } from '../../src/signins/directory.ts';
import { openSource } from '../../src/sources.ts';
import { MemoryAuditTrail } from '../../src/trust/audit.ts';
import { MemorySignInSource } from '../helpers/memory-source.ts';
import { signIn } from '../helpers/tenant-folder.ts';

/**
 * Issue 14, item 1: someone limited to their own sign-ins sees only sign-ins whose user is
 * themselves, for every question and every button; what is shown is allowed by the records
 * loaded, never by the ids a (forgeable) button carries; the audit line names whose
 * sign-ins were shown.
 */
const BOB = 'eefd60fd-3290-4084-876f-84dec519fc41';
const MIRIAM = 'f76a97e4-9533-40d0-bcf1-88114b264874';
const MEGAN = 'bc3c1a29-461f-4b72-af38-2a786f759f1c';
const REFUSED = 'Sorry, I cannot look that up for you';

let folder: TenantFolderSource;
let others: User[];
let full: AnswerContext;
let meganCorrelation: string;
let meganRequest: string;
let bobCorrelation: string;

const correlationOf = (r: Reply) => /"correlationId":"([^"]+)"/.exec(JSON.stringify(r.card))![1]!;
/** Bob, not the helpdesk, in a chat of his own; a fresh audit trail and feedback store each time. */
const asBob = (): AnswerContext & { audit: MemoryAuditTrail; feedback: MemoryFeedbackStore } => ({
  ...full,
  access: { kind: 'limited', why: 'Not the helpdesk.' },
  askerId: BOB,
  asker: 'Bob Kelly',
  audit: new MemoryAuditTrail(),
  feedback: new MemoryFeedbackStore(),
});

/**
 * Anyone but Bob, by directory id, display name or address, anywhere in the reply (its words,
 * its card, its buttons' data): every card that shows a sign-in names its user and carries
 * their id in a button. A limited asker reads "an administrator" where the helpdesk reads the
 * address of whoever changed a policy or their account.
 */
function someoneElseIn(r: Reply): string | undefined {
  const all = `${r.text}\n${JSON.stringify(r.card ?? {})}`.toLowerCase();
  for (const u of others)
    for (const key of [u.id, u.displayName, u.userPrincipalName, u.mail]) if (key && all.includes(key.toLowerCase())) return `${u.displayName} (${key})`;
  return undefined;
}

beforeAll(async () => {
  folder = openSource(undefined) as TenantFolderSource;
  others = folder.allUsers().filter((u) => u.id !== BOB);
  full = { source: folder, now: folder.asOf()!, timeZone: 'UTC', appNames: folder.appNames(), allUsers: folder.allUsers() };
  meganCorrelation = correlationOf(await answerMessage('why was megan locked out', full));
  meganRequest = (await folder.querySignIns({ correlationId: meganCorrelation })).events[0]!.id;
  bobCorrelation = correlationOf(await answerMessage('why did bob fail to sign in', full));
});

describe('a limited asker sees only their own sign-ins, for every question', () => {
  const questions = () => [
    'why did megan fail',
    "show megan's sign-ins",
    `diagnose correlation id ${meganCorrelation}`,
    `why did request id ${meganRequest} fail`,
    'show sign-ins to Salesforce',
    'show sign-ins from 185.220.101.47',
    'is anyone locked out',
    'show flagged sign-ins since saturday',
    'what if megan signs in from an iPhone',
    'check my policies',
    'notify this channel about lockouts',
    'stop lockout notifications',
    'why did alex fail', // two Alexes: the "which one?" card would list them
    'why did mgean fail', // "did you mean Megan Bowen?" would name her
  ];

  it('every question about someone else, or about everyone, is refused with the refusal card and shows no one else', async () => {
    for (const q of questions()) {
      const r = await answerMessage(q, asBob());
      expect(JSON.stringify(r.card), q).toContain(REFUSED);
      expect(someoneElseIn(r), q).toBeUndefined();
    }
  });

  it('questions about themselves are answered, and show only them', async () => {
    for (const q of ["why can't I sign in", 'show my sign-ins', 'show my sign-ins from 203.0.113.48', `diagnose correlation id ${bobCorrelation}`]) {
      const r = await answerMessage(q, asBob());
      expect(JSON.stringify(r.card), q).not.toContain(REFUSED);
      expect(JSON.stringify(r.card), q).toContain('Bob Kelly');
      expect(someoneElseIn(r), q).toBeUndefined();
    }
  });
});

describe('a limited asker sees only their own sign-ins, for every button (forged payloads included)', () => {
  const buttons = (): [string, Record<string, unknown>][] => [
    ['feedback', { correlationId: meganCorrelation, helpful: true }],
    ['diagnose', { correlationId: meganCorrelation }],
    ['diagnose', { userId: BOB, correlationId: meganCorrelation }],
    ['diagnose', { userId: MEGAN }],
    ['showAttempts', { userId: MEGAN }],
    ['showAttempts', { userId: 'megan.bowen@contoso.com' }],
    ['showAttempts', { app: 'Salesforce' }],
    ['showAttempts', { ip: '185.220.101.47' }],
    ['pickUser', { userId: MEGAN, intent: 'list' }],
    ['pickUser', { userId: MEGAN, intent: 'what-if' }],
    ['whatIf', { correlationId: meganCorrelation, change: 'from a compliant device' }],
    ['markHandled', { episodeKey: `person:${MEGAN}` }],
  ];

  it('every button about someone else is refused with the refusal card, shows no one else, and saves nothing', async () => {
    for (const [verb, data] of buttons()) {
      const ctx = asBob();
      const r = await answerAction(verb, data, ctx);
      expect(JSON.stringify(r.card), `${verb} ${JSON.stringify(data)}`).toContain(REFUSED);
      expect(someoneElseIn(r), verb).toBeUndefined();
      expect(ctx.feedback.entries, verb).toEqual([]);
    }
  });

  it('(a) feedback is authorized like a diagnosis: on their own sign-in it is kept and the diagnosis shown', async () => {
    const ctx = asBob();
    const r = await answerAction('feedback', { correlationId: bobCorrelation, helpful: false }, ctx);
    expect(JSON.stringify(r.card)).toContain('recorded that this diagnosis did not help');
    expect(JSON.stringify(r.card)).toContain('Bob Kelly');
    expect(ctx.feedback.entries).toMatchObject([{ correlationId: bobCorrelation, helpful: false, by: 'Bob Kelly' }]);
    expect(ctx.audit.entries).toMatchObject([{ action: 'feedback', subject: BOB, asked: bobCorrelation, outcome: 'answered' }]);
  });

  it("(b) their own userId beside another person's correlation id is refused, and the audit line says whose record was withheld", async () => {
    const ctx = asBob();
    const r = await answerAction('diagnose', { userId: BOB, correlationId: meganCorrelation }, ctx);
    expect(JSON.stringify(r.card)).toContain(REFUSED);
    expect(ctx.audit.entries).toEqual([
      expect.objectContaining({ action: 'diagnose', askerId: BOB, outcome: 'refused', asked: meganCorrelation, withheld: [MEGAN] }),
    ]);
  });

  it('buttons about themselves still work', async () => {
    for (const [verb, data] of [
      ['diagnose', { correlationId: bobCorrelation }],
      ['diagnose', { userId: BOB }],
      ['showAttempts', { userId: BOB }],
      ['showAttempts', { userId: BOB, app: 'Salesforce' }],
      ['pickUser', { userId: BOB, intent: 'list' }],
    ] as const) {
      const r = await answerAction(verb, data, asBob());
      expect(JSON.stringify(r.card), verb).not.toContain(REFUSED);
      expect(someoneElseIn(r), verb).toBeUndefined();
    }
  });
});

describe('the audit line names whose sign-ins were shown', () => {
  it('a helpdesk lookup by correlation id names the person whose sign-in it was, and keeps the id asked about', async () => {
    const audit = new MemoryAuditTrail();
    await answerAction('diagnose', { correlationId: meganCorrelation }, { ...full, access: { kind: 'full' }, askerId: MIRIAM, asker: 'Miriam Graham', audit });
    expect(audit.entries).toMatchObject([{ action: 'diagnose', subject: MEGAN, asked: meganCorrelation, outcome: 'answered' }]);
  });

  it('a limited asker asking about themselves is recorded with themselves as the subject', async () => {
    const ctx = asBob();
    await answerMessage("why can't I sign in", ctx);
    expect(ctx.audit.entries).toMatchObject([{ action: 'diagnose', subject: BOB, outcome: 'answered' }]);
  });
});

describe('an attempt is judged by every row, not only the one that decided it', () => {
  it("a correlation id shared by Bob's row and Megan's row is refused to Bob", async () => {
    const source = new MemorySignInSource(folder);
    source.add(
      signIn({
        correlationId: '5a4e0c1d-7b1f-4c55-9a3e-2f0d6c8b9e11',
        userId: BOB,
        userPrincipalName: 'bob.kelly@contoso.com',
        userDisplayName: 'Bob Kelly',
        createdDateTime: '2026-11-20T10:00:00Z',
        status: { errorCode: 50074 },
      }),
      signIn({
        correlationId: '5a4e0c1d-7b1f-4c55-9a3e-2f0d6c8b9e11',
        userId: MEGAN,
        userPrincipalName: 'megan.bowen@contoso.com',
        userDisplayName: 'Megan Bowen',
        createdDateTime: '2026-11-20T10:01:00Z',
        status: { errorCode: 0 },
      }),
    );
    const ctx = { ...asBob(), source };
    expect(JSON.stringify((await answerAction('diagnose', { correlationId: '5a4e0c1d-7b1f-4c55-9a3e-2f0d6c8b9e11' }, ctx)).card)).toContain(REFUSED);
    expect(JSON.stringify((await answerMessage('diagnose correlation id 5a4e0c1d-7b1f-4c55-9a3e-2f0d6c8b9e11', ctx)).card)).toContain(REFUSED);
  });
});
