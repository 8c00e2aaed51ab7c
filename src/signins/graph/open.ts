import { readSettings, type OpenContext, type OpenedSource, type Settings } from '../definition.ts';
import { GRAPH_CREDENTIAL_NEEDS, GraphSettings, credentialKind, unsetGraphSettings } from './settings.ts';

/**
 * Microsoft Graph as the whole source: sign-ins from the reports API, the directory live.
 * This module is light; the Azure identity SDK is loaded when the source is opened.
 */
export function missing(settings: Settings): string | undefined {
  const read = readSettings(GraphSettings, settings, 'graph');
  if ('sentence' in read) return read.sentence;
  const unset = unsetGraphSettings(read.ok);
  return unset.length ? `graph needs ${GRAPH_CREDENTIAL_NEEDS}; not set: ${unset.join(', ')}` : undefined;
}

export async function open(settings: Settings, ctx: OpenContext): Promise<OpenedSource> {
  const s = GraphSettings.parse(settings);
  const { createGraphSource } = await import('./create.ts');
  const source = createGraphSource(s, { log: ctx.log, ...(ctx.reportsLedger ? { ledger: ctx.reportsLedger } : {}) });
  // The directory is read once at start (and cached with an expiry), not per question.
  const appNames = (await source.listServicePrincipals()).map((p) => p.displayName);
  return { source, appNames, described: `Microsoft Graph (${credentialKind(s)})` };
}
