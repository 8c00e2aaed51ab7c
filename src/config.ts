import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SOURCE_IDS } from './signins/registry.ts';
import { GraphSettings } from './signins/graph/settings.ts';
import { TicketSettings } from './tickets/settings.ts';
import { DEFAULT_APPROVAL, parseTwoPerson } from './remediate/two-person.ts';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Settings from the environment, checked once at start. `env/.env.<SIGNIN_DIAG_ENV>`
 * (default `local`) is loaded first; real environment variables win over it. What each
 * sign-in source needs is checked by the source when it is opened (src/signins/registry.ts):
 * a source's own module is loaded only when it is the one asked for.
 */
const Config = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3978),
    /** The tenant folder to answer from; default: the bundled sample tenant. */
    TENANT_DIR: z.string().min(1).optional(),
    MicrosoftAppId: z.string().default(''),
    MicrosoftAppPassword: z.string().default(''),
    MicrosoftAppTenantId: z.string().default(''),
    MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
    /** Where sign-ins come from: a tenant folder (default), Microsoft Graph, Log Analytics (src/signins/registry.ts). */
    SIGNIN_SOURCE: z.enum(SOURCE_IDS).default('folder'),
    /** Lockout notifications: where subscriptions and deliveries are kept, and how often to look. */
    NOTIFY_STORE: z.string().default('.signin-diag/notifications.json'),
    NOTIFY_POLL_SECONDS: z.coerce.number().int().min(10).max(3600).default(60),
    /** Ended lockout alerts and incidents are dropped from the notification state this many days after their last failure. */
    NOTIFY_RETENTION_DAYS: z.coerce.number().int().min(1).max(365).default(14),
    /** Azure Blob Storage for the notification state (several instances): a connection string and container, or a container URL reached with the Graph identity. */
    NOTIFY_BLOB_CONNECTION_STRING: z.string().default(''),
    NOTIFY_BLOB_CONTAINER: z.string().default('signin-diag'),
    NOTIFY_BLOB_CONTAINER_URL: z.string().default(''),
    /** The chat memory for follow-ups, one file per conversation, when the bot has no Blob storage (with it: blobs under memory/ in that container). */
    MEMORY_DIR: z.string().min(1).default('.signin-diag/memory'),
    // Who may look up other people's sign-ins: members of these groups or holders of these roles (ids, comma-separated).
    AUTHORIZED_GROUP_IDS: z.string().default(''),
    AUTHORIZED_ROLE_TEMPLATE_IDS: z.string().default(''),
    AUDIT_LOG: z.string().default('.signin-diag/audit.jsonl'),
    LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent']).default('info'),
    // People's addresses in the logs are masked (b***@contoso.com) unless this is true.
    LOG_USER_NAMES: z.enum(['true', 'false', '']).default(''),
    MAX_QUESTIONS_PER_MINUTE: z.coerce.number().int().min(1).max(1000).default(20),
    // Remediation from the card (issue 22), with the presser's delegated token: the Bot Framework OAuth connection that gives
    // their Teams single sign-on token (exchanged on their behalf for Graph); empty, and every press explains the set-up instead.
    REMEDIATION_OAUTH_CONNECTION: z.string().default(''),
    /** The two-person rule: remediations a second person approves first (`id`, or `id:privileged` for people holding a directory role). */
    REMEDIATION_APPROVAL: z
      .string()
      .default(DEFAULT_APPROVAL)
      .refine((s) => {
        try {
          parseTwoPerson(s);
          return true;
        } catch {
          return false;
        }
      }, 'a comma-separated list of revokeSessions, issueTap, confirmCompromised, dismissRisk, each optionally with :privileged'),
    /** Pending approvals and outcomes, one file per attempt and remediation, when the bot has no Blob storage (with it: blobs under remediations/). */
    REMEDIATION_DIR: z.string().min(1).default('.signin-diag/remediations'),
    /**
     * The weekly summary card's link to the full report (GET /reports/<token>): the HMAC key its
     * tokens are signed with (32 characters or more; empty: no link, the card shows the CLI command
     * and says why), and the address people's browsers reach the bot at (locally: the bot's own).
     */
    REPORT_LINK_SECRET: z.union([z.literal(''), z.string().min(32, 'REPORT_LINK_SECRET must be at least 32 characters (a random string)')]).default(''),
    REPORT_LINK_BASE_URL: z.union([z.literal(''), z.string().url().startsWith('http')]).default(''),
    // The Graph identity: for the graph and log-analytics sources, and for a blob container reached by URL.
    ...GraphSettings.shape,
    // Tickets in the helpdesk's system (ServiceNow, Jira Service Management, a webhook): src/tickets/settings.ts.
    ...TicketSettings.shape,
  })
  .refine((c) => !c.MicrosoftAppId || c.MicrosoftAppType !== 'SingleTenant' || c.MicrosoftAppTenantId, {
    message: 'MicrosoftAppTenantId is required for a SingleTenant bot (new bot registrations must be single-tenant)',
    path: ['MicrosoftAppTenantId'],
  })
  // Any registration can be added to Teams in another organisation; the home tenant is how the bot refuses those people.
  .refine((c) => !c.MicrosoftAppId || c.MicrosoftAppTenantId, {
    message: 'MicrosoftAppTenantId is required when MicrosoftAppId is set: it is how the bot refuses people from other organisations',
    path: ['MicrosoftAppTenantId'],
  })
  // Teams sends the tenant as its id, so a domain name here would refuse everyone.
  .refine((c) => !c.MicrosoftAppId || !c.MicrosoftAppTenantId || GUID.test(c.MicrosoftAppTenantId), {
    message: 'MicrosoftAppTenantId must be the directory (tenant) id, a GUID, not a domain name',
    path: ['MicrosoftAppTenantId'],
  });
export type Config = z.infer<typeof Config> & { local: boolean };

/** The environment merged with env/.env.<SIGNIN_DIAG_ENV> (default local); real variables win over the file. */
export function loadEnvironment(env: NodeJS.ProcessEnv = process.env, envDir = 'env'): Record<string, string | undefined> {
  const name = env.SIGNIN_DIAG_ENV ?? 'local';
  const file = join(envDir, `.env.${name}`);
  const merged: Record<string, string | undefined> = { ...env };
  if (existsSync(file)) {
    for (const [k, v] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) if (!(k in merged)) merged[k] = v;
  }
  return merged;
}

/** KEY=value lines; # comments and blank lines ignored; values may be quoted. */
function parseEnv(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of text.split(/\r?\n/)) {
    const m = /^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=\s*(.*?)\s*$/.exec(line);
    if (!m || line.trimStart().startsWith('#')) continue;
    out[m[1]!] = m[2]!.replace(/^(['"])(.*)\1$/, '$2');
  }
  return out;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, envDir = 'env'): Config {
  const merged = loadEnvironment(env, envDir);
  const parsed = Config.safeParse(merged);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`configuration: ${i.path.join('.')}: ${i.message}`);
  }
  // Without an app id there is no Bot Framework authentication: local use only.
  return { ...parsed.data, local: parsed.data.MicrosoftAppId === '' };
}
