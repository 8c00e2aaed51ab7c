import { describe, expect, it } from 'vitest';
import type { Command } from '../../src/conversation/command.ts';
import { parseMessage } from '../../src/conversation/parse.ts';
import { sampleContext } from '../../scripts/eval-parse.ts';

/**
 * Every message issue 15 quotes, with the command it must read as: the parser given the
 * sample tenant's people and apps (as `signin-diag parse` and the bot give it), and where
 * it matters without them. The clock is the sample tenant's, the asker in Redmond.
 */
const withDirectory = sampleContext();
const withoutDirectory = sampleContext(false);

const BOB = { user: 'bob.kelly@contoso.com', userId: 'eefd60fd-3290-4084-876f-84dec519fc41', userDisplayName: 'Bob Kelly' };
const TODAY = { since: '2026-11-20T08:00:00.000Z', until: '2026-11-21T01:00:00.000Z' };
/** Fields that name someone or something: absent unless the case names them. */
const NAMING = ['user', 'userText', 'userId', 'userCandidates', 'app', 'correlationId', 'requestId', 'errorCode', 'ip', 'policyFilter'] as const;

function expectCommand(text: string, expected: Partial<Command>, ctx = withDirectory): Command {
  const c = parseMessage(text, ctx);
  expect(c, text).toMatchObject(expected);
  for (const k of NAMING) if (!(k in expected)) expect(c[k], `${text}: ${k} should be absent`).toBeUndefined();
  return c;
}

describe('leftover words are not people', () => {
  it('"is anyone locked out right now?" is everyone\'s lockouts, not a person called "right"', () => {
    expectCommand('is anyone locked out right now?', { intent: 'lockouts' });
    expectCommand('is anyone locked out right now?', { intent: 'lockouts' }, withoutDirectory);
  });

  it('"whats wrong with the scanner account" is the scanner account (its UPN), not "wrong"', () => {
    expectCommand('whats wrong with the scanner account', {
      intent: 'diagnose',
      ...{ user: 'scanner@contoso.com', userText: 'scanner', userId: '562f62de-0acb-4844-8e50-f0ace174813b', userDisplayName: 'Scan To Mail' },
    });
    expectCommand('whats wrong with the scanner account', { intent: 'diagnose', user: 'scanner' }, withoutDirectory);
  });

  it('"can you look at corr id <GUID>" is that attempt, not a person "corr id"', () => {
    const id = '0e2d8324-774f-4ac0-b319-86a3133eb625';
    expectCommand(`can you look at corr id ${id}`, { intent: 'diagnose', correlationId: id });
    expectCommand(`can you look at corr id ${id}`, { intent: 'diagnose', correlationId: id }, withoutDirectory);
  });

  it('"asdf qwerty banana??" is help, not "person not found"', () => {
    const c = expectCommand('asdf qwerty banana??', { intent: 'help', unclear: true });
    expect(c.understood).toEqual([]);
  });
});

describe('a near name is asked about, never chosen (one rule for every near match)', () => {
  it('"why did jon fail" offers Joni Sherman and looks nobody up', () => {
    const c = expectCommand('why did jon fail', {
      intent: 'diagnose',
      userText: 'jon',
      userCandidates: [{ id: 'fe830ada-9f43-46cc-9956-1d7b7099987b', displayName: 'Joni Sherman', userPrincipalName: 'joni.sherman@contoso.com' }],
    });
    expect(c.understood[0]).toMatch(/did you mean Joni Sherman/);
  });

  it('"bobb kelley" offers Bob Kelly the same way', () => {
    expectCommand('why did bobb kelley fail', {
      intent: 'diagnose',
      userText: 'bobb kelley',
      userCandidates: [{ id: BOB.userId, displayName: 'Bob Kelly', userPrincipalName: BOB.user }],
    });
  });

  it('a first name two people share is asked about with both (and the name stays for the pick-a-person card)', () => {
    const c = expectCommand('why did alex fail', {
      intent: 'diagnose',
      user: 'alex',
      userText: 'alex',
      userCandidates: expect.any(Array) as Command['userCandidates'],
    });
    expect(c.userCandidates?.map((p) => p.displayName)).toEqual(['Alex Johnson', 'Alex Wilber']);
  });
});

describe('questions about many people', () => {
  it('everyone who failed today', () => expectCommand('everyone who failed today', { intent: 'failures', ...TODAY }));
  it('everyone with error X', () => expectCommand('everyone with error 50126', { intent: 'failures', errorCode: 50126 }));
  it('everything blocked for app Y', () =>
    expectCommand('everything blocked for Salesforce', { intent: 'failures', app: 'Salesforce', appText: 'Salesforce', blockedOnly: true }));
  it("all sign-ins from an IP are that IP's sign-ins", () => expectCommand('all sign-ins from 185.220.101.47', { intent: 'list', ip: '185.220.101.47' }));
  it('all failures from an IP', () => expectCommand('all failures from 185.220.101.47', { intent: 'failures', ip: '185.220.101.47' }));
});

describe("one person's lockout, policies, hypotheticals, alerts", () => {
  it('"is bob locked out?" is his lockout state, not a CA diagnosis', () =>
    expectCommand('is bob locked out?', { intent: 'lock-state', ...BOB, userText: 'bob' }));
  it('which policies apply to bob', () => expectCommand('which policies apply to bob', { intent: 'policies-for', ...BOB, userText: 'bob' }));
  it('which policies apply to Salesforce', () => expectCommand('which policies apply to Salesforce', { intent: 'policies-for', app: 'Salesforce' }));
  it('which policies are report-only', () => expectCommand('which policies are report-only', { intent: 'policies-for', policyFilter: 'report-only' }));
  it('which policies target guests', () => expectCommand('which policies target guests', { intent: 'policies-for', policyFilter: 'guests' }));
  it('which policies exclude break-glass accounts', () =>
    expectCommand('which policies exclude break-glass accounts', { intent: 'policies-for', policyFilter: 'break-glass' }));

  it('"would bob be blocked if he signed in from Brazil" is a what-if for Bob, from Brazil', () => {
    const c = expectCommand('would bob be blocked if he signed in from Brazil', { intent: 'what-if', ...BOB, userText: 'bob' });
    expect(c.condition).toMatch(/from Brazil$/);
  });

  it('"alert me when…" subscribes', () => {
    expectCommand('alert me when someone gets locked out', { intent: 'subscribe' });
    expectCommand('alert me when', { intent: 'subscribe' });
  });

  it('"stop…" unsubscribes', () => {
    expectCommand('stop', { intent: 'unsubscribe' });
    expectCommand('stop the alerts', { intent: 'unsubscribe' });
  });

  it('"stop" words never subscribe: the classifier\'s guess is asked about instead', () => {
    for (const t of ['stop alerting me when someone is locked out', 'no more lockout alerts here'])
      expect(parseMessage(t, withDirectory).intent, t).not.toBe('subscribe');
  });
});
