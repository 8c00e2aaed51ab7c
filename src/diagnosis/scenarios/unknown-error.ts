import { msg } from '../../i18n/message.ts';
import { links } from '../links.ts';
import { act, page } from './action-links.ts';
import { cite, codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, whose } from './sentence-words.ts';

/** A code the catalog does not know: said honestly, with the code lookup. Always holds, so it comes last. */
export const unknownError = defineScenario({
  id: 'unknown-error',
  title: 'Failed with an error code we do not know',
  short: 'Unknown error',
  test: (f) => ({ evidence: [...codeEvidence(f), cite(f.decisive, 'status.failureReason', f.decisive.status.failureReason ?? '')] }),
  assess: ({ facts: f }) => {
    const values = { whose: whose(f.decisive), app: app(f.decisive), code: String(f.code) };
    const reason = f.decisive.status.failureReason;
    // The failure reason is the log's own words, quoted as recorded.
    return reason == null ? msg('engine.scenario.unknown-error.assessNoReason', values) : msg('engine.scenario.unknown-error.assess', { ...values, reason });
  },
  actions: (c) => [
    act(msg('engine.scenario.unknown-error.lookUp', { code: String(c.facts.code) }), 'helpdesk', page(msg('engine.link.signInLogs'), links.signInLogs())),
  ],
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
