import { FileItemStore } from '../../src/notify/items.ts';
import { TicketDesk } from '../../src/tickets/desk.ts';
import { WebhookTarget } from '../../src/tickets/targets/webhook.ts';
import { ServiceNowTarget } from '../../src/tickets/targets/servicenow.ts';
import type { TicketFacts } from '../../src/tickets/facts.ts';

/**
 * A bot's press of "Open the ticket" in a process of its own, so the test can kill it with
 * SIGKILL after the request reached the ticket system and before its answer came back.
 */
const env = process.env as Record<string, string>;
const target =
  env.TARGET === 'servicenow'
    ? new ServiceNowTarget({ url: env.URL!, auth: { kind: 'basic', user: 'svc', password: 'pw' } })
    : new WebhookTarget({ url: env.URL!, secret: env.SECRET! });
const desk = new TicketDesk(target, new FileItemStore(env.STORE!), () => {});
process.stdout.write('ready\n');
void desk.open(env.CORR!, JSON.parse(env.FACTS!) as TicketFacts);
setInterval(() => {}, 1000);
