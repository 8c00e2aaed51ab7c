import { msg } from '../../i18n/message.ts';
import { act, appLink } from './action-links.ts';
import { cite, codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, meaningOf, whoMid } from './sentence-words.ts';

/** The Entra side of the app is not set up: not assigned, no consent, wrong reply URL, app not found. */
export const appConfig = defineScenario({
  id: 'app-config',
  title: 'The application is not set up for this user in Entra',
  short: 'App not set up',
  test: (f) =>
    f.insight && (f.insight.category === 'app-config' || f.insight.category === 'consent')
      ? { evidence: [...codeEvidence(f), cite(f.decisive, 'appDisplayName', f.decisive.appDisplayName ?? f.decisive.appId ?? '')] }
      : null,
  assess: ({ facts: f }) =>
    msg(f.insight?.fixer === 'app-owner' ? 'engine.scenario.app-config.assessOwnerFixes' : 'engine.scenario.app-config.assessAdminFixes', {
      app: app(f.decisive),
      meaning: meaningOf(f),
      user: whoMid(f.decisive),
    }),
  actions: (c) => [
    act(
      c.facts.insight ? c.facts.insight.remedyMsg : msg('engine.scenario.app-config.fixConfig'),
      c.facts.insight?.fixer === 'app-owner' ? 'app-owner' : 'admin',
      appLink(c.input, c.facts.decisive),
    ),
    act(msg('engine.scenario.app-config.userCannotFix'), 'helpdesk'),
  ],
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
