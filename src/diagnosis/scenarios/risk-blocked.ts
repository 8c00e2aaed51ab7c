import { msg } from '../../i18n/message.ts';
import { links } from '../links.ts';
import { act, page, userLink } from './action-links.ts';
import { cite, codeEvidence, policyEvidence } from './evidence.ts';
import { caRefusal, isRiskPolicy } from './facts.ts';
import { defineScenario, failing } from './scenario.ts';
import { app, from, policyNames, riskLevelOf, sentences } from './sentence-words.ts';
import { risksOf } from '../words.ts';

/** Refused for sign-in or user risk (53011, 530034, or a failed policy with risk conditions): ahead of ca-blocked. */
export const riskBlocked = defineScenario({
  id: 'risk-blocked',
  title: 'Blocked because the sign-in was risky',
  short: 'Blocked: risky',
  test: (f) => {
    if (f.code === 53011 || f.code === 530034)
      return { evidence: [...codeEvidence(f), cite(f.decisive, 'riskLevelDuringSignIn', f.decisive.riskLevelDuringSignIn ?? 'not recorded')] };
    const risky = f.failed.filter((p) => isRiskPolicy(f, p));
    if (!caRefusal(f) || !risky.length) return null;
    return {
      evidence: [
        ...codeEvidence(f),
        ...risky.map((p) => policyEvidence(f, p)),
        cite(f.decisive, 'riskLevelDuringSignIn', f.decisive.riskLevelDuringSignIn ?? 'not recorded'),
      ],
    };
  },
  assess: ({ facts: f, policies }) => {
    const d = f.decisive;
    const risky = failing(policies).filter((p) => f.failed.some((x) => x.id === p.id && isRiskPolicy(f, x)));
    const values = {
      app: app(d),
      from: from(d),
      level: riskLevelOf(d.riskLevelDuringSignIn),
      detections: d.riskEventTypes_v2?.length ? msg('engine.phrase.riskDetections', { risks: risksOf(d.riskEventTypes_v2) }) : '',
    };
    const judged = !risky.length
      ? msg('engine.scenario.risk-blocked.assessRiskPolicy', values)
      : msg(risky.length === 1 ? 'engine.scenario.risk-blocked.assessPolicy' : 'engine.scenario.risk-blocked.assessPolicies', {
          ...values,
          policies: policyNames(risky),
        });
    const correct = d.authenticationDetails?.some((x) => x.authenticationMethod === 'Password' && x.succeeded);
    return sentences(judged, msg(correct ? 'engine.scenario.risk-blocked.passwordCorrect' : 'engine.scenario.risk-blocked.passwordChecked'));
  },
  actions: (c) => [
    act(msg('engine.scenario.risk-blocked.treatAsCompromise'), 'admin', page(msg('engine.link.riskySignIns'), links.riskySignIns())),
    act(msg('engine.scenario.risk-blocked.ifNotUser'), 'admin', userLink(c.facts.decisive)),
  ],
  fix: () => 'with no risk',
  remediations: (c) =>
    c.facts.decisive.authenticationDetails?.some((x) => x.authenticationMethod === 'Password' && x.succeeded)
      ? ['confirmCompromised', 'revokeSessions', 'resetPasswordHandoff', 'dismissRisk']
      : ['dismissRisk'],
  readsConditionalAccess: true,
});
