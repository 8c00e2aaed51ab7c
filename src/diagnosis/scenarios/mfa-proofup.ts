import { msg } from '../../i18n/message.ts';
import { links } from '../links.ts';
import { act, methodsLink, page } from './action-links.ts';
import { codeEvidence, providerEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, sentences, who } from './sentence-words.ts';
import { providersOf } from '../words.ts';

/** Interrupted because the user must register MFA methods first (50079, 50072, an mfaRegistrationRequiredBy* provider). */
export const mfaProofup = defineScenario({
  id: 'mfa-proofup',
  title: 'Must register MFA methods first',
  short: 'Must register MFA',
  test: (f) => {
    const ev = providerEvidence(f, (p) => p.startsWith('mfaRegistrationRequiredBy'));
    return f.code === 50079 || f.code === 50072 || (f.code !== 0 && ev.length) ? { evidence: [...codeEvidence(f), ...ev] } : null;
  },
  assess: ({ facts: f, input }) => {
    const values = { user: who(f.decisive), app: app(f.decisive) };
    return sentences(
      f.providers.length
        ? msg('engine.scenario.mfa-proofup.assessRequiredBy', { ...values, providers: providersOf(f.providers) })
        : msg('engine.scenario.mfa-proofup.assess', values),
      input.registration
        ? msg(input.registration.isMfaRegistered ? 'engine.scenario.mfa-proofup.registered' : 'engine.scenario.mfa-proofup.notRegistered')
        : undefined,
    );
  },
  actions: (c) => [
    act(msg('engine.scenario.mfa-proofup.register'), 'user', page(msg('engine.link.mySecurityInfo'), links.mySecurityInfo())),
    act(msg('engine.scenario.mfa-proofup.issueTap'), 'helpdesk', methodsLink(c.facts.decisive)),
  ],
  fix: null,
  remediations: () => ['issueTap'],
  readsConditionalAccess: false,
});
