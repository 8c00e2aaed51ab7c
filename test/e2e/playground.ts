import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { createRequire } from 'node:module';
import WebSocket from 'ws';

/**
 * A thin driver for the Microsoft 365 Agents Playground's internal HTTP and WebSocket
 * endpoints (undocumented; pinned version in package.json). Everything the tests know
 * about the Playground's wire protocol is in this file.
 */
export interface BotMessage {
  messageId: string;
  conversationId: string;
  text?: string;
  attachments?: { contentType: string; content: Record<string, unknown> }[];
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

export class Playground {
  private child?: ChildProcess;
  private ws?: WebSocket;
  private readonly inbox: BotMessage[] = [];
  /** Every typing action and every message update the Playground pushed, in order. */
  readonly typing: string[] = [];
  readonly updates: BotMessage[] = [];
  private waiters: (() => void)[] = [];
  readonly base: string;

  constructor(
    readonly port: number,
    private readonly botEndpoint: string,
  ) {
    this.base = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const cli = createRequire(import.meta.url).resolve('@microsoft/m365agentsplayground/cli.js');
    this.child = spawn(
      process.execPath,
      [cli, 'start', '--app-endpoint', this.botEndpoint, '--channel-id', 'msteams', '--port', String(this.port), '--disable-telemetry'],
      {
        env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
        stdio: 'ignore',
      },
    );
    const deadline = Date.now() + 60_000;
    for (;;) {
      try {
        if ((await fetch(`${this.base}/_debug/ping`)).ok) break;
      } catch {
        // not up yet
      }
      if (Date.now() > deadline || this.child.exitCode !== null) throw new Error('the Agents Playground did not start (see devTools/m365agentsplayground.log)');
      await new Promise((r) => setTimeout(r, 200));
    }
    this.ws = new WebSocket(`ws://127.0.0.1:${this.port}/_ws_conversation/v1/conversations/stream`);
    this.ws.on('message', (raw) => {
      const m = JSON.parse(String(raw)) as { action?: string; actionConversationId?: string; message?: BotMessage };
      if (m.action === 'typing') this.typing.push(m.actionConversationId ?? '');
      if (m.action === 'updateMessage' && m.message) this.updates.push({ ...m.message, conversationId: m.actionConversationId ?? '' });
      if (m.action === 'createMessage' && m.message) {
        this.inbox.push({ ...m.message, conversationId: m.actionConversationId ?? '' });
        for (const w of this.waiters.splice(0)) w();
      }
    });
    await new Promise<void>((resolve, reject) => {
      this.ws!.once('open', () => resolve());
      this.ws!.once('error', reject);
    });
  }

  async config(): Promise<{
    personalChat: { id: string };
    teams: { id: string; channels: { id: string; name: string }[] }[];
    bot: { id: string; name: string };
    currentUser: { id: string };
  }> {
    const r = await fetch(`${this.base}/_internal/v1/config`);
    return ((await r.json()) as { config: never }).config;
  }

  /** The user types a message; with `mention`, the bot is @mentioned (channels, group chats). */
  /**
   * A message from a Teams client set to another language. The Playground writes "en-US" into
   * every message it makes, so this uses its "Mock an activity" feature (custom activities): the
   * Playground's own message template for the chat, with `locale` as Teams would send it.
   */
  async sayIn(conversationId: string, text: string, locale: string): Promise<void> {
    // Without a type the template is the chat's activity frame (ids, conversation, from, recipient), for any type.
    const q = new URLSearchParams({ conversationId });
    const template = (await (await fetch(`${this.base}/_internal/v1/customActivities/template?${q}`)).json()) as Record<string, unknown>;
    const activity = {
      ...template,
      type: 'message',
      text,
      textFormat: 'plain',
      locale,
      entities: [{ type: 'clientInfo', locale, country: locale.split('-')[1] ?? '', platform: 'Web', timezone: 'UTC' }],
    };
    const r = await fetch(`${this.base}/_internal/v1/customActivities`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    if (!r.ok) throw new Error(`the Playground refused the custom activity: ${r.status}`);
  }

  async say(
    conversationId: string,
    text: string,
    mention?: { botId: string; botName: string },
    from = 'user-id-0',
  ): Promise<{ messageId: string; postConversationId?: string }> {
    const body = mention
      ? {
          from: { id: from },
          text: `<at>${mention.botName}</at> ${text}`,
          textFormat: 'plain',
          mentions: [{ mentioned: { id: mention.botId }, text: `<at>${mention.botName}</at>` }],
        }
      : { from: { id: from }, text, textFormat: 'plain' };
    const r = await fetch(`${this.base}/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    if (!r.ok) throw new Error(`the Playground refused the message: ${r.status} ${await r.text()}`);
    return (await r.json()) as { messageId: string; postConversationId?: string };
  }

  /** Waits for the next bot message that has a card. */
  async nextCard(timeoutMs = 20_000): Promise<BotMessage> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex((m) => m.attachments?.some((a) => a.contentType === 'application/vnd.microsoft.card.adaptive'));
      if (i >= 0) return this.inbox.splice(i, 1)[0]!;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no card from the bot within ${timeoutMs} ms; messages seen: ${JSON.stringify(this.inbox).slice(0, 400)}`);
      await new Promise<void>((resolve) => {
        const t = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(t);
          resolve();
        });
      });
    }
  }

  /**
   * A user presses an Action.Execute button on a card; returns the bot's invoke response: a card
   * that replaces it (for the presser), or a line of text under it (`value` a string).
   */
  async press(
    conversationId: string,
    cardMessageId: string,
    verb: string,
    data: unknown,
    from = 'user-id-0',
  ): Promise<{ statusCode: number; type: string; value: Record<string, unknown> }> {
    const r = await fetch(`${this.base}/_conversation/v1/invoke`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'adaptiveCard/action',
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
        from: { id: from },
        conversation: { id: conversationId },
        replyToId: cardMessageId,
      }),
    });
    // The Playground returns the bot's invoke response body; its status is the HTTP status.
    const body = (await r.json()) as { type: string; value: Record<string, unknown> };
    return { statusCode: r.status, type: body.type, value: body.value };
  }

  /** Forgets bot messages not yet taken (one test's leftovers are not the next one's answer). */
  clear(): void {
    this.inbox.splice(0);
  }

  async stop(): Promise<void> {
    this.ws?.close();
    if (this.child && this.child.exitCode === null) {
      const exited = new Promise((r) => this.child!.once('exit', r));
      this.child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    }
  }
}

export function cardOf(m: BotMessage): Record<string, unknown> {
  return m.attachments!.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')!.content;
}
