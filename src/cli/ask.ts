import { answerMessage } from '../routes/index.ts';
import { resolveLocale } from '../i18n/locales.ts';
import { readCommon } from './common-args.ts';
import { UsageError } from './usage-error.ts';
import { openChosen, problemLines } from './tenant.ts';
import type { Output } from './output.ts';

/** ask "TEXT": the bot's whole turn, card included. */
export async function ask(argv: string[]): Promise<Output> {
  const { values: a, positionals } = readCommon(argv);
  if (positionals.length !== 1) throw new UsageError('ask takes one message in quotes, e.g. ask "why did bob fail to sign in"');
  const { source, appNames, allUsers } = await openChosen(a);
  const reply = await answerMessage(positionals[0]!, {
    source,
    now: a.now ?? source.asOf() ?? new Date().toISOString(),
    timeZone: a.tz,
    locale: resolveLocale(a.locale).locale,
    appNames,
    allUsers,
  });
  const problems = source.loadProblems();
  const warnings = problemLines(problems);
  return { out: a.json ? JSON.stringify({ command: reply.command, answer: reply.text, card: reply.card, problems }, null, 2) : reply.text, warnings };
}
