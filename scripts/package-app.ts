import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadEnvironment } from '../src/config.ts';
import { APP_PACKAGE_DIR, fillManifest, readTemplate, validateManifest } from './lib/app-package.ts';
import { zipFiles } from './lib/zip.ts';

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
  zipFiles([
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2)) },
    { name: 'color.png', data: readFileSync(join(APP_PACKAGE_DIR, 'color.png')) },
    { name: 'outline.png', data: readFileSync(join(APP_PACKAGE_DIR, 'outline.png')) },
  ]),
);
console.log(`wrote ${out} (manifest ${(manifest as { manifestVersion: string }).manifestVersion}, valid)`);
