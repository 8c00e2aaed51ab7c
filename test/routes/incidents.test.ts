import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { MemoryAuditTrail } from '../../src/trust/audit.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { folderContext } from '../helpers/answer-context.ts';

/**
 * Issue 19: "any outages?", "is something wrong right now?" on the bundled sample tenant (its
 * clock: 2026-11-21 01:00 UTC), one test per incident story (the pass-through agent outage on
 * Tuesday, the spray from a Tor exit, Thursday's CA004 edit) and one over a day of unrelated failures.
 */
let source: TenantFolderSource;
let ctx: AnswerContext;
const LIMITED = { kind: 'limited', why: 'Not the helpdesk.' } as const;

beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
  ctx = folderContext(source, 'UTC');
});

const card = (r: Reply) => JSON.stringify(r.card);
/** Each incident's heading, in the order of the card. */
const headings = (r: Reply) =>
  [...card(r).matchAll(/"text":"\*\*((?:[^"\\]|\\.)+)\*\*","wrap":true\}/g)].map((m) => JSON.parse(`"${m[1]!}"`) as string).filter((h) => h !== 'Evidence');
/** The facts of the incident blocks, as one map per block. */
function facts(r: Reply): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as { type?: string; facts?: { title: string; value: string }[] };
      if (o.type === 'FactSet' && o.facts) out.push(Object.fromEntries(o.facts.map((f) => [f.title, f.value])));
      Object.values(o).forEach(walk);
    }
  };
  walk(r.card);
  return out;
}
/** The people rows of a failed sign-ins card. */
const failingPeople = (r: Reply) => [...card(r).matchAll(/"text":"\*\*([^*]+)\*\* · \d+ failed"/g)].map((m) => m[1]!).sort();

describe('"any outages?": incidents in chat', () => {
  it('the pass-through agent outage on Tuesday: what, since when, the three people, the agents to check, and buttons to their failures', async () => {
    const r = await answerMessage('any outages on tuesday?', ctx);
    expect(r.command!.intent).toBe('incidents');
    expect(validateCard(r.card!)).toEqual([]);
    expect(r.text).toBe('1 incident on tuesday (Tuesday 17 November 00:00 – 24:00, UTC): Pass-through authentication outage: 3 people.');
    expect(headings(r)).toEqual(['Pass-through authentication outage: 3 people']);
    expect(facts(r)[0]).toEqual({
      Since: '2026-11-17 14:02 UTC',
      Latest: '2026-11-17 14:21 UTC',
      People: '3: Johanna Lorenz, Sven Lindqvist, Emily Braun',
      Failures: '3',
      'Error codes': 'AADSTS80001, AADSTS80014',
    });
    expect(card(r)).toContain('Over: no failure of it since 2026-11-17 14:21 UTC');
    expect(card(r)).toContain('**Fix (an admin):** An admin checks that the pass-through authentication agents are running');
    expect(card(r)).toContain('PassThroughAuthenticationConnectorsBlade');
    // One button per code; each opens the failed sign-ins card for the incident's minutes and that code: exactly its people.
    const buttons = cardButtons(r.card, 'failuresPage');
    expect(buttons.map((b) => b.title)).toEqual(['Failures with 80001', 'Failures with 80014']);
    const first = await answerAction('failuresPage', buttons[0]!.data, ctx);
    expect(validateCard(first.card!)).toEqual([]);
    expect(failingPeople(first)).toEqual(['Johanna Lorenz', 'Sven Lindqvist']);
    expect(failingPeople(await answerAction('failuresPage', buttons[1]!.data, ctx))).toEqual(['Emily Braun']);
  });

  it('the spray from the Tor exit: one IP incident of 32 accounts, five named, block the IP; its button lists the failures from that IP', async () => {
    const r = await answerMessage('any incidents this week', ctx);
    expect(validateCard(r.card!)).toEqual([]);
    expect(headings(r)).toEqual([
      'Pass-through authentication outage: 3 people',
      'Password spray from 185.220.101.47: 32 accounts',
      'Change to "CA004: Finance apps require a compliant device": 4 people blocked',
    ]);
    const spray = facts(r)[1]!;
    expect(spray.Accounts).toMatch(/^32: (?:[^,]+, ){4}[^,]+ and 27 more$/);
    expect(spray['Error codes']).toBe('AADSTS50034, AADSTS50053, AADSTS50126');
    expect(card(r)).toContain('**Fix (an admin):** Block 185.220.101.47');
    const [fromIp] = cardButtons(r.card, 'failuresPage').filter((b) => b.title === 'Failures from this IP');
    expect(fromIp!.data).toMatchObject({ ip: '185.220.101.47', page: 1 });
    const list = await answerAction('failuresPage', fromIp!.data, ctx);
    expect(list.text).toMatch(/^\d+ failed sign-ins by 32 people during the incident/);
  });

  it("Thursday's CA004 edit: a policy-change incident naming the edit and the four people, its button lists the failures on that policy", async () => {
    const r = await answerMessage('why are so many people failing on thursday?', ctx);
    expect(r.command!.intent).toBe('incidents');
    expect(validateCard(r.card!)).toEqual([]);
    // The spray was on Thursday morning too.
    expect(headings(r)).toEqual([
      'Password spray from 185.220.101.47: 32 accounts',
      'Change to "CA004: Finance apps require a compliant device": 4 people blocked',
    ]);
    expect(facts(r)[1]!.People).toBe('4: Pradeep Gupta, Tomás Ó Briain, Bob Kelly, Henrietta Mueller');
    expect(card(r)).toContain('starting 6 minutes after it was last changed (2026-11-19 16:58 UTC)');
    expect(card(r)).toContain('**Fix (an admin):** Review the change made to \\"CA004');
    const [, onPolicy] = cardButtons(r.card, 'failuresPage');
    expect(onPolicy).toMatchObject({ title: 'Failures on this policy', data: { policyText: 'CA004: Finance apps require a compliant device' } });
    const list = await answerAction('failuresPage', onPolicy!.data, ctx);
    expect(failingPeople(list)).toEqual(['Bob Kelly', 'Henrietta Mueller', 'Pradeep Gupta', 'Tomás Ó Briain']);
  });

  it("a day of unrelated failures: no incident, and the card says what was looked at (in the asker's zone)", async () => {
    const r = await answerMessage('any outages today?', { ...ctx, timeZone: 'America/Los_Angeles' });
    expect(r.command).toMatchObject({ intent: 'incidents', since: '2026-11-20T08:00:00.000Z' });
    expect(validateCard(r.card!)).toEqual([]);
    expect(headings(r)).toEqual([]);
    const m = /^No incident today \(.*\): nothing shared across people in (\d+) failed attempts of (\d+) people\.$/.exec(r.text);
    expect(m).not.toBeNull();
    expect(Number(m![1])).toBeGreaterThan(5);
    expect(Number(m![2])).toBeGreaterThan(4);
    expect(card(r)).toContain(`Nothing shared across people: I looked at ${m![1]} failed attempts of ${m![2]} people today`);
    expect(cardButtons(r.card, 'failuresPage')).toEqual([]);
  });

  it('"right now" is the last 3 hours, said on the card; a limited asker is refused before anything is read', async () => {
    const r = await answerMessage('is something wrong right now?', ctx);
    expect(r.command!.intent).toBe('incidents');
    expect(r.text).toMatch(/^No incident in the last 3 hours \(Friday 20 November 22:00 – Saturday 21 November 01:00, now, UTC\)/);
    const audit = new MemoryAuditTrail();
    const refused = await answerMessage('any outages this week?', { ...ctx, access: LIMITED, askerId: source.allUsers()[0]!.id, audit });
    expect(card(refused)).toContain('Sorry, I cannot look that up for you');
    expect(card(refused)).not.toContain('185.220.101.47');
    expect(audit.entries).toMatchObject([{ outcome: 'refused' }]);
  });

  it('"Show the incident" (a diagnosis card\'s button) finds the incident again from the log: only the one the sign-in is part of, for the helpdesk only', async () => {
    const week = await answerMessage('any incidents this week', ctx);
    const sprayIds = cardButtons(week.card, 'failuresPage').find((b) => b.title === 'Failures from this IP')!.data;
    const spray = await source.querySignIns({ ip: '185.220.101.47', since: String(sprayIds.since), until: String(sprayIds.until), limit: 100 });
    const eventId = spray.events.find((e) => e.status.errorCode === 50126)!.id;
    const around = { since: '2026-11-19T00:00:00Z', until: '2026-11-20T00:00:00Z', eventId };
    const r = await answerAction('showIncident', around, ctx);
    expect(validateCard(r.card!)).toEqual([]);
    expect(headings(r)).toEqual(['Password spray from 185.220.101.47: 32 accounts']);
    const refused = await answerAction('showIncident', around, { ...ctx, access: LIMITED, askerId: spray.events[0]!.userId });
    expect(card(refused)).toContain('Sorry, I cannot look that up for you');
  });
});

