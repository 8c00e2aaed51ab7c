import type { DelegatedGraph } from './graph.ts';
import type { RemediationRecords } from './records.ts';
import type { TwoPersonRule } from './two-person.ts';

/** The presser's delegated Graph token, or the sentence that says why there is none and how to sign in. */
export type DelegatedToken = { token: string } | { missing: string };

/**
 * What a remediation press needs from the host, per turn: the bot (src/bot) gets the
 * presser's token from its OAuth connection and exchanges it on their behalf; tests pass a
 * fake. Without it (the CLI), the remediation buttons are not offered a run.
 */
/** The dry run's reason in the Agents Playground (the route says it in the presser's language: remediation.dryRunReason.playground). */
export const PLAYGROUND_DRY_RUN = 'the Agents Playground has no Teams sign-in, so there is no delegated token of yours to act with';

export interface RemedyContext {
  /** Set when nothing may run, only be described (local mode: the Agents Playground has no Teams sign-in): why. */
  dryRun?: string;
  getDelegatedToken(): Promise<DelegatedToken>;
  /** Graph with that token (tests give it their fetch). */
  graph(token: string): DelegatedGraph;
  records: RemediationRecords;
  approval: TwoPersonRule;
}
