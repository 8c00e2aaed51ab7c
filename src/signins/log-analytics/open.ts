import { z } from 'zod';
import { combine } from '../combine.ts';
import { readSettings, type OpenContext, type OpenedSource, type Settings } from '../definition.ts';
import type { Directory } from '../source.ts';
import { GraphSettings, hasGraphCredential } from '../graph/settings.ts';

/**
 * Sign-ins from a Log Analytics workspace, the directory (people, policies, apps) from Graph
 * or a tenant folder. The workspace is read with the Graph identity. This module is light;
 * the Azure SDKs are loaded when the source is opened.
 */
const LogAnalyticsSettings = z.object({
  ...GraphSettings.shape,
  /** The workspace the Entra diagnostic setting sends sign-in logs to. */
  LOG_ANALYTICS_WORKSPACE_ID: z.string().default(''),
  TENANT_DIR: z.string().min(1).optional(),
});

export function missing(settings: Settings): string | undefined {
  const read = readSettings(LogAnalyticsSettings, settings, 'log-analytics');
  if ('sentence' in read) return read.sentence;
  const s = read.ok;
  // The workspace is read with the Graph identity whatever serves the directory: a folder spares Graph's directory calls, not the credential.
  const unset = [
    !s.LOG_ANALYTICS_WORKSPACE_ID && 'LOG_ANALYTICS_WORKSPACE_ID',
    !hasGraphCredential(s) && 'GRAPH_* (or GRAPH_USE_MANAGED_IDENTITY=true)',
  ].filter((n): n is string => !!n);
  return unset.length
    ? `log-analytics needs LOG_ANALYTICS_WORKSPACE_ID, and an identity to read it with (GRAPH_TENANT_ID, GRAPH_CLIENT_ID and a secret or certificate, or GRAPH_USE_MANAGED_IDENTITY=true); the directory (users, policies, apps) comes from Graph or a TENANT_DIR; not set: ${unset.join(', ')}`
    : undefined;
}

export async function open(settings: Settings, ctx: OpenContext): Promise<OpenedSource> {
  const s = LogAnalyticsSettings.parse(settings);
  const [{ createCredential, createGraphSource }, { LogsQueryClient }, { LogAnalyticsSource }] = await Promise.all([
    import('../graph/create.ts'),
    import('@azure/monitor-query-logs'),
    import('./log-analytics-source.ts'),
  ]);
  const directory: Directory =
    s.TENANT_DIR && !s.GRAPH_CLIENT_ID
      ? (await import('../tenant-folder/open.ts')).openFolder(s.TENANT_DIR)
      : createGraphSource(s, { log: ctx.log, ...(ctx.reportsLedger ? { ledger: ctx.reportsLedger } : {}) });
  const source = combine(new LogAnalyticsSource(new LogsQueryClient(createCredential(s)), s.LOG_ANALYTICS_WORKSPACE_ID), directory);
  const appNames = (await source.listServicePrincipals()).map((p) => p.displayName);
  return { source, appNames, described: `Log Analytics workspace ${s.LOG_ANALYTICS_WORKSPACE_ID}, directory from ${directory.description}` };
}
