import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import { CARD_BUDGET_BYTES, cardBytes } from '../../src/cards/render.ts';
import { openSource } from '../../src/sources.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { folderContext } from '../helpers/answer-context.ts';

/**
 * Back (docs/cards.md): the state rides in the button, and is run again through the same
 * middleware: checked against what it loads, never trusted for what it names.
 */
const ALICE = '3573f757-6caf-4877-ab67-39fd535f9dac';

let ctx: AnswerContext;
beforeAll(() => {
  const source = openSource(undefined);
  ctx = folderContext(source, 'America/Los_Angeles');
});

describe('Back', () => {
  it('a drill-down that replaces its card has Back, and Back gives exactly the card that was there', async () => {
    const first = await answerMessage('why did bob fail to sign in', ctx, { navigable: true });
    const all = cardButtons(first.card, 'showAttempts')[0]!;
    expect(all.data.back).toMatchObject({ c: { intent: 'diagnose' } });
    const drilled = await answerAction('showAttempts', all.data, ctx, { navigable: true, replacing: true });
    expect(drilled.text).toContain('Sign-ins for Bob Kelly');
    const back = cardButtons(drilled.card, 'back');
    expect(back).toHaveLength(1);
    expect((await answerAction('back', back[0]!.data, ctx, { navigable: true, replacing: true })).card).toEqual(first.card);
  });

  it('"What if fixed?" on a diagnosis has one way back: Back, which gives the diagnosis exactly (no second "Back to diagnosis")', async () => {
    const first = await answerMessage('why did bob fail to sign in', ctx, { navigable: true });
    const fix = cardButtons(first.card, 'whatIf')[0]!;
    const preview = await answerAction('whatIf', fix.data, ctx, { navigable: true, replacing: true });
    expect(JSON.stringify(preview.card)).not.toContain('Back to diagnosis');
    const back = cardButtons(preview.card, 'back');
    expect(back).toHaveLength(1);
    expect((await answerAction('back', back[0]!.data, ctx, { navigable: true, replacing: true })).card).toEqual(first.card);
  });

  it('a new card (not replacing) has no Back; the CLI and tests without navigation get no stamps', async () => {
    const first = await answerMessage('why did bob fail to sign in', ctx, { navigable: true });
    const all = cardButtons(first.card, 'showAttempts')[0]!;
    expect(cardButtons((await answerAction('showAttempts', all.data, ctx, { navigable: true })).card, 'back')).toEqual([]);
    expect(cardButtons((await answerMessage('why did bob fail to sign in', ctx)).card, 'showAttempts')[0]!.data.back).toBeUndefined();
  });

  it('a forged Back naming someone else is refused for a limited asker, by what it loads', async () => {
    const limited = { ...ctx, access: { kind: 'limited' as const, why: 'Not the helpdesk.' }, askerId: ALICE };
    const bob = (await answerMessage('why did bob fail to sign in', ctx, { navigable: true })).command!;
    const asQuestion = await answerAction('back', { to: { c: bob } }, limited, { navigable: true, replacing: true });
    expect(asQuestion.card && JSON.stringify(asQuestion.card)).toContain('Sorry, I cannot look that up for you');
    const asButton = await answerAction('back', { to: { v: 'diagnose', d: { userId: bob.user } } }, limited, { navigable: true, replacing: true });
    expect(JSON.stringify(asButton.card)).toContain('Sorry, I cannot look that up for you');
  });

  it('Back to Back, an unknown verb or a command that is not one is refused before anything runs', async () => {
    for (const to of [{ v: 'back', d: {} }, { v: 'constructor', d: {} }, { c: { intent: 'nonsense' } }, 'x'])
      expect(JSON.stringify((await answerAction('back', { to }, ctx, { navigable: true, replacing: true })).card)).toContain('That button did not work');
  });

  it('the largest list card, stamped, stays within the card budget', async () => {
    const plain = await answerMessage('failures this week', ctx);
    const stamped = await answerMessage('failures this week', ctx, { navigable: true });
    expect(cardButtons(stamped.card, 'diagnose').length).toBeGreaterThan(0);
    expect(cardButtons(stamped.card, 'diagnose').every((b) => b.data.back)).toBe(true);
    expect(cardBytes(stamped.card!)).toBeLessThanOrEqual(CARD_BUDGET_BYTES);
    expect(cardBytes(stamped.card!)).toBeGreaterThan(cardBytes(plain.card!));
  });
});
