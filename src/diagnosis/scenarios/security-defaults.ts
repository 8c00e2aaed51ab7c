import { msg } from '../../i18n/message.ts';
import { utc } from '../history.ts';
import { links } from '../links.ts';
import { tenantNow } from '../admin-rules.ts';
import { act, page } from './action-links.ts';
import { codeEvidence, providerEvidence } from './evidence.ts';
import { SECURITY_DEFAULTS } from './facts.ts';
import { defineScenario } from './scenario.ts';
import { app, meaningOf, whose } from './sentence-words.ts';

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
    msg(f.code === 530035 ? 'engine.scenario.security-defaults.assessBlocked' : 'engine.scenario.security-defaults.assessInterrupted', {
      whose: whose(f.decisive),
      app: app(f.decisive),
      meaning: meaningOf(f),
    }),
  actions: (c) => {
    const remedy = c.facts.insight ? c.facts.insight.remedyMsg : msg('engine.scenario.security-defaults.completeMfa');
    const now = tenantNow(c.input);
    if (now.caOn) {
      return [
        act(
          now.caSince
            ? msg('engine.scenario.security-defaults.alreadyOffSince', { since: utc(now.caSince) })
            : msg('engine.scenario.security-defaults.alreadyOff'),
          'helpdesk',
          page(msg('engine.link.policies'), links.policies()),
        ),
        act(remedy, 'user'),
      ];
    }
    return [
      act(remedy, 'user'),
      act(msg('engine.scenario.security-defaults.replaceWithCa'), 'admin', page(msg('engine.link.tenantProperties'), links.tenantProperties())),
    ];
  },
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
