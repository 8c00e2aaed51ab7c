import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The house rules of docs/architecture.md, checked on the source itself: which folder may
 * import which (the pipeline only points down), and no file imports itself in a circle, type
 * imports included (ESLint's import-x/no-cycle sees only value imports).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');

/** Each folder of src/ and the folders it may import; a file at the top of src/ is its own "folder" (`(top)`). */
const MAY_IMPORT: Record<string, readonly string[]> = {
  '(top)': ['(top)', 'signins', 'routes', 'bot', 'notify', 'trust', 'cli', 'tickets', 'remediate'],
  signins: ['(top)'],
  conversation: ['(top)'],
  i18n: ['(top)'],
  diagnosis: ['(top)', 'signins', 'i18n'],
  query: ['(top)', 'signins', 'diagnosis', 'conversation', 'i18n'],
  cards: ['(top)', 'signins', 'diagnosis', 'query', 'report', 'i18n'],
  report: ['(top)', 'signins', 'diagnosis', 'query', 'i18n'],
  trust: ['(top)', 'signins', 'query'],
  notify: ['(top)', 'signins', 'diagnosis', 'query', 'cards', 'i18n'],
  tickets: ['(top)', 'signins', 'diagnosis', 'notify'],
  remediate: ['(top)', 'diagnosis', 'notify'],
  routes: ['(top)', 'signins', 'diagnosis', 'query', 'conversation', 'cards', 'report', 'notify', 'trust', 'tickets', 'remediate', 'i18n'],
  bot: ['(top)', 'signins', 'cards', 'notify', 'trust', 'routes', 'tickets', 'remediate', 'i18n'],
  cli: ['(top)', 'signins', 'conversation', 'diagnosis', 'query', 'cards', 'report', 'routes', 'i18n'],
  'sample-tenant': ['(top)', 'signins'],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((d) =>
    d.isDirectory() ? sourceFiles(join(dir, d.name)) : d.name.endsWith('.ts') ? [join(dir, d.name)] : [],
  );
}

const folderOf = (file: string) => {
  const parts = relative(SRC, file).split('/');
  return parts.length > 1 ? parts[0]! : '(top)';
};

/** Every relative import of a file (static, type-only, re-export, dynamic), resolved to a path. */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/(?:\bfrom|\bimport\s*\(|^import)\s*['"](\.{1,2}\/[^'"]+)['"]/gm)]
    .map((m) => resolve(dirname(file), m[1]!))
    .filter((p) => p.endsWith('.ts'));
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('the architecture', () => {
  it('has every folder of src/ in the layering, so a new one is placed on purpose', () => {
    const folders = new Set(files.map(folderOf));
    expect([...folders].filter((f) => !(f in MAY_IMPORT))).toEqual([]);
  });

  it('points down only: each folder imports only the folders docs/architecture.md allows', () => {
    const wrong: string[] = [];
    for (const [file, deps] of graph) {
      const from = folderOf(file);
      for (const dep of deps) {
        const to = folderOf(dep);
        if (to !== from && !MAY_IMPORT[from]?.includes(to)) wrong.push(`${relative(ROOT, file)} imports ${relative(ROOT, dep)} (${from} → ${to})`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('calls the network (fetch) only where a folder talks to a system: sign-in sources, ticket targets, the bot', () => {
    const callers = sourceFiles(SRC)
      .filter((f) => /\bfetch\(/.test(readFileSync(f, 'utf8')))
      .map((f) => relative(SRC, f).split('/')[0]);
    expect(callers.filter((f) => !['signins', 'tickets', 'bot'].includes(f!))).toEqual([]);
  });

  it('has no import cycles between files, type imports included', () => {
    // Tarjan's strongly connected components: any component of more than one file is a cycle.
    let index = 0;
    const idx = new Map<string, number>();
    const low = new Map<string, number>();
    const stack: string[] = [];
    const on = new Set<string>();
    const cycles: string[][] = [];
    const visit = (v: string) => {
      idx.set(v, index);
      low.set(v, index++);
      stack.push(v);
      on.add(v);
      for (const w of graph.get(v) ?? []) {
        if (!graph.has(w)) continue;
        if (!idx.has(w)) {
          visit(w);
          low.set(v, Math.min(low.get(v)!, low.get(w)!));
        } else if (on.has(w)) low.set(v, Math.min(low.get(v)!, idx.get(w)!));
      }
      if (low.get(v) === idx.get(v)) {
        const scc: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          on.delete(w);
          scc.push(relative(ROOT, w));
        } while (w !== v);
        if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) cycles.push(scc.sort());
      }
    };
    for (const f of files) if (!idx.has(f)) visit(f);
    expect(cycles).toEqual([]);
  });
});
