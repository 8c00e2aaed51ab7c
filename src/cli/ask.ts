import { answerMessage } from '../routes/index.ts';
import { readCommon } from './common-args.ts';
import { takeLocale } from './parse.ts';
import { UsageError } from './usage-error.ts';
import { openChosen, problemLines } from './tenant.ts';
import type { Output } from './output.ts';

/** ask "TEXT": the bot's whole turn, card included. */
export async function ask(argv: string[]): Promise<Output> {
  const { locale, rest } = takeLocale(argv);
  const { values: a, positionals } = readCommon(rest);
  if (positionals.length !== 1) throw new UsageError('ask takes one message in quotes, e.g. ask "why did bob fail to sign in"');
  const { source, appNames, allUsers } = await openChosen(a);
  const reply = await answerMessage(positionals[0]!, {
    source,
    now: a.now ?? source.asOf() ?? new Date().toISOString(),
    timeZone: a.tz,
    appNames,
    allUsers,
    ...(locale ? { locale } : {}),
  });
  const problems = source.loadProblems();
  const warnings = problemLines(problems);
  return { out: a.json ? JSON.stringify({ command: reply.command, answer: reply.text, card: reply.card, problems }, null, 2) : reply.text, warnings };
}
