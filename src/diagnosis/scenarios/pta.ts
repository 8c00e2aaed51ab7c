import { msg } from '../../i18n/message.ts';
import { utc } from '../history.ts';
import { links } from '../links.ts';
import { act, page } from './action-links.ts';
import { codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, meaningOf, whose } from './sentence-words.ts';

/** A failure inside pass-through authentication: the agents, on-premises AD, time skew, logon hours (80001–80014). */
export const pta = defineScenario({
  id: 'pta',
  title: 'Pass-through authentication failed',
  short: 'Pass-through auth failed',
  test: (f) => (f.insight?.category === 'pta' || (f.code >= 80001 && f.code <= 80014) ? { evidence: codeEvidence(f) } : null),
  assess: ({ facts: f }) => {
    const d = f.decisive;
    if (f.code === 80012) return msg('engine.scenario.pta.assessLogonHours', { whose: whose(d), app: app(d), time: utc(d.createdDateTime) });
    return msg('engine.scenario.pta.assess', { whose: whose(d), meaning: meaningOf(f) });
  },
  actions: (c) => {
    if (c.facts.code === 80012) {
      return [
        act(msg('engine.scenario.pta.logonHours', { user: c.facts.decisive.userDisplayName ?? msg('engine.phrase.theUser') }), 'admin'),
        act(msg('engine.scenario.pta.notTheAgents'), 'helpdesk'),
      ];
    }
    return [
      act(
        c.facts.insight ? c.facts.insight.remedyMsg : msg('engine.scenario.pta.checkAgents'),
        'admin',
        page(msg('engine.link.ptaAgents'), links.passThroughAgents()),
      ),
      act(msg('engine.scenario.pta.severalUsers'), 'helpdesk'),
    ];
  },
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