describe('"This is part of an incident" on a diagnosis card', () => {
  const johanna = () => source.allUsers().find((u) => u.userPrincipalName === 'johanna.lorenz@contoso.com')!;

  it('names the incident and how many people; its button shows that incident, found again from the log', async () => {
    const r = await answerMessage('why did johanna lorenz fail on tuesday', ctx);
    expect(r.command!.intent).toBe('diagnose');
    expect(validateCard(r.card!)).toEqual([]);
    expect(card(r)).toContain(
      'This is part of an incident affecting 3 people between 2026-11-17 14:02 UTC and 2026-11-17 14:21 UTC: Pass-through authentication outage.',
    );
    const [show] = cardButtons(r.card, 'showIncident');
    expect(show!.title).toBe('Show the incident');
    expect(show!.data).toEqual({ since: '2026-11-17T13:02:00.000Z', until: expect.stringMatching(/^2026-11-17T15:02/), eventId: expect.any(String) });
    const shown = await answerAction('showIncident', show!.data, ctx);
    expect(headings(shown)).toEqual(['Pass-through authentication outage: 3 people']);
  });

  it('is left out for a limited asker (their own failure must not tell them about other people), and for a failure of their own alone', async () => {
    const own = await answerMessage('why did I fail on tuesday', { ...ctx, access: LIMITED, askerId: johanna().id });
    expect(own.command!.intent).toBe('diagnose');
    expect(card(own)).toContain('Pass-through authentication could not check');
    expect(card(own)).not.toContain('incident');
    expect(cardButtons(own.card, 'showIncident')).toEqual([]);
    // Irvin's logon hours (80012) on Sunday: the agents' code family, but nobody else failed around it.
    const irvin = await answerMessage('why did irvin sayers fail on sunday', ctx);
    expect(irvin.command!.intent).toBe('diagnose');
    expect(card(irvin)).toContain('80012');
    expect(cardButtons(irvin.card, 'showIncident')).toEqual([]);
  });
});
