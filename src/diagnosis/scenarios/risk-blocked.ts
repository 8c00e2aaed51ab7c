import { links } from '../links.ts';
import { riskWords } from '../words.ts';
import { userLink } from './action-links.ts';
import { cite, codeEvidence, policyEvidence } from './evidence.ts';
import { caRefusal, isRiskPolicy } from './facts.ts';
import { defineScenario, failing } from './scenario.ts';
import { app, from, policyNames } from './sentence-words.ts';

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
    return `The sign-in to ${app(d)}${from(d)} was judged ${d.riskLevelDuringSignIn ?? 'risky'} risk${d.riskEventTypes_v2?.length ? ` (${riskWords(d.riskEventTypes_v2)})` : ''}, and ${risky.length ? `${policyNames(risky)} ${risky.length === 1 ? 'blocks' : 'block'}` : 'a risk policy blocks'} sign-ins at that risk. The password was ${d.authenticationDetails?.some((x) => x.authenticationMethod === 'Password' && x.succeeded) ? 'correct, so if this was not the user, someone else knows it' : 'checked before the risk decision'}.`;
  },
  actions: (c) => [
    {
      text: 'Treat this as a possible account compromise: review the risky sign-in, and confirm with the user whether it was them.',
      who: 'admin',
      link: { title: 'Risky sign-ins', url: links.riskySignIns() },
    },
    {
      text: 'If it was not the user: reset the password, revoke sessions, and confirm the sign-in compromised. If it was: have them sign in from a usual place, or dismiss the risk.',
      who: 'admin',
      link: userLink(c.facts.decisive),
    },
  ],
  fix: () => 'with no risk',
  remediations: (c) =>
    c.facts.decisive.authenticationDetails?.some((x) => x.authenticationMethod === 'Password' && x.succeeded)
      ? ['confirmCompromised', 'revokeSessions', 'resetPasswordHandoff', 'dismissRisk']
      : ['dismissRisk'],
  readsConditionalAccess: true,
});
