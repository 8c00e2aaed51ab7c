import { z } from 'zod';

/** What a chat message asks for: the contract between the parser and everything after it (spec/cli.md). */
export const INTENTS = ['diagnose', 'list', 'lockouts', 'flagged', 'explain-code', 'what-if', 'check-policies', 'subscribe', 'unsubscribe', 'help'] as const;
export type Intent = (typeof INTENTS)[number];

export const Command = z.object({
  intent: z.enum(INTENTS),
  /** A UPN, mail, or the name as typed ("bob", "Zoë Müller"); resolved against the directory later. */
  user: z.string().optional(),
  /** An app display name (as known to the tenant) or app id. */
  app: z.string().optional(),
  correlationId: z.string().optional(),
  requestId: z.string().optional(),
  errorCode: z.number().int().optional(),
  since: z.string().optional(),
  until: z.string().optional(),
  /** The time words as the asker wrote them ("yesterday"). */
  timeText: z.string().optional(),
  ip: z.string().optional(),
  /** what-if: the change asked about, in the asker's words ("from an unmanaged iPhone"). */
  condition: z.string().optional(),
  /** subscribe: only sprays that lock out at least this many people. */
  minUsers: z.number().int().min(1).optional(),
  /** subscribe: only lockouts of members of this group (by name). */
  groupName: z.string().optional(),
  /** help: the message could not be read; `understood` lists what was recognised. */
  unclear: z.boolean().optional(),
  understood: z.array(z.string()).default([]),
});
export type Command = z.infer<typeof Command>;
