import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Ajv as AjvCore, ErrorObject, Options } from 'ajv';

/** The Teams app package: manifest placeholders filled from settings, checked against the shipped schema. */
export const APP_PACKAGE_DIR = 'appPackage';
const SCHEMA_VERSION = 'v1.30';

export function fillManifest(template: string, vars: Record<string, string | undefined>): { manifest: unknown; missing: string[] } {
  const missing = new Set<string>();
  const text = template.replace(/\$\{\{([A-Z0-9_]+)\}\}/g, (_, name: string) => {
    const v = vars[name];
    if (!v) {
      missing.add(name);
      return '';
    }
    return v;
  });
  return { manifest: JSON.parse(text), missing: [...missing] };
}

/** The manifest schema that `@microsoft/app-manifest` ships (JSON Schema draft-04). */
export function manifestValidator() {
  const require = createRequire(import.meta.url);
  const schemaPath = require.resolve(`@microsoft/app-manifest/build/json-schemas/teams/${SCHEMA_VERSION}/MicrosoftTeams.schema.json`);
  // Both are CommonJS with a default export; require keeps the interop plain.
  const Ajv = require('ajv-draft-04') as new (opts: Options) => AjvCore;
  const addFormats = require('ajv-formats') as (ajv: AjvCore) => AjvCore;
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, 'utf8')));
}

export function validateManifest(manifest: unknown): string[] {
  const validate = manifestValidator();
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message}${e.params ? ` ${JSON.stringify(e.params)}` : ''}`);
}

export function readTemplate(dir = APP_PACKAGE_DIR): string {
  return readFileSync(join(dir, 'manifest.json'), 'utf8');
}
