import { loadConfig, loadEnvironment } from './config.ts';
import { createLogger, lineLogger } from './log.ts';
import { openSource } from './signins/registry.ts';
import { startServer } from './bot/server.ts';
import { SignInBot } from './bot/signin-bot.ts';
import { FileFeedbackStore } from './routes/feedback-store.ts';
import { NotificationService } from './notify/service.ts';
import { FileNotifyStore, type NotifyStore } from './notify/store.ts';
import { FileItemStore, type ItemStore } from './notify/items.ts';
import { StoredConversationMemory } from './routes/memory-stored.ts';
import { alwaysHeld, type WatcherLock } from './notify/watcher-lock.ts';
import { BotSender } from './bot/proactive.ts';
import { AccessChecker, accessPolicy, describePolicy } from './trust/access.ts';
import { FileAuditTrail } from './trust/audit.ts';
import { RateLimiter } from './trust/limits.ts';
import { openTicketTarget } from './tickets/settings.ts';
import { TicketDesk } from './tickets/desk.ts';
import { delegatedGraph } from './remediate/graph.ts';
import { oboExchange } from './remediate/obo.ts';
import { RemediationRecords } from './remediate/records.ts';
import { parseTwoPerson } from './remediate/two-person.ts';
import { PLAYGROUND_DRY_RUN } from './remediate/context.ts';
import type { RemedyHost } from './bot/delegated-token.ts';
import { ReportLinks } from './trust/report-link.ts';
import { reportLinker, reportLinkPage } from './routes/report-link.ts';

/**
 * The bot's composition root: settings, the sign-in source, the HTTP host. The Azure SDKs
 * (identity, Log Analytics, Blob Storage) are imported only when the settings ask for them:
 * each costs as much start-up time as the whole bot on a tenant folder.
 */
