import { msg } from '../../i18n/message.ts';
import { act, appLink } from './action-links.ts';
import { cite, codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, meaningOf, whoMid } from './sentence-words.ts';

/** The application's own side is wrong: its request, SAML message or requested authentication context. */
export const appSp = defineScenario({
  id: 'app-sp',
  title: 'The application sent a request Entra cannot accept',
  short: 'App error',
  test: (f) =>
    f.insight?.category === 'app-sp'
      ? { evidence: [...codeEvidence(f), cite(f.decisive, 'appDisplayName', f.decisive.appDisplayName ?? f.decisive.appId ?? '')] }
      : null,
  assess: ({ facts: f }) => msg('engine.scenario.app-sp.assess', { app: app(f.decisive), meaning: meaningOf(f), user: whoMid(f.decisive) }),
  actions: (c) => [
    act(c.facts.insight ? c.facts.insight.remedyMsg : msg('engine.scenario.app-sp.ownerFixes'), 'app-owner', appLink(c.input, c.facts.decisive)),
    act(msg('engine.scenario.app-sp.sendCorrelation'), 'helpdesk'),
  ],
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
