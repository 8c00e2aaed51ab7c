import { msg } from '../../i18n/message.ts';
import { isExternal } from '../policies.ts';
import { act, policyLink } from './action-links.ts';
import { cite, codeEvidence, policyEvidence } from './evidence.ts';
import { caRefusal } from './facts.ts';
import { defineScenario, failing } from './scenario.ts';
import { app, policyNames, reasonsOf, resourceWords, sentences, who } from './sentence-words.ts';

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
    const guest = d.homeTenantName
      ? msg('engine.scenario.b2b-blocked.guestFrom', { user: who(d), tenant: d.homeTenantName })
      : msg(d.homeTenantId ? 'engine.scenario.b2b-blocked.guestFromElsewhere' : 'engine.scenario.b2b-blocked.guest', { user: who(d) });
    const blocker = failed.length ? policyNames(failed) : msg('engine.phrase.caWithCode', { code: String(f.code) });
    const values = { app: app(d), resource: resourceWords(d), blocker };
    const blocked = failed[0]?.conditions.some((c) => c.condition === 'users' && c.met)
      ? msg('engine.scenario.b2b-blocked.blockedBecause', { ...values, reasons: reasonsOf(failed[0].conditions.filter((c) => c.met)) })
      : msg('engine.scenario.b2b-blocked.blocked', values);
    return sentences(guest, blocked);
  },
  actions: (c) => {
    const d = c.facts.decisive;
    const deciding = failing(c.policies);
    return [
      act(
        msg('engine.scenario.b2b-blocked.tellGuest', {
          policy: deciding[0]?.displayName ?? msg('engine.phrase.aPolicy'),
          resource: d.resourceDisplayName ?? app(d),
        }),
        'helpdesk',
        policyLink(deciding[0]),
      ),
      act(msg('engine.scenario.b2b-blocked.crossTenant'), 'admin'),
    ];
  },
  fix: null,
  remediations: () => [],
  readsConditionalAccess: true,
});
