import { msg } from '../../i18n/message.ts';
import { grantOf } from '../policies.ts';
import { act, methodsLink } from './action-links.ts';
import { codeEvidence, policyEvidence, providerEvidence } from './evidence.ts';
import { CA_PROVIDERS, MFA_PROMPT_CODES } from './facts.ts';
import { defineScenario, failing } from './scenario.ts';
import { app, from, policyNames, resourceWords, whose } from './sentence-words.ts';

/** Interrupted for, or stopped at, MFA a CA policy required (an MFA prompt code with a CA provider or a failed MFA policy). */
export const caMfa = defineScenario({
  id: 'ca-mfa',
  title: 'Stopped at MFA required by Conditional Access',
  short: 'Stopped at MFA (CA)',
  test: (f) => {
    if (!MFA_PROMPT_CODES.has(f.code)) return null;
    const ev = providerEvidence(f, (p) => CA_PROVIDERS.has(p));
    if (ev.length) return { evidence: [...codeEvidence(f), ...ev] };
    const mfaPolicies = f.failed.filter((p) => (p.enforcedGrantControls ?? []).map(grantOf).includes('mfa'));
    return f.providers.length === 0 && mfaPolicies.length ? { evidence: [...codeEvidence(f), ...mfaPolicies.map((p) => policyEvidence(f, p))] } : null;
  },
  assess: ({ facts: f, policies }) => {
    const d = f.decisive;
    const mfa = failing(policies).filter((p) => p.grantControls.includes('mfa'));
    const values = { whose: whose(d), app: app(d), resource: resourceWords(d), from: from(d) };
    return mfa.length ? msg('engine.scenario.ca-mfa.assessPolicies', { ...values, policies: policyNames(mfa) }) : msg('engine.scenario.ca-mfa.assess', values);
  },
  actions: (c) => [
    act(msg('engine.scenario.ca-mfa.completeMfa'), 'user'),
    act(msg('engine.scenario.ca-mfa.checkMethods'), 'helpdesk', methodsLink(c.facts.decisive)),
  ],
  fix: () => 'with MFA',
  remediations: () => [],
  readsConditionalAccess: true,
});
