import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A real webhook receiver on 127.0.0.1, as a helpdesk would write one: it checks the signature
 * over the raw body (constant time) and the timestamp, keeps the Idempotency-Key so a repeat
 * opens nothing new, and answers with its ticket number. `hold` keeps requests unanswered (a
 * system that takes the request and never answers).
 */
export interface Received {
  key: string;
  body: Record<string, unknown>;
  number: string;
}

export async function startReceiver(secret: string, o: { hold?: boolean; failFirst?: number } = {}) {
  const tickets = new Map<string, Received>();
  const rejected: string[] = [];
  let requests = 0;
  let fail = o.failFirst ?? 0;
  let holding = o.hold ?? false;
  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      requests++;
      const sig = String(req.headers['x-signature-256'] ?? '');
      const want = `sha256=${createHmac('sha256', secret).update(raw).digest('hex')}`;
      const ok = sig.length === want.length && timingSafeEqual(Buffer.from(sig), Buffer.from(want));
      const body = ok ? (JSON.parse(raw.toString('utf8')) as Record<string, unknown>) : {};
      const fresh = Math.abs(Date.now() / 1000 - Number(req.headers['x-signature-timestamp'])) < 300;
      if (!ok || !fresh || String(Math.floor(Date.parse(String(body.sentAt)) / 1000)) !== req.headers['x-signature-timestamp']) {
        rejected.push(ok ? 'stale' : 'signature');
        res.writeHead(401).end();
        return;
      }
      const key = String(req.headers['idempotency-key']);
      if (!tickets.has(key)) tickets.set(key, { key, body, number: `HD-${1000 + tickets.size + 1}` });
      if (holding) return; // taken, never answered
      if (fail > 0) {
        fail--;
        res.writeHead(503).end('busy');
        return;
      }
      const t = tickets.get(key)!;
      res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ number: t.number, url: `https://helpdesk.example/tickets/${t.number}` }));
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/signin-diag`;
  return {
    url,
    tickets,
    rejected,
    requests: () => requests,
    hold: (on: boolean) => (holding = on),
    close: () => new Promise<void>((r) => server.close(() => r())).then(() => undefined),
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/**
 * A ServiceNow-shaped instance on 127.0.0.1: the Table API's POST /api/now/table/incident
 * (201, `{ result: { sys_id, number } }`) and GET with `sysparm_query=correlation_id=<key>`.
 * `hold`: it creates the incident and never answers (the bot is killed before the answer).
 */
export async function startServiceNow(o: { hold?: boolean } = {}) {
  const incidents: { sys_id: string; number: string; correlation_id: string; short_description: string }[] = [];
  let holding = o.hold ?? false;
  let posts = 0;
  const server: Server = createServer((req, res) => {
    void readBody(req).then((raw) => {
      const url = new URL(req.url ?? '/', 'http://x');
      if (req.headers.authorization !== `Basic ${Buffer.from('svc:pw').toString('base64')}`) return void res.writeHead(401).end();
      if (req.method === 'POST' && url.pathname === '/api/now/table/incident') {
        posts++;
        const b = JSON.parse(raw.toString('utf8')) as { correlation_id: string; short_description: string };
        const i = {
          sys_id: `sys${incidents.length + 1}`,
          number: `INC00${12345 + incidents.length}`,
          correlation_id: b.correlation_id,
          short_description: b.short_description,
        };
        incidents.push(i);
        if (holding) return;
        res.writeHead(201, { 'Content-Type': 'application/json' }).end(JSON.stringify({ result: { sys_id: i.sys_id, number: i.number } }));
        return;
      }
      if (req.method === 'GET' && url.pathname === '/api/now/table/incident') {
        const m = /^correlation_id=(.*)$/.exec(url.searchParams.get('sysparm_query') ?? '');
        const found = incidents.filter((i) => m && i.correlation_id === m[1]).map((i) => ({ sys_id: i.sys_id, number: i.number }));
        res.writeHead(200, { 'Content-Type': 'application/json' }).end(JSON.stringify({ result: found.slice(0, 1) }));
        return;
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    incidents,
    posts: () => posts,
    hold: (on: boolean) => (holding = on),
    stop: () => {
      server.closeAllConnections();
      return new Promise<void>((r) => server.close(() => r()));
    },
  };
}
