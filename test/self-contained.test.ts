import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * A fresh clone stands on its own: no source, test, script or benchmark reaches for a file
 * outside the repository (the team's `../shared` folder is not part of a clone).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const FOLDERS = ['src', 'test', 'scripts', 'bench', 'bin'];

function files(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && /\.(ts|mts|mjs|js)$/.test(e.name))
    .map((e) => join(e.parentPath, e.name));
}

describe('the repository is self-contained', () => {
  const all = FOLDERS.flatMap(files);

  it('no file names the shared folder beside the repository', () => {
    expect(all.length).toBeGreaterThan(50);
    const offenders = all.filter((f) => /\.\.\/(\.\.\/)*shared\//.test(readFileSync(f, 'utf8')));
    expect(offenders.map((f) => relative(ROOT, f))).toEqual([]);
  });

  it('every relative URL built from import.meta.url stays inside the repository', () => {
    const escapes: string[] = [];
    for (const f of all) {
      for (const m of readFileSync(f, 'utf8').matchAll(/new URL\(\s*['"`](\.\.?\/[^'"`$]*)['"`]\s*,\s*import\.meta\.url\s*\)/g)) {
        const target = resolve(dirname(f), m[1]!);
        if (relative(ROOT, target).startsWith('..')) escapes.push(`${relative(ROOT, f)}: ${m[1]}`);
      }
    }
    expect(escapes).toEqual([]);
  });
});
