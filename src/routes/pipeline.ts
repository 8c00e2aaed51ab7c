import type { Answer } from './context.ts';
import { audit } from './middleware/audit.ts';
import { authorize } from './middleware/authorize.ts';
import { explainErrors } from './middleware/explain-errors.ts';
import { findRoute } from './middleware/find-route.ts';
import { followUp } from './middleware/follow-up.ts';
import { fitCardStep } from './middleware/fit-card.ts';
import { lengthLimit } from './middleware/length-limit.ts';
import { rateLimit } from './middleware/rate-limit.ts';
import { readMessage } from './middleware/read-message.ts';
import { resolveMe } from './middleware/resolve-me.ts';
import type { Step, Turn } from './turn.ts';
import { whichPerson } from './middleware/which-person.ts';
import { ticketsOffered } from './middleware/tickets-offered.ts';

/**
 * The cross-cutting steps every message and every button goes through, outermost first.
 * Each either answers (a refusal, a notice) or hands on to the next; the last, authorize,
 * runs the route's handler: load, check the asker against what was loaded, render.
 *
 * - fit the card under Teams' size limit, whatever answered;
 * - "Open a ticket" only where a ticket system is set up (the templates offer it on every diagnosis);
 * - rate limit first, as the bot always did: a message too long to read still counts;
 * - length limit, then read the message, then a follow-up ("and yesterday?") merged with the
 *   asker's last command in this chat, then "me" (messages only);
 * - find the route and check its payload (a button's data is a payload anyone can forge);
 * - explain a source's error as a card (after the audit line has recorded it as failed);
 * - audit: one line per outcome of a route that reads someone's sign-ins;
 * - a person the parser could not settle: "which one?" / "did you mean…" instead of the route's
 *   handler, for every intent that takes a person (still loaded, checked, then rendered by authorize).
 */
const STEPS: readonly Step[] = [
  fitCardStep,
  ticketsOffered,
  rateLimit,
  lengthLimit,
  readMessage,
  followUp,
  resolveMe,
  findRoute,
  explainErrors,
  audit,
  whichPerson,
];

export function runTurn(turn: Turn): Promise<Answer> {
  const at = (i: number): Promise<Answer> => (i < STEPS.length ? STEPS[i]!(turn, () => at(i + 1)) : authorize(turn));
  return at(0);
}
