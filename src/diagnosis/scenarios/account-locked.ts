import { msg } from '../../i18n/message.ts';
import { links } from '../links.ts';
import { act, page, userLink } from './action-links.ts';
import { cite, codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, findingText, from, sentences, whoMid, whose } from './sentence-words.ts';

/** 50053: smart lockout, or a block of an IP failing for many users; the findings say which, and where the attempts came from. */
export const accountLocked = defineScenario({
  id: 'account-locked',
  title: 'Account locked',
  short: 'Locked',
  test: (f) => (f.code === 50053 ? { evidence: [...codeEvidence(f), cite(f.decisive, 'status.failureReason', f.decisive.status.failureReason ?? '')] } : null),
  assess: ({ facts: f, findings }) => {
    const d = f.decisive;
    const kind = findingText(findings, 'lockout-kind');
    const verdict = findingText(findings, 'password-verdict');
    if (findings.find((x) => x.kind === 'lockout-kind')?.data?.kind === 'malicious-ip')
      return sentences(
        msg('engine.scenario.account-locked.assessMaliciousIp', { whose: whose(d), from: from(d), user: whoMid(d), lockoutKind: kind ?? '' }),
        verdict,
      );
    return sentences(msg('engine.scenario.account-locked.assess', { whose: whose(d), app: app(d), from: from(d) }), kind, verdict);
  },
  actions: (c) =>
    c.lockKind === 'malicious-ip'
      ? [
          act(msg('engine.scenario.account-locked.usualNetwork'), 'helpdesk'),
          act(msg('engine.scenario.account-locked.reviewIp'), 'admin', page(msg('engine.link.signInLogs'), links.signInLogs())),
        ]
      : [
          act(msg('engine.scenario.account-locked.waitOrReset'), 'user', page(msg('engine.link.sspr'), links.selfServiceReset())),
          act(
            msg(c.verdict === 'stale-password' ? 'engine.scenario.account-locked.findStaleDevice' : 'engine.scenario.account-locked.checkSources'),
            'helpdesk',
            userLink(c.facts.decisive),
          ),
        ],
  fix: null,
  remediations: (c) => (c.lockKind === 'malicious-ip' ? [] : c.verdict === 'stale-password' ? ['revokeSessions'] : ['revokeSessions', 'resetPasswordHandoff']),
  readsConditionalAccess: false,
});
