import { z } from 'zod';
import type { TicketTarget } from './target.ts';

/**
 * Where tickets go, per deployment: one target, or none (then no card offers a ticket). Names
 * in env/.env.<name>; the secrets (client secret, password, API token, webhook secret) in the
 * ignored env/.env.<name>.user. src/config.ts spreads this shape into the bot's settings.
 */
export const TicketSettings = z.object({
  TICKET_TARGET: z.enum(['', 'servicenow', 'jira', 'webhook']).default(''),
  /** Tickets waiting for their system (and the ones opened, for a second press): one file each here, or blobs under tickets/ with Blob storage. */
  TICKET_STORE_DIR: z.string().min(1).default('.signin-diag/tickets'),
  SERVICENOW_URL: z.string().default(''),
  SERVICENOW_CLIENT_ID: z.string().default(''),
  SERVICENOW_CLIENT_SECRET: z.string().default(''),
  SERVICENOW_USER: z.string().default(''),
  SERVICENOW_PASSWORD: z.string().default(''),
  /** The assignment group's sys_id (or name) new incidents go to; empty: the instance's own rules decide. */
  SERVICENOW_ASSIGNMENT_GROUP: z.string().default(''),
  JIRA_URL: z.string().default(''),
  JIRA_EMAIL: z.string().default(''),
  JIRA_API_TOKEN: z.string().default(''),
  JIRA_SERVICE_DESK_ID: z.string().default(''),
  JIRA_REQUEST_TYPE_ID: z.string().default(''),
  TICKET_WEBHOOK_URL: z.string().default(''),
  TICKET_WEBHOOK_SECRET: z.string().default(''),
});
export type TicketSettings = z.infer<typeof TicketSettings>;

/** A settings mistake, said as what to set. */
export class TicketSettingsError extends Error {}

/**
 * An https URL, or http on this machine (a local receiver): a ticket carries people's names and
 * ids, and the webhook's signature does not hide them.
 */
function checkUrl(name: string, value: string): string {
  let u: URL;
  try {
    u = new URL(value);
  } catch {
    throw new TicketSettingsError(`${name} must be a URL (it is ${value ? `"${value.slice(0, 80)}"` : 'empty'})`);
  }
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(u.hostname);
  if (u.protocol !== 'https:' && !(u.protocol === 'http:' && loopback)) throw new TicketSettingsError(`${name} must be https (http only on 127.0.0.1)`);
  if (u.username || u.password) throw new TicketSettingsError(`${name} must not carry a user or password: use the settings for them`);
  return value.replace(/\/+$/, '');
}

const need = (s: TicketSettings, ...names: (keyof TicketSettings)[]) => {
  const missing = names.filter((n) => !s[n]);
  if (missing.length) throw new TicketSettingsError(`TICKET_TARGET=${s.TICKET_TARGET} needs ${missing.join(', ')} (secrets in env/.env.<name>.user)`);
};

/** The configured target, or undefined when tickets are off. Each target's module is loaded only when it is the one asked for. */
export async function openTicketTarget(s: TicketSettings): Promise<TicketTarget | undefined> {
  switch (s.TICKET_TARGET) {
    case '':
      return undefined;
    case 'servicenow': {
      need(s, 'SERVICENOW_URL');
      const oauth = !!(s.SERVICENOW_CLIENT_ID || s.SERVICENOW_CLIENT_SECRET);
      if (oauth) need(s, 'SERVICENOW_CLIENT_ID', 'SERVICENOW_CLIENT_SECRET');
      else need(s, 'SERVICENOW_USER', 'SERVICENOW_PASSWORD');
      const { ServiceNowTarget } = await import('./targets/servicenow.ts');
      return new ServiceNowTarget({
        url: checkUrl('SERVICENOW_URL', s.SERVICENOW_URL),
        auth: oauth
          ? { kind: 'oauth', clientId: s.SERVICENOW_CLIENT_ID, clientSecret: s.SERVICENOW_CLIENT_SECRET }
          : { kind: 'basic', user: s.SERVICENOW_USER, password: s.SERVICENOW_PASSWORD },
        assignmentGroup: s.SERVICENOW_ASSIGNMENT_GROUP || undefined,
      });
    }
    case 'jira': {
      need(s, 'JIRA_URL', 'JIRA_EMAIL', 'JIRA_API_TOKEN', 'JIRA_SERVICE_DESK_ID', 'JIRA_REQUEST_TYPE_ID');
      const { JiraTarget } = await import('./targets/jira.ts');
      return new JiraTarget({
        url: checkUrl('JIRA_URL', s.JIRA_URL),
        email: s.JIRA_EMAIL,
        apiToken: s.JIRA_API_TOKEN,
        serviceDeskId: s.JIRA_SERVICE_DESK_ID,
        requestTypeId: s.JIRA_REQUEST_TYPE_ID,
      });
    }
    case 'webhook': {
      need(s, 'TICKET_WEBHOOK_URL', 'TICKET_WEBHOOK_SECRET');
      if (s.TICKET_WEBHOOK_SECRET.length < 16) throw new TicketSettingsError('TICKET_WEBHOOK_SECRET must be at least 16 characters');
      const { WebhookTarget } = await import('./targets/webhook.ts');
      return new WebhookTarget({ url: checkUrl('TICKET_WEBHOOK_URL', s.TICKET_WEBHOOK_URL), secret: s.TICKET_WEBHOOK_SECRET });
    }
  }
}
