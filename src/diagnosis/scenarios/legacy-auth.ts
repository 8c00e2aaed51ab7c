import { isLegacyClient } from '../ca-evaluator.ts';
import { links } from '../links.ts';
import { policyLink, userLink } from './action-links.ts';
import { cite, codeEvidence, policyEvidence } from './evidence.ts';
import { caRefusal } from './facts.ts';
import { defineScenario, failing } from './scenario.ts';
import { app, findingText, from, policyNames, who } from './sentence-words.ts';

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
    if (compromise)
      return `${who(d)}'s password was used over ${d.clientAppUsed}, a legacy protocol, to sign in to ${app(d)}${from(d)}; ${failed.length ? `${policyNames(failed)} blocked it` : 'it was refused'}. ${compromise}`;
    return `${who(d)}'s ${d.clientAppUsed} client tried to sign in to ${app(d)}${from(d)}. ${d.clientAppUsed} is a legacy authentication protocol, which cannot do MFA; ${failed.length ? `${policyNames(failed)} blocked it` : f.code === 530035 ? 'security defaults blocked it' : `the sign-in was refused (${f.code})`}.`;
  },
  actions: (c) => {
    const deciding = failing(c.policies);
    if (c.compromise) {
      return [
        {
          text: 'Reset the password and revoke the user’s sessions now: someone else used the right password.',
          who: 'admin',
          link: userLink(c.facts.decisive),
        },
        {
          text: 'Confirm the user compromised in Risky sign-ins (or Risky users), so Identity Protection learns from it, and review what else was signed in to from that IP.',
          who: 'admin',
          link: { title: 'Risky sign-ins', url: links.riskySignIns() },
        },
        { text: 'Keep legacy authentication blocked: it is what stopped this sign-in.', who: 'admin', link: policyLink(deciding[0]) },
      ];
    }
    return [
      {
        text: `Move this client off ${c.facts.decisive.clientAppUsed}: use a modern-auth client (Outlook, or OAuth for SMTP/IMAP), or for a device such as a printer, a relay that does not sign in with a password.`,
        who: 'admin',
      },
      {
        text: 'Keep legacy authentication blocked; an exception re-opens password spraying against this account.',
        who: 'admin',
        link: policyLink(deciding[0]),
      },
    ];
  },
  fix: () => 'in a browser',
  remediations: (c) => (c.compromise ? ['confirmCompromised', 'revokeSessions', 'resetPasswordHandoff'] : []),
  readsConditionalAccess: true,
});
