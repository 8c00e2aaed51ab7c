import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { TenantFolderSource } from './signins/tenant-folder/folder-source.ts';

/** The bundled sample tenant, found relative to the package so the CLI works from any directory. */
export const SAMPLE_TENANT = join(dirname(fileURLToPath(import.meta.url)), '..', 'tenants', 'sample');

/** Opens the tenant folder the caller named, or the bundled sample. */
export function openSource(tenant: string | undefined): TenantFolderSource {
  const dir = resolve(tenant ?? SAMPLE_TENANT);
  if (!existsSync(dir)) throw new Error(`the tenant folder ${dir} does not exist`);
  return new TenantFolderSource(dir);
}
