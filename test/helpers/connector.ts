import { createServer, type Server } from 'node:http';

/**
 * A captured Bot Framework connector on loopback: records every activity the bot posts
 * (POST …/activities[/{replyToId}]) or updates (PUT …/activities/{id}). A conversation can
 * be made to answer 403, and a request can be held open (to kill the bot mid-delivery);
 * a held request whose client goes away is not counted as delivered.
 */
export interface Received {
  method: string;
  conversationId: string;
  activity: { type?: string; text?: string; summary?: string; attachments?: { content?: Record<string, unknown> }[]; id?: string };
  id: string;
}

export class CapturedConnector {
  readonly received: Received[] = [];
  readonly forbidden = new Set<string>();
  delayMs = 0;
  onRequest?: (r: { method: string; conversationId: string }) => void;
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
        this.onRequest?.({ method: req.method ?? '', conversationId });
        const finish = () => {
          if (res.destroyed || req.socket.destroyed) return;
          if (this.forbidden.has(conversationId)) {
            res.writeHead(403, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'BotNotInConversationRoster', message: 'The bot is not part of the conversation roster.' } }));
            return;
          }
          const activity = JSON.parse(body || '{}') as Received['activity'];
          const id = req.method === 'PUT' ? decodeURIComponent(m?.[2] ?? '') : `act-${++this.seq}`;
          this.received.push({ method: req.method ?? '', conversationId, activity, id });
          res.writeHead(req.method === 'PUT' ? 200 : 201, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ id }));
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
    await new Promise<void>((r) => this.server?.close(() => r()));
  }
}
