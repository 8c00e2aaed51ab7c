import { windowWords } from '../history.ts';
import { links } from '../links.ts';
import { userLink } from './action-links.ts';
import { codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, findingText, from, who } from './sentence-words.ts';

/** A wrong user name or password (50126, 50056, 50034); the findings tell someone typing from a client replaying a stale password, or an attack. */
export const invalidCredentials = defineScenario({
  id: 'invalid-credentials',
  title: 'Wrong user name or password',
  short: 'Wrong password',
  test: (f) => ([50126, 50056, 50034].includes(f.code) ? { evidence: codeEvidence(f) } : null),
  assess: ({ facts: f, findings, input, verdict }) => {
    const d = f.decisive;
    if (f.code === 50034 && verdict === 'attack')
      return `Part of an attack, not a typo: "${d.userPrincipalName}" does not exist in this tenant, and it was tried${from(d)}, an address that failed for ${input.ipFailureUsers[d.ipAddress ?? ''] ?? 'many'} different accounts ${windowWords(input)}. Attackers try common names (admin, test) beside real ones.`;
    const passwordVerdict = findingText(findings, 'password-verdict');
    return f.code === 50034
      ? `Someone tried to sign in as "${d.userPrincipalName}", a user name that does not exist in this tenant${from(d)}.${passwordVerdict ? ` ${passwordVerdict}` : ''}`
      : `${who(d)} (or something using their account) entered a wrong password for ${app(d)}${from(d)}. ${passwordVerdict ?? ''}`.trim();
  },
  actions: (c) => {
    const d = c.facts.decisive;
    if (c.verdict === 'attack') {
      if (c.facts.code === 50034) {
        return [
          {
            text: `Nothing to correct in the user name: "${d.userPrincipalName}" was tried by the same IP that is guessing passwords for many accounts. Block that IP with a named location and a block policy, and make sure the real accounts have MFA.`,
            who: 'admin',
            link: { title: 'Named locations', url: links.namedLocations() },
          },
        ];
      }
      return [
        {
          text: 'Someone is guessing passwords for many accounts from one IP. Make sure the targeted accounts have MFA, and consider blocking the IP with a named location.',
          who: 'admin',
          link: { title: 'Named locations', url: links.namedLocations() },
        },
        { text: 'No action needed from the user unless they could not sign in themselves.', who: 'helpdesk' },
      ];
    }
    if (c.facts.code === 50034) return [{ text: 'No such user: check the spelling of the user name and that it belongs to this tenant.', who: 'user' }];
    if (c.verdict === 'stale-password') {
      return [
        { text: 'Update the password saved in the app or device that keeps failing (see the sources), or remove the account from it.', who: 'user' },
        {
          text: 'Until then it will keep failing; repeated failures of the same old password do not usually lock the account, but a new wrong password will.',
          who: 'helpdesk',
          link: userLink(d),
        },
      ];
    }
    return [
      {
        text: 'Enter the right password, or reset it with self-service password reset.',
        who: 'user',
        link: { title: 'Self-service password reset', url: links.selfServiceReset() },
      },
    ];
  },
  fix: null,
  remediations: (c) => (c.verdict === 'stale-password' ? ['revokeSessions'] : c.verdict === 'attack' || c.facts.code === 50034 ? [] : ['resetPasswordHandoff']),
  readsConditionalAccess: false,
});
