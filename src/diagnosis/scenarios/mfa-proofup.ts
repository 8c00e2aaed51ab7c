import { links } from '../links.ts';
import { providerWords } from '../words.ts';
import { methodsLink } from './action-links.ts';
import { codeEvidence, providerEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, who } from './sentence-words.ts';

/** Interrupted because the user must register MFA methods first (50079, 50072, an mfaRegistrationRequiredBy* provider). */
export const mfaProofup = defineScenario({
  id: 'mfa-proofup',
  title: 'Must register MFA methods first',
  short: 'Must register MFA',
  test: (f) => {
    const ev = providerEvidence(f, (p) => p.startsWith('mfaRegistrationRequiredBy'));
    return f.code === 50079 || f.code === 50072 || (f.code !== 0 && ev.length) ? { evidence: [...codeEvidence(f), ...ev] } : null;
  },
  assess: ({ facts: f, input }) =>
    `${who(f.decisive)} must register MFA methods before signing in to ${app(f.decisive)}${f.providers.length ? ` (required by ${providerWords(f.providers)})` : ''}, and the attempt stopped at the registration step.${input.registration ? ` Registration details: ${input.registration.isMfaRegistered ? 'MFA methods registered' : 'no MFA methods registered'}.` : ''}`,
  actions: (c) => [
    {
      text: 'Register MFA methods when prompted (Microsoft Authenticator or a phone), then sign in again.',
      who: 'user',
      link: { title: 'My security info', url: links.mySecurityInfo() },
    },
    { text: 'If the user cannot register (no phone, new phone), issue a Temporary Access Pass.', who: 'helpdesk', link: methodsLink(c.facts.decisive) },
  ],
  fix: null,
  remediations: () => ['issueTap'],
  readsConditionalAccess: false,
});
