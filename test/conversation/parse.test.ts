import { describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/conversation/parse.ts';
import type { Command } from '../../src/conversation/command.ts';

/**
 * Phrasings a helpdesk agent types, and what the parser must make of them. The clock is
 * the sample tenant's (Friday 20 Nov 2026, 17:00 in Redmond); the asker is in Redmond.
 */
const ctx = {
  now: '2026-11-21T01:00:00Z',
  timeZone: 'America/Los_Angeles',
  appNames: [
    'Salesforce',
    'Contoso Expenses',
    'Microsoft Teams',
    'Office 365 Exchange Online',
    'OfficeHome',
    'Azure Portal',
    'Office 365 SharePoint Online',
    'Microsoft Office',
    'Outlook Mobile',
    'My Signins',
  ],
};

// Local (PST, UTC-8) day boundaries as UTC instants.
const DAY = (d: number) => `2026-11-${String(d).padStart(2, '0')}T08:00:00.000Z`;
const TODAY = { since: DAY(20), until: '2026-11-21T01:00:00.000Z' };
const YESTERDAY = { since: DAY(19), until: DAY(20) };

type Case = [text: string, expected: Partial<Command>];

function check(cases: Case[]) {
  for (const [text, expected] of cases) {
    it(text, () => {
      const c = parseMessage(text, ctx);
      expect(c).toMatchObject(expected);
      for (const k of ['user', 'app', 'correlationId', 'requestId', 'errorCode', 'ip', 'since'] as const) {
        if (!(k in expected)) expect(c[k], `${k} should be absent`).toBeUndefined();
      }
    });
  }
}

describe('diagnose: why someone failed', () => {
  check([
    ['why did bob fail to sign in', { intent: 'diagnose', user: 'bob' }],
    ['why did bob fail to sign in?', { intent: 'diagnose', user: 'bob' }],
    ['Why did Bob fail to sign in', { intent: 'diagnose', user: 'Bob' }],
    ['WHY DID BOB FAIL', { intent: 'diagnose', user: 'BOB' }],
    ['why cant bob sign in', { intent: 'diagnose', user: 'bob' }],
    ["why can't bob sign in", { intent: 'diagnose', user: 'bob' }],
    ['why can’t bob log in', { intent: 'diagnose', user: 'bob' }],
    ['bob cannot sign in', { intent: 'diagnose', user: 'bob' }],
    ['bob is unable to log in', { intent: 'diagnose', user: 'bob' }],
    ["bob couldn't get into his account", { intent: 'diagnose', user: 'bob' }],
    ['bob failed to login', { intent: 'diagnose', user: 'bob' }],
    ['bob failing sign-ins', { intent: 'diagnose', user: 'bob' }],
    ['problem with bob signing in', { intent: 'diagnose', user: 'bob' }],
    ['bob has a sign-in issue', { intent: 'diagnose', user: 'bob' }],
    ['bob gets an error when logging in', { intent: 'diagnose', user: 'bob' }],
    ['diagnose bob', { intent: 'diagnose', user: 'bob' }],
    ['bob', { intent: 'diagnose', user: 'bob' }],
    ['whyy did bob fial to sign in', { intent: 'diagnose', user: 'bob' }],
    ['why did bob faild', { intent: 'diagnose', user: 'bob' }],
    ['why is bob blocked', { intent: 'diagnose', user: 'bob' }],
    ['why was bob denied', { intent: 'diagnose', user: 'bob' }],
    // Issue 15: one person's lockout state now is its own intent, not a diagnosis of their failures.
    ['is bob locked out?', { intent: 'lock-state', user: 'bob' }],
    ['why was megan locked out', { intent: 'diagnose', user: 'megan' }],
    ['why did Zoë Müller fail to sign in', { intent: 'diagnose', user: 'Zoë Müller' }],
    ['why cant Zoe Muller log in', { intent: 'diagnose', user: 'Zoe Muller' }],
    ['José García cannot sign in', { intent: 'diagnose', user: 'José García' }],
    ['tomás ó briain cant sign in', { intent: 'diagnose', user: 'tomás ó briain' }],
    ["why did o'brien fail", { intent: 'diagnose', user: "o'brien" }],
    ['why did Dean fail', { intent: 'diagnose', user: 'Dean' }],
    ['why did Megan fail', { intent: 'diagnose', user: 'Megan' }],
    ['why did alex fail', { intent: 'diagnose', user: 'alex' }],
    ['why did Alex Wilber fail to sign in', { intent: 'diagnose', user: 'Alex Wilber' }],
    ['bob.kelly@contoso.com failed to sign in', { intent: 'diagnose', user: 'bob.kelly@contoso.com' }],
    ['why did Bob.Kelly@Contoso.com fail', { intent: 'diagnose', user: 'Bob.Kelly@Contoso.com' }],
    ['can you check bob.kelly@contoso.com please', { intent: 'diagnose', user: 'bob.kelly@contoso.com' }],
    [
      'why cant the guest ana.souza_fabrikam.com#EXT#@contoso.onmicrosoft.com get in',
      { intent: 'diagnose', user: 'ana.souza_fabrikam.com#EXT#@contoso.onmicrosoft.com' },
    ],
    ['ana.souza@fabrikam.com is blocked', { intent: 'diagnose', user: 'ana.souza@fabrikam.com' }],
    ['why did bob get error 50126', { intent: 'diagnose', user: 'bob', errorCode: 50126 }],
    ['bob got AADSTS53000', { intent: 'diagnose', user: 'bob', errorCode: 53000 }],
    ['bob is getting AADSTS53003 on salesforce', { intent: 'diagnose', user: 'bob', errorCode: 53003, app: 'Salesforce' }],
  ]);
});

describe('diagnose: Teams markup, HTML and punctuation', () => {
  check([
    ['<at>Sign-in Diagnostics</at> why did bob fail to sign in?', { intent: 'diagnose', user: 'bob' }],
    ['<at>Sign-in Diagnostics</at>&nbsp;why did bob fail', { intent: 'diagnose', user: 'bob' }],
    ['<p>why did <b>bob</b> fail to sign in</p>', { intent: 'diagnose', user: 'bob' }],
    ['<div>why can&#39;t bob sign in</div>', { intent: 'diagnose', user: 'bob' }],
    ['hey bot, why did bob fail?', { intent: 'diagnose', user: 'bob' }],
    ['   why   did   bob   fail   ', { intent: 'diagnose', user: 'bob' }],
    ['why did bob fail!!!', { intent: 'diagnose', user: 'bob' }],
    ['"why did bob fail"', { intent: 'diagnose', user: 'bob' }],
    ['why did bob fail to sign in to salesforce<br>thanks', { intent: 'diagnose', user: 'bob', app: 'Salesforce' }],
    ['<at>Sign-in Diagnostics</at> <at>Miriam Graham</at> why did bob fail', { intent: 'diagnose', user: 'bob' }],
  ]);
});

describe('diagnose: apps', () => {
  check([
    ['why did bob fail to sign in to Salesforce', { intent: 'diagnose', user: 'bob', app: 'Salesforce' }],
    ['why cant bob get into salesforce', { intent: 'diagnose', user: 'bob', app: 'Salesforce' }],
    ['why did bob fail to sign into salesfroce', { intent: 'diagnose', user: 'bob', app: 'Salesforce' }],
    ['bob cant open Contoso Expenses', { intent: 'diagnose', user: 'bob', app: 'Contoso Expenses' }],
    ['why cant bob use teams', { intent: 'diagnose', user: 'bob', app: 'Microsoft Teams' }],
    ['bob cannot get into outlook', { intent: 'diagnose', user: 'bob', app: 'Office 365 Exchange Online' }],
    ['bob fails on OWA', { intent: 'diagnose', user: 'bob', app: 'Office 365 Exchange Online' }],
    ['bob cannot reach the azure portal', { intent: 'diagnose', user: 'bob', app: 'Azure Portal' }],
    ['why cant nestor open the portal', { intent: 'diagnose', user: 'nestor', app: 'Azure Portal' }],
    ['bob sharepoint error', { intent: 'diagnose', user: 'bob', app: 'Office 365 SharePoint Online' }],
    ['bob cant open onedrive', { intent: 'diagnose', user: 'bob', app: 'Office 365 SharePoint Online' }],
    ['why did bob fail on Microsoft Teams', { intent: 'diagnose', user: 'bob', app: 'Microsoft Teams' }],
    ['why did bob fail on app c44b4083-3bb0-49c1-b47d-974e53cbdf3c', { intent: 'diagnose', user: 'bob', app: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c' }],
    ['bob failed on the Outlook Mobile app', { intent: 'diagnose', user: 'bob', app: 'Outlook Mobile' }],
  ]);
});

describe('diagnose: ids and IPs', () => {
  check([
    ['diagnose correlation id 0e2d8324-774f-4ac0-b319-86a3133eb625', { intent: 'diagnose', correlationId: '0e2d8324-774f-4ac0-b319-86a3133eb625' }],
    ['0e2d8324-774f-4ac0-b319-86a3133eb625', { intent: 'diagnose', correlationId: '0e2d8324-774f-4ac0-b319-86a3133eb625' }],
    ['Correlation ID: 0E2D8324-774F-4AC0-B319-86A3133EB625', { intent: 'diagnose', correlationId: '0e2d8324-774f-4ac0-b319-86a3133eb625' }],
    ['what happened in 0e2d8324-774f-4ac0-b319-86a3133eb625?', { intent: 'diagnose', correlationId: '0e2d8324-774f-4ac0-b319-86a3133eb625' }],
    ['request id 96a6e08e-9977-4706-9f67-3dc3b78ede60', { intent: 'diagnose', requestId: '96a6e08e-9977-4706-9f67-3dc3b78ede60' }],
    ['Request ID: 96a6e08e-9977-4706-9f67-3dc3b78ede60', { intent: 'diagnose', requestId: '96a6e08e-9977-4706-9f67-3dc3b78ede60' }],
    [
      'correlation 0e2d8324-774f-4ac0-b319-86a3133eb625 request 96a6e08e-9977-4706-9f67-3dc3b78ede60',
      { intent: 'diagnose', correlationId: '0e2d8324-774f-4ac0-b319-86a3133eb625', requestId: '96a6e08e-9977-4706-9f67-3dc3b78ede60' },
    ],
    [
      'user saw correlation id 0e2d8324-774f-4ac0-b319-86a3133eb625 on the error page',
      { intent: 'diagnose', correlationId: '0e2d8324-774f-4ac0-b319-86a3133eb625' },
    ],
    ['why did 185.220.101.47 fail', { intent: 'diagnose', ip: '185.220.101.47' }],
    // Issue 15: everyone's failures from an IP are the tenant-wide failures list, not a diagnosis.
    ['failures from 185.220.101.47', { intent: 'failures', ip: '185.220.101.47' }],
    ['why did bob fail from 73.20.30.40', { intent: 'diagnose', user: 'bob', ip: '73.20.30.40' }],
    ['bob failing from 2001:db8:85a3:0:0:8a2e:370:7334', { intent: 'diagnose', user: 'bob', ip: '2001:db8:85a3:0:0:8a2e:370:7334' }],
  ]);
});

describe('time phrases, in the asker’s zone', () => {
  check([
    ['why did bob fail yesterday', { intent: 'diagnose', user: 'bob', ...YESTERDAY, timeText: 'yesterday' }],
    ['why did bob fail today', { intent: 'diagnose', user: 'bob', ...TODAY }],
    // Parts of a day are office hours (test/conversation/time-window.test.ts): morning 06-12, night 20:00-06:00.
    ['why did bob fail this morning', { intent: 'diagnose', user: 'bob', since: '2026-11-20T14:00:00.000Z', until: '2026-11-20T20:00:00.000Z' }],
    ['why did bob fail this afternoon', { intent: 'diagnose', user: 'bob', since: '2026-11-20T20:00:00.000Z', until: '2026-11-21T01:00:00.000Z' }],
    ['why did bob fail yesterday morning', { intent: 'diagnose', user: 'bob', since: '2026-11-19T14:00:00.000Z', until: '2026-11-19T20:00:00.000Z' }],
    ['why did bob fail yesterday afternoon', { intent: 'diagnose', user: 'bob', since: '2026-11-19T20:00:00.000Z', until: '2026-11-20T02:00:00.000Z' }],
    ['why did bob fail last night', { intent: 'diagnose', user: 'bob', since: '2026-11-20T04:00:00.000Z', until: '2026-11-20T14:00:00.000Z' }],
    ['why did bob fail in the last 2 hours', { intent: 'diagnose', user: 'bob', since: '2026-11-20T23:00:00.000Z', until: '2026-11-21T01:00:00.000Z' }],
    ['why did bob fail last 2 hours', { intent: 'diagnose', user: 'bob', since: '2026-11-20T23:00:00.000Z' }],
    ['why did bob fail in the past 30 minutes', { intent: 'diagnose', user: 'bob', since: '2026-11-21T00:30:00.000Z' }],
    ['why did bob fail in the last hour', { intent: 'diagnose', user: 'bob', since: '2026-11-21T00:00:00.000Z' }],
    ['why did bob fail over the last 3 days', { intent: 'diagnose', user: 'bob', since: '2026-11-18T01:00:00.000Z' }],
    ['why did bob fail in the last week', { intent: 'diagnose', user: 'bob', since: '2026-11-14T01:00:00.000Z' }],
    ['why did bob fail in the last two hours', { intent: 'diagnose', user: 'bob', since: '2026-11-20T23:00:00.000Z' }],
    ['why did bob fail on Tuesday', { intent: 'diagnose', user: 'bob', since: DAY(17), until: DAY(18) }],
    ['why did bob fail on tuesday', { intent: 'diagnose', user: 'bob', since: DAY(17), until: DAY(18) }],
    ['why did bob fail on Friday', { intent: 'diagnose', user: 'bob', since: DAY(20), until: '2026-11-21T01:00:00.000Z' }],
    ['why did bob fail on Saturday', { intent: 'diagnose', user: 'bob', since: DAY(14), until: DAY(15) }],
    ['why did bob fail between 9 and 11am', { intent: 'diagnose', user: 'bob', since: '2026-11-20T17:00:00.000Z', until: '2026-11-20T19:00:00.000Z' }],
    ['why did bob fail between 9am and 11am', { intent: 'diagnose', user: 'bob', since: '2026-11-20T17:00:00.000Z', until: '2026-11-20T19:00:00.000Z' }],
    ['why did bob fail between 1 and 3pm', { intent: 'diagnose', user: 'bob', since: '2026-11-20T21:00:00.000Z', until: '2026-11-20T23:00:00.000Z' }],
    ['why did bob fail from 9:30 to 10:15am', { intent: 'diagnose', user: 'bob', since: '2026-11-20T17:30:00.000Z', until: '2026-11-20T18:15:00.000Z' }],
    [
      'why did bob fail yesterday between 9 and 11am',
      { intent: 'diagnose', user: 'bob', since: '2026-11-19T17:00:00.000Z', until: '2026-11-19T19:00:00.000Z' },
    ],
    ['why did bob fail around 3pm', { intent: 'diagnose', user: 'bob', since: '2026-11-20T22:30:00.000Z', until: '2026-11-20T23:30:00.000Z' }],
    ['why did bob fail at 10am', { intent: 'diagnose', user: 'bob', since: '2026-11-20T17:30:00.000Z', until: '2026-11-20T18:30:00.000Z' }],
    ['why did bob fail at 8pm', { intent: 'diagnose', user: 'bob', since: '2026-11-20T03:30:00.000Z', until: '2026-11-20T04:30:00.000Z' }],
    ['why did bob fail on Tuesday around 9am', { intent: 'diagnose', user: 'bob', since: '2026-11-17T16:30:00.000Z', until: '2026-11-17T17:30:00.000Z' }],
    ['why did bob fail yesterday around 3pm', { intent: 'diagnose', user: 'bob', since: '2026-11-19T22:30:00.000Z', until: '2026-11-19T23:30:00.000Z' }],
    ['why did bob fail since monday', { intent: 'diagnose', user: 'bob', since: DAY(16), until: '2026-11-21T01:00:00.000Z' }],
    ['why did bob fail on Nov 18', { intent: 'diagnose', user: 'bob', since: DAY(18), until: DAY(19) }],
    ['why did bob fail on 18 November', { intent: 'diagnose', user: 'bob', since: DAY(18), until: DAY(19) }],
    ['why did bob fail on 2026-11-18', { intent: 'diagnose', user: 'bob', since: DAY(18), until: DAY(19) }],
    ['bob failed 9-11am yesterday', { intent: 'diagnose', user: 'bob', since: '2026-11-19T17:00:00.000Z', until: '2026-11-19T19:00:00.000Z' }],
  ]);

  it('the same words in another zone give another window', () => {
    const c = parseMessage('why did bob fail yesterday', { ...ctx, timeZone: 'Europe/Berlin' });
    expect(c.since).toBe('2026-11-19T23:00:00.000Z');
    expect(c.until).toBe('2026-11-20T23:00:00.000Z');
  });

  it('no time said: no window (the caller applies the last 48 hours)', () => {
    expect(parseMessage('why did bob fail', ctx).since).toBeUndefined();
  });

  it('a window never ends after now', () => {
    expect(Date.parse(parseMessage('why did bob fail today', ctx).until!)).toBeLessThanOrEqual(Date.parse(ctx.now));
  });
});

describe('list: show sign-ins', () => {
  check([
    [
      "show alice's sign-ins to Salesforce this morning",
      { intent: 'list', user: 'alice', app: 'Salesforce', since: '2026-11-20T14:00:00.000Z', until: '2026-11-20T20:00:00.000Z' },
    ],
    ["show alice's sign-ins", { intent: 'list', user: 'alice' }],
    ['show sign-ins for alice', { intent: 'list', user: 'alice' }],
    ['list sign ins for alice', { intent: 'list', user: 'alice' }],
    ['list signins for alice yesterday', { intent: 'list', user: 'alice', ...YESTERDAY }],
    ['alice sign-in history', { intent: 'list', user: 'alice' }],
    ['show me all of alice’s attempts', { intent: 'list', user: 'alice' }],
    ['look at sign-ins for dean', { intent: 'list', user: 'dean' }],
    ['show me everything for Ana Souza since monday', { intent: 'list', user: 'Ana Souza', since: DAY(16) }],
    ['sign-ins from 185.220.101.47 in the last 2 hours', { intent: 'list', ip: '185.220.101.47', since: '2026-11-20T23:00:00.000Z' }],
    ['show salesforce sign-ins today', { intent: 'list', app: 'Salesforce', ...TODAY }],
    ['display bob logins', { intent: 'list', user: 'bob' }],
    ['list bob.kelly@contoso.com attempts', { intent: 'list', user: 'bob.kelly@contoso.com' }],
    ["view megan's activity yesterday", { intent: 'list', user: 'megan', ...YESTERDAY }],
  ]);
});

describe('explain-code', () => {
  check([
    ['what does 53003 mean', { intent: 'explain-code', errorCode: 53003 }],
    ['what does AADSTS53003 mean?', { intent: 'explain-code', errorCode: 53003 }],
    ['explain AADSTS50126', { intent: 'explain-code', errorCode: 50126 }],
    ['explain 50126', { intent: 'explain-code', errorCode: 50126 }],
    ['aadsts50053', { intent: 'explain-code', errorCode: 50053 }],
    ['AADSTS 50053', { intent: 'explain-code', errorCode: 50053 }],
    ['AADSTS: 50053', { intent: 'explain-code', errorCode: 50053 }],
    ['whats 500121', { intent: 'explain-code', errorCode: 500121 }],
    ["what's error 50076", { intent: 'explain-code', errorCode: 50076 }],
    ['error code 700016?', { intent: 'explain-code', errorCode: 700016 }],
    ['meaning of 7000112', { intent: 'explain-code', errorCode: 7000112 }],
    ['53003', { intent: 'explain-code', errorCode: 53003 }],
    ['what is AADSTS90094', { intent: 'explain-code', errorCode: 90094 }],
    ['explian 50055', { intent: 'explain-code', errorCode: 50055 }],
    ['users are getting 53003 what does it mean', { intent: 'explain-code', errorCode: 53003 }],
  ]);
});

describe('lockouts', () => {
  check([
    ['is anyone locked out', { intent: 'lockouts' }],
    ['is anyone locked out?', { intent: 'lockouts' }],
    ['who is locked out', { intent: 'lockouts' }],
    ['who is locked out today', { intent: 'lockouts', ...TODAY }],
    ['any lockouts?', { intent: 'lockouts' }],
    ['lockouts today', { intent: 'lockouts', ...TODAY }],
    ['show lockouts', { intent: 'lockouts' }],
    ['locked accounts', { intent: 'lockouts' }],
    ['lockd out users', { intent: 'lockouts' }],
    ['anybody locked out in the last hour', { intent: 'lockouts', since: '2026-11-21T00:00:00.000Z' }],
    ['<at>Sign-in Diagnostics</at> is anyone locked out', { intent: 'lockouts' }],
  ]);
});

describe('flagged, policies, what-if, subscriptions, help', () => {
  check([
    ['show flagged sign-ins', { intent: 'flagged' }],
    ['flagged sign-ins', { intent: 'flagged' }],
    ['any flagged sign-ins today', { intent: 'flagged', ...TODAY }],
    ['which sign-ins were flagged for review', { intent: 'flagged' }],
    ['flaged signins', { intent: 'flagged' }],
    ['check my policies', { intent: 'check-policies' }],
    ["why can't I sign in", { intent: 'diagnose', user: 'me' }],
    ['why did my sign-in fail', { intent: 'diagnose', user: 'me' }],
    // Issue 15: the asker's own lockout state.
    ['am I locked out?', { intent: 'lock-state', user: 'me' }],
    ['show my sign-ins to Salesforce', { intent: 'list', user: 'me', app: 'Salesforce' }],
    ['tell me what 50126 means', { intent: 'explain-code', errorCode: 50126 }],
    ['check our conditional access policies', { intent: 'check-policies' }],
    ['review CA policies', { intent: 'check-policies' }],
    ['audit the policies', { intent: 'check-policies' }],
    [
      'what if bob signs in to Salesforce from an unmanaged iPhone',
      { intent: 'what-if', user: 'bob', app: 'Salesforce', condition: 'from an unmanaged iPhone' },
    ],
    ['what if megan were on a compliant device', { intent: 'what-if', user: 'megan', condition: 'on a compliant device' }],
    ['what if alice signs in from Brazil', { intent: 'what-if', user: 'alice', condition: 'from Brazil' }],
    ['what-if bob uses teams with MFA', { intent: 'what-if', user: 'bob', app: 'Microsoft Teams', condition: 'with MFA' }],
    ['whatif nestor opens the azure portal from home', { intent: 'what-if', user: 'nestor', app: 'Azure Portal', condition: 'from home' }],
    ['notify this channel about lockouts', { intent: 'subscribe' }],
    ['alert me about lockouts', { intent: 'subscribe' }],
    ['post lockout alerts here', { intent: 'subscribe' }],
    ['subscribe to lockout notifications', { intent: 'subscribe' }],
    ['please notify us when someone is locked out', { intent: 'subscribe' }],
    ['stop lockout notifications', { intent: 'unsubscribe' }],
    ['unsubscribe', { intent: 'unsubscribe' }],
    ['stop notifying this channel', { intent: 'unsubscribe' }],
    ['disable lockout alerts', { intent: 'unsubscribe' }],
    ['mute lockout notifications', { intent: 'unsubscribe' }],
    ['help', { intent: 'help' }],
    ['Help!', { intent: 'help' }],
    ['hi', { intent: 'help' }],
    ['hello', { intent: 'help' }],
    ['what can you do', { intent: 'help' }],
    ['commands', { intent: 'help' }],
    ['<at>Sign-in Diagnostics</at>', { intent: 'help' }],
    ['', { intent: 'help' }],
    ['?', { intent: 'help' }],
  ]);
});

describe('what it cannot read gets help that says what it did understand', () => {
  it('"why did it fail" names nobody', () => {
    const c = parseMessage('why did it fail', ctx);
    expect(c).toMatchObject({ intent: 'help', unclear: true });
  });

  it('a failure on an app at a time, with no person, is still a diagnosis of what was given', () => {
    const c = parseMessage('why are sign-ins to salesforce failing this morning', ctx);
    expect(c.intent).toBe('diagnose');
    expect(c.app).toBe('Salesforce');
    expect(c.understood).toEqual(['app Salesforce', 'time "this morning"']);
  });

  it('understood lists every recognised part', () => {
    const c = parseMessage('why did bob fail to sign in to salesforce yesterday from 73.20.30.40 with AADSTS53000', ctx);
    expect(c.understood).toEqual(['person "bob"', 'app Salesforce', 'error code 53000', 'IP address 73.20.30.40', 'time "yesterday"']);
  });

  it('never throws on odd input', () => {
    for (const t of [
      '<<<>>>',
      '&&&',
      '💥💥',
      'a'.repeat(5000),
      '\u0000\u0001',
      '<at>',
      '0000000000000000',
      'why '.repeat(300),
      '@@@@',
      'bob@',
      '@contoso.com',
    ]) {
      expect(() => parseMessage(t, ctx)).not.toThrow();
    }
  });
});

describe('the time as it is said back', () => {
  // "who failed to sign in this week" was answered "131 failed sign-ins … in this week": the "in" belongs to "sign in".
  it.each([
    ['who failed to sign in this week', 'this week'],
    ['who failed to sign in today', 'today'],
    ['failures in the last 2 hours', 'in the last 2 hours'],
    ['why did bob fail in the afternoon', 'in the afternoon'],
  ])('%s → "%s"', (text, said) => {
    expect(parseMessage(text, ctx).timeText).toBe(said);
  });
});
