import { z } from 'zod';

/**
 * The data each card button sends back (Action.Execute verbs). Checked with zod when a
 * button is pressed: a forged or stale payload is refused, never trusted.
 */
const iso = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'not a date-time');
const id = z.string().min(1).max(200);

export const DiagnoseAction = z.object({ correlationId: id.optional(), userId: id.optional(), since: iso.optional(), until: iso.optional() }).refine((d) => d.correlationId || d.userId, 'needs a correlationId or a userId');
export const ShowAttemptsAction = z.object({ userId: id.optional(), app: id.optional(), ip: id.optional(), since: iso.optional(), until: iso.optional(), columns: z.string().max(200).optional() });
// An empty id would read as "no filter" to a source: the feedback button names one attempt.
export const FeedbackAction = z.object({ correlationId: id, helpful: z.boolean() });
export const PickUserAction = z.object({ userId: id, intent: z.enum(['diagnose', 'list', 'what-if']), app: id.optional(), since: iso.optional(), until: iso.optional() });

/** Episode keys are `person:<user id>:<time>` or `spray:<ip>:<time>` (notify/episodes.ts). */
export const MarkHandledAction = z.object({ episodeKey: z.string().max(300).regex(/^(person|spray):\S{1,290}$/, 'not an alert of this bot') });
export const WhatIfAction = z.object({ correlationId: id, change: z.string().min(1).max(200) });

/** A Map, not an object literal: a verb like "constructor" or "__proto__" must not find an inherited property. */
export const VERBS: ReadonlyMap<string, z.ZodTypeAny> = new Map<string, z.ZodTypeAny>([
  ['diagnose', DiagnoseAction],
  ['showAttempts', ShowAttemptsAction],
  ['feedback', FeedbackAction],
  ['pickUser', PickUserAction],
  ['markHandled', MarkHandledAction],
  ['whatIf', WhatIfAction],
]);
export type Verb = CardAction['verb'];

export type CardAction =
  | { verb: 'diagnose'; data: z.infer<typeof DiagnoseAction> }
  | { verb: 'showAttempts'; data: z.infer<typeof ShowAttemptsAction> }
  | { verb: 'feedback'; data: z.infer<typeof FeedbackAction> }
  | { verb: 'pickUser'; data: z.infer<typeof PickUserAction> }
  | { verb: 'markHandled'; data: z.infer<typeof MarkHandledAction> }
  | { verb: 'whatIf'; data: z.infer<typeof WhatIfAction> };

/** Why a button was not run: a verb this version does not know (an old card, a forged one), or data that does not fit it. */
export type ActionProblem = { error: string; unknownVerb?: true };

/** A pressed button's verb and data → a checked action, or the reason it is refused. */
export function parseCardAction(verb: unknown, data: unknown): CardAction | ActionProblem {
  const schema = typeof verb === 'string' ? VERBS.get(verb) : undefined;
  if (!schema) return { error: typeof verb === 'string' ? `unknown button "${verb.slice(0, 40)}"` : 'a button without a name', unknownVerb: true };
  // Teams merges input values (like the column chooser) into the data object.
  const r = schema.safeParse(data ?? {});
  if (!r.success) return { error: `the button's data is not valid: ${r.error.issues[0]?.message ?? 'invalid'}` };
  return { verb, data: r.data } as CardAction;
}
