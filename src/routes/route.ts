import type { z } from 'zod';
import type { AnswerContext } from './context.ts';
import type { Prepared } from './prepared.ts';

/**
 * Who may use a route. Access itself is the asker's (src/trust/access.ts): full (the
 * helpdesk, identity admins, the command line), limited (only themselves), refused.
 * - anyone: reads nobody's sign-ins (help, explaining a code); not audited.
 * - self-or-helpdesk: a limited asker only when the payload names a person or an attempt,
 *   and only if everything loaded turns out to be their own.
 * - helpdesk: tenant-wide views and acts, whatever they would show.
 */
export type Who = 'anyone' | 'self-or-helpdesk' | 'helpdesk';

export type Press = 'view' | 'note' | 'state' | 'act';

/** One question (an intent) or one button (a verb): its payload's schema, who may use it, its handler. */
export interface Route<S extends z.core.$ZodType = z.core.$ZodType> {
  schema: S;
  who: Who;
  /**
   * What pressing the button changes (docs/cards.md); buttons only, `view` when absent.
   * - view: shows something else (a drill-down, a page, other columns): a new card, or the card
   *   replaced with one that has Back, never a shared card replaced for everyone;
   * - note: records the presser's own note (feedback): a shared card stays as it is;
   * - state: changes something for everyone (an alert marked handled): the card is updated for all.
   * - act: a remediation (issue 22): the presser alone gets the answer (the invoke response, which
   *   may hold a Temporary Access Pass), and everyone only what the answer's `everyone` carries.
   */
  press?: Press;
  /**
   * self-or-helpdesk: whether the payload names a person or an attempt (a list by app or IP
   * alone would be everyone's). Absent: the schema already requires an id.
   */
  pinned?(payload: z.output<S>): boolean;
  /** What the audit line says was asked; by default the first id the payload names. It decides nothing. */
  asked?(payload: z.output<S>): string | undefined;
  /** Loads what the reply shows and says whose it is; renders only when asked to (after the check). */
  handle(payload: z.output<S>, ctx: AnswerContext): Promise<Prepared>;
}

/** A route, with its handler's payload type checked against its schema. */
export const route = <S extends z.core.$ZodType>(r: Route<S>): Route<S> => r;

/** The ids a payload names, in the order the audit line prefers them. */
export function namedIn(payload: unknown): string | undefined {
  const p = (payload ?? {}) as Record<string, unknown>;
  for (const key of ['user', 'userId', 'correlationId', 'requestId', 'episodeKey', 'ip', 'app']) if (typeof p[key] === 'string') return p[key];
  return undefined;
}
