import type { Step } from '../turn.ts';
import { askWhichPerson, parserUnsure, takesPerson } from '../common/which-person.ts';

/**
 * A question about a person the parser could not settle ("why did jon fail": Joni Sherman?;
 * "alex": two people) is answered "which one?" / "did you mean…" for every intent that takes a
 * person, before its handler runs: the handler is swapped for one that lists the candidates.
 * The swapped handler still goes through authorize: the candidates are loaded, the asker is
 * checked against them (a limited asker only when they are all the asker), then rendered.
 * The question did name someone (as typed), so it is pinned.
 */
export const whichPerson: Step = async (turn, next) => {
  const c = turn.command;
  const found = turn.found;
  // A message, or Back to a card a message produced (find-route sets its command): the same question, the same "which one?".
  if (!c || !found || !takesPerson(c.intent) || !parserUnsure(c)) return next();
  turn.found = { ...found, route: { ...found.route, pinned: () => true, handle: () => askWhichPerson(c, turn.ctx) } };
  return next();
};
