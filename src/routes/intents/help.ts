import type { Command } from '../../conversation/command.ts';
import { helpCard } from '../../cards/simple-cards.ts';
import { t } from '../../i18n/translate.ts';
import type { AnswerContext } from '../context.ts';
import { showsNobody, type Prepared } from '../prepared.ts';

/** "help", a greeting, or a message that could not be read: what the bot can do, in the asker's language. */
export async function help(c: Command, ctx?: AnswerContext): Promise<Prepared> {
  const locale = ctx?.locale ?? 'en';
  return showsNobody({ text: t(locale, c.unclear ? 'help.replyUnclear' : 'help.reply'), card: helpCard(c.understood, !!c.unclear, locale) });
}
