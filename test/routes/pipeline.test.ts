import { describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import { openSource } from '../../src/sources.ts';
import { RateLimiter } from '../../src/trust/limits.ts';

/**
 * The rate limit is a step of the answer layer, so the bot, the CLI and these tests meet the
 * same one: past it a turn is let in (the bot starts typing); over it, the sentence to wait.
 */
describe('the rate-limit step', () => {
  const source = openSource(undefined);
  const base: AnswerContext = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames() };
  const WAIT = /^You have asked a lot in the last minute; I can take another question in \d+ seconds?\.$/;

  it('lets two questions a minute in, then answers in chat with a plain line and a button with a card', async () => {
    let accepted = 0;
    const ctx: AnswerContext = { ...base, rate: { limiter: new RateLimiter(2, () => 0), key: 'u-1' }, onAccepted: async () => void accepted++ };
    expect((await answerMessage('help', ctx)).card).toBeDefined();
    // A message too long to read still counts, as it always did at the bot's door.
    expect((await answerMessage('x'.repeat(5000), ctx)).text).toMatch(/^That message is 5,000 characters long/);
    const message = await answerMessage('help', ctx);
    expect(message).toEqual({ text: expect.stringMatching(WAIT) });
    const button = await answerAction('diagnose', { userId: 'x' }, ctx);
    expect(button.text).toMatch(WAIT);
    expect(JSON.stringify(button.card)).toContain('Not now');
    expect(accepted).toBe(2);
  });

  it('counts per key, and a context without a limiter (the CLI) is never limited', async () => {
    const limiter = new RateLimiter(1, () => 0);
    expect((await answerMessage('help', { ...base, rate: { limiter, key: 'a' } })).text).toBe('Here is what I can do.');
    expect((await answerMessage('help', { ...base, rate: { limiter, key: 'a' } })).text).toMatch(WAIT);
    expect((await answerMessage('help', { ...base, rate: { limiter, key: 'b' } })).text).toBe('Here is what I can do.');
    for (let i = 0; i < 5; i++) expect((await answerMessage('help', base)).text).toBe('Here is what I can do.');
  });
});
