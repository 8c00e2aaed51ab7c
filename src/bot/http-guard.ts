import type { IncomingMessage } from 'node:http';

/**
 * Checks on a POST to /api/messages that need only the headers, and the bounded body read.
 * They run before anything is parsed or authenticated, so a hostile request costs a few
 * header comparisons and at most MAX_BODY_BYTES of memory.
 */
export const MAX_BODY_BYTES = 256 * 1024;

export interface Refusal {
  status: 400 | 401 | 403 | 413 | 415;
  /** A plain sentence for the caller; never a library's message. */
  error: string;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** http(s)://127.0.0.1, localhost or [::1], any port. */
export function isLoopbackUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK_HOSTS.has(u.hostname.toLowerCase());
  } catch {
    return false;
  }
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v.join(',') : v;
}

/** `Bearer <header>.<payload>.<signature>` in base64url: the shape of a JWT, nothing more. */
const BEARER_JWT = /^Bearer [A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

export function checkHeaders(req: IncomingMessage, mode: { local: boolean }): Refusal | undefined {
  // Production: no token, no further work (the token itself is checked once the body is read,
  // because the Bot Framework's check compares it with the activity's serviceUrl and channel).
  if (!mode.local && !BEARER_JWT.test(header(req, 'authorization') ?? '')) return { status: 401, error: 'The request does not carry a Bot Framework token.' };
  // Browsers always send Origin on a POST; Teams and the Agents Playground are not browsers.
  // A page the admin visits must not be able to drive the bot (local mode has no token to stop it).
  const origin = header(req, 'origin');
  if (origin !== undefined && !isLoopbackUrl(origin)) return { status: 403, error: 'Requests from web pages are not accepted.' };
  // A DNS-rebinding page reaches 127.0.0.1 under its own name; the Host header still says that name.
  if (mode.local && !isLoopbackUrl(`http://${header(req, 'host') ?? ''}`))
    return { status: 403, error: 'In local mode the bot answers only requests addressed to 127.0.0.1 or localhost.' };
  // Teams does not compress activities; decompressing is how one small request used to kill the process.
  const encoding = (header(req, 'content-encoding') ?? 'identity').trim().toLowerCase();
  if (encoding !== 'identity' && encoding !== '') return { status: 415, error: 'Compressed request bodies are not accepted.' };
  // A form or text/plain post needs no CORS preflight; JSON does, so this keeps other sites out too.
  const [type, ...params] = (header(req, 'content-type') ?? '').split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'application/json') return { status: 415, error: 'The request body must be JSON (Content-Type: application/json).' };
  const charset = params
    .find((p) => p.startsWith('charset='))
    ?.slice('charset='.length)
    .replace(/"/g, '');
  if (charset !== undefined && charset !== 'utf-8' && charset !== 'utf8') return { status: 415, error: 'The request body must be UTF-8.' };
  const length = header(req, 'content-length');
  if (length !== undefined && Number(length) > MAX_BODY_BYTES) return tooLarge;
  return undefined;
}

const tooLarge: Refusal = { status: 413, error: `The request body is larger than ${MAX_BODY_BYTES / 1024} KB.` };

/**
 * The body as text, reading at most `limit` bytes: past that the reading stops and the
 * caller answers 413 (and closes the connection, so the rest is never transferred).
 */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<{ ok: true; text: string } | { ok: false; refusal: Refusal }> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (r: { ok: true; text: string } | { ok: false; refusal: Refusal }) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      resolve(r);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        chunks.length = 0;
        req.pause();
        finish({ ok: false, refusal: tooLarge });
        return;
      }
      chunks.push(chunk);
    };
    req.on('data', onData);
    req.once('end', () => {
      try {
        finish({ ok: true, text: new TextDecoder('utf-8', { fatal: true }).decode(Buffer.concat(chunks)) });
      } catch {
        finish({ ok: false, refusal: { status: 400, error: 'The request body is not UTF-8 text.' } });
      }
    });
    // A client that goes away mid-body: nothing to answer, nothing kept.
    req.once('error', () => finish({ ok: false, refusal: { status: 400, error: 'The request body could not be read.' } }));
    req.once('close', () => finish({ ok: false, refusal: { status: 400, error: 'The request body could not be read.' } }));
  });
}
