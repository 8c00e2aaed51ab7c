import { createSign, generateKeyPairSync, type KeyObject } from 'node:crypto';
import { Agent, request } from 'node:http';
import { connect } from 'node:net';
import nock from 'nock';

/**
 * What the HTTP-host tests share: Bot Framework tokens signed with a key made here (the
 * signing keys served by nock, as Microsoft serves them), and two raw clients: one that sets
 * any header (fetch refuses Host and Content-Length), and one on a bare socket that sends
 * only part of a body and reports what came back.
 */
export const TENANT = '11111111-2222-3333-4444-555555555555';
export const OTHER_TENANT = '99999999-8888-7777-6666-555555555555';
export const APP_ID = '00000000-0000-0000-0000-0000000000aa';
export const PROD_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

export interface SigningKeys {
  token(o?: { aud?: string; kid?: string; nbf?: number; exp?: number; iss?: string; serviceUrl?: string; key?: KeyObject; alg?: string }): string;
  other: KeyObject;
}

/** Serves the Bot Framework's OpenID metadata and one signing key (and an empty Entra one for emulator-issued tokens). */
export function serveSigningKeys(): SigningKeys {
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const other = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey;
  const jwk = publicKey.export({ format: 'jwk' });
  nock('https://login.botframework.com')
    .persist()
    .get('/v1/.well-known/openidconfiguration')
    .reply(200, { issuer: 'https://api.botframework.com', jwks_uri: 'https://login.botframework.com/v1/.well-known/keys' })
    .get('/v1/.well-known/keys')
    .reply(200, { keys: [{ kty: 'RSA', use: 'sig', kid: 'test-key', n: jwk.n, e: jwk.e, endorsements: ['msteams'] }] });
  nock('https://login.microsoftonline.com')
    .persist()
    .get('/common/v2.0/.well-known/openid-configuration')
    .reply(200, { issuer: 'https://login.microsoftonline.com/{tenantid}/v2.0', jwks_uri: 'https://login.microsoftonline.com/common/discovery/v2.0/keys' })
    .get('/common/discovery/v2.0/keys')
    .reply(200, { keys: [] });
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = () => Math.floor(Date.now() / 1000);
  return {
    other,
    token: (o = {}) => {
      const head = `${b64({ alg: o.alg ?? 'RS256', kid: o.kid ?? 'test-key', typ: 'JWT' })}.${b64({ iss: o.iss ?? 'https://api.botframework.com', aud: o.aud ?? APP_ID, serviceurl: o.serviceUrl ?? PROD_SERVICE_URL, nbf: o.nbf ?? now() - 60, exp: o.exp ?? now() + 600 })}`;
      return `Bearer ${head}.${createSign('RSA-SHA256')
        .update(head)
        .sign(o.key ?? privateKey)
        .toString('base64url')}`;
    },
  };
}

export interface RawResponse {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** One request with exactly these headers and body (no defaults added but Host and, for a body, Content-Length). */
export function send(
  url: string,
  o: { method?: string; path?: string; headers?: Record<string, string>; body?: string | Buffer; agent?: Agent },
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const u = new URL(url);
    const req = request(
      { host: u.hostname, port: u.port, method: o.method ?? 'POST', path: o.path ?? '/api/messages', headers: o.headers, agent: o.agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(o.body);
  });
}

export interface PartialResult {
  /** The status line's code, or 0 if the server closed without answering. */
  status: number;
  /** Body bytes this client managed to hand to the socket before the answer (or the close). */
  sent: number;
  /** The server closed the connection. */
  closed: boolean;
}

/**
 * Sends `head` (request line and headers), then body chunks from `chunk(i)` one at a time
 * until the server answers or closes, or `maxBytes` have been sent. Writes wait for the socket
 * to drain, so `sent` is what the socket accepted, not what was queued.
 */
export function sendPartial(port: number, head: string, chunk: (i: number) => Buffer | undefined, maxBytes: number): Promise<PartialResult> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let closed = false;
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(answer)?.[1] ?? 0);
      socket.destroy();
      resolve({ status, sent, closed });
    };
    socket.on('data', (d: Buffer) => {
      answer += d.toString('latin1');
      // The whole answer (headers and its short JSON body) is in; stop writing and report.
      if (/\r\n\r\n[\s\S]*\}/.test(answer)) setImmediate(finish);
    });
    socket.on('end', () => {
      closed = true;
      finish();
    });
    socket.on('close', () => {
      closed = true;
      finish();
    });
    socket.on('error', () => {
      closed = true;
      finish();
    });
    socket.write(head, async () => {
      for (let i = 0; !done && sent < maxBytes; i++) {
        const c = chunk(i);
        if (!c) break;
        const ok = await new Promise<boolean>((r) => socket.write(c, (e) => r(!e)));
        if (!ok) break;
        sent += c.length;
      }
    });
  });
}

export const activity = (over: Record<string, unknown> = {}) => ({
  type: 'message',
  id: 'm-1',
  channelId: 'msteams',
  serviceUrl: PROD_SERVICE_URL,
  text: 'what does 50126 mean',
  from: { id: 'user-1', name: 'Tester' },
  recipient: { id: 'bot' },
  conversation: { id: 'conv-1', conversationType: 'personal', tenantId: TENANT },
  ...over,
});
