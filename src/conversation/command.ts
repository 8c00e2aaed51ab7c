// zod's tree-shakable build: `signin-diag parse` loads the parser without all of zod.
import * as z from 'zod/mini';

/** What a chat message asks for: the contract between the parser and everything after it (spec/cli.md). */
export const INTENTS = ['diagnose', 'list', 'lockouts', 'flagged', 'explain-code', 'what-if', 'check-policies', 'subscribe', 'unsubscribe', 'help'] as const;
export type Intent = (typeof INTENTS)[number];

export const Command = z.object({
  intent: z.enum(INTENTS),
  /** A UPN, mail, or the name as typed ("bob", "Zoë Müller"); resolved against the directory later. */
  user: z.optional(z.string()),
  /** An app display name (as known to the tenant) or app id. */
  app: z.optional(z.string()),
  correlationId: z.optional(z.string()),
  requestId: z.optional(z.string()),
  errorCode: z.optional(z.int()),
  since: z.optional(z.string()),
  until: z.optional(z.string()),
  /** The time words as the asker wrote them ("yesterday"). */
  timeText: z.optional(z.string()),
  ip: z.optional(z.string()),
  /** what-if: the change asked about, in the asker's words ("from an unmanaged iPhone"). */
  condition: z.optional(z.string()),
  /** subscribe: only sprays that lock out at least this many people. */
  minUsers: z.optional(z.int().check(z.minimum(1))),
  /** subscribe: only lockouts of members of this group (by name). */
  groupName: z.optional(z.string()),
  /** help: the message could not be read; `understood` lists what was recognised. */
  unclear: z.optional(z.boolean()),
  understood: z._default(z.array(z.string()), []),
});
export type Command = z.infer<typeof Command>;
