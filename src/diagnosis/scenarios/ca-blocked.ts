import { msg } from '../../i18n/message.ts';
import { grantOf } from '../policies.ts';
import { act, policyLink } from './action-links.ts';
import { codeEvidence, policyEvidence } from './evidence.ts';
import { defineScenario, failing } from './scenario.ts';
import { app, from, policyNames, reasonsOf, resourceWords, sentences, whose } from './sentence-words.ts';

/** A Conditional Access policy whose control is Block applied (53003, 530032, or a failed Block policy). */
export const caBlocked = defineScenario({
  id: 'ca-blocked',
  title: 'Blocked by Conditional Access',
  short: 'Blocked by CA',
  test: (f) => {
    const blocks = f.failed.filter((p) => (p.enforcedGrantControls ?? []).map(grantOf).includes('block'));
    if (f.code === 53003 || f.code === 530032 || (f.code !== 0 && blocks.length))
      return { evidence: [...codeEvidence(f), ...(blocks.length ? blocks : f.failed).slice(0, 3).map((p) => policyEvidence(f, p))] };
    return null;
  },
  assess: ({ facts: f, policies }) => {
    const d = f.decisive;
    const failed = failing(policies);
    const why = failed[0]?.conditions.filter((c) => c.met) ?? [];
    return sentences(
      msg('engine.scenario.ca-blocked.assess', {
        whose: whose(d),
        app: app(d),
        resource: resourceWords(d),
        from: from(d),
        policies: failed.length ? policyNames(failed) : msg('engine.phrase.aPolicy'),
      }),
      why.length ? msg('engine.scenario.ca-blocked.appliedBecause', { reasons: reasonsOf(why) }) : undefined,
    );
  },
  actions: (c) => {
    const deciding = failing(c.policies);
    const first = deciding[0];
    const policy = first?.displayName ?? msg('engine.phrase.aCaPolicy');
    return [
      act(
        first?.conditions.length
          ? msg('engine.scenario.ca-blocked.confirmWhy', { policy, reasons: reasonsOf(first.conditions.filter((x) => x.met)) })
          : msg('engine.scenario.ca-blocked.confirm', { policy }),
        'helpdesk',
        policyLink(first),
      ),
      act(msg('engine.scenario.ca-blocked.changePolicy'), 'admin', policyLink(first)),
    ];
  },
  fix: null,
  remediations: () => [],
  readsConditionalAccess: true,
});
