import restify from 'restify';
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ActivityHandler } from 'botbuilder';
import type { Config } from '../config.ts';
import type { LogFn } from '../log.ts';

/**
 * The HTTP host: POST /api/messages into botbuilder's CloudAdapter (which validates the
 * Bot Framework JWT when an app id is configured), GET /healthz for probes.
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

export async function startServer(config: Pick<Config, 'PORT' | 'local' | 'MicrosoftAppId' | 'MicrosoftAppPassword' | 'MicrosoftAppTenantId' | 'MicrosoftAppType'>, bot: ActivityHandler, log: LogFn): Promise<RunningServer> {
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
  const adapter = new CloudAdapter(auth);
  adapter.onTurnError = async (context, error) => {
    log(`turn failed: ${(error as Error).message ?? error}`, { level: 'error', ref: context.activity.id, conversation: context.activity.conversation?.id, stack: (error as Error).stack });
    // Never a stack trace in chat: a plain sentence and the activity id to quote.
    await context.sendActivity(`Sorry, something went wrong while answering (reference ${context.activity.id ?? 'unknown'}). Please try again.`);
  };
  const server = restify.createServer({ name: 'signin-diag' });
  server.use(restify.plugins.bodyParser());
  let running = 0;
  let draining = false;
  server.post('/api/messages', async (req, res) => {
    if (draining) {
      res.send(503, { error: 'shutting down' });
      return;
    }
    running++;
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } finally {
      running--;
    }
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
