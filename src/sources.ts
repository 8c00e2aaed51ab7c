import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { packageFile } from './package-files.ts';
import { TenantFolderSource } from './signins/tenant-folder/folder-source.ts';

/** The bundled sample tenant, found relative to the package so the CLI works from any directory. */
export const SAMPLE_TENANT = packageFile('tenants', 'sample');

/** Opens the tenant folder the caller named, or the bundled sample. */
export function openSource(tenant: string | undefined): TenantFolderSource {
  const dir = resolve(tenant ?? SAMPLE_TENANT);
  if (!existsSync(dir)) throw new Error(`the tenant folder ${dir} does not exist`);
  return new TenantFolderSource(dir);
}