async function main(): Promise<void> {
  const config = loadConfig();
  const log = lineLogger(createLogger({ level: config.LOG_LEVEL }), config.LOG_USER_NAMES === 'true');
  // Azure Blob Storage when the bot runs on several instances: the notification state, the
  // watcher's lease and Graph's reports budget (per app per tenant, not per instance) are kept there.
  let container: import('@azure/storage-blob').ContainerClient | undefined;
  let reportsLedger: import('./signins/graph/budget.ts').BudgetLedger | undefined;
  if (config.NOTIFY_BLOB_CONNECTION_STRING || config.NOTIFY_BLOB_CONTAINER_URL) {
    const [{ BlobServiceClient, ContainerClient }, { createCredential }, { BlobBudgetLedger }] = await Promise.all([
      import('@azure/storage-blob'),
      import('./signins/graph/create.ts'),
      import('./signins/graph/shared-budget.ts'),
    ]);
    container = config.NOTIFY_BLOB_CONNECTION_STRING
      ? BlobServiceClient.fromConnectionString(config.NOTIFY_BLOB_CONNECTION_STRING).getContainerClient(config.NOTIFY_BLOB_CONTAINER)
      : new ContainerClient(config.NOTIFY_BLOB_CONTAINER_URL, createCredential(config));
    await container.createIfNotExists();
    reportsLedger = new BlobBudgetLedger(container);
  }
  // The source SIGNIN_SOURCE names, opened from the same settings (its SDKs are loaded only now).
  const { source, appNames, allUsers, described } = await openSource(config.SIGNIN_SOURCE, loadEnvironment(), {
    log,
    ...(reportsLedger ? { reportsLedger } : {}),
  });
  // A snapshot folder answers "as of" its capture time, so "the last 48 hours" finds its events.
  const asOf = source.asOf();
  const clock = () => asOf ?? new Date().toISOString();
  // Notification state: a local file, or the Blob container.
  let store: NotifyStore = new FileNotifyStore(config.NOTIFY_STORE);
  let lock: WatcherLock = alwaysHeld;
  // The chat memory for follow-ups: in the same storage, so a restart or another instance still follows up.
  let memoryItems: ItemStore = new FileItemStore(config.MEMORY_DIR);
  // Pending approvals and remediation outcomes (issue 22): kept like the memory, so a restart keeps them.
  let remedyItems: ItemStore = new FileItemStore(config.REMEDIATION_DIR);
  if (container) {
    const { BlobItemStore, BlobLeaseLock, BlobNotifyStore } = await import('./notify/blob-store.ts');
    store = new BlobNotifyStore(container);
    lock = new BlobLeaseLock(container);
    memoryItems = new BlobItemStore(container, 'memory/');
    remedyItems = new BlobItemStore(container, 'remediations/');
    log(`lockout alerts: state in ${container.url}; one instance polls at a time (blob lease); Graph's reports budget and the follow-up memory kept there`);
  }
  // The sender needs the adapter, which exists once the server does; until then nothing is sent.
  let sender: BotSender | undefined;
  const notify = new NotificationService({
    source,
    store,
    sender: { send: (...a) => sender!.send(...a), update: (...a) => sender!.update(...a) },
    clock,
    log,
    retentionMs: config.NOTIFY_RETENTION_DAYS * 86_400_000,
  });
  // Tickets: a target when one is configured; its requests in the same storage, so a restart or another instance opens each once.
  const ticketTarget = await openTicketTarget(config);
  let tickets: TicketDesk | undefined;
  if (ticketTarget) {
    let ticketItems: ItemStore = new FileItemStore(config.TICKET_STORE_DIR);
    if (container) ticketItems = new (await import('./notify/blob-store.ts')).BlobItemStore(container, 'tickets/');
    tickets = new TicketDesk(ticketTarget, ticketItems, log);
    tickets.start();
    log(`tickets: go to ${ticketTarget.name}; requests kept in ${ticketItems.where}, retried in the background when the system does not answer`);
  } else log('tickets: no TICKET_TARGET, so no card offers "Open a ticket"');
  const policy = accessPolicy(config);
  const audit = new FileAuditTrail(config.AUDIT_LOG, (m) => log(m, { level: 'error' }));
  // Remediation acts only with the presser's delegated token (on-behalf-of); locally there is no Teams sign-in, so a dry run.
  const remedy: RemedyHost = {
    shared: {
      ...(config.local ? { dryRun: PLAYGROUND_DRY_RUN } : {}),
      graph: (token) => delegatedGraph(token),
      records: new RemediationRecords(remedyItems),
      approval: parseTwoPerson(config.REMEDIATION_APPROVAL),
    },
    connectionName: config.REMEDIATION_OAUTH_CONNECTION,
    ...(config.REMEDIATION_OAUTH_CONNECTION && config.MicrosoftAppPassword
      ? { exchange: oboExchange({ tenantId: config.MicrosoftAppTenantId, clientId: config.MicrosoftAppId, clientSecret: config.MicrosoftAppPassword }) }
      : {}),
  };
  // The weekly summary's link to the full report: signed with REPORT_LINK_SECRET, under the address browsers reach the bot
  // at (REPORT_LINK_BASE_URL; locally the bot's own, known once it listens). Without the secret the card shows the CLI command.
  const reportLinks = config.REPORT_LINK_SECRET ? new ReportLinks(config.REPORT_LINK_SECRET) : undefined;
  let reportBase: string | undefined = config.REPORT_LINK_BASE_URL || undefined;
  const access = new AccessChecker(policy, source);
  const bot = new SignInBot({
    reportLink: reportLinker(reportLinks, () => reportBase),
    remedy,
    source,
    clock,
    appNames,
    allUsers,
    feedback: new FileFeedbackStore('.signin-diag/feedback.jsonl'),
    notify,
    log,
    access,
    audit,
    limiter: new RateLimiter(config.MAX_QUESTIONS_PER_MINUTE),
    memory: new StoredConversationMemory(memoryItems, log),
    tickets,
  });
  const server = await startServer(config, bot, log, reportLinks && ((token) => reportLinkPage(token, { links: reportLinks, source, access, audit, clock })));
  if (!reportBase && config.local) reportBase = server.url;
  log(
    reportLinks
      ? reportBase
        ? `report links: the weekly summary links to ${reportBase}/reports/… for an hour`
        : 'report links: no REPORT_LINK_BASE_URL, so the weekly summary shows the CLI command instead of a link'
      : 'report links: no REPORT_LINK_SECRET, so the weekly summary shows the CLI command instead of a link',
  );
  sender = new BotSender(server.adapter, config.MicrosoftAppId, { loopbackOnly: config.local });
  const poll = async () => {
    try {
      if (!(await lock.hold())) return; // another instance is the watcher
      const r = await notify.pollOnce();
      if (r.sent || r.updated || r.gone || r.failed || r.pruned)
        log(
          `lockout alerts: ${r.lockouts} lockouts, ${r.changedEpisodes} episodes changed, ${r.sent} sent, ${r.updated} updated, ${r.gone} subscriptions gone, ${r.failed} failed, ${r.pruned} ended alerts forgotten`,
        );
    } catch (e) {
      log(`lockout alerts: poll failed: ${(e as Error).message}`, { level: 'error' });
    }
  };
  // The poll in progress, so a shutdown lets it finish storing its deliveries.
  let polling: Promise<void> | undefined;
  const timer = setInterval(() => (polling = poll()), config.NOTIFY_POLL_SECONDS * 1000);
  timer.unref();
  log(`signin-diag listening on ${server.url}/api/messages (${described})`);
  if (config.local)
    log(
      'local mode: no Microsoft App ID configured, so requests are not authenticated; the bot listens on 127.0.0.1 only, takes JSON only (no web page origins) and replies only to a loopback serviceUrl',
    );
  else
    log(
      `production mode: Bot Framework tokens for app ${config.MicrosoftAppId} required; people from tenants other than ${config.MicrosoftAppTenantId} are refused`,
    );
  log(`access: ${describePolicy(policy)}; audit trail in ${config.AUDIT_LOG}; follow-ups remembered in ${memoryItems.where}`);
  // SIGTERM (a deployment, a scale-in): stop accepting, let running turns finish, flush, then exit.
  const stop = async () => {
    log(`stopping: ${server.inFlight()} turn(s) running`);
    clearInterval(timer);
    await server.close();
    await polling;
    await tickets?.stop();
    await audit.flush();
    await lock.release();
    log('stopped');
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}

main().catch((e) => {
  process.stderr.write(`signin-diag could not start: ${(e as Error).message}\n`);
  process.exit(1);
});
