import { utc } from '../history.ts';
import { links } from '../links.ts';
import { codeEvidence } from './evidence.ts';
import { defineScenario } from './scenario.ts';
import { app, meaningOf, who } from './sentence-words.ts';

/** A failure inside pass-through authentication: the agents, on-premises AD, time skew, logon hours (80001–80014). */
export const pta = defineScenario({
  id: 'pta',
  title: 'Pass-through authentication failed',
  short: 'Pass-through auth failed',
  test: (f) => (f.insight?.category === 'pta' || (f.code >= 80001 && f.code <= 80014) ? { evidence: codeEvidence(f) } : null),
  assess: ({ facts: f }) => {
    const d = f.decisive;
    if (f.code === 80012)
      return `On-premises Active Directory refused ${who(d)}'s sign-in to ${app(d)} at ${utc(d.createdDateTime)} because it is outside the logon hours set on their account. The pass-through agents worked; the account's logon hours decided.`;
    return `Pass-through authentication could not check ${who(d)}'s password against on-premises Active Directory: ${meaningOf(f)}`;
  },
  actions: (c) => {
    if (c.facts.code === 80012) {
      return [
        {
          text: `${c.facts.decisive.userDisplayName ?? 'The user'} may sign in only during the logon hours set on their account in on-premises Active Directory: sign in within them, or an admin changes the hours (Active Directory Users and Computers → the account → Account → Logon Hours).`,
          who: 'admin',
        },
        { text: 'This is a setting of this one account, not the pass-through agents: nothing to restart.', who: 'helpdesk' },
      ];
    }
    return [
      {
        text: c.facts.insight?.remedy ?? 'Check the pass-through authentication agents.',
        who: 'admin',
        link: { title: 'Pass-through authentication agents', url: links.passThroughAgents() },
      },
      { text: 'If several users fail at the same time, it is the agents, not the users: tell them to retry once the agents are healthy.', who: 'helpdesk' },
    ];
  },
  fix: null,
  remediations: () => [],
  readsConditionalAccess: false,
});
