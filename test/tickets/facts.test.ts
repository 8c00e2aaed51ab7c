import { describe, expect, it } from 'vitest';
import { bobsBlock } from './fixtures.ts';
import { teamsMessageLink, ticketFacts, ticketSummary, type TicketFacts } from '../../src/tickets/facts.ts';
import { jiraText, jiraWikiBody, plainText, plainTextBody } from '../../src/tickets/formats.ts';

const form = {
  priority: '3' as const,
  note: 'He says it worked yesterday',
  forWhom: 'Bob Kelly',
  openedBy: 'Megan Bowen',
  openedAt: '2026-11-20T10:42:00.000Z',
  message: { chatId: '19:abc@thread.v2', messageId: '1700000000000', chat: false },
};

describe('what a ticket holds', () => {
  it('has who, when, the app, the diagnosis, the three ids, the policies, the actions, the links and who opened it', async () => {
    const { d, bob, attempt } = await bobsBlock();
    const t = ticketFacts(d, form);
    expect(t.person).toEqual({ id: bob.id, name: bob.displayName, upn: bob.userPrincipalName });
    expect(t.when).toBe(attempt.decisive.createdDateTime);
    expect(t.app).toBe('Salesforce');
    expect(t.scenario).toBe('ca-grant-failed');
    expect(t.errorCode).toBe(53000);
    expect(t.ids.correlationId).toBe(attempt.correlationId);
    expect(t.ids.requestId).toBe(d.support.requestId);
    expect(t.policies.map((p) => p.name).join()).toMatch(/CA004/);
    expect(t.actions.length).toBeGreaterThan(0);
    expect(t.links.diagnosis).toBe('https://teams.microsoft.com/l/message/19%3Aabc%40thread.v2/1700000000000');
    expect(t.links.signInLog).toMatch(/^https:\/\/entra\.microsoft\.com\//);
    expect(t.openedBy).toBe('Megan Bowen');
    expect(ticketSummary(t)).toMatch(/^Sign-in failure: Bob Kelly to Salesforce: /);
    const text = plainTextBody(t);
    for (const s of [
      attempt.correlationId,
      d.support.requestId,
      bob.userPrincipalName!,
      bob.id,
      'He says it worked yesterday',
      'Megan Bowen',
      t.links.diagnosis!,
    ])
      expect(text).toContain(s);
  });

  it('links a personal chat with its context, a channel message without', () => {
    expect(teamsMessageLink({ chatId: 'a:1', messageId: '9', chat: true })).toBe(
      'https://teams.microsoft.com/l/message/a%3A1/9?context=%7B%22contextType%22%3A%22chat%22%7D',
    );
    expect(teamsMessageLink({ chatId: '19:x@thread.tacv2', messageId: '9', chat: false })).not.toContain('?');
  });
});

describe('log text in each format', () => {
  const hostile = '*Block* [click](http://evil.example) {color:red}x{color} |a|b| h1. Heading\n# list -- !img.png!';
  const t = (over: Partial<TicketFacts>): TicketFacts => ({
    person: { id: 'u1', name: hostile, upn: 'bob@contoso.com' },
    forWhom: hostile,
    when: '2026-11-20T10:00:00Z',
    app: 'App',
    resource: null,
    scenario: 'ca-blocked',
    title: 'Blocked',
    assessment: 'A policy blocked it.',
    errorCode: 53003,
    ids: { correlationId: 'c1', requestId: 'r1', timestamp: '2026-11-20T10:00:00Z' },
    policies: [{ name: hostile, summary: 'blocked access' }],
    actions: [],
    links: { signInLog: 'https://entra.microsoft.com/#view/x' },
    priority: '2',
    note: `${hostile}\u0007\u202e`,
    openedBy: 'Megan',
    openedAt: '2026-11-20T10:42:00Z',
    ...over,
  });

  it('Jira: every wiki character escaped, one line per value, so nothing from the log is markup or a link', () => {
    const body = jiraWikiBody(t({}));
    expect(jiraText(hostile)).toBe(
      '\\*Block\\* \\[click\\](http://evil.example) \\{color:red\\}x\\{color\\} \\|a\\|b\\| h1. Heading \\# list \\-\\- \\!img.png\\!',
    );
    // Unescaped, only our own markup: headings at line starts, bullets, bold labels, our links.
    const unescaped = body.replace(/\\./g, '');
    expect(unescaped).not.toMatch(/\{color|!img|\[click/);
    expect(body.split('\n').filter((l) => l && !/^(h3\. |\* )/.test(l))).toEqual([]);
    expect(body).toContain('[Entra admin center|https://entra.microsoft.com/#view/x]');
  });

  it('ServiceNow: plain text without control or direction characters, and no [code] tag', () => {
    expect(plainText('a\u0000b\u202ec [code]<b>x</b>[/code]')).toBe('abc [code\u200b]<b>x</b>[/code\u200b]');
    const body = plainTextBody(t({}));
    expect(body).not.toMatch(/[\u0007\u202e]/);
    expect(body).toContain('*Block* [click](http://evil.example)');
  });
});
