import { msg } from '../../i18n/message.ts';
import { act } from './action-links.ts';
import { cite } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, from, policyNames, sentences, who } from './sentence-words.ts';

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
    const mfa = d.authenticationRequirement === 'multiFactorAuthentication';
    return sentences(
      msg(mfa ? 'engine.scenario.success.assessMfa' : 'engine.scenario.success.assessSingleFactor', { user: who(d), app: app(d), from: from(d) }),
      applied.length
        ? msg('engine.scenario.success.appliedMet', { policies: policyNames(applied) })
        : f.caDetails
          ? msg('engine.scenario.success.noneApplied')
          : undefined,
      wouldBlock.length ? msg('engine.scenario.success.reportOnly', { policies: policyNames(wouldBlock) }) : undefined,
    );
  },
  actions: () => [act(msg('engine.scenario.success.nothingToFix'), 'helpdesk')],
  fix: null,
  remediations: () => [],
  readsConditionalAccess: true,
});
