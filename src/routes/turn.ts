import type { Command } from '../conversation/command.ts';
import type { Answer, AnswerContext } from './context.ts';
import type { Origin } from './navigation.ts';
import type { Route } from './route.ts';

/** One turn as it goes through the middleware (pipeline.ts): what arrived, and what each step found out. */
export interface Turn {
  ctx: AnswerContext;
  /** A chat message, or a pressed card button (Action.Execute: a verb and its data). */
  input: { kind: 'message'; text: string } | { kind: 'button'; verb: unknown; data: unknown };
  /** The message as read; after resolve-me, "me" is the asker's directory id. */
  command?: Command;
  /** The route and its checked payload; `name` is the intent or verb, as the audit line calls it. */
  found?: { name: string; route: Route; payload: unknown };
  /** Set by authorize for the audit line: everyone the loaded records show, once the asker may see them all. */
  shows?: string[];
  /** Set by authorize when the asker was refused; `withheld` when it was the loaded records that refused them. */
  refused?: { withheld?: string[] };
  /** Set by find-route for a button: how its card is produced (stamped into the card's buttons), and the card it would replace. */
  nav?: { origin: Origin; replaced?: Origin };
}

/** A cross-cutting step: answers itself (a refusal, a notice) or hands the turn on. */
export type Step = (turn: Turn, next: () => Promise<Answer>) => Promise<Answer>;
