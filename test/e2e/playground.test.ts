import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/bot/server.ts';
import { SignInBot } from '../../src/bot/signin-bot.ts';
import { MemoryFeedbackStore } from '../../src/routes/feedback-store.ts';
import { loadConfig } from '../../src/config.ts';
import { openSource } from '../../src/sources.ts';
import { MemoryNotifyStore } from '../../src/notify/store.ts';
import { NotificationService } from '../../src/notify/service.ts';
import { BotSender } from '../../src/bot/proactive.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { Playground, cardOf, freePort, type BotMessage } from './playground.ts';

/**
 * The real parts a helpdesk agent meets: the bot on restify + CloudAdapter, and the
 * Microsoft 365 Agents Playground as the Teams client, driven through its HTTP and
 * WebSocket endpoints.
 */
let server: RunningServer;
let playground: Playground;
let notify: NotificationService;
/** The watcher's clock: a minute after one of the sample tenant's lockouts, so a poll finds it. */
let notifyClock: () => string;
let alertSource: ReturnType<typeof openSource>;
const feedback = new MemoryFeedbackStore();

beforeAll(async () => {
  const source = openSource(undefined);
  const botPort = await freePort();
  const config = { ...loadConfig({ SIGNIN_DIAG_ENV: 'local' }), PORT: botPort };
  const clock = () => source.asOf()!;
  notifyClock = clock;
  alertSource = source;
  let sender: BotSender | undefined;
  // Lockout alerts as the bot runs them (src/index.ts), posted through the Playground's connector.
  notify = new NotificationService({
    source,
    store: new MemoryNotifyStore(),
    sender: { send: (...a) => sender!.send(...a), update: (...a) => sender!.update(...a) },
    clock: () => notifyClock(),
    log: () => {},
  });
  const bot = new SignInBot({ source, clock, appNames: source.appNames(), allUsers: source.allUsers(), feedback, notify, log: () => {} });
  server = await startServer(config, bot, () => {});
  sender = new BotSender(server.adapter, config.MicrosoftAppId, { loopbackOnly: true });
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
    const no = cardButtons(card, 'feedback').find((b) => b.title === 'No')!.data as { correlationId: string };
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

  it("a reply asked in a channel thread comes back in that thread, with nothing the Playground's client cannot render", async () => {
    const cfg = await playground.config();
    const team = cfg.teams[0]!;
    const mention = { botId: cfg.bot.id, botName: cfg.bot.name };
    const post = await playground.say(team.id, 'is anyone locked out', mention);
    const thread = post.postConversationId!;
    expect(thread).toBe(`${team.id};messageid=${post.messageId}`);
    expect((await playground.nextCard()).conversationId).toBe(thread);
    await playground.say(thread, 'why did bob fail to sign in', mention);
    const reply = await playground.nextCard();
    expect(reply.conversationId).toBe(thread);
    expect(text(cardOf(reply))).toContain('A Conditional Access requirement was not met');
    // The client's reducer knows only chats and channels, not threads: a typing action addressed to a
    // thread throws there and stops everything after it from rendering (issue 17). Channels get none.
    expect(playground.typing.filter((c) => c.includes(';messageid='))).toEqual([]);
  }, 60_000);

  it('in a personal chat every button on every card type keeps the card it was pressed on: a new card, or Back restores it exactly', async () => {
    const chat = (await playground.config()).personalChat.id;
    playground.clear();
    const questions = [
      'why did bob fail to sign in',
      'why did alice fail on wednesday',
      'why was megan locked out',
      'is anyone locked out',
      'show flagged sign-ins since saturday',
      'failures this week',
      'show alice sign-ins today',
      'is grady locked out',
      'why did alex fail',
      'why did jon fail',
    ];
    const verbsPressed = new Set<string>();
    for (const q of questions) {
      await playground.say(chat, q);
      const msg = await playground.nextCard();
      await everyButton(chat, msg, cardOf(msg), 2, verbsPressed, q);
    }
    expect([...verbsPressed].sort()).toEqual([
      'attemptsPage',
      'diagnose',
      'failuresPage',
      'feedback',
      'pickUser',
      'remediate',
      'showAttempts',
      'showIncident',
      'showSuccesses',
      'whatIf',
    ]);
  }, 600_000);

  it('a lockout alert in a channel: one person drilling down leaves it as it is for the other; Mark handled updates it for everyone', async () => {
    const cfg = await playground.config();
    const channel = cfg.teams[0]!.channels.find((c) => c.name === 'Lockout alerts')!;
    const mention = { botId: cfg.bot.id, botName: cfg.bot.name };
    playground.clear();
    await playground.say(channel.id, 'subscribe', mention);
    expect(text(cardOf(await playground.nextCard()))).toContain('Lockout alerts are on');
    const asOf = alertSource.asOf()!;
    const locked = await alertSource.querySignIns({ errorCode: 50053, since: new Date(Date.parse(asOf) - 7 * 86_400_000).toISOString(), until: asOf });
    const last = locked.events
      .map((e) => e.createdDateTime)
      .sort()
      .at(-1)!;
    notifyClock = () => new Date(Date.parse(last) + 60_000).toISOString();
    const report = await notify.pollOnce();
    expect(report.sent).toBeGreaterThan(0);
    const alert = await playground.nextCard();
    const alertCard = cardOf(alert);
    expect(text(alertCard)).toContain('Mark handled');
    // The alert starts a thread of its own in the channel.
    const thread = `${channel.id};messageid=${alert.messageId}`;
    const diagnose = cardButtons(alertCard, 'diagnose')[0]!;
    const first = await playground.press(thread, alert.messageId, 'diagnose', diagnose.data, 'user-id-1');
    // The presser is answered with a line under the card and a new card in the thread; the alert is not replaced.
    expect(first.statusCode).toBe(200);
    expect(first.type).toBe('application/vnd.microsoft.activity.message');
    const drilled = await playground.nextCard();
    expect(drilled.conversationId).toBe(thread);
    expect(drilled.messageId).not.toBe(alert.messageId);
    expect(text(cardOf(drilled))).toContain('locked');
    expect(playground.updates.filter((u) => u.messageId === alert.messageId)).toEqual([]);
    // The second person presses the same button on the same, unchanged alert and gets their own card.
    const second = await playground.press(thread, alert.messageId, 'diagnose', diagnose.data, 'user-id-2');
    expect(second.type).toBe('application/vnd.microsoft.activity.message');
    expect(cardOf(await playground.nextCard())).toEqual(cardOf(drilled));
    expect(playground.updates.filter((u) => u.messageId === alert.messageId)).toEqual([]);
    // Mark handled is for everyone: the shared message itself is updated.
    const handled = await playground.press(thread, alert.messageId, 'markHandled', cardButtons(alertCard, 'markHandled')[0]!.data, 'user-id-1');
    expect(handled.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(text(handled.value)).toContain('Handled by');
    const updated = playground.updates.filter((u) => u.messageId === alert.messageId);
    expect(updated).toHaveLength(1);
    expect(text(cardOf(updated[0]!))).toContain('Handled by');
  }, 120_000);

  it('in a group chat a drill-down is a new card, never a replacement of the shared one', async () => {
    const cfg = (await (await fetch(`${playground.base}/_internal/v1/config`)).json()) as {
      config: { groupChats: { id: string }[]; bot: { id: string; name: string } };
    };
    const group = cfg.config.groupChats[0]!.id;
    playground.clear();
    await playground.say(group, 'why did bob fail to sign in', { botId: cfg.config.bot.id, botName: cfg.config.bot.name });
    const msg = await playground.nextCard();
    const show = cardButtons(cardOf(msg), 'showAttempts')[0]!;
    const r = await playground.press(group, msg.messageId, 'showAttempts', show.data);
    expect(r.type).toBe('application/vnd.microsoft.activity.message');
    const posted = await playground.nextCard();
    expect(posted.conversationId).toBe(group);
    expect(text(cardOf(posted))).toContain('Sign-ins for Bob Kelly');
    // Feedback is the presser's own: acknowledged to them, the card untouched.
    const yes = cardButtons(cardOf(msg), 'feedback').find((b) => b.title === 'Yes')!;
    const thanks = await playground.press(group, msg.messageId, 'feedback', yes.data);
    expect(thanks.type).toBe('application/vnd.microsoft.activity.message');
    expect(String(thanks.value)).toContain('Thanks');
    expect(playground.updates.filter((u) => u.messageId === msg.messageId)).toEqual([]);
  }, 60_000);
});

/** Executable buttons of a card (Back aside), at most `perVerb` of each verb (rows repeat the same button). */
function executeButtons(card: Record<string, unknown>, perVerb: number): { verb: string; title: string; data: Record<string, unknown> }[] {
  const out: { verb: string; title: string; data: Record<string, unknown> }[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'Action.Execute' && o.verb !== 'back' && out.filter((b) => b.verb === o.verb).length < perVerb)
        out.push({ verb: String(o.verb), title: String(o.title), data: (o.data ?? {}) as Record<string, unknown> });
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/**
 * Presses every button of `card` (the card of message `msg`); a replacement must carry Back, and
 * Back must give `card` back exactly. `depth` 2 also presses the buttons of each replacement.
 */
async function everyButton(chat: string, msg: BotMessage, card: Record<string, unknown>, depth: number, pressed: Set<string>, q: string): Promise<void> {
  for (const b of executeButtons(card, 1)) {
    pressed.add(b.verb);
    const where = `${q} → ${b.title} (${b.verb})`;
    const r = await playground.press(chat, msg.messageId, b.verb, b.data);
    expect(r.statusCode, where).toBe(200);
    if (r.type !== 'application/vnd.microsoft.card.adaptive') {
      // A new card below: the pressed one was not touched.
      expect(r.type, where).toBe('application/vnd.microsoft.activity.message');
      await playground.nextCard();
      continue;
    }
    if (b.verb === 'feedback') {
      // The same card again, with the thanks: nothing was lost.
      expect(text(r.value), where).toContain('Thanks: recorded');
      continue;
    }
    if (b.verb === 'remediate') {
      // The same diagnosis for the presser alone, with what was done: this bot has no remediation set up (npm start's is a dry run), so it says where to do it.
      expect(text(r.value), where).toMatch(/Remediation runs only in Teams, with your own sign-in: Revoke [^"]+'s sign-in sessions there/);
      continue;
    }
    const back = cardButtons(r.value, 'back');
    expect(back, where).toHaveLength(1);
    if (depth > 1) await everyButton(chat, msg, r.value, depth - 1, pressed, where);
    const again = await playground.press(chat, msg.messageId, 'back', back[0]!.data);
    expect(again.type, where).toBe('application/vnd.microsoft.card.adaptive');
    expect(again.value, `${where} → Back`).toEqual(card);
  }
}
