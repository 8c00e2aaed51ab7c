import { utc } from '../history.ts';
import { links } from '../links.ts';
import { tenantNow } from '../admin-rules.ts';
import { codeEvidence, providerEvidence } from './evidence.ts';
import { SECURITY_DEFAULTS } from './facts.ts';
import { defineScenario } from './scenario.ts';
import { app, meaningOf, who } from './sentence-words.ts';

/** Interrupted or blocked by security defaults (530035, or a securityDefaults requirement provider). */
export const securityDefaults = defineScenario({
  id: 'security-defaults',
  title: 'Stopped by security defaults',
  short: 'Security defaults',
  test: (f) => {
    if (f.code === 530035) return { evidence: codeEvidence(f) };
    const ev = providerEvidence(f, (p) => SECURITY_DEFAULTS.has(p));
    return f.code !== 0 && ev.length ? { evidence: [...codeEvidence(f), ...ev] } : null;
  },
  assess: ({ facts: f }) =>
    `Security defaults${f.code === 530035 ? ' blocked' : ' interrupted'} ${who(f.decisive)}'s sign-in to ${app(f.decisive)}: ${meaningOf(f)} The tenant had no Conditional Access policy in force for this sign-in.`,
  actions: (c) => {
    const remedy = c.facts.insight?.remedy;
    const now = tenantNow(c.input);
    if (now.caOn) {
      return [
        {
          text: `Security defaults are already off and Conditional Access is in force${now.caSince ? ` (since ${utc(now.caSince)})` : ''}; nothing to replace. If the user still cannot sign in today, diagnose a newer attempt: Conditional Access decides now.`,
          who: 'helpdesk',
          link: { title: 'Conditional Access policies', url: links.policies() },
        },
        { text: remedy ?? 'Complete MFA, or use a modern client.', who: 'user' },
      ];
    }
    return [
      { text: remedy ?? 'Complete MFA, or use a modern client.', who: 'user' },
      {
        text: 'Security defaults apply to everyone; for exceptions or finer control, replace them with Conditional Access (needs Entra ID P1).',
        who: 'admin',
        link: { title: 'Tenant properties (security defaults)', url: links.tenantProperties() },
      },
    ];
  },
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
