import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import { MemoryFeedbackStore } from '../../src/routes/feedback-store.ts';
import { validateCard } from '../helpers/validate-card.ts';
import { openSource } from '../../src/sources.ts';
import { explainCard } from '../../src/cards/simple-cards.ts';
import { allCodes } from '../../src/diagnosis/catalog.ts';

/** Every card the bot can send: valid Adaptive Card 1.5, no unresolved bindings, within budget, Teams rules kept. */

let ctx: AnswerContext;
const feedback = new MemoryFeedbackStore();
beforeAll(async () => {
  const source = openSource(undefined);
  ctx = { source, now: source.asOf()!, timeZone: 'America/Los_Angeles', appNames: source.appNames(), allUsers: source.allUsers(), feedback, asker: 'miriam' };
});

const MESSAGES = [
  'why did bob fail to sign in',
  'why did megan fail',
  'why was grady locked out on Monday',
  'why did joni fail on Thursday',
  'why did christie fail on Wednesday',
  'why did ana souza fail on Tuesday',
  'why did nestor fail',
  'why did former employee fail on Wednesday',
  'why did uma reddy fail on Thursday',
  'why did alice fail on Wednesday',
  'diagnose correlation id eaeba3cd-013f-4b7d-96ba-f4a7bb33279e',
  "show alice's sign-ins",
  'show sign-ins for bob since monday',
  'is anyone locked out',
  'who was locked out since saturday',
  'show flagged sign-ins since saturday',
  'what does 53003 mean',
  'explain 1001010',
  'why did alex fail',
  'why did bbo fail',
  'why did it fail',
  'help',
  'what if bob signs in from an iPhone',
  'check my policies',
  'notify this channel about lockouts',
  'why did nobodyatall fail',
  'diagnose correlation id 00000000-0000-4000-8000-000000000000',
];

describe('every card the bot can send', () => {
  for (const m of MESSAGES) {
    it(`"${m}"`, async () => {
      const r = await answerMessage(m, ctx);
      expect(r.card, 'a card').toBeDefined();
      expect(validateCard(r.card!)).toEqual([]);
      expect(r.text.length).toBeGreaterThan(5);
    });
  }

  it('button presses answer with valid cards: diagnose, show attempts with chosen columns, pick a person, feedback', async () => {
    const first = await answerMessage('why did bob fail to sign in', ctx);
    const card = JSON.stringify(first.card);
    const show = JSON.parse(/"verb":"showAttempts","data":(\{[^}]*\})/.exec(card)![1]!);
    const summary = await answerAction('showAttempts', { ...show, columns: 'time,code,ip,client' }, ctx);
    expect(validateCard(summary.card!)).toEqual([]);
    // Three chosen columns side by side, the fourth (Client) on each row's second line: chosen, so shown.
    expect(JSON.stringify(summary.card)).toContain('"text":"IP"');
    expect(JSON.stringify(summary.card)).toContain('"text":"Client: Browser"');
    const row = JSON.parse(/"verb":"diagnose","data":(\{[^}]*\})/.exec(JSON.stringify(summary.card))![1]!);
    const diagnosed = await answerAction('diagnose', row, ctx);
    expect(validateCard(diagnosed.card!)).toEqual([]);
    const pick = await answerMessage('why did alex fail', ctx);
    const pickData = JSON.parse(/"verb":"pickUser","data":(\{[^}]*\})/.exec(JSON.stringify(pick.card))![1]!);
    expect(validateCard((await answerAction('pickUser', pickData, ctx)).card!)).toEqual([]);
    // The feedback button's data also carries the listing the card came from (an object of its own): only the id is read here.
    const correlationId = /"verb":"feedback","data":\{"correlationId":"([^"]+)"/.exec(card)![1]!;
    const thanks = await answerAction('feedback', { correlationId, helpful: true }, ctx);
    expect(validateCard(thanks.card!)).toEqual([]);
    expect(JSON.stringify(thanks.card)).toContain('recorded that this diagnosis helped');
    expect(feedback.entries.at(-1)).toMatchObject({ correlationId, helpful: true, by: 'miriam' });
  });

  it('a forged or broken button payload is refused with a card that says so', async () => {
    for (const [verb, data] of [
      ['diagnose', {}],
      ['diagnose', { since: 'yesterday', userId: 'x' }],
      ['format-disk', {}],
      ['feedback', { correlationId: 'x', helpful: 'very' }],
      [42, null],
    ] as const) {
      const r = await answerAction(verb, data, ctx);
      expect(JSON.stringify(r.card)).toContain('That button did not work');
      expect(validateCard(r.card!)).toEqual([]);
    }
  });

  it('every code of the catalog renders an explain card within budget', () => {
    for (const i of allCodes()) expect(validateCard(explainCard(i.code, i)), String(i.code)).toEqual([]);
  });
});

describe('the lockout alert card', () => {
  it('person and spray, open, ended and handled: valid and within budget', async () => {
    const { lockoutAlertCard } = await import('../../src/cards/lockout-alert-card.ts');
    const base = { first: '2026-11-20T10:00:00Z', last: '2026-11-20T10:05:00Z', lockouts: 3, eventIds: ['e1'], version: 1 };
    const cards = [
      lockoutAlertCard({ ...base, key: 'person:u1', kind: 'person', userIds: ['u1'], ended: false }, undefined, { u1: 'Grady Archie' }),
      lockoutAlertCard({ ...base, key: 'spray:ip', kind: 'spray', userIds: ['u1', 'u2', 'u3'], ip: '185.220.101.47', ended: true }, undefined, {}),
      lockoutAlertCard(
        { ...base, key: 'person:u2', kind: 'person', userIds: ['u2'], ended: false, handledBy: 'Miriam', handledAt: '2026-11-20T10:07:00Z' },
        undefined,
        {},
      ),
    ];
    for (const c of cards) expect(validateCard(c)).toEqual([]);
  });
});

describe('the card check itself', () => {
  it('catches what it is meant to catch', () => {
    const bad = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'Carousel' }, { type: 'Input.Text' }, { type: 'TextBlock', text: '${unbound}' }],
      actions: [
        { type: 'Action.Execute', title: 'x' },
        ...Array.from({ length: 6 }, (_, i) => ({ type: 'Action.OpenUrl', title: String(i), url: 'https://a' })),
      ],
    };
    const problems = validateCard(bad).join('\n');
    expect(problems).toMatch(/parse: .*Carousel/i);
    expect(problems).toMatch(/validate: /);
    expect(problems).toMatch(/unresolved/);
    expect(problems).toMatch(/without a verb/);
    expect(problems).toMatch(/more than 6 actions/);
  });
});
