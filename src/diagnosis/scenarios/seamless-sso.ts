import { codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { meaningOf, who } from './sentence-words.ts';

/** A failure in Seamless single sign-on (Kerberos, 81001–81016); the password still works. */
export const seamlessSso = defineScenario({
  id: 'seamless-sso',
  title: 'Seamless single sign-on failed',
  short: 'Seamless SSO failed',
  test: (f) => (f.insight?.category === 'seamless-sso' || (f.code >= 81001 && f.code <= 81016) ? { evidence: codeEvidence(f) } : null),
  assess: ({ facts: f }) => `Seamless single sign-on (Kerberos) failed for ${who(f.decisive)}: ${meaningOf(f)} The user can still sign in with their password.`,
  actions: (c) => [{ text: c.facts.insight?.remedy ?? 'Sign in with the password instead.', who: 'user' }],
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
