import { z } from 'zod';

/**
 * The identity the bot reads Microsoft Graph (and Log Analytics, and a blob container) as:
 * an app registration with a client secret or a certificate, or a managed identity. No
 * Azure SDK here: the settings are checked before anything heavy is loaded.
 */
export const GraphSettings = z.object({
  GRAPH_TENANT_ID: z.string().default(''),
  GRAPH_CLIENT_ID: z.string().default(''),
  GRAPH_CLIENT_SECRET: z.string().default(''),
  GRAPH_CERTIFICATE_PATH: z.string().default(''),
  GRAPH_USE_MANAGED_IDENTITY: z.enum(['true', 'false', '']).default(''),
});
export type GraphSettings = z.infer<typeof GraphSettings>;

export function hasGraphCredential(c: GraphSettings): boolean {
  return c.GRAPH_USE_MANAGED_IDENTITY === 'true' || !!(c.GRAPH_TENANT_ID && c.GRAPH_CLIENT_ID && (c.GRAPH_CLIENT_SECRET || c.GRAPH_CERTIFICATE_PATH));
}

/** The requirement, as every sentence about missing Graph settings states it. */
export const GRAPH_CREDENTIAL_NEEDS = 'GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH (or GRAPH_USE_MANAGED_IDENTITY=true)';

/** Which of an app registration's settings are not set (names only: a value is never repeated). */
export function unsetGraphSettings(c: GraphSettings): string[] {
  if (hasGraphCredential(c)) return [];
  return [
    !c.GRAPH_TENANT_ID && 'GRAPH_TENANT_ID',
    !c.GRAPH_CLIENT_ID && 'GRAPH_CLIENT_ID',
    !c.GRAPH_CLIENT_SECRET && !c.GRAPH_CERTIFICATE_PATH && 'GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH',
  ].filter((n): n is string => !!n);
}

/** Which credential the settings describe, in words safe to log (never the secret). */
export function credentialKind(c: GraphSettings): string {
  if (c.GRAPH_USE_MANAGED_IDENTITY === 'true') return `managed identity${c.GRAPH_CLIENT_ID ? ` ${c.GRAPH_CLIENT_ID}` : ''}`;
  return `${c.GRAPH_CERTIFICATE_PATH ? 'certificate' : 'client secret'} of app ${c.GRAPH_CLIENT_ID} in tenant ${c.GRAPH_TENANT_ID}`;
}
