import type { Card } from '../../cards/render.ts';
import type { Step } from '../turn.ts';

/** The verb of "Open a ticket" (cards/diagnosis.json). */
export const TICKET_FORM_VERB = 'openTicketForm';

/**
 * "Open a ticket" only where a ticket system is set up. The card templates offer it wherever a
 * sign-in has an id (the card builders are pure and do not know the deployment); this one step
 * takes the button out of any answer when no target is configured, and an ActionSet it leaves
 * empty with it, so no button leads to "not set up".
 */
export function withoutTicketButtons(card: Card): Card {
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.filter((x) => !isTicketButton(x)).map(walk);
    if (!n || typeof n !== 'object') return n;
    const out = Object.fromEntries(Object.entries(n).map(([k, v]) => [k, walk(v)]));
    return out;
  };
  const dropEmptySets = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.filter((x) => !(isObject(x) && x.type === 'ActionSet' && Array.isArray(x.actions) && !x.actions.length)).map(dropEmptySets);
    if (!isObject(n)) return n;
    return Object.fromEntries(Object.entries(n).map(([k, v]) => [k, dropEmptySets(v)]));
  };
  return dropEmptySets(walk(card)) as Card;
}

const isObject = (x: unknown): x is Record<string, unknown> => !!x && typeof x === 'object' && !Array.isArray(x);
const isTicketButton = (x: unknown) => isObject(x) && x.type === 'Action.Execute' && x.verb === TICKET_FORM_VERB;

export const ticketsOffered: Step = async (turn, next) => {
  const a = await next();
  return a.card && !turn.ctx.tickets ? { ...a, card: withoutTicketButtons(a.card) } : a;
};
