import { methodsLink, userLink } from './action-links.ts';
import { cite, codeEvidence } from './evidence.ts';
import { mfaStepFailed } from './facts.ts';
import { defineScenario } from './scenario.ts';
import { app, from, who } from './sentence-words.ts';

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
    const step = f.events
      .flatMap((e) => e.authenticationDetails ?? [])
      .find((x) => x.succeeded === false && /multi-?factor|mfa/i.test(x.authenticationStepRequirement ?? ''));
    return `${who(d)} entered the right password for ${app(d)}${from(d)}, then did not complete MFA${step?.authenticationStepResultDetail ? `: ${step.authenticationStepResultDetail}` : ''}.${/declined/i.test(step?.authenticationStepResultDetail ?? '') ? ' A declined prompt the user did not expect can mean someone else has the password.' : ''}`;
  },
  actions: (c) => [
    {
      text: 'Ask the user whether they started this sign-in. If not, their password is known to someone else: reset it and revoke sessions.',
      who: 'helpdesk',
      link: userLink(c.facts.decisive),
    },
    {
      text: 'If it was them: retry and approve the prompt; if prompts do not arrive, check the registered methods.',
      who: 'user',
      link: methodsLink(c.facts.decisive),
    },
  ],
  fix: () => 'with MFA',
  remediations: () => [],
  readsConditionalAccess: false,
});
