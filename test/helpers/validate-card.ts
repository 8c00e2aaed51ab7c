import * as AC from 'adaptivecards';
import { CARD_BUDGET_BYTES, cardBytes, type Card } from '../../src/cards/render.ts';

/** Every card the bot can send: valid Adaptive Card 1.5, no unresolved bindings, within budget, Teams rules kept. */
/** Every element of this type in the card has a `fallback`. */
function everyHasFallback(card: unknown, type: string): boolean {
  let ok = true;
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === type && !o.fallback) ok = false;
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return ok;
}

export function validateCard(card: Card): string[] {
  const problems: string[] = [];
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  const parsed = new AC.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const message = context.getEventAt(i).message;
    // Teams' chart elements (Chart.*) are unknown to the open-source renderer: allowed when every one carries a fallback it renders instead.
    const chart = /^Unknown element type "(Chart\.[\w.]+)"/.exec(message)?.[1];
    if (chart && everyHasFallback(card, chart)) continue;
    problems.push(`parse: ${message}`);
  }
  for (const e of parsed.validateProperties().validationEvents) problems.push(`validate: ${e.message}`);
  const text = JSON.stringify(card);
  if (text.includes('${')) problems.push('an unresolved ${…} binding');
  if (cardBytes(card) > CARD_BUDGET_BYTES) problems.push(`${cardBytes(card)} bytes, over the 28 KB budget`);
  if ((card as { version?: string }).version !== '1.5') problems.push('not version 1.5');
  // Teams: an Action.Execute without a verb never reaches the bot; more than six actions are cut.
  for (const m of text.matchAll(/\{[^{}]*"type":"Action\.Execute"[^{}]*\}/g))
    if (!/"verb":"\w+"/.test(m[0])) problems.push(`Action.Execute without a verb: ${m[0].slice(0, 80)}`);
  if (((card as { actions?: unknown[] }).actions ?? []).length > 6) problems.push('more than 6 actions');
  return problems;
}
