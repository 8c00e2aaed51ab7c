import type { Command } from '../../conversation/command.ts';
import { helpCard } from '../../cards/simple-cards.ts';
import { showsNobody, type Prepared } from '../prepared.ts';

/** "help", a greeting, or a message that could not be read: what the bot can do. */
export async function help(c: Command): Promise<Prepared> {
  return showsNobody({ text: c.unclear ? "I didn't catch who or what to look at." : 'Here is what I can do.', card: helpCard(c.understood, !!c.unclear) });
}
