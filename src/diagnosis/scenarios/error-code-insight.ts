import { msg } from '../../i18n/message.ts';
import { titleFromMeaning } from '../words.ts';
import { act, userLink } from './action-links.ts';
import { codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, meaningOf, whose } from './sentence-words.ts';

/** A code the catalog knows that no scenario above explains (expired password, disabled account…): the code's meaning is the title. */
export const errorCodeInsight = defineScenario({
  id: 'error-code-insight',
  title: 'Sign-in failed',
  short: 'Failed',
  test: (f) =>
    f.insight ? { evidence: codeEvidence(f), title: `Sign-in failed: ${titleFromMeaning(f.insight.meaning).replace(/^./, (c) => c.toLowerCase())}` } : null,
  assess: ({ facts: f }) =>
    msg('engine.scenario.error-code-insight.assess', { whose: whose(f.decisive), app: app(f.decisive), code: String(f.code), meaning: meaningOf(f) }),
  actions: (c) => {
    const i = c.facts.insight;
    return [
      act(
        i ? i.remedyMsg : msg('engine.scenario.error-code-insight.seeMeaning'),
        i?.fixer ?? 'helpdesk',
        i?.fixer === 'user' ? undefined : userLink(c.facts.decisive),
      ),
    ];
  },
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
