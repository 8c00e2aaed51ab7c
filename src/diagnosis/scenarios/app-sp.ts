import { appLink } from './action-links.ts';
import { cite, codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, meaningOf, who } from './sentence-words.ts';

/** The application's own side is wrong: its request, SAML message or requested authentication context. */
export const appSp = defineScenario({
  id: 'app-sp',
  title: 'The application sent a request Entra cannot accept',
  short: 'App error',
  test: (f) =>
    f.insight?.category === 'app-sp'
      ? { evidence: [...codeEvidence(f), cite(f.decisive, 'appDisplayName', f.decisive.appDisplayName ?? f.decisive.appId ?? '')] }
      : null,
  assess: ({ facts: f }) => `The problem is in ${app(f.decisive)} itself: ${meaningOf(f)} Its owner or vendor must fix it; ${who(f.decisive)} cannot.`,
  actions: (c) => [
    { text: c.facts.insight?.remedy ?? "The app's owner fixes the app's sign-in request.", who: 'app-owner', link: appLink(c.input, c.facts.decisive) },
    { text: `Send the app's owner the correlation id and time; the user cannot fix this.`, who: 'helpdesk' },
  ],
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
