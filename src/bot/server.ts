import './quiet-deprecations.ts';
import type { ServerResponse } from 'node:http';
import restify from 'restify';
import {
  ActivityEventNames,
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type Activity,
  type ActivityHandler,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../config.ts';
import type { LogFn } from '../log.ts';
import { checkHeaders, isLoopbackUrl, MAX_BODY_BYTES, readBody, type Refusal } from './http-guard.ts';
import { authFields, checkActivity, parseJson, tenantOf } from './activity-shape.ts';

/**
 * The HTTP host: POST /api/messages into botbuilder's CloudAdapter, GET /healthz for probes.
 * The request is checked here in order of cost: headers (token present, no browser origin,
 * JSON, not compressed, not too large), then the body read with a limit, its shape (zod), the
 * Bot Framework token (production) and the tenant, and only then a turn. Every refusal is a
 * 4xx with a plain sentence; a library's message never reaches the caller.
 */
export interface RunningServer {
  url: string;
  /** For proactive messages (lockout notifications). */
  adapter: CloudAdapter;
  /** Turns being answered right now. */
  inFlight(): number;
  /** Stops accepting requests, then waits (up to `graceMs`) for the running turns to finish. */
  close(graceMs?: number): Promise<void>;
}

type AuthResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

/** CloudAdapter.process parses, authenticates and runs in one call and turns every library error into a 500 with its message; the host does those steps itself. */
class HostAdapter extends CloudAdapter {
  runTurn(auth: AuthResult, activity: Activity, logic: (context: TurnContext) => Promise<void>): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/** A page the server hands out as it is (the full report behind a link): status, headers, HTML. */
export interface Page {
  status: number;
  headers: Record<string, string>;
  body: string;
}

/** GET /reports/<token>: the token is the whole request this reads (routes/report-link.ts checks it before anything else). */
export type ReportPages = (token: string) => Promise<Page>;

type ServerConfig = Pick<Config, 'PORT' | 'local' | 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppTenantId' | 'MicrosoftAppType'>;

export async function startServer(config: ServerConfig, bot: ActivityHandler, log: LogFn, reports?: ReportPages): Promise<RunningServer> {
  // Without its home tenant a production bot cannot tell its own people from anyone else's.
  if (!config.local && !config.MicrosoftAppTenantId) throw new Error('MicrosoftAppTenantId is required when MicrosoftAppId is set');
  const homeTenant = config.MicrosoftAppTenantId.toLowerCase();
  // An empty configuration is botbuilder's "no authentication" mode, which the Playground needs.
  const auth = new ConfigurationBotFrameworkAuthentication(
    config.local
      ? {}
      : {
          MicrosoftAppId: config.MicrosoftAppId,
          MicrosoftAppPassword: config.MicrosoftAppPassword,
          MicrosoftAppTenantId: config.MicrosoftAppTenantId,
          MicrosoftAppType: config.MicrosoftAppType,
        },
  );
  const adapter = new HostAdapter(auth);
  // Activities whose turn failed: an invoke then has no answer to give, and says so with a 500.
  const failed = new WeakSet<object>();
  const undelivered = new WeakSet<object>();
  adapter.onTurnError = async (context, error) => {
    // A proactive post (lockout alerts) has no one waiting in chat: its sender needs the error (403: the bot was removed).
    if (context.activity.type === ActivityTypes.Event && context.activity.name === ActivityEventNames.ContinueConversation) throw error;
    failed.add(context.activity);
    log(`turn failed: ${(error as Error).message ?? error}`, {
      level: 'error',
      ref: context.activity.id,
      conversation: context.activity.conversation?.id,
      stack: (error as Error).stack,
    });
    // Never a stack trace in chat: a plain sentence and the activity id to quote. If even that
    // cannot be sent, the request fails (a 500 with no detail; the log has it).
    try {
      await context.sendActivity(`Sorry, something went wrong while answering (reference ${context.activity.id ?? 'unknown'}). Please try again.`);
    } catch (e) {
      // The connector cannot be reached either (gone, or a loopback port where nothing listens):
      // there is no one to tell; the log has it.
      undelivered.add(context.activity);
      log(`could not tell the asker either: ${(e as Error).message ?? e}`, { level: 'error', ref: context.activity.id });
    }
  };
  const server = restify.createServer({ name: 'signin-diag' });
  let running = 0;
  let draining = false;

  const handle = async (req: restify.Request, res: ServerResponse): Promise<void> => {
    const early = checkHeaders(req, config);
    // Refused before the body is read. A body of a declared size within the limit is left for
    // Node to discard (the connection stays usable); any other is never transferred: the connection closes.
    if (early) return refuse(res, early, !(Number(req.headers['content-length']) <= MAX_BODY_BYTES));
    const body = await readBody(req);
    if (!body.ok) return refuse(res, body.refusal, true);
    const json = parseJson(body.text);
    if (!json.ok) return refuse(res, { status: 400, error: 'The request body is not valid JSON.' });
    // The token is checked against the two fields authentication reads; only an authenticated
    // body is checked further (and told which field is wrong).
    let authResult: AuthResult;
    try {
      authResult = await auth.authenticateRequest(authFields(json.value) as Activity, header(req, 'authorization'));
    } catch (e) {
      const unavailable = keysUnavailable(e);
      log(`request refused: ${unavailable ? 'the Bot Framework signing keys could not be loaded' : 'invalid token'}: ${(e as Error).message ?? e}`, {
        level: 'warn',
      });
      if (unavailable) return send(res, 503, { error: 'The bot could not check the request token right now. Please try again.' });
      return refuse(res, { status: 401, error: 'The request does not carry a valid Bot Framework token.' });
    }
    const parsed = checkActivity(json.value);
    if (!parsed.ok) return refuse(res, { status: 400, error: `The request body is not a Bot Framework activity (see ${parsed.where}).` });
    const activity = parsed.activity as unknown as Activity;
    // No token locally, so the reply address is the only thing that keeps replies on this machine.
    if (config.local && !isLoopbackUrl(parsed.activity.serviceUrl))
      return refuse(res, { status: 403, error: 'In local mode the bot replies only to a connector on this machine (a loopback serviceUrl).' });
    const tenant = tenantOf(parsed.activity);
    if (!config.local && tenant && tenant.toLowerCase() !== homeTenant) {
      log('request refused: another tenant', { level: 'warn', tenant });
      return refuse(res, { status: 403, error: 'This bot answers only its own organisation.' });
    }
    const result = await adapter.runTurn(authResult, activity, (context) => bot.run(context));
    // The turn failed and even the apology could not reach the connector. The request itself was
    // fine: a 5xx would only make the channel send it again and run the turn twice.
    if (undelivered.has(activity))
      return send(
        res,
        200,
        activity.type === 'invoke'
          ? {
              statusCode: 200,
              type: 'application/vnd.microsoft.activity.message',
              value: `Something went wrong while answering (reference ${activity.id ?? 'unknown'}).`,
            }
          : undefined,
      );
    if (failed.has(activity) && activity.type === 'invoke')
      return send(res, 500, { error: `Something went wrong while answering (reference ${activity.id ?? 'unknown'}).` });
    // botbuilder answers 501 to an invoke nothing handles; the bot offers only card buttons, so that is the caller's mistake.
    if (result?.status === 501) return refuse(res, { status: 400, error: 'This bot does not answer that kind of invoke.' });
    send(res, result?.status ?? 200, result?.body);
  };

  server.post('/api/messages', async (req, res) => {
    if (draining) {
      send(res, 503, { error: 'shutting down' }, true);
      return;
    }
    running++;
    try {
      await handle(req, res);
    } catch (e) {
      log(`request failed: ${(e as Error).message ?? e}`, { level: 'error', stack: (e as Error).stack });
      send(res, 500, { error: 'Something went wrong while answering.' });
    } finally {
      running--;
    }
  });
  // The weekly summary card's link. Only the path's last segment is read (no query, no header, no
  // cookie); a failure is a plain sentence, never a stack. Counted as running, so a shutdown lets it finish.
  // Before restify's router: its path parameters stop at 100 characters, and a token is longer.
  if (reports)
    server.pre((req, res, next) => {
      const path = (req.url ?? '').split('?')[0]!;
      if (!path.startsWith('/reports/')) return next();
      // Restify checks a response was written when the chain ends: next(false) comes once the page is sent.
      void (async () => {
        if (req.method !== 'GET')
          return sendPage(res, { status: 405, headers: { 'content-type': 'text/plain; charset=utf-8', allow: 'GET' }, body: 'Only GET.' });
        if (draining)
          return sendPage(res, { status: 503, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' }, body: 'shutting down' });
        running++;
        try {
          sendPage(res, await reports(path.slice('/reports/'.length)));
        } catch (e) {
          log(`report page failed: ${(e as Error).message ?? e}`, { level: 'error', stack: (e as Error).stack });
          sendPage(res, {
            status: 500,
            headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' },
            body: 'The report could not be made right now. Please try again.',
          });
        } finally {
          running--;
        }
      })().finally(() => next(false));
    });
  server.get('/healthz', (_req, res, next) => {
    res.send(200, { status: 'ok' });
    next();
  });
  // Without credentials the bot cannot tell who is calling: keep it to this machine.
  const host = config.local ? '127.0.0.1' : '0.0.0.0';
  await new Promise<void>((resolve) => server.listen(config.PORT, host, resolve));
  // PORT 0 asks the system for a free port (tests, benchmarks).
  const port = (server.address() as { port: number }).port;
  const url = `http://${host}:${port}`;
  const close = async (graceMs = 10_000) => {
    draining = true;
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    const deadline = Date.now() + graceMs;
    while (running > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    if (running > 0) log(`shutting down with ${running} turn(s) still running after ${graceMs} ms`, { level: 'warn' });
    // Keep-alive connections would hold server.close open; the running turns are done by now.
    server.server.closeAllConnections?.();
    await closed;
  };
  return { url, adapter, inFlight: () => running, close };
}

function header(req: restify.Request, name: string): string {
  const v = req.headers[name];
  return (Array.isArray(v) ? v[0] : v) ?? '';
}

/** botbuilder marks "could not load the signing keys" as a 500: the caller may be fine, the bot could not check. */
function keysUnavailable(e: unknown): boolean {
  const status = (e as { statusCode?: unknown } | null)?.statusCode;
  return (typeof status === 'number' && status >= 500) || (e as { name?: unknown } | null)?.name === 'FetchError';
}

/** A page is a one-off (a link opened from a card): the connection closes after it rather than idle into a keep-alive race. */
function sendPage(res: ServerResponse, p: Page): void {
  if (res.headersSent || res.writableEnded) return;
  res.writeHead(p.status, { ...p.headers, connection: 'close' });
  res.end(p.body);
}

function refuse(res: ServerResponse, r: Refusal, close = false): void {
  send(res, r.status, { error: r.error }, close);
}

/** JSON with Node's own response methods: restify's send would negotiate on the caller's Accept header. */
function send(res: ServerResponse, status: number, body?: unknown, close = false): void {
  if (res.headersSent || res.writableEnded) return;
  const json = body === undefined ? undefined : JSON.stringify(body);
  res.writeHead(status, { ...(json === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }), ...(close ? { connection: 'close' } : {}) });
  res.end(json);
}
