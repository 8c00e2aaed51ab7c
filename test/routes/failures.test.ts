import { beforeAll, describe, expect, it } from 'vitest';
import { groupAttempts, type Attempt } from '../../src/diagnosis/attempts.ts';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { SignIn } from '../../src/signins/signin.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { MemoryAuditTrail } from '../../src/trust/audit.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { folderContext } from '../helpers/answer-context.ts';

/**
 * Issue 15: "who failed to sign in this week", by person and by cause, on the bundled sample
 * tenant (its clock: 2026-11-21 01:00 UTC). The counts are checked against the sample's own
 * events, counted here another way: every attempt (all its rows, successes included) with a
 * failure row in the window that matches the filter, and that ended failed.
 */
let source: TenantFolderSource;
let ctx: AnswerContext;
const SPRAY_IP = '185.220.101.47';
const LIMITED = { kind: 'limited', why: 'Not the helpdesk.' } as const;

beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
  ctx = folderContext(source, 'UTC');
});

const t = (e: SignIn) => Date.parse(e.createdDateTime);

/** The failed attempts of the window whose failure rows match, counted from every event of the window (and a little after: an attempt's closing success). */
async function directFailures(w: { since: string; until: string }, match: (e: SignIn) => boolean = () => true): Promise<Attempt[]> {
  const all = await source.querySignIns({
    since: new Date(t({ createdDateTime: w.since } as SignIn) - 3_600_000).toISOString(),
    until: ctx.now,
    limit: 1_000_000,
  });
  const lo = Date.parse(w.since);
  const hi = Date.parse(w.until);
  return groupAttempts(all.events).filter(
    (a) => a.decisive.status.errorCode !== 0 && a.events.some((e) => e.status.errorCode !== 0 && t(e) >= lo && t(e) <= hi && match(e)),
  );
}

/** Per person (display name): how many failed attempts. */
function perPerson(attempts: Attempt[]): Map<string, number> {
  const names = new Map(source.allUsers().map((u) => [u.id.toLowerCase(), u.displayName ?? u.userPrincipalName]));
  const m = new Map<string, number>();
  for (const a of attempts) {
    // Names not in the directory share the zero id: each is its own row, by the name tried.
    const name = names.get(a.decisive.userId.toLowerCase()) ?? `${a.decisive.userPrincipalName} (no such account)`;
    m.set(name, (m.get(name) ?? 0) + 1);
  }
  return m;
}

/** The card's people rows: "**Name** · 3 failed". */
function rows(r: Reply): { name: string; count: number }[] {
  return [...JSON.stringify(r.card).matchAll(/"text":"\*\*([^*]+)\*\* · (\d+) failed"/g)].map((m) => ({ name: m[1]!, count: Number(m[2]) }));
}

/** The "by cause" facts. */
function causes(r: Reply): { title: string; value: string }[] {
  const body = (r.card as { body: { type: string; facts?: { title: string; value: string }[] }[] }).body;
  return body.find((b) => b.type === 'FactSet')?.facts ?? [];
}

/** The data of every button with this verb on the card. */
const buttons = (r: Reply, verb: string) => cardButtons(r.card, verb).map((b) => b.data);

