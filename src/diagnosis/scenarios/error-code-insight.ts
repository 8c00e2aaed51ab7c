import { titleFromMeaning } from '../words.ts';
import { userLink } from './action-links.ts';
import { codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, meaningOf, who } from './sentence-words.ts';

/** A code the catalog knows that no scenario above explains (expired password, disabled account…): the code's meaning is the title. */
export const errorCodeInsight = defineScenario({
  id: 'error-code-insight',
  title: 'Sign-in failed',
  short: 'Failed',
  test: (f) =>
    f.insight ? { evidence: codeEvidence(f), title: `Sign-in failed: ${titleFromMeaning(f.insight.meaning).replace(/^./, (c) => c.toLowerCase())}` } : null,
  assess: ({ facts: f }) => `${who(f.decisive)}'s sign-in to ${app(f.decisive)} failed with error ${f.code}: ${meaningOf(f)}`,
  actions: (c) => [
    {
      text: c.facts.insight?.remedy ?? 'See what the code means.',
      who: c.facts.insight?.fixer ?? 'helpdesk',
      ...(c.facts.insight?.fixer === 'user' ? {} : { link: userLink(c.facts.decisive) }),
    },
  ],
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
