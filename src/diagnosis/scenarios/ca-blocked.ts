import { grantOf } from '../policies.ts';
import { policyLink } from './action-links.ts';
import { codeEvidence, policyEvidence } from './evidence.ts';
import { defineScenario, failing } from './scenario.ts';
import { app, from, policyNames, resourceWords, who } from './sentence-words.ts';

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
    const why = failed[0]?.conditions.filter((c) => c.met).map((c) => c.reason);
    return `${who(d)}'s sign-in to ${app(d)}${resourceWords(d)}${from(d)} was blocked by Conditional Access: ${failed.length ? policyNames(failed) : 'a policy'} applied and its control is Block.${why?.length ? ` It applied because ${why.join('; ')}.` : ''}`;
  },
  actions: (c) => {
    const deciding = failing(c.policies);
    return [
      {
        text: `Confirm with the user what they were doing: ${deciding[0]?.displayName ?? 'a Conditional Access policy'} blocks it by design${
          deciding[0]?.conditions.length
            ? ` (${deciding[0].conditions
                .filter((x) => x.met)
                .map((x) => x.reason)
                .join('; ')})`
            : ''
        }.`,
        who: 'helpdesk',
        link: policyLink(deciding[0]),
      },
      {
        text: 'If the block is wrong for this user, an admin changes the policy (an exclusion or a named location) and tests it with What If.',
        who: 'admin',
        link: policyLink(deciding[0]),
      },
    ];
  },
  fix: null,
  remediations: () => [],
  readsConditionalAccess: true,
});
