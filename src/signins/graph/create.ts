import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import type { Config } from '../../config.ts';
import { createLogger, lineLogger } from '../../log.ts';
import { RequestBudget } from './budget.ts';
import { GraphClient, type GraphClientOptions } from './graph-client.ts';
import { GraphSource } from './graph-source.ts';

/**
 * The reports API allows about 5 requests per 10 seconds per app per tenant. The budget
 * grants a slot before the token is fetched and the request crosses the network, so
 * requests leave (and arrive) a little later and unevenly: a half-second margin keeps
 * every 10-second window, as Graph counts it, at 5 (without it the benchmark saw 6).
 */
export const REPORTS_LIMIT = { limit: 5, windowMs: 10_500 };

/** Which credential the settings describe, in words safe to log (never the secret). */
export function credentialKind(c: Config): string {
  if (c.GRAPH_USE_MANAGED_IDENTITY === 'true') return `managed identity${c.GRAPH_CLIENT_ID ? ` ${c.GRAPH_CLIENT_ID}` : ''}`;
  return `${c.GRAPH_CERTIFICATE_PATH ? 'certificate' : 'client secret'} of app ${c.GRAPH_CLIENT_ID} in tenant ${c.GRAPH_TENANT_ID}`;
}

export function createCredential(c: Config) {
  return c.GRAPH_USE_MANAGED_IDENTITY === 'true'
      ? new ManagedIdentityCredential(c.GRAPH_CLIENT_ID ? { clientId: c.GRAPH_CLIENT_ID } : {})
      : c.GRAPH_CERTIFICATE_PATH
        ? new ClientCertificateCredential(c.GRAPH_TENANT_ID, c.GRAPH_CLIENT_ID, { certificatePath: c.GRAPH_CERTIFICATE_PATH })
        : new ClientSecretCredential(c.GRAPH_TENANT_ID, c.GRAPH_CLIENT_ID, c.GRAPH_CLIENT_SECRET);
}

export function createGraphSource(c: Config, extra: Partial<GraphClientOptions> = {}): GraphSource {
  const credential = createCredential(c);
  // Refused next links and given-up throttling are logged; the caller may pass its own logger.
  const log = lineLogger(createLogger({ level: c.LOG_LEVEL }), c.LOG_USER_NAMES === 'true');
  const client = new GraphClient({ credential, reportsBudget: new RequestBudget(REPORTS_LIMIT), log, ...extra });
  return new GraphSource(client);
}
