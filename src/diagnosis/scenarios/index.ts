/**
 * The scenarios, in precedence order: the first whose test holds names the attempt.
 *
 * How to add a scenario:
 * 1. Write `src/diagnosis/scenarios/<id>.ts` exporting `defineScenario({ id: '<id>', … })`:
 *    its test (what it rests on), title, short label, assessment, actions and fix. The compiler
 *    refuses it until every field is there. Its sentences are messages: write each one under
 *    engine.scenario.<id>.* in all five catalogues (src/i18n/messages/*.json; the compiler knows
 *    the English keys, test/i18n/catalogues.test.ts the other four), its phrases from sentence-words.ts.
 * 2. Put it in FAILURE_SCENARIOS below, where it belongs: more specific before less specific
 *    (unknown-error always holds, so it stays last).
 * 3. Add its row to the table and the precedence paragraph of docs/scenarios.md (a public contract).
 * 4. Add its story to SCENARIO_STORIES in test/helpers/scenario-fixtures.ts: an attempt the engine
 *    must name with the new id. test/diagnosis/scenario-modules.test.ts checks all four.
 */
import { accountLocked } from './account-locked.ts';
import { appConfig } from './app-config.ts';
import { appSp } from './app-sp.ts';
import { b2bBlocked } from './b2b-blocked.ts';
import { caBlocked } from './ca-blocked.ts';
import { caGrantFailed } from './ca-grant-failed.ts';
import { caMfa } from './ca-mfa.ts';
import { errorCodeInsight } from './error-code-insight.ts';
import { invalidCredentials } from './invalid-credentials.ts';
import { legacyAuth } from './legacy-auth.ts';
import { mfaNotCompleted } from './mfa-not-completed.ts';
import { mfaOther } from './mfa-other.ts';
import { mfaProofupRisky } from './mfa-proofup-risky.ts';
import { mfaProofup } from './mfa-proofup.ts';
import { pta } from './pta.ts';
import { riskBlocked } from './risk-blocked.ts';
import type { Scenario } from './scenario.ts';
import { seamlessSso } from './seamless-sso.ts';
import { securityDefaults } from './security-defaults.ts';
import { success } from './success.ts';
import { unknownError } from './unknown-error.ts';

/** The failure scenarios, most specific first: this order is the precedence of docs/scenarios.md. */
export const FAILURE_SCENARIOS = [
  legacyAuth,
  b2bBlocked,
  riskBlocked,
  mfaProofupRisky,
  caBlocked,
  caGrantFailed,
  securityDefaults,
  mfaProofup,
  mfaNotCompleted,
  caMfa,
  mfaOther,
  accountLocked,
  invalidCredentials,
  pta,
  seamlessSso,
  appConfig,
  appSp,
  errorCodeInsight,
  unknownError,
] as const;

/** Every scenario: success stands apart, decided before any failure (a sign-in that worked failed nothing). */
export const SCENARIOS = [success, ...FAILURE_SCENARIOS] as const;

export type FailureScenario = (typeof FAILURE_SCENARIOS)[number]['id'];
export type ScenarioId = (typeof SCENARIOS)[number]['id'];

/** The failure ids in precedence order. */
export const SCENARIO_IDS: readonly FailureScenario[] = FAILURE_SCENARIOS.map((s) => s.id);

/** Each scenario by its id (the cast is safe: ScenarioId is derived from these very entries). */
export const SCENARIO_BY_ID = Object.fromEntries(SCENARIOS.map((s) => [s.id, s])) as Readonly<Record<ScenarioId, Scenario>>;

/** The scenario of an id read from outside the engine (a card's data); undefined when no scenario has it. */
export const scenarioOf = (id: string): Scenario | undefined => SCENARIOS.find((s) => s.id === id);
