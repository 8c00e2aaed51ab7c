import type { Command } from '../../conversation/command.ts';
import { noticeCard } from '../../cards/simple-cards.ts';
import { showsNobody, type Prepared } from '../prepared.ts';

/** Transitional: the parser reads "policies-for" questions (issue 15); the answer comes in the next change. */
export async function policiesFor(c: Command): Promise<Prepared> {
  const line = `I read this as a "${c.intent}" question, which I cannot answer yet. Ask "why did bob fail to sign in" or "is anyone locked out".`;
  return showsNobody({ text: 'I cannot answer that yet', card: noticeCard('I cannot answer that yet', [line], 'Warning') });
}
