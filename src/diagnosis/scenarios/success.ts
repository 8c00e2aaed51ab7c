import { cite } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, from, policyNames, who } from './sentence-words.ts';

/** The attempt's final event succeeded (errorCode 0): decided before any failure scenario, and says why nothing interrupted it. */
export const success = defineScenario({
  id: 'success',
  title: 'Signed in successfully',
  short: 'Success',
  test: (f) => (f.code === 0 ? { evidence: [cite(f.decisive, 'status.errorCode', 0)] } : null),
  assess: ({ facts: f, policies }) => {
    const d = f.decisive;
    const applied = policies.filter((p) => p.result === 'success');
    const wouldBlock = policies.filter((p) => p.result === 'reportOnlyFailure' || p.result === 'reportOnlyInterrupted');
    const mfa = d.authenticationRequirement === 'multiFactorAuthentication' ? 'with multifactor authentication' : 'with single-factor authentication';
    return `${who(d)} signed in to ${app(d)} ${mfa}${from(d)}.${applied.length ? ` Conditional Access policies that applied and were met: ${policyNames(applied)}.` : f.caDetails ? ' No enforced Conditional Access policy applied.' : ''}${wouldBlock.length ? ` Report-only: ${policyNames(wouldBlock)} would have interrupted it if enforced.` : ''}`;
  },
  actions: () => [
    { text: 'Nothing to fix: the sign-in succeeded. The Conditional Access policies above show why it was or was not interrupted.', who: 'helpdesk' },
  ],
  fix: null,
  remediations: () => [],
  readsConditionalAccess: true,
});
