import { describe, expect, it } from 'vitest';
import { Command } from '../../src/conversation/command.ts';
import { parseMessage } from '../../src/conversation/parse.ts';
import { sampleContext } from '../../scripts/eval-parse.ts';

/**
 * Pasted or hostile text gets help, never a lookup of a stray word: no person, no action
 * (subscribing a channel because a link said "here" would be one).
 */
const PASTED = [
  '[click here](https://evil.example/x)',
  '[bob](https://evil.example/steal?u=bob)',
  "users?$filter=startswith(displayName,'a')",
  "https://graph.microsoft.com/v1.0/auditLogs/signIns?$filter=userPrincipalName eq 'bob@contoso.com'&$top=50",
  '/users?$select=id,displayName&$filter=accountEnabled eq false',
  'SELECT * FROM users; DROP TABLE signins',
  "'; DROP TABLE users; --",
  "bob' OR '1'='1",
  'SigninLogs | where ResultType != 0 | take 10',
  'SigninLogs | summarize count() by UserPrincipalName | top 10 by count_',
  '<script>alert(1)</script>',
  '${user.password}',
  '{{7*7}}',
  'asdf qwerty banana??',
  'lorem ipsum dolor sit amet',
  'From: Lucy Smith <lucy@fabrikam.example>\nSent: Thursday, November 19, 2026 4:02 PM\nTo: Helpdesk\nSubject: printer\n\nHello, the printer on floor 3 is jammed again.\n\nCheers,\nLucy',
  'From: Megan Bowen <megan.bowen@contoso.com>\nSent: Friday, November 20, 2026 9:14 AM\nTo: IT Helpdesk <helpdesk@contoso.com>\nSubject: RE: cannot log in\n\nHi,\n\nStill not working, same error as before.\n\nThanks,\nMegan',
];

/** Without a directory a lone word is still read as a name (as "bob" must be): nothing says it is nobody's. */
const LONE_WORDS = new Set(['asdf qwerty banana??']);

describe('pasted and hostile text', () => {
  for (const [label, ctx, cases] of [
    ['with the directory', sampleContext(), PASTED],
    ['without a directory', sampleContext(false), PASTED.filter((t) => !LONE_WORDS.has(t))],
  ] as const) {
    describe(label, () => {
      it.each(cases)('%s → help, nobody looked up', (text) => {
        const c = parseMessage(text, ctx);
        expect(Command.safeParse(c).success).toBe(true);
        expect(c.intent).toBe('help');
        expect(c.user).toBeUndefined();
        expect(c.userText).toBeUndefined();
        expect(c.userId).toBeUndefined();
      });
    });
  }

  it('a link in a real question is dropped, the question read', () => {
    const c = parseMessage('bob cannot open https://myapps.microsoft.com since this morning', sampleContext());
    expect(c).toMatchObject({ intent: 'diagnose', userDisplayName: 'Bob Kelly', timeText: 'since this morning' });
  });
});
