import { msg } from '../../i18n/message.ts';
import { act, methodsLink, userLink } from './action-links.ts';
import { cite, codeEvidence } from './evidence.ts';
import { mfaStepFailed } from './facts.ts';
import { defineScenario } from './scenario.ts';
import { app, from, sentences, who } from './sentence-words.ts';

/** The MFA step was reached and not finished: denied, timed out, no response, wrong code (500121, or a failed second factor). */
export const mfaNotCompleted = defineScenario({
  id: 'mfa-not-completed',
  title: 'MFA was not completed',
  short: 'MFA not completed',
  test: (f) => {
    const e = mfaStepFailed(f);
    if (f.code !== 500121 && !(f.code !== 0 && e)) return null;
    const step = e?.authenticationDetails?.find((s) => s.succeeded === false && /multi-?factor|mfa/i.test(s.authenticationStepRequirement ?? ''));
    return {
      evidence: [
        ...codeEvidence(f),
        ...(e && step ? [cite(e, 'authenticationDetails.authenticationStepResultDetail', step.authenticationStepResultDetail ?? 'failed')] : []),
      ],
    };
  },
  assess: ({ facts: f }) => {
    const d = f.decisive;
    const detail = f.events
      .flatMap((e) => e.authenticationDetails ?? [])
      .find((x) => x.succeeded === false && /multi-?factor|mfa/i.test(x.authenticationStepRequirement ?? ''))?.authenticationStepResultDetail;
    const values = { user: who(d), app: app(d), from: from(d) };
    // The step's detail is the log's own words ("MFA denied; user declined the authentication"), quoted as they are.
    return sentences(
      detail ? msg('engine.scenario.mfa-not-completed.assessDetail', { ...values, detail }) : msg('engine.scenario.mfa-not-completed.assess', values),
      /declined/i.test(detail ?? '') ? msg('engine.scenario.mfa-not-completed.declined') : undefined,
    );
  },
  actions: (c) => [
    act(msg('engine.scenario.mfa-not-completed.askUser'), 'helpdesk', userLink(c.facts.decisive)),
    act(msg('engine.scenario.mfa-not-completed.retry'), 'user', methodsLink(c.facts.decisive)),
  ],
  fix: () => 'with MFA',
  remediations: () => [],
  readsConditionalAccess: false,
});
