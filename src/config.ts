import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * Settings from the environment, checked once at start. `env/.env.<SIGNIN_DIAG_ENV>`
 * (default `local`) is loaded first; real environment variables win over it.
 */
const Config = z
  .object({
    PORT: z.coerce.number().int().min(1).max(65535).default(3978),
    /** The tenant folder to answer from; default: the bundled sample tenant. */
    TENANT_DIR: z.string().min(1).optional(),
    MicrosoftAppId: z.string().default(''),
    MicrosoftAppPassword: z.string().default(''),
    MicrosoftAppTenantId: z.string().default(''),
    MicrosoftAppType: z.enum(['SingleTenant', 'MultiTenant', 'UserAssignedMSI']).default('SingleTenant'),
  })
  .refine((c) => !c.MicrosoftAppId || c.MicrosoftAppType !== 'SingleTenant' || c.MicrosoftAppTenantId, {
    message: 'MicrosoftAppTenantId is required for a SingleTenant bot (new bot registrations must be single-tenant)',
    path: ['MicrosoftAppTenantId'],
  });
export type Config = z.infer<typeof Config> & { local: boolean };

export function loadConfig(env: NodeJS.ProcessEnv = process.env, envDir = 'env'): Config {
  const name = env.SIGNIN_DIAG_ENV ?? 'local';
  const file = join(envDir, `.env.${name}`);
  const merged = { ...env };
  if (existsSync(file)) {
    // Read into a copy so the file never overrides what the caller set.
    const before = { ...process.env };
    process.loadEnvFile(file);
    for (const [k, v] of Object.entries(process.env)) if (!(k in before) && !(k in merged)) merged[k] = v;
  }
  const parsed = Config.safeParse(merged);
  if (!parsed.success) {
    const i = parsed.error.issues[0]!;
    throw new Error(`configuration: ${i.path.join('.')}: ${i.message}`);
  }
  // Without an app id there is no Bot Framework authentication: local use only.
  return { ...parsed.data, local: parsed.data.MicrosoftAppId === '' };
}
