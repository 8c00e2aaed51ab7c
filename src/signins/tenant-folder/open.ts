import { resolve } from 'node:path';
import { z } from 'zod';
import { packageFile } from '../../package-files.ts';
import { readSettings, type OpenContext, type OpenedSource, type Settings } from '../definition.ts';
import { TenantFolderSource } from './folder-source.ts';
import type { StoreSource } from '../store/store-source.ts';
import { storePath } from '../store/location.ts';

/** The bundled sample tenant, found relative to the package so the CLI works from any directory. */
export const SAMPLE_TENANT = packageFile('tenants', 'sample');

/**
 * The folder to answer from (default: the bundled sample tenant); where its sign-in store
 * lives (default: `.signin-diag/` in the folder, see store/location.ts); STORE_REBUILD=1
 * ingests the folder again from nothing.
 */
export const FolderSettings = z.object({
  TENANT_DIR: z.string().min(1).optional(),
  STORE_PATH: z.string().min(1).optional(),
  STORE_REBUILD: z.enum(['0', '1']).optional(),
  /** 0: do not ingest the folder's changes while running (the CLI answers one question and exits). */
  STORE_WATCH: z.enum(['0', '1']).optional(),
});

/** The folder read into memory, without a store (tests, and the directory half of a Log Analytics source). */
export function openFolder(tenant: string | undefined): TenantFolderSource {
  return new TenantFolderSource(resolve(tenant ?? SAMPLE_TENANT));
}

/** Opens the folder's sign-in store, ingesting what is new or changed in the folder first. */
export async function openStore(tenant: string | undefined, opts: { storePath?: string; rebuild?: boolean } = {}): Promise<StoreSource> {
  const dir = resolve(tenant ?? SAMPLE_TENANT);
  // DuckDB's native addon is loaded only by a command that reads sign-ins (about 70 ms): `explain` and `parse` start without it.
  const { StoreSource } = await import('../store/store-source.ts');
  return StoreSource.open(dir, { path: storePath(dir, { storePath: opts.storePath, sample: SAMPLE_TENANT }), rebuild: opts.rebuild });
}

/** Nothing is required: without TENANT_DIR the bundled sample answers. */
export function missing(settings: Settings): string | undefined {
  const read = readSettings(FolderSettings, settings, 'folder');
  return 'sentence' in read ? read.sentence : undefined;
}

export async function open(settings: Settings, ctx: OpenContext): Promise<OpenedSource & { source: StoreSource }> {
  const s = FolderSettings.parse(settings);
  const folder = await openStore(s.TENANT_DIR, { storePath: s.STORE_PATH, rebuild: s.STORE_REBUILD === '1' });
  for (const p of folder.loadProblems().slice(0, 20)) ctx.log(`tenant folder: ${p.where}: ${p.message}`, { level: 'warn' });
  for (const r of folder.lastIngest.read) ctx.log(`sign-in store: ingested ${r.file}: ${r.records} records${r.problems ? `, ${r.problems} skipped` : ''}`);
  // New or changed export files are ingested while the bot runs; a failure is logged, and the store keeps answering from what it holds.
  if (s.STORE_WATCH !== '0') folder.watch((e) => ctx.log(`sign-in store: could not ingest the folder's changes: ${(e as Error).message}`, { level: 'warn' }));
  return {
    source: folder,
    appNames: folder.appNames(),
    allUsers: folder.allUsers(),
    described: `${folder.description}, ${folder.stats.events} events${folder.asOf() ? `, as of ${folder.asOf()}` : ''}`,
  };
}
