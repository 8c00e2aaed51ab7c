import { msg } from '../../i18n/message.ts';
import { utc } from '../history.ts';
import { links } from '../links.ts';
import { act, page, userLink } from './action-links.ts';
import { codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, findingText, from, sentences, who } from './sentence-words.ts';

/** A wrong user name or password (50126, 50056, 50034); the findings tell someone typing from a client replaying a stale password, or an attack. */
export const invalidCredentials = defineScenario({
  id: 'invalid-credentials',
  title: 'Wrong user name or password',
  short: 'Wrong password',
  test: (f) => ([50126, 50056, 50034].includes(f.code) ? { evidence: codeEvidence(f) } : null),
  assess: ({ facts: f, findings, input, verdict }) => {
    const d = f.decisive;
    const upn = d.userPrincipalName ?? '';
    if (f.code === 50034 && verdict === 'attack') {
      const users = input.ipFailureUsers[d.ipAddress ?? ''];
      return msg('engine.scenario.invalid-credentials.assessAttackUnknownName', {
        upn,
        from: from(d),
        accounts: users === undefined ? msg('engine.phrase.many') : String(users),
        // history.ts's windowWords, as a phrase: the hours and the window's end (a UTC time the card localizes).
        window: msg('engine.phrase.window', { hours: input.historyHours, until: utc(input.historyWindow.until) }),
      });
    }
    const passwordVerdict = findingText(findings, 'password-verdict');
    return f.code === 50034
      ? sentences(msg('engine.scenario.invalid-credentials.assessUnknownName', { upn, from: from(d) }), passwordVerdict)
      : sentences(msg('engine.scenario.invalid-credentials.assessWrongPassword', { user: who(d), app: app(d), from: from(d) }), passwordVerdict);
  },
  actions: (c) => {
    const d = c.facts.decisive;
    const namedLocations = () => page(msg('engine.link.namedLocations'), links.namedLocations());
    if (c.verdict === 'attack') {
      if (c.facts.code === 50034)
        return [act(msg('engine.scenario.invalid-credentials.blockSprayingIp', { upn: d.userPrincipalName ?? '' }), 'admin', namedLocations())];
      return [
        act(msg('engine.scenario.invalid-credentials.guessing'), 'admin', namedLocations()),
        act(msg('engine.scenario.invalid-credentials.noUserAction'), 'helpdesk'),
      ];
    }
    if (c.facts.code === 50034) return [act(msg('engine.scenario.invalid-credentials.noSuchUser'), 'user')];
    if (c.verdict === 'stale-password') {
      return [
        act(msg('engine.scenario.invalid-credentials.updateSaved'), 'user'),
        act(msg('engine.scenario.invalid-credentials.untilThen'), 'helpdesk', userLink(d)),
      ];
    }
    return [act(msg('engine.scenario.invalid-credentials.rightPassword'), 'user', page(msg('engine.link.sspr'), links.selfServiceReset()))];
  },
  fix: null,
  remediations: (c) => (c.verdict === 'stale-password' ? ['revokeSessions'] : c.verdict === 'attack' || c.facts.code === 50034 ? [] : ['resetPasswordHandoff']),
  readsConditionalAccess: false,
});
