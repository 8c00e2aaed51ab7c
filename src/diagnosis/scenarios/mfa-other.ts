import { msg } from '../../i18n/message.ts';
import { grantOf } from '../policies.ts';
import { act, userLink } from './action-links.ts';
import { cite, codeEvidence, providerEvidence } from './evidence.ts';
import { CA_PROVIDERS, MFA_PROMPT_CODES, SECURITY_DEFAULTS } from './facts.ts';
import { defineScenario } from './scenario.ts';
import { app, whose } from './sentence-words.ts';
import { providersOf } from '../words.ts';

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
  assess: ({ facts: f }) => {
    const values = { whose: whose(f.decisive), app: app(f.decisive) };
    if (f.providers.includes('user')) return msg('engine.scenario.mfa-other.assessPerUser', values);
    return f.providers.length
      ? msg('engine.scenario.mfa-other.assessProviders', { ...values, providers: providersOf(f.providers) })
      : msg('engine.scenario.mfa-other.assessNoPolicy', values);
  },
  actions: (c) => {
    const perUser = c.facts.providers.includes('user');
    return [
      act(msg('engine.scenario.mfa-other.completeMfa'), 'user'),
      perUser
        ? act(msg('engine.scenario.mfa-other.perUserOff'), 'admin', userLink(c.facts.decisive))
        : act(
            msg('engine.scenario.mfa-other.reviewSource', {
              source: c.facts.providers.length ? providersOf(c.facts.providers) : msg('engine.phrase.notConditionalAccess'),
            }),
            'admin',
          ),
    ];
  },
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
