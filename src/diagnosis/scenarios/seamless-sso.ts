import { msg } from '../../i18n/message.ts';
import { act } from './action-links.ts';
import { codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { meaningOf, whoMid } from './sentence-words.ts';

/** A failure in Seamless single sign-on (Kerberos, 81001–81016); the password still works. */
export const seamlessSso = defineScenario({
  id: 'seamless-sso',
  title: 'Seamless single sign-on failed',
  short: 'Seamless SSO failed',
  test: (f) => (f.insight?.category === 'seamless-sso' || (f.code >= 81001 && f.code <= 81016) ? { evidence: codeEvidence(f) } : null),
  assess: ({ facts: f }) => msg('engine.scenario.seamless-sso.assess', { user: whoMid(f.decisive), meaning: meaningOf(f) }),
  actions: (c) => [act(c.facts.insight ? c.facts.insight.remedyMsg : msg('engine.scenario.seamless-sso.usePassword'), 'user')],
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