describe('"failures": the tenant\'s failed sign-ins by person and by cause', () => {
  it('"failures this week" counts every failed attempt once, by person, as the events do; prompts that were then passed are not failures', async () => {
    const r = await answerMessage('failures this week', ctx);
    expect(validateCard(r.card!)).toEqual([]);
    const w = { since: r.command!.since!, until: r.command!.until! };
    const direct = await directFailures(w);
    const people = perPerson(direct);
    expect(r.text).toBe(
      `${direct.length} failed sign-ins by ${people.size} people this week (Monday 16 November 00:00 – Saturday 21 November 01:00, now, UTC); most: wrong password (${causes(r)[0]!.value})`,
    );
    expect(causes(r)[0]!.title).toBe('Wrong password');
    expect(causes(r).reduce((s, c) => s + Number(c.value), 0)).toBe(direct.length);
    // Page 1: the ten people with the most failures, with their counts.
    const shown = rows(r);
    expect(shown).toHaveLength(10);
    for (const p of shown) expect(p.count, p.name).toBe(people.get(p.name));
    const top = [...people.values()].sort((a, b) => b - a).slice(0, 10);
    expect(shown.map((p) => p.count)).toEqual(top);
    // The week has many attempts with a failure row (an MFA or "stay signed in?" prompt) that ended in a success: the count above leaves them out.
    const passedPrompts = groupAttempts((await source.querySignIns({ since: w.since, until: w.until, limit: 1_000_000 })).events).filter(
      (a) => a.decisive.status.errorCode === 0 && a.events.some((e) => e.status.errorCode !== 0),
    );
    expect(passedPrompts.length).toBeGreaterThan(50);
    // Each row diagnoses that person's newest failure in the window.
    expect(buttons(r, 'diagnose')[0]).toEqual({ userId: expect.any(String), since: w.since, until: w.until });
  });

  it('narrows by app, error code and IP, each count as the events say', async () => {
    for (const [question, match] of [
      ['failed sign-ins to Salesforce this week', (e: SignIn) => e.appDisplayName === 'Salesforce'],
      ['everyone with error 50126 this week', (e: SignIn) => e.status.errorCode === 50126],
      [`all failures from ${SPRAY_IP} this week`, (e: SignIn) => e.ipAddress === SPRAY_IP],
    ] as const) {
      const r = await answerMessage(question, ctx);
      expect(validateCard(r.card!), question).toEqual([]);
      const direct = await directFailures({ since: r.command!.since!, until: r.command!.until! }, match);
      expect(direct.length, question).toBeGreaterThan(0);
      expect(r.text, question).toMatch(new RegExp(`^${direct.length} failed sign-ins? by ${perPerson(direct).size} (people|person) `));
      for (const p of rows(r)) expect(p.count, `${question}: ${p.name}`).toBe(perPerson(direct).get(p.name));
    }
    // The spray: many accounts, a wrong password each, from the one address.
    const spray = await answerMessage(`all failures from ${SPRAY_IP} this week`, ctx);
    expect(JSON.stringify(spray.card)).toContain(`Only sign-ins from ${SPRAY_IP}.`);
    expect(causes(spray).map((c) => c.title)).toContain('Wrong password');
    const code = await answerMessage('everyone with error 50126 this week', ctx);
    expect(causes(code).map((c) => c.title)).toEqual(['Wrong password']);
  });

  it('"blocked" keeps only refusals (Conditional Access, lockouts): no wrong passwords, fewer than all; a policy name keeps the failures on it', async () => {
    const all = await answerMessage('failures this week', ctx);
    const blocked = await answerMessage('sign-ins blocked by conditional access this week', ctx);
    expect(blocked.command!.blockedOnly).toBe(true);
    expect(validateCard(blocked.card!)).toEqual([]);
    const titles = causes(blocked).map((c) => c.title);
    expect(titles).toContain('Legacy auth blocked');
    expect(titles).toContain('Locked');
    expect(titles).not.toContain('Wrong password');
    expect(titles.filter((x) => /MFA/.test(x))).toEqual([]);
    const n = (r: Reply) => Number(/^(\d+) failed/.exec(r.text)![1]);
    expect(n(blocked)).toBeLessThan(n(all));
    // CA003 blocks legacy authentication: every failure on it is a legacy-auth block.
    const ca003 = await answerMessage('failures blocked by CA003 this week', ctx);
    expect(ca003.command!.policyText).toBe('CA003');
    expect(causes(ca003)).toEqual([{ title: 'Legacy auth blocked', value: String(n(ca003)) }]);
    const direct = await directFailures({ since: ca003.command!.since!, until: ca003.command!.until! }, (e) =>
      (e.appliedConditionalAccessPolicies ?? []).some((p) => p.result === 'failure' && p.displayName?.startsWith('CA003')),
    );
    expect(n(ca003)).toBe(direct.length);
  });

  it('"Next 10 people" shows the next ten people; its route is the helpdesk\'s, and refuses a limited asker', async () => {
    const r = await answerMessage('failures this week', ctx);
    const total = Number(/People 1–10 of (\d+)/.exec(JSON.stringify(r.card))![1]);
    expect(total).toBeGreaterThan(20);
    const [more] = buttons(r, 'failuresPage');
    expect(more).toMatchObject({ since: r.command!.since, until: r.command!.until, timeText: 'this week', page: 2 });
    expect(JSON.stringify(r.card)).toContain('"title":"Next 10 people","verb":"failuresPage"');
    const page2 = await answerAction('failuresPage', more!, ctx);
    expect(validateCard(page2.card!)).toEqual([]);
    expect(page2.text).toBe(r.text);
    expect(JSON.stringify(page2.card)).toContain(`People 11–20 of ${total}`);
    const first = rows(r).map((p) => p.name);
    const second = rows(page2).map((p) => p.name);
    expect(second).toHaveLength(10);
    expect(second.filter((x) => first.includes(x))).toEqual([]);
    expect(Math.max(...rows(page2).map((p) => p.count))).toBeLessThanOrEqual(Math.min(...rows(r).map((p) => p.count)));
    expect(buttons(page2, 'failuresPage')[0]).toMatchObject({ page: 3 });
    // The page before the last brings what is left; the last page has no "Next".
    const lastButOne = await answerAction('failuresPage', { ...more, page: Math.ceil(total / 10) - 1 }, ctx);
    const left = total - (Math.ceil(total / 10) - 1) * 10;
    expect(JSON.stringify(lastButOne.card)).toContain(`"title":"Next ${left} ${left === 1 ? 'person' : 'people'}"`);
    const last = await answerAction('failuresPage', { ...more, page: Math.ceil(total / 10) }, ctx);
    expect(buttons(last, 'failuresPage')).toEqual([]);
    expect(rows(last).length).toBe(total - (Math.ceil(total / 10) - 1) * 10);

    const audit = new MemoryAuditTrail();
    const refused = await answerAction('failuresPage', more!, { ...ctx, access: LIMITED, askerId: source.allUsers()[0]!.id, audit });
    expect(JSON.stringify(refused.card)).toContain('Sorry, I cannot look that up for you');
    expect(rows(refused)).toEqual([]);
    expect(audit.entries).toMatchObject([{ outcome: 'refused' }]);
    // A forged page is refused by the schema, not answered.
    const forged = await answerAction('failuresPage', { ...more, page: 'all' }, ctx);
    expect(rows(forged)).toEqual([]);
  });

  it('a limited asker is refused the question itself; without a time it is the last 24 hours', async () => {
    const refused = await answerMessage('failures this week', { ...ctx, access: LIMITED, askerId: source.allUsers()[0]!.id });
    expect(JSON.stringify(refused.card)).toContain('Sorry, I cannot look that up for you');
    const r = await answerMessage('who failed to sign in', ctx);
    expect(r.command!.intent).toBe('failures');
    expect(validateCard(r.card!)).toEqual([]);
    const direct = await directFailures({ since: '2026-11-20T01:00:00.000Z', until: ctx.now });
    expect(r.text).toMatch(
      new RegExp(
        `^${direct.length} failed sign-ins by ${perPerson(direct).size} people in the last 24 hours \\(Friday 20 November 01:00 – Saturday 21 November 01:00, now, UTC\\); most: `,
      ),
    );
  });
});

describe('causes in plain words (issue 16: never a bare "Failed")', () => {
  it('names a known code by what it means, keeps the code beside it, and an unknown code stays a code', async () => {
    const card = JSON.stringify((await answerMessage('who failed to sign in today', { ...ctx, timeZone: 'America/Los_Angeles' })).card);
    expect(card).toContain('Password has expired and must be changed (50055)');
    expect(card).toContain('Unknown error (50207)');
    expect(card).not.toMatch(/"Failed \(\d+\)"/);
  });
});
