import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateTenant } from '../src/sample-tenant/generate.ts';

/** The generator's everyday trouble for synthetic staff (issue 18's realistic mix); a folder made before it is made again. */
export const MIX = 'trouble-1';

/** Where the bench keeps its generated tenant of about `events` sign-ins. */
export const tenantDir = (events: number): string => join('bench', 'out', `tenant-${events}-${MIX}`);

/** Generates the tenant once; later runs with the same target and mix reuse the folder. */
export function makeTenant(events: number): void {
  const dir = tenantDir(events);
  const info = join(dir, 'tenant.json');
  if (existsSync(info)) {
    const g = JSON.parse(readFileSync(info, 'utf8')).generator;
    if (g?.target === events && g?.mix === MIX) return void console.log(`tenant: ${dir}, ${mixOf(g)}`);
  }
  console.log(`generating a ${events.toLocaleString('en')}-event tenant in ${dir} (once; kept for later runs)…`);
  const t = performance.now();
  const r = generateTenant({ out: dir, events, expected: false });
  // Remember what was asked for, so a later run with the same target reuses the folder.
  const meta = JSON.parse(readFileSync(info, 'utf8'));
  meta.generator = { ...meta.generator, target: events, mix: MIX, failing: r.failing, people: r.people };
  writeFileSync(info, JSON.stringify(meta, null, 2) + '\n');
  console.log(`  ${mixOf(meta.generator)}; ${((performance.now() - t) / 1000).toFixed(1)} s`);
}

const mixOf = (g: { events: number; failing: number; people: number }) =>
  `${g.events.toLocaleString('en')} events of ${g.people.toLocaleString('en')} people, ${((100 * g.failing) / g.events).toFixed(1)}% of them failures and interrupts`;
