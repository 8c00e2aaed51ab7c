import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironment } from '../src/config.ts';
import { APP_PACKAGE_DIR, fillManifest, readTemplate, validateManifest } from './lib/app-package.ts';
import { strToU8, zipSync } from 'fflate';

/**
 * `npm run package [-- ENV]`: fills appPackage/manifest.json from env/.env.ENV (default
 * local), validates it against the Teams manifest schema, and writes
 * appPackage/build/appPackage.ENV.zip to upload to Teams.
 */
const envName = process.argv[2] ?? process.env.SIGNIN_DIAG_ENV ?? 'local';
const vars = loadEnvironment({ ...process.env, SIGNIN_DIAG_ENV: envName });
const { manifest, missing } = fillManifest(readTemplate(), vars);
if (missing.length) {
  console.error(`package: env/.env.${envName} does not set ${missing.join(', ')}`);
  process.exit(2);
}
const errors = validateManifest(manifest);
if (errors.length) {
  console.error(`package: the manifest is not valid:\n  ${errors.join('\n  ')}`);
  process.exit(2);
}
const out = join(APP_PACKAGE_DIR, 'build', `appPackage.${envName}.zip`);
mkdirSync(join(APP_PACKAGE_DIR, 'build'), { recursive: true });
writeFileSync(
  out,
  // A fixed timestamp: the same inputs give the same bytes.
  zipSync(
    {
      'manifest.json': strToU8(JSON.stringify(manifest, null, 2)),
      'color.png': readFileSync(join(APP_PACKAGE_DIR, 'color.png')),
      'outline.png': readFileSync(join(APP_PACKAGE_DIR, 'outline.png')),
    },
    { mtime: new Date('2026-01-01T00:00:00Z') },
  ),
);
console.log(`wrote ${out} (manifest ${(manifest as { manifestVersion: string }).manifestVersion}, valid)`);
