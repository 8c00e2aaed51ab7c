import { links } from '../links.ts';
import { userLink } from './action-links.ts';
import { cite, codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, findingText, from, who } from './sentence-words.ts';

/** 50053: smart lockout, or a block of an IP failing for many users; the findings say which, and where the attempts came from. */
export const accountLocked = defineScenario({
  id: 'account-locked',
  title: 'Account locked',
  short: 'Locked',
  test: (f) => (f.code === 50053 ? { evidence: [...codeEvidence(f), cite(f.decisive, 'status.failureReason', f.decisive.status.failureReason ?? '')] } : null),
  assess: ({ facts: f, findings }) => {
    const d = f.decisive;
    if (findings.find((x) => x.kind === 'lockout-kind')?.data?.kind === 'malicious-ip')
      return `The sign-in to ${who(d)}'s account${from(d)} was refused with the lockout code (50053), but ${who(d)} is not locked out: ${findingText(findings, 'lockout-kind')} ${findingText(findings, 'password-verdict') ?? ''}`.trim();
    return `${who(d)}'s account was locked when signing in to ${app(d)}${from(d)}. ${findingText(findings, 'lockout-kind') ?? ''} ${findingText(findings, 'password-verdict') ?? ''}`.trim();
  },
  actions: (c) =>
    c.lockKind === 'malicious-ip'
      ? [
          { text: 'The user can sign in from their usual network; the block is on the attacking IP, not on them.', who: 'helpdesk' },
          {
            text: 'Review the sign-ins from that IP across the tenant and make sure the targeted accounts have MFA.',
            who: 'admin',
            link: { title: 'Sign-in logs', url: links.signInLogs() },
          },
        ]
      : [
          {
            text: 'Wait for the lockout to lift (a minute at first), then sign in with the right password, or reset it with self-service password reset.',
            who: 'user',
            link: { title: 'Self-service password reset', url: links.selfServiceReset() },
          },
          {
            text:
              c.verdict === 'stale-password'
                ? 'Find the device or app that keeps sending the old password (see the sources) and update or remove the account there; otherwise it will lock the user again.'
                : 'Check where the failed attempts came from (listed above): if the user does not recognise those places or devices, treat it as an attack and reset the password.',
            who: 'helpdesk',
            link: userLink(c.facts.decisive),
          },
        ],
  fix: null,
  remediations: (c) => (c.lockKind === 'malicious-ip' ? [] : c.verdict === 'stale-password' ? ['revokeSessions'] : ['revokeSessions', 'resetPasswordHandoff']),
  readsConditionalAccess: false,
});
