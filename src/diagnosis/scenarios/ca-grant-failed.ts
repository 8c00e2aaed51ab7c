import { msg } from '../../i18n/message.ts';
import { grantOf } from '../policies.ts';
import { act, policyLink } from './action-links.ts';
import { cite, codeEvidence, policyEvidence } from './evidence.ts';
import { MFA_PROMPT_CODES } from './facts.ts';
import { defineScenario, failing } from './scenario.ts';
import { app, meaningOf, policyNames, resourceWords, sentences, whose } from './sentence-words.ts';
import { requirementMsg } from '../words.ts';

/** A CA grant control other than Block or MFA was not met: compliant or hybrid joined device, approved app, app protection, terms of use… */
export const caGrantFailed = defineScenario({
  id: 'ca-grant-failed',
  title: 'A Conditional Access requirement was not met',
  short: 'CA requirement not met',
  test: (f) => {
    const grantFailures = f.failed.filter((p) => (p.enforcedGrantControls ?? []).map(grantOf).some((g) => g !== 'block' && g !== 'mfa'));
    if ([53000, 53001, 53002, 53009].includes(f.code) || (f.code !== 0 && !MFA_PROMPT_CODES.has(f.code) && grantFailures.length)) {
      const d = f.decisive.deviceDetail;
      return {
        evidence: [
          ...codeEvidence(f),
          ...grantFailures.slice(0, 3).map((p) => policyEvidence(f, p)),
          ...(d ? [cite(f.decisive, 'deviceDetail.isCompliant', d.isCompliant ?? 'empty')] : []),
        ],
      };
    }
    return null;
  },
  assess: ({ facts: f, policies }) => {
    const d = f.decisive;
    const failed = failing(policies);
    const p = failed.find((x) => x.failedControl) ?? failed[0];
    const values = { whose: whose(d), app: app(d), resource: resourceWords(d) };
    return sentences(
      p
        ? msg('engine.scenario.ca-grant-failed.assess', { ...values, policy: policyNames([p]), requirement: requirementMsg(p.grantControls, p.operator) ?? '' })
        : msg('engine.scenario.ca-grant-failed.assessNoPolicy', values),
      p?.failedControl !== undefined ? (p.failedControlMsg ?? p.failedControl) : meaningOf(f),
    );
  },
  actions: (c) => [
    act(c.facts.insight ? c.facts.insight.remedyMsg : msg('engine.scenario.ca-grant-failed.meetRequirement'), 'user'),
    act(msg('engine.scenario.ca-grant-failed.checkIntune'), 'helpdesk'),
    act(msg('engine.scenario.ca-grant-failed.reviewPolicy'), 'admin', policyLink(failing(c.policies)[0])),
  ],
  // An app-protection or approved-app failure is not previewed as a compliant device: no safe guess.
  fix: (failedGrants) => {
    if (failedGrants.includes('compliantApplication') || failedGrants.includes('approvedApplication')) return undefined;
    return failedGrants.includes('domainJoinedDevice') && !failedGrants.includes('compliantDevice') ? 'on a hybrid joined device' : 'on a compliant device';
  },
  remediations: (c) => (c.facts.decisive.deviceDetail?.isCompliant === false ? ['deviceComplianceHandoff'] : []),
  readsConditionalAccess: true,
});
