import { grantOf } from '../policies.ts';
import { providerWords } from '../words.ts';
import { userLink } from './action-links.ts';
import { cite, codeEvidence, providerEvidence } from './evidence.ts';
import { CA_PROVIDERS, MFA_PROMPT_CODES, SECURITY_DEFAULTS } from './facts.ts';
import { defineScenario } from './scenario.ts';
import { app, who } from './sentence-words.ts';

/** Interrupted for MFA that neither CA nor security defaults asked for: per-user MFA, Identity Protection, the app's request. */
export const mfaOther = defineScenario({
  id: 'mfa-other',
  title: 'Stopped at MFA required outside Conditional Access',
  short: 'Stopped at MFA',
  test: (f) => {
    if (!MFA_PROMPT_CODES.has(f.code)) return null;
    const ev = providerEvidence(f, (p) => !CA_PROVIDERS.has(p) && !SECURITY_DEFAULTS.has(p));
    if (ev.length) return { evidence: [...codeEvidence(f), ...ev] };
    // No requirement detail (v1.0), but the CA list is there and no policy asked for MFA.
    const caAskedMfa = f.events.some((e) =>
      (e.appliedConditionalAccessPolicies ?? []).some(
        (p) => (p.result === 'success' || p.result === 'failure') && (p.enforcedGrantControls ?? []).map(grantOf).includes('mfa'),
      ),
    );
    return f.providers.length === 0 && f.caDetails && !caAskedMfa
      ? { evidence: [...codeEvidence(f), cite(f.decisive, 'appliedConditionalAccessPolicies', 'no applied policy requires MFA')] }
      : null;
  },
  assess: ({ facts: f }) =>
    `${who(f.decisive)}'s sign-in to ${app(f.decisive)} stopped at an MFA prompt that did not come from Conditional Access: ${f.providers.includes('user') ? 'legacy per-user MFA is turned on for this account' : f.providers.length ? `it was required by ${providerWords(f.providers)}` : 'no applied policy required MFA'}.`,
  actions: (c) => {
    const perUser = c.facts.providers.includes('user');
    return [
      { text: 'Complete the MFA prompt.', who: 'user' },
      perUser
        ? {
            text: 'This MFA comes from legacy per-user MFA. Microsoft recommends turning per-user MFA off and requiring MFA through Conditional Access instead.',
            who: 'admin',
            link: userLink(c.facts.decisive),
          }
        : {
            text: `This MFA was requested by ${providerWords(c.facts.providers) || 'something other than Conditional Access'}; review that source if the prompt is unexpected.`,
            who: 'admin',
          },
    ];
  },
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
