import { z } from 'zod';
import { Command } from '../conversation/command.ts';
import { CARD_BUDGET_BYTES, cardBytes, type Card } from '../cards/render.ts';

/**
 * Buttons that never lose context (docs/cards.md). A card's buttons carry, as `back` in their
 * data, how that card was produced: the command a message was read as, or the verb and data of
 * the button that drew it. A button pressed on it can then replace it with a card that has a
 * Back button, and Back runs that again through the same middleware as anything else: found,
 * checked, loaded, authorized against what it loads. The ids in it decide nothing.
 *
 * The stack is short: a card remembers its own origin and at most STACK_DEPTH - 1 cards
 * before it, so a row's button stays a few hundred bytes.
 */
export const BACK_VERB = 'back';
const STACK_DEPTH = 3;

/** How a card was produced. `c`: a message, as the command it was read as; `v`/`d`: a button; `b`: the card before it. */
export type Origin = { c: Command; b?: undefined } | { v: string; d: Record<string, unknown>; b?: Origin };

const Data = z.record(z.string(), z.unknown());
export const OriginSchema: z.ZodType<Origin> = z.lazy(() =>
  z.union([
    z.object({ c: z.unknown().transform((c, ctx) => parseCommand(c, ctx)), b: z.undefined().optional() }),
    z.object({
      v: z
        .string()
        .min(1)
        .max(40)
        .refine((v) => v !== BACK_VERB, 'Back cannot go back to Back'),
      d: Data,
      b: OriginSchema.optional(),
    }),
  ]),
) as z.ZodType<Origin>;

function parseCommand(c: unknown, ctx: z.RefinementCtx): Command {
  const r = z.safeParse(Command, c);
  if (!r.success) {
    ctx.addIssue({ code: 'custom', message: 'not a question this bot reads' });
    return z.NEVER;
  }
  return r.data;
}

/** Back's payload: the card to go back to. */
export const BackPayload = z.object({ to: OriginSchema });

/** A command with only what re-asking it needs: no confidence, no "understood" words, no empty fields. */
export function commandOrigin(c: Command): Origin {
  const { confidence: _c, understood: _u, ...rest } = c;
  const kept = Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0)));
  return { c: { ...(kept as Omit<Command, 'understood'>), understood: [] } };
}

/** A button's origin: its verb and data (without the `back` it carried), on top of the card it was pressed on. */
export function buttonOrigin(verb: string, data: Record<string, unknown>, pressedOn: Origin | undefined): Origin {
  const { back: _b, ...d } = data;
  return trim({ v: verb, d, ...(pressedOn ? { b: pressedOn } : {}) }, STACK_DEPTH);
}

/** The origin cut to `depth` cards. */
export function trim(o: Origin, depth: number): Origin {
  if ('c' in o) return o;
  const { b, ...rest } = o;
  return depth > 1 && b ? { ...rest, b: trim(b, depth - 1) } : rest;
}

/** The `back` a pressed button carried: how the card it was on was produced, if it says (and says it validly). */
export function pressedOn(data: unknown): Origin | undefined {
  const back = data && typeof data === 'object' ? (data as Record<string, unknown>).back : undefined;
  if (back === undefined) return undefined;
  const r = OriginSchema.safeParse(back);
  return r.success ? r.data : undefined;
}

/** Every Action.Execute in the card (body ActionSets too) carries `origin` as `back`; Back buttons themselves are left as they are. */
export function stamp(card: Card, origin: Origin): Card {
  const walk = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(walk);
    if (!n || typeof n !== 'object') return n;
    const o = n as Record<string, unknown>;
    const out = Object.fromEntries(Object.entries(o).map(([k, v]) => [k, walk(v)]));
    if (o.type === 'Action.Execute' && o.verb !== BACK_VERB) out.data = { ...((o.data as Record<string, unknown> | undefined) ?? {}), back: origin };
    return out;
  };
  return walk(card) as Card;
}

/** A Back button at the end of the card's actions, to the card it replaced. */
export function withBack(card: Card, to: Origin): Card {
  const actions = Array.isArray(card.actions) ? card.actions : [];
  return { ...card, actions: [...actions, { type: 'Action.Execute', title: 'Back', verb: BACK_VERB, data: { to } }] };
}

/**
 * The card with its origin in its buttons (and a Back button to `back`), as deep a stack as fits
 * Teams' budget; with none at all when even one level does not fit (then its buttons post new cards
 * instead of replacing it, which loses nothing either).
 */
export function navigable(card: Card, origin: Origin, back: Origin | undefined): Card {
  for (let depth = STACK_DEPTH; depth >= 1; depth--) {
    const o = trim(origin, depth);
    const stamped = stamp(back ? withBack(card, trim(back, depth)) : card, o);
    if (cardBytes(stamped) <= CARD_BUDGET_BYTES) return stamped;
  }
  return card;
}
