import type { Message } from '../i18n/message.ts';
import type { FixPreview } from './what-if.ts';
import type { ScenarioId } from './scenarios/index.ts';
import type { RemediationId } from './remediations.ts';
import type { Action, Citation, Finding, Gap, PolicyReport, SupportDetails } from './diagnosis-parts.ts';

/** The engine's public types: the Diagnosis, its parts, and the scenario ids (derived from the scenario modules, in precedence order there). */
export type * from './diagnosis-parts.ts';
export type { FailureScenario, ScenarioId } from './scenarios/index.ts';

export interface Diagnosis {
  correlationId: string;
  eventIds: string[];
  decisiveEventId: string;
  user: { id: string; displayName: string | null; userPrincipalName: string | null };
  app: { id: string | null; displayName: string | null; resourceId: string | null; resource: string | null };
  time: string;
  errorCode: number;
  scenario: ScenarioId;
  /** The scenario in plain words: "Blocked by Conditional Access". */
  title: string;
  /** What happened and why, in a few sentences. */
  assessment: string;
  /** The assessment as a message, from which cards render the reader's language; `assessment` is its English. */
  assessmentMsg?: Message;
  evidence: Citation[];
  policies: PolicyReport[];
  findings: Finding[];
  actions: Action[];
  /** What the helpdesk can do about it from the card, with their own rights (issue 22); chosen by the scenario from the evidence. */
  remediations?: RemediationId[];
  support: SupportDetails;
  gaps: Gap[];
  /**
   * "What if fixed?": the change that would let this sign-in through, checked against every
   * policy; words for the card's button and the structured change for the what-if.
   */
  fixPreview?: FixPreview;
}
