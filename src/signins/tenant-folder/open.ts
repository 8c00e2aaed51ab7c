import { resolve } from 'node:path';
import { z } from 'zod';
import { packageFile } from '../../package-files.ts';
import { readSettings, type OpenContext, type OpenedSource, type Settings } from '../definition.ts';
import { TenantFolderSource } from './folder-source.ts';

/** The bundled sample tenant, found relative to the package so the CLI works from any directory. */
export const SAMPLE_TENANT = packageFile('tenants', 'sample');

/** The folder to answer from; default: the bundled sample tenant. */
export const FolderSettings = z.object({ TENANT_DIR: z.string().min(1).optional() });

/** Opens the tenant folder the caller named, or the bundled sample. */
export function openFolder(tenant: string | undefined): TenantFolderSource {
  return new TenantFolderSource(resolve(tenant ?? SAMPLE_TENANT));
}

/** Nothing is required: without TENANT_DIR the bundled sample answers. */
export function missing(settings: Settings): string | undefined {
  const read = readSettings(FolderSettings, settings, 'folder');
  return 'sentence' in read ? read.sentence : undefined;
}

export async function open(settings: Settings, ctx: OpenContext): Promise<OpenedSource & { source: TenantFolderSource }> {
  const folder = openFolder(FolderSettings.parse(settings).TENANT_DIR);
  for (const p of folder.loadProblems().slice(0, 20)) ctx.log(`tenant folder: ${p.where}: ${p.message}`, { level: 'warn' });
  return {
    source: folder,
    appNames: folder.appNames(),
    allUsers: folder.allUsers(),
    described: `${folder.description}, ${folder.stats.events} events${folder.asOf() ? `, as of ${folder.asOf()}` : ''}`,
  };
}
