import { parseArgs } from 'node:util';
import { generateTenant, SAMPLE_SEED } from '../src/sample-tenant/generate.ts';

/** Writes the sample tenant folder (or a large one for benchmarks). */
const { values } = parseArgs({
  options: {
    out: { type: 'string', default: 'tenants/sample' },
    seed: { type: 'string', default: String(SAMPLE_SEED) },
    events: { type: 'string' },
    'no-expected': { type: 'boolean', default: false },
  },
});
const seed = Number(values.seed);
const events = values.events === undefined ? undefined : Number(values.events);
if (!Number.isInteger(seed) || (events !== undefined && !(Number.isInteger(events) && events > 0))) {
  process.stderr.write('usage: generate-tenant [--out DIR] [--seed N] [--events N] [--no-expected]\n');
  process.exit(2);
}
const started = performance.now();
const result = generateTenant({ out: values.out!, seed, events, expected: !values['no-expected'] });
process.stdout.write(
  `wrote ${values.out}: ${result.events} sign-in events in ${result.attempts} attempts, ${result.people} people, ` +
    `${((performance.now() - started) / 1000).toFixed(1)} s\nscenarios: ${JSON.stringify(result.scenarios)}\n`,
);
