import { links } from '../links.ts';
import { methodsLink } from './action-links.ts';
import { cite, codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { meaningOf, who } from './sentence-words.ts';

/** MFA registration refused because the sign-in was risky or not from a trusted place (53004, 53010). */
export const mfaProofupRisky = defineScenario({
  id: 'mfa-proofup-risky',
  title: 'MFA registration refused (risk or location)',
  short: 'Registration refused',
  test: (f) =>
    f.code === 53004 || f.code === 53010
      ? {
          evidence: [
            ...codeEvidence(f),
            ...(f.decisive.riskLevelDuringSignIn && f.decisive.riskLevelDuringSignIn !== 'none'
              ? [cite(f.decisive, 'riskLevelDuringSignIn', f.decisive.riskLevelDuringSignIn)]
              : []),
          ],
        }
      : null,
  assess: ({ facts: f }) => `${who(f.decisive)} was asked to register MFA but registration was refused: ${meaningOf(f)}`,
  actions: (c) => [
    {
      text: 'Have the user register security information from the office network or a managed device.',
      who: 'user',
      link: { title: 'My security info', url: links.mySecurityInfo() },
    },
    {
      text: 'If the sign-in was flagged as risky, review and clear the risk first; consider issuing a Temporary Access Pass.',
      who: 'helpdesk',
      link: methodsLink(c.facts.decisive),
    },
  ],
  fix: null,
  remediations: () => ['issueTap'],
  readsConditionalAccess: false,
});
