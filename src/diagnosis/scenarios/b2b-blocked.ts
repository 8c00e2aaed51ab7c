import { isExternal } from '../policies.ts';
import { policyLink } from './action-links.ts';
import { cite, codeEvidence, policyEvidence } from './evidence.ts';
import { caRefusal } from './facts.ts';
import { defineScenario, failing } from './scenario.ts';
import { app, policyNames, resourceWords, who } from './sentence-words.ts';

/** A guest or cross-tenant user refused by CA or cross-tenant access: ahead of ca-blocked and ca-grant-failed for external users. */
export const b2bBlocked = defineScenario({
  id: 'b2b-blocked',
  title: 'Guest access blocked',
  short: 'Guest blocked',
  test: (f) => {
    if (!isExternal(f.decisive) || !(caRefusal(f) || f.code === 500212 || f.code === 500213)) return null;
    const d = f.decisive;
    const guest = d.userType ? cite(d, 'userType', d.userType) : cite(d, 'homeTenantId', `${d.homeTenantId} (resource tenant ${d.resourceTenantId})`);
    return {
      evidence: [
        guest,
        ...(d.crossTenantAccessType ? [cite(d, 'crossTenantAccessType', d.crossTenantAccessType)] : []),
        ...codeEvidence(f),
        ...f.failed.slice(0, 2).map((p) => policyEvidence(f, p)),
      ],
    };
  },
  assess: ({ facts: f, policies }) => {
    const d = f.decisive;
    const failed = failing(policies);
    return `${who(d)} is a guest${d.homeTenantName ? ` from ${d.homeTenantName}` : d.homeTenantId ? ' from another organisation' : ''}. The sign-in to ${app(d)}${resourceWords(d)} was blocked by ${failed.length ? policyNames(failed) : `Conditional Access (${f.code})`}${
      failed[0]?.conditions.some((c) => c.condition === 'users' && c.met)
        ? `: ${failed[0].conditions
            .filter((c) => c.met)
            .map((c) => c.reason)
            .join('; ')}`
        : ''
    }.`;
  },
  actions: (c) => {
    const d = c.facts.decisive;
    const deciding = failing(c.policies);
    return [
      {
        text: `Tell the guest that ${deciding[0]?.displayName ?? 'a policy'} blocks external users from ${d.resourceDisplayName ?? d.appDisplayName}; if they need it, an admin decides whether to exclude them or grant access another way.`,
        who: 'helpdesk',
        link: policyLink(deciding[0]),
      },
      { text: 'If the block is meant to come from cross-tenant access settings, check them for the guest’s home tenant.', who: 'admin' },
    ];
  },
  fix: null,
  remediations: () => [],
  readsConditionalAccess: true,
});
