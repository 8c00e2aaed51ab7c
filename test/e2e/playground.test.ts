import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/bot/server.ts';
import { SignInBot } from '../../src/bot/signin-bot.ts';
import { MemoryFeedbackStore } from '../../src/routes/feedback-store.ts';
import { loadConfig } from '../../src/config.ts';
import { openSource } from '../../src/sources.ts';
import { Playground, cardOf, freePort } from './playground.ts';

/**
 * The real parts a helpdesk agent meets: the bot on restify + CloudAdapter, and the
 * Microsoft 365 Agents Playground as the Teams client, driven through its HTTP and
 * WebSocket endpoints.
 */
let server: RunningServer;
let playground: Playground;
const feedback = new MemoryFeedbackStore();

beforeAll(async () => {
  const source = openSource(undefined);
  const botPort = await freePort();
  const config = { ...loadConfig({ SIGNIN_DIAG_ENV: 'local' }), PORT: botPort };
  const bot = new SignInBot({ source, clock: () => source.asOf()!, appNames: source.appNames(), allUsers: source.allUsers(), feedback, log: () => {} });
  server = await startServer(config, bot, () => {});
  playground = new Playground(await freePort(), `${server.url}/api/messages`);
  await playground.start();
}, 90_000);

afterAll(async () => {
  await playground?.stop();
  await server?.close();
});

const text = (card: Record<string, unknown>) => JSON.stringify(card);

describe('in the Agents Playground', () => {
  it('asks why a sample user failed, gets the diagnosis card, presses a button and gets the updated card', async () => {
    const cfg = await playground.config();
    const chat = cfg.personalChat.id;
    await playground.say(chat, 'why did bob fail to sign in');
    const reply = await playground.nextCard();
    const card = cardOf(reply);
    expect(text(card)).toContain('A Conditional Access requirement was not met');
    expect(text(card)).toContain('CA004: Finance apps require a compliant device');
    const show = (card.actions as { verb?: string; data?: unknown }[]).find((a) => a.verb === 'showAttempts')!;
    const pressed = await playground.press(chat, reply.messageId, 'showAttempts', show.data);
    expect(pressed.statusCode).toBe(200);
    expect(pressed.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(text(pressed.value)).toContain('Sign-ins for Bob Kelly');
    // "Did this help?" with Yes and No at the foot of the card.
    const no = JSON.parse(/\{"type":"Action\.Execute","title":"No","verb":"feedback","data":(\{[^}]*\})/.exec(JSON.stringify(card))![1]!) as {
      correlationId: string;
    };
    const feedbackPress = await playground.press(chat, reply.messageId, 'feedback', { correlationId: no.correlationId, helpful: false });
    expect(text(feedbackPress.value)).toContain('did not help');
    expect(feedback.entries).toHaveLength(1);
  }, 60_000);

  it('"What if fixed?" on the diagnosis previews the fix; a what-if question gets the policies that would apply', async () => {
    const chat = (await playground.config()).personalChat.id;
    await playground.say(chat, 'why did bob fail to sign in');
    const reply = await playground.nextCard();
    const fix = (cardOf(reply).actions as { verb?: string; data?: unknown }[]).find((a) => a.verb === 'whatIf')!;
    const pressed = await playground.press(chat, reply.messageId, 'whatIf', fix.data);
    expect(pressed.statusCode).toBe(200);
    expect(text(pressed.value)).toContain('It would pass.');
    await playground.say(chat, 'what if bob signs in to Salesforce from an unmanaged iPhone');
    const card = text(cardOf(await playground.nextCard()));
    expect(card).toContain('Allowed only with a compliant device');
    expect(card).toContain('iOS, unmanaged (not registered)');
  }, 60_000);

  it('answers in a channel when mentioned', async () => {
    const cfg = await playground.config();
    const team = cfg.teams[0]!;
    await playground.say(team.id, 'is anyone locked out', { botId: cfg.bot.id, botName: cfg.bot.name });
    const reply = await playground.nextCard();
    expect(text(cardOf(reply))).toContain('locked out in the last 48 hours');
  }, 60_000);

  it('a message it cannot read gets help that says what it understood', async () => {
    const cfg = await playground.config();
    await playground.say(cfg.personalChat.id, 'why did it fail yesterday');
    const card = cardOf(await playground.nextCard());
    expect(text(card)).toContain("I didn't catch who or what to look at");
    expect(text(card)).toContain('I understood: time \\"yesterday\\"');
  }, 60_000);
});
