import { grantOf } from '../policies.ts';
import { methodsLink } from './action-links.ts';
import { codeEvidence, policyEvidence, providerEvidence } from './evidence.ts';
import { CA_PROVIDERS, MFA_PROMPT_CODES } from './facts.ts';
import { defineScenario, failing } from './scenario.ts';
import { app, from, policyNames, resourceWords, who } from './sentence-words.ts';

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
    const failed = failing(policies);
    return `${who(d)}'s sign-in to ${app(d)}${resourceWords(d)}${from(d)} stopped at the MFA prompt that Conditional Access required${failed.some((p) => p.grantControls.includes('mfa')) ? ` (${policyNames(failed.filter((p) => p.grantControls.includes('mfa')))})` : ''}; the attempt has no later event showing MFA was completed.`;
  },
  actions: (c) => [
    { text: 'Complete the MFA prompt; Conditional Access requires it here.', who: 'user' },
    {
      text: 'If the user cannot complete MFA, check their registered methods or issue a Temporary Access Pass.',
      who: 'helpdesk',
      link: methodsLink(c.facts.decisive),
    },
  ],
  fix: () => 'with MFA',
  remediations: () => [],
  readsConditionalAccess: true,
});
