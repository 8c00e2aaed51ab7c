import { createServer, type Server } from 'node:http';

/**
 * A captured Bot Framework connector on loopback: records every activity the bot posts
 * (POST …/activities[/{replyToId}]) or updates (PUT …/activities/{id}). A conversation can
 * be made to answer 403. Like Teams, it accepts an activity once the whole request has
 * arrived: the activity is recorded then, and `delayMs` only holds the answer back. So a
 * sender killed while the answer is held (the bot never learns the card's id) still left a
 * card in the conversation, and a restart test sees the repeat that would cause.
 */
export interface Received {
  method: string;
  conversationId: string;
  activity: { type?: string; text?: string; summary?: string; attachments?: { content?: Record<string, unknown> }[]; id?: string };
  id: string;
  /** The sender heard back (false while the answer is held, and for ever if the sender died meanwhile). */
  answered: boolean;
}

export class CapturedConnector {
  readonly received: Received[] = [];
  readonly forbidden = new Set<string>();
  delayMs = 0;
  /** Called once a request is accepted (already in `received` unless refused with 403). */
  onRequest?: (r: { method: string; conversationId: string; activity: Received['activity'] }) => void;
  private server?: Server;
  private seq = 0;
  url = '';

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        const m = /\/v3\/conversations\/([^/]+)\/activities(?:\/([^/?]+))?/.exec(req.url ?? '');
        const conversationId = decodeURIComponent(m?.[1] ?? '');
        const activity = JSON.parse(body || '{}') as Received['activity'];
        const refused = this.forbidden.has(conversationId);
        const id = req.method === 'PUT' ? decodeURIComponent(m?.[2] ?? '') : `act-${++this.seq}`;
        const record: Received = { method: req.method ?? '', conversationId, activity, id, answered: false };
        if (!refused) this.received.push(record);
        this.onRequest?.({ method: req.method ?? '', conversationId, activity });
        const finish = () => {
          if (res.destroyed || req.socket.destroyed) return;
          if (refused) {
            res.writeHead(403, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }));
            return;
          }
          res.writeHead(req.method === 'PUT' ? 200 : 201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id }));
          record.answered = true;
        };
        if (this.delayMs) setTimeout(finish, this.delayMs);
        else finish();
      });
    });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    this.url = `http://127.0.0.1:${(this.server.address() as { port: number }).port}`;
  }

  cards(conversationId?: string): Received[] {
    return this.received.filter((r) => r.activity.attachments?.length && (!conversationId || r.conversationId === conversationId));
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}
