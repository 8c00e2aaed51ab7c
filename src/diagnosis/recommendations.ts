import { links } from './links.ts';
import { SCENARIO_BY_ID, type ScenarioId } from './scenarios/index.ts';
import type { ScenarioContext } from './scenarios/scenario.ts';
import type { Action } from './diagnosis-parts.ts';

/** What to do about an attempt, who does it, and where: the scenario's own actions, and what comes before them. */

export interface ActionContext extends ScenarioContext {
  scenario: ScenarioId;
  /** An emergency-access account signed in. */
  breakGlass?: boolean;
}

export function recommendActions(c: ActionContext): Action[] {
  const list = SCENARIO_BY_ID[c.scenario].actions(c);
  if (!c.breakGlass) return list;
  const d = c.facts.decisive;
  return [
    {
      text: 'Review this use of the emergency-access (break-glass) account now: confirm who used it and why, and if nobody can say, treat it as compromised (reset its credentials, revoke its sessions).',
      who: 'admin',
      link: { title: `The account ${d.userPrincipalName ?? d.userId} (its Sign-in logs tab)`, url: links.user(d.userId) },
    },
    ...list.filter((a) => c.scenario !== 'success' || !/^Nothing to fix/.test(a.text)),
  ];
}

/** Whether Microsoft support should look at this: nothing the tenant can change explains it. */
export function supportWarranted(c: ActionContext): { warranted: boolean; reason: string } {
  const i = c.facts.insight;
  if (c.scenario === 'unknown-error') return { warranted: true, reason: 'the error code is unknown' };
  if (i?.fixer === 'microsoft' || i?.category === 'transient') return { warranted: true, reason: 'the error is inside Entra; open a request if it persists' };
  if (i?.category === 'other') return { warranted: true, reason: 'the code has no specific fix on the tenant side' };
  return {
    warranted: false,
    reason: c.scenario === 'success' ? 'the sign-in succeeded' : 'the cause is in the tenant or on the user’s side; the actions above fix it',
  };
}
