import type { SignIn } from '../signins/signin.ts';
import type { ConditionalAccessPolicy, DirectoryRole, Group, NamedLocation, ServicePrincipal, User, UserRegistrationDetails } from '../signins/directory.ts';
import type { DirectoryAudit } from '../signins/directory-audit.ts';
import type { Message } from '../i18n/message.ts';

/**
 * The parts a diagnosis is made of (citations, policy reports, findings, actions) and what the
 * engine reads (DiagnosisInput). Apart from the Diagnosis itself (types.ts), so the scenario
 * modules can use them without importing what is built from them.
 */

/** A fact from a record: which event, which field, what it said. Every claim points at some. */
export interface Citation {
  eventId: string;
  field: string;
  value: string;
}

export type Fixer = 'user' | 'helpdesk' | 'admin' | 'app-owner' | 'microsoft';

export interface Action {
  text: string;
  /** The same words as a message (src/i18n/message.ts), from which a card renders the reader's language; `text` is its English. */
  msg?: Message;
  who: Fixer;
  /** A page in the Entra admin center (or the Azure portal) where the action is taken; `titleMsg` its name as a message, for a card in the reader's language. */
  link?: { title: string; titleMsg?: Message; url: string };
}

/** One condition of a CA policy and whether this sign-in met it. */
export interface ConditionVerdict {
  condition: string;
  /** `true` met, `false` not met, `undefined` the data cannot tell. */
  met: boolean | undefined;
  reason: string;
  reasonMsg?: Message;
}

export interface PolicyReport {
  id: string;
  displayName: string;
  /** The result the log recorded (normalised: camelCase Graph values). */
  result: string;
  /** report-only policies: what they would have done. */
  reportOnly: boolean;
  grantControls: string[];
  /** AND or OR between the grant controls, from the definition; null when unknown. */
  operator: string | null;
  /** Plain words: "blocked access", "required MFA, which was done", "would have blocked (report-only)". */
  summary: string;
  summaryMsg?: Message;
  /** Why it applied or not, condition by condition, when the definition was available. */
  conditions: ConditionVerdict[];
  /** A failed grant control, explained ("the device is not compliant"). */
  failedControl?: string;
  failedControlMsg?: Message;
  link: string;
  /** Not from the log: the log had no Conditional Access details, so this comes from evaluating the definition. */
  inferred?: boolean;
}

export type FindingKind =
  | 'lockout-sources'
  | 'bad-password-sources'
  | 'password-verdict'
  | 'lockout-kind'
  | 'what-changed'
  | 'service-dependency'
  | 'select-all-warning'
  | 'report-only'
  | 'risk'
  | 'flagged'
  | 'registration'
  | 'compromise'
  | 'break-glass'
  | 'mfa-claim'
  | 'tenant-now';

export interface Finding {
  kind: FindingKind;
  /** One or two sentences for a helpdesk agent. */
  text: string;
  msg?: Message;
  citations: Citation[];
  /** Structured detail for cards and scripts. */
  data?: Record<string, unknown>;
}

/** Something the diagnosis could not decide, and why. */
export interface Gap {
  text: string;
  msg?: Message;
}

export interface SupportDetails {
  warranted: boolean;
  reason: string;
  /** The reason as a message (engine.support.*), for the reader's language. */
  reasonMsg?: Message;
  correlationId: string;
  requestId: string;
  time: string;
  url: string;
}

/** Everything the engine reads about one attempt: fetched by the query stage, read here without I/O. */
export interface DiagnosisInput {
  /** The attempt's events, oldest first. */
  events: SignIn[];
  /** The user's other events in the history window (any outcome), newest first. */
  history: SignIn[];
  /** For each IP the attempt's failures came from: how many distinct users failed from it in the window. */
  ipFailureUsers: Record<string, number>;
  user?: User;
  registration?: UserRegistrationDetails;
  /** `undefined`: the source could not read them (no file, no permission). */
  policies?: ConditionalAccessPolicy[];
  namedLocations?: NamedLocation[];
  groups?: Group[];
  roles?: DirectoryRole[];
  /** The user's groups (nested included) and role templates, when the caller already worked them out. */
  memberOf?: ReadonlySet<string>;
  roleTemplateIds?: ReadonlySet<string>;
  servicePrincipals?: ServicePrincipal[];
  /** The directory audit log around the attempt, newest first; `undefined` when the source cannot read it. */
  audits?: DirectoryAudit[];
  /** The clock: an ISO instant. */
  now: string;
  historyHours: number;
  /** The window `history` covers: the last `historyHours` before now, or before the attempt when it is older. */
  historyWindow: { since: string; until: string };
}
