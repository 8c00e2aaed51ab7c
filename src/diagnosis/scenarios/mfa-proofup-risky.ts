import { msg } from '../../i18n/message.ts';
import { links } from '../links.ts';
import { act, methodsLink, page } from './action-links.ts';
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
  assess: ({ facts: f }) => msg('engine.scenario.mfa-proofup-risky.assess', { user: who(f.decisive), meaning: meaningOf(f) }),
  actions: (c) => [
    act(msg('engine.scenario.mfa-proofup-risky.registerFromOffice'), 'user', page(msg('engine.link.mySecurityInfo'), links.mySecurityInfo())),
    act(msg('engine.scenario.mfa-proofup-risky.clearRisk'), 'helpdesk', methodsLink(c.facts.decisive)),
  ],
  fix: null,
  remediations: () => ['issueTap'],
  readsConditionalAccess: false,
});
