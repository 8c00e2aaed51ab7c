import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Card templates (the top-level cards/ folder) filled with adaptivecards-templating.
 * Templates are read once; a card that would still hold an unresolved `${…}` is a bug in
 * its builder, so the binding is blanked rather than shown to a person.
 */
export type CardKind = 'diagnosis' | 'summary' | 'explain' | 'lockouts' | 'flagged' | 'help' | 'pick-user' | 'notice' | 'lockout-alert' | 'what-if' | 'policy-check';
export type Card = Record<string, unknown>;

const require = createRequire(import.meta.url);
const ACData = require('adaptivecards-templating') as { Template: new (json: unknown) => { expand(ctx: { $root: unknown }): Card } };
const templates = new Map<CardKind, unknown>();

function template(kind: CardKind): unknown {
  let t = templates.get(kind);
  if (!t) templates.set(kind, (t = JSON.parse(readFileSync(new URL(`../../cards/${kind}.json`, import.meta.url), 'utf8'))));
  return t;
}

export function renderCard(kind: CardKind, data: unknown): Card {
  const card = new ACData.Template(template(kind)).expand({ $root: data });
  const text = JSON.stringify(card);
  return text.includes('${') ? (JSON.parse(text.replace(/\$\{[^}]*\}/g, '')) as Card) : card;
}

/** Teams' budget we hold every card to: 28 KB of JSON (the webhook and Graph limit; bots allow more). */
export const CARD_BUDGET_BYTES = 28 * 1024;

export function cardBytes(card: Card): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}
