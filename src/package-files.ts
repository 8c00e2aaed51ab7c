import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Files that ship with the package (card templates, the error-code table, the sample
 * tenant), found from the package root rather than from this module's own place: the same
 * code runs from `src/` through tsx and from the bundled `dist/`, one folder deep or two.
 */
let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'signin-diag') return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('cannot find the signin-diag package folder above ' + fileURLToPath(import.meta.url));
    dir = up;
  }
}

/** A path inside the package, e.g. packageFile('cards', 'help.json'). */
export const packageFile = (...parts: string[]): string => join(packageRoot(), ...parts);
