// zod's tree-shakable build: `signin-diag parse` loads the parser without all of zod.
import * as z from 'zod/mini';

/**
 * What a chat message asks for: the contract between the parser and everything after it (spec/cli.md).
 * `list` is one person's (or app's, or IP's) sign-ins; `failures` is the tenant's failed sign-ins
 * (today, for an app, with a code, from an IP, under a policy); `lockouts` is everyone locked out
 * and `lock-state` one person's lockout now; `check-policies` reviews the policy set and
 * `policies-for` lists the policies that touch a person, an app or a kind (report-only, guests…);
 * `weekly-summary` is the tenant's sign-ins over a week in numbers and a chart.
 * `incidents` is failures of several people that share one cause (an outage, a policy change, a spray).
 */
export const INTENTS = [
  'diagnose',
  'list',
  'lockouts',
  'flagged',
  'explain-code',
  'what-if',
  'check-policies',
  'subscribe',
  'unsubscribe',
  'help',
  'failures',
  'lock-state',
  'policies-for',
  'weekly-summary',
  'incidents',
] as const;
export type Intent = (typeof INTENTS)[number];

export function isIntent(s: string): s is Intent {
  return (INTENTS as readonly string[]).includes(s);
}

/** policies-for: which kind of policy is asked about. */
export const POLICY_FILTERS = [
  'report-only',
  'enabled',
  'disabled',
  'guests',
  'break-glass',
  'admins',
  'mfa',
  'device',
  'location',
  'legacy-auth',
  'risk',
] as const;
export type PolicyFilter = (typeof POLICY_FILTERS)[number];

/** A directory person the typed name may mean. */
export const PersonCandidate = z.object({
  id: z.string(),
  displayName: z.optional(z.string()),
  userPrincipalName: z.optional(z.string()),
});
export type PersonCandidate = z.infer<typeof PersonCandidate>;

export const Command = z.object({
  intent: z.enum(INTENTS),
  /** How sure the intent classifier was (0–1); absent for what was decided without it (an empty message). */
  confidence: z.optional(z.number().check(z.minimum(0), z.maximum(1))),
  /**
   * The person to look up: a UPN or mail, "me", the directory's UPN when the parser's
   * directory names exactly one person, or (without a directory, or when several people share
   * the name) the name as typed ("bob", "Zoë Müller"); resolved against the directory later.
   * Absent when the name is only a near miss: see `userCandidates`.
   */
  user: z.optional(z.string()),
  /** The person as the asker typed it ("jon", "bobb kelley", "Bob"). */
  userText: z.optional(z.string()),
  /** The directory object id when the directory names exactly one person. */
  userId: z.optional(z.string()),
  /** That person's display name. */
  userDisplayName: z.optional(z.string()),
  /**
   * The people the typed name may mean when the match is not certain: several people share
   * it ("alex"), or it is only near a name ("jon" → Joni Sherman). Empty: nobody in the
   * directory is near it. The answer asks "did you mean…" rather than choosing.
   */
  userCandidates: z.optional(z.array(PersonCandidate)),
  /**
   * An app display name (as known to the tenant) or app id: the main one of `apps`, what a
   * question about one app (what-if, policies) asks about.
   */
  app: z.optional(z.string()),
  /**
   * Every app or resource name the asker's words cover ("outlook" → Office 365 Exchange
   * Online, Outlook Mobile, Microsoft Office), `app` first: sign-ins are looked up by any of
   * them, as the app or the resource. Absent: `app` alone.
   */
  apps: z.optional(z.array(z.string())),
  /** The app as the asker typed it ("outlook", "salesfroce"). */
  appText: z.optional(z.string()),
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
  /** subscribe, unsubscribe: which alerts ("outages" → incidents); absent: lockouts to subscribe, every kind to stop. */
  alertKind: z.optional(z.enum(['lockouts', 'incidents'])),
  /** subscribe: the language the alerts are to be written in, as typed ("in German", "auf Englisch", "英語で"); absent: the asker's. */
  languageText: z.optional(z.string().check(z.maxLength(40))),
  /** subscribe: only lockouts of members of this group (by name). */
  groupName: z.optional(z.string()),
  /** failures: only sign-ins a policy or the service blocked (not MFA prompts or interruptions). */
  blockedOnly: z.optional(z.boolean()),
  /** failures and policies-for: a policy named by the asker ("CA003", "the block legacy auth policy"), as typed. */
  policyText: z.optional(z.string()),
  /** policies-for: the kind of policy asked about. */
  policyFilter: z.optional(z.enum(POLICY_FILTERS)),
  /** help: the message could not be read; `understood` lists what was recognised. */
  unclear: z.optional(z.boolean()),
  /** lockouts, lock-state: the message asks about now ("right now", "currently", "at the moment"), i.e. locks that may still be in force, not a window. */
  present: z.optional(z.boolean()),
  /** help with unclear: what the message most likely asked, best first. */
  suggestions: z.optional(z.array(z.enum(INTENTS))),
  understood: z._default(z.array(z.string()), []),
});
export type Command = z.infer<typeof Command>;
