import { appLink } from './action-links.ts';
import { cite, codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, meaningOf, who } from './sentence-words.ts';

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
    `${app(f.decisive)} is not set up in Entra for this sign-in: ${meaningOf(f)} ${f.insight?.fixer === 'app-owner' ? "The app's owner" : 'An admin'} fixes it; ${who(f.decisive)} cannot.`,
  actions: (c) => [
    {
      text: c.facts.insight?.remedy ?? 'Fix the application configuration.',
      who: c.facts.insight?.fixer === 'app-owner' ? 'app-owner' : 'admin',
      link: appLink(c.input, c.facts.decisive),
    },
    { text: 'The user cannot fix this; tell them the app is being looked at.', who: 'helpdesk' },
  ],
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
