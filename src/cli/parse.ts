import { parseMessage } from '../conversation/parse.ts';
import { readCommon } from './common-args.ts';
import { UsageError } from './usage-error.ts';
import { chosenNames, problemLines } from './tenant.ts';
import type { Output } from './output.ts';

/** parse "TEXT": the command the bot would read from a message, with the tenant's app names. */
export async function parse(argv: string[]): Promise<Output> {
  const { values: a, positionals } = readCommon(argv);
  if (positionals.length !== 1) throw new UsageError('parse takes one message in quotes, e.g. parse "why did bob fail yesterday"');
  const names = await chosenNames(a);
  const command = parseMessage(positionals[0]!, { now: a.now ?? names.asOf ?? new Date().toISOString(), timeZone: a.tz, appNames: names.apps });
  const warnings = problemLines(names.problems, names.problemCount);
  if (a.json) return { out: JSON.stringify(command, null, 2), warnings };
  const lines = Object.entries(command)
    .filter(([, v]) => v !== undefined && !(Array.isArray(v) && !v.length))
    .map(([k, v]) => `${k}: ${Array.isArray(v) ? v.join('; ') : v}`);
  return { out: lines.join('\n'), warnings };
}
