import type { PasswordVerdict } from '../history.ts';
import type { Action, Citation, DiagnosisInput, Finding, PolicyReport } from '../diagnosis-parts.ts';
import type { Facts } from './facts.ts';
import type { RemediationId } from '../remediations.ts';
import type { Message } from '../../i18n/message.ts';

/** What a scenario's test returns when it holds: the evidence it rests on, and a title of its own if the generic one will not do. */
export interface RuleMatch {
  evidence: Citation[];
  title?: string;
}

/** What a scenario's assessment and actions read, once the attempt is decided and its findings worked out. */
export interface ScenarioContext {
  facts: Facts;
  input: DiagnosisInput;
  policies: PolicyReport[];
  findings: Finding[];
  verdict?: PasswordVerdict;
  lockKind?: string;
  /** A correct password used from a strange place at high risk (admin-rules). */
  compromise?: boolean;
}

/**
 * One scenario of docs/scenarios.md, whole: when it applies, what it is called, what the
 * diagnosis says about it, what to do, and the fix a what-if previews. Every field is
 * required, so a scenario cannot be added half-done; `fix` is null where nothing is previewed.
 */
export interface Scenario<Id extends string = string> {
  /** The public id (stable: never renamed). */
  id: Id;
  /** Plain words for the card's title: "Blocked by Conditional Access". */
  title: string;
  /** A few words for a table cell: "Blocked by CA". */
  short: string;
  /** Whether it holds for the attempt, and on what evidence; the list's order decides between those that hold. */
  test: (f: Facts) => RuleMatch | null;
  /** What happened and why, in a few sentences: a message (engine.scenario.<id>.*), rendered in the reader's language at the edge. */
  assess: (c: ScenarioContext) => Message;
  /** What to do, who does it, and where: each action's words a message with its English beside it (`act`, action-links.ts). */
  actions: (c: ScenarioContext) => Action[];
  /** What the helpdesk can do from the card (src/diagnosis/remediations.ts), chosen from the evidence: none when nothing fits. */
  remediations: (c: ScenarioContext) => RemediationId[];
  /** Without the diagnosis's own preview, the change a what-if may safely preview, from the failed grant controls. */
  fix: ((failedGrants: string[]) => string | undefined) | null;
  /** It rests on Conditional Access details, so records without them are a gap worth saying. */
  readsConditionalAccess: boolean;
}

/** Keeps the id's literal type, from which the id union is derived. */
export const defineScenario = <Id extends string>(s: Scenario<Id>): Scenario<Id> => s;

/** The policies that failed: the ones that decided a refusal. */
export const failing = (policies: PolicyReport[]): PolicyReport[] => policies.filter((p) => p.result === 'failure');
