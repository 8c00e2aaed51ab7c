import { ClientCertificateCredential, ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import { RequestBudget, type BudgetLedger } from './budget.ts';
import { GraphClient, type GraphClientOptions } from './graph-client.ts';
import { GraphSource } from './graph-source.ts';
import type { GraphSettings } from './settings.ts';

/**
 * The reports API allows about 5 requests per 10 seconds per app per tenant. The budget
 * grants a slot before the token is fetched and the request crosses the network, so
 * requests leave (and arrive) a little later and unevenly: a half-second margin keeps
 * every 10-second window, as Graph counts it, at 5 (without it the benchmark saw 6).
 */
export const REPORTS_LIMIT = { limit: 5, windowMs: 10_500 };

export function createCredential(c: GraphSettings) {
  return c.GRAPH_USE_MANAGED_IDENTITY === 'true'
    ? new ManagedIdentityCredential(c.GRAPH_CLIENT_ID ? { clientId: c.GRAPH_CLIENT_ID } : {})
    : c.GRAPH_CERTIFICATE_PATH
      ? new ClientCertificateCredential(c.GRAPH_TENANT_ID, c.GRAPH_CLIENT_ID, { certificatePath: c.GRAPH_CERTIFICATE_PATH })
      : new ClientSecretCredential(c.GRAPH_TENANT_ID, c.GRAPH_CLIENT_ID, c.GRAPH_CLIENT_SECRET);
}

/**
 * Refused next links and given-up throttling go to `extra.log`. `ledger`: where the reports
 * budget counts when several instances share it (a blob); default, this instance's memory.
 */
export function createGraphSource(c: GraphSettings, extra: Partial<GraphClientOptions> & { ledger?: BudgetLedger } = {}): GraphSource {
  const { ledger, ...options } = extra;
  const client = new GraphClient({
    credential: createCredential(c),
    reportsBudget: new RequestBudget({ ...REPORTS_LIMIT, ...(ledger ? { ledger } : {}) }),
    ...options,
  });
  return new GraphSource(client);
}
