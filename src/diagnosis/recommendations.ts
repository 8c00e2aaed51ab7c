import { links } from './links.ts';
import { SCENARIO_BY_ID, type ScenarioId } from './scenarios/index.ts';
import type { ScenarioContext } from './scenarios/scenario.ts';
import type { Action } from './diagnosis-parts.ts';
import type { Message } from '../i18n/message.ts';
import { saidOnce } from './engine-words.ts';
import type { MessageKey } from '../i18n/translate.ts';

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
      ...saidOnce('engine.remediation.reviewBreakGlass'),
      who: 'admin',
      link: { title: `The account ${d.userPrincipalName ?? d.userId} (its Sign-in logs tab)`, url: links.user(d.userId) },
    },
    ...list.filter((a) => c.scenario !== 'success' || !/^Nothing to fix/.test(a.text)),
  ];
}

/** A support reason: its English and its message, said once (engine-words.ts). */
function reason(key: MessageKey): { reason: string; reasonMsg: Message } {
  const s = saidOnce(key);
  return { reason: s.text, reasonMsg: s.msg! };
}

/** Whether Microsoft support should look at this: nothing the tenant can change explains it. */
export function supportWarranted(c: ActionContext): { warranted: boolean; reason: string; reasonMsg: Message } {
  const i = c.facts.insight;
  if (c.scenario === 'unknown-error') return { warranted: true, ...reason('engine.support.unknownCode') };
  if (i?.fixer === 'microsoft' || i?.category === 'transient') return { warranted: true, ...reason('engine.support.insideEntra') };
  if (i?.category === 'other') return { warranted: true, ...reason('engine.support.noTenantFix') };
  return { warranted: false, ...reason(c.scenario === 'success' ? 'engine.support.succeeded' : 'engine.support.tenantOrUser') };
}
