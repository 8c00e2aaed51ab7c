import { msg } from '../../i18n/message.ts';
import { isLegacyClient } from '../ca-evaluator.ts';
import { links } from '../links.ts';
import { act, page, policyLink, userLink } from './action-links.ts';
import { cite, codeEvidence, policyEvidence } from './evidence.ts';
import { caRefusal } from './facts.ts';
import { defineScenario, failing } from './scenario.ts';
import { app, findingText, from, policyNames, sentences, whose } from './sentence-words.ts';

/** A legacy protocol (IMAP, POP, SMTP, ActiveSync…) refused by CA or security defaults: ahead of ca-blocked when the client is legacy. */
export const legacyAuth = defineScenario({
  id: 'legacy-auth',
  title: 'Legacy authentication blocked',
  short: 'Legacy auth blocked',
  test: (f) =>
    isLegacyClient(f.decisive.clientAppUsed) && (caRefusal(f) || f.code === 530035)
      ? {
          evidence: [cite(f.decisive, 'clientAppUsed', f.decisive.clientAppUsed), ...codeEvidence(f), ...f.failed.slice(0, 2).map((p) => policyEvidence(f, p))],
        }
      : null,
  assess: ({ facts: f, policies, findings }) => {
    const d = f.decisive;
    const failed = failing(policies);
    const compromise = findingText(findings, 'compromise');
    const values = { whose: whose(d), client: d.clientAppUsed ?? '', app: app(d), from: from(d) };
    if (compromise)
      return sentences(
        failed.length
          ? msg('engine.scenario.legacy-auth.assessCompromisePolicies', { ...values, policies: policyNames(failed) })
          : msg('engine.scenario.legacy-auth.assessCompromiseRefused', values),
        compromise,
      );
    if (failed.length) return msg('engine.scenario.legacy-auth.assessPolicies', { ...values, policies: policyNames(failed) });
    return f.code === 530035
      ? msg('engine.scenario.legacy-auth.assessSecurityDefaults', values)
      : msg('engine.scenario.legacy-auth.assessRefused', { ...values, code: String(f.code) });
  },
  actions: (c) => {
    const deciding = failing(c.policies);
    if (c.compromise) {
      return [
        act(msg('engine.scenario.legacy-auth.resetNow'), 'admin', userLink(c.facts.decisive)),
        act(msg('engine.scenario.legacy-auth.confirmCompromised'), 'admin', page(msg('engine.link.riskySignIns'), links.riskySignIns())),
        act(msg('engine.scenario.legacy-auth.keepBlockedStopped'), 'admin', policyLink(deciding[0])),
      ];
    }
    return [
      act(msg('engine.scenario.legacy-auth.moveClient', { client: c.facts.decisive.clientAppUsed ?? '' }), 'admin'),
      act(msg('engine.scenario.legacy-auth.keepBlocked'), 'admin', policyLink(deciding[0])),
    ];
  },
  fix: () => 'in a browser',
  remediations: (c) => (c.compromise ? ['confirmCompromised', 'revokeSessions', 'resetPasswordHandoff'] : []),
  readsConditionalAccess: true,
});
