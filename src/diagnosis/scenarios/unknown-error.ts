import { links } from '../links.ts';
import { cite, codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, who } from './sentence-words.ts';

/** A code the catalog does not know: said honestly, with the code lookup. Always holds, so it comes last. */
export const unknownError = defineScenario({
  id: 'unknown-error',
  title: 'Failed with an error code we do not know',
  short: 'Unknown error',
  test: (f) => ({ evidence: [...codeEvidence(f), cite(f.decisive, 'status.failureReason', f.decisive.status.failureReason ?? '')] }),
  assess: ({ facts: f }) =>
    `${who(f.decisive)}'s sign-in to ${app(f.decisive)} failed with error ${f.code}, which our catalog does not know. The failure reason recorded was "${f.decisive.status.failureReason ?? 'none'}".`,
  actions: (c) => [
    {
      text: `Error ${c.facts.code} is not in our catalog. Look it up at https://login.microsoftonline.com/error?code=${c.facts.code}, read the failure reason on the event, and open a support request if it keeps happening.`,
      who: 'helpdesk',
      link: { title: 'Sign-in logs', url: links.signInLogs() },
    },
  ],
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
