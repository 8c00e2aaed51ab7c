import { z } from 'zod';
import { noticeCard } from '../../cards/simple-cards.ts';
import type { Route } from '../route.ts';
import { BUTTON_ROUTES, INTENT_ROUTES } from '../table.ts';
import type { Step } from '../turn.ts';
import { BACK_VERB, BackPayload, buttonOrigin, pressedOn } from '../navigation.ts';

/** Why a button was not run: a verb this version does not know (an old card, a forged one), or data that does not fit it. */
export type ButtonProblem = { error: string; unknownVerb?: true };

/** A pressed button's verb and data → the verb and its checked data, or the reason it is refused. */
export function readButton(verb: unknown, data: unknown): { verb: string; data: unknown } | ButtonProblem {
  const route = typeof verb === 'string' ? BUTTON_ROUTES.get(verb) : undefined;
  if (!route || typeof verb !== 'string')
    return { error: typeof verb === 'string' ? `unknown button "${verb.slice(0, 40)}"` : 'a button without a name', unknownVerb: true };
  // Teams merges input values (like the column chooser) into the data object.
  const r = z.safeParse(route.schema, data ?? {});
  if (!r.success) return { error: `the button's data is not valid: ${r.error.issues[0]?.message ?? 'invalid'}` };
  return { verb, data: r.data };
}

/** The route for the question or the button, with its payload checked by the route's schema. */
export const findRoute: Step = async (turn, next) => {
  if (turn.input.kind === 'message') {
    const command = turn.command!;
    const route: Route = INTENT_ROUTES[command.intent];
    // The parser's own output: a command that does not fit its route is a bug, thrown to the bot's handler.
    turn.found = { name: command.intent, route, payload: z.parse(route.schema, command) };
    return next();
  }
  if (turn.input.verb === BACK_VERB) return back(turn, next);
  const read = readButton(turn.input.verb, turn.input.data);
  if ('unknownVerb' in read)
    return {
      text: 'This button is no longer supported.',
      card: noticeCard('That button did not work', ['This button is no longer supported.', 'Ask again in the chat to get a fresh card.'], 'Warning'),
    };
  if ('error' in read)
    return { text: read.error, card: noticeCard('That button did not work', [`${read.error}.`, 'Ask again in the chat to get a fresh card.'], 'Warning') };
  turn.found = { name: read.verb, route: BUTTON_ROUTES.get(read.verb)!, payload: read.data };
  const on = pressedOn(turn.input.data);
  turn.nav = { origin: buttonOrigin(read.verb, read.data as Record<string, unknown>, on), ...(on ? { replaced: on } : {}) };
  return next();
};

/**
 * Back: what produced the card before, run again as that question or that button, through the
 * same steps (its schema, who may use it, authorize against what it loads). The card it
 * shows goes back one more step (its own `b`), if it had one.
 */
const back: Step = async (turn, next) => {
  const r = BackPayload.safeParse(turn.input.kind === 'button' ? (turn.input.data ?? {}) : {});
  const stale = (why: string) => ({
    text: why,
    card: noticeCard('That button did not work', [`${why}.`, 'Ask again in the chat to get a fresh card.'], 'Warning'),
  });
  if (!r.success) return stale('the Back button does not say what was there before');
  const to = r.data.to;
  if ('c' in to) {
    const route: Route = INTENT_ROUTES[to.c.intent];
    const payload = z.safeParse(route.schema, to.c);
    if (!payload.success) return stale('the Back button does not say what was there before');
    turn.found = { name: to.c.intent, route, payload: payload.data };
    turn.command = to.c;
    turn.nav = { origin: to };
    return next();
  }
  const read = readButton(to.v, to.d);
  if ('error' in read) return stale(read.error);
  turn.found = { name: read.verb, route: BUTTON_ROUTES.get(read.verb)!, payload: read.data };
  turn.nav = { origin: to, ...(to.b ? { replaced: to.b } : {}) };
  return next();
};
