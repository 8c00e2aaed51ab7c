import { beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import { lockoutAlertCard } from '../../src/cards/lockout-alert-card.ts';
import { escapeMarkdown, md, mdLink } from '../../src/cards/markdown.ts';
import type { Card } from '../../src/cards/render.ts';
import { explainCard, helpCard, noticeCard, pickUserCard } from '../../src/cards/simple-cards.ts';
import type { NotificationService } from '../../src/notify/service.ts';
import { diagnoseRequest } from '../../src/query/diagnose-attempts.ts';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { tenantFolder } from '../helpers/tenant-folder.ts';
import { validateCard } from '../helpers/validate-card.ts';

/**
 * Issue 14, item 6: text that came from a person or a log is shown as text. A tenant whose
 * every name, reason and place is hostile markdown is asked every question that makes a
 * card; no TextBlock or Fact in any of them holds a link we did not build, bold or code
 * from the data, a date function or an HTML tag. Our own markdown (bold policy names,
 * links to the Entra admin center) still works.
 */
const EVIL_LINK = '[click](https://evil.example)';
const evil = (what: string) => `${what} ${EVIL_LINK} **bold** _it_ \`code\` {{DATE(2020-01-01T00:00:00Z)}} <b>x</b> <https://evil.example/auto> &lt;`;
const NOW = '2026-11-20T12:00:00Z';
const EVE = 'u-eve';
const EVA = 'u-eva';

let source: TenantFolderSource;
let ctx: AnswerContext;

function hostileTenant(): string {
  const policy = (id: string, grant: string, over: Record<string, unknown> = {}) => ({
    id,
    displayName: evil(`policy ${id}`),
    state: 'enabled',
    conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'] },
    grantControls: { operator: 'OR', builtInControls: [grant] },
    ...over,
  });
  let n = 0;
  const row = (over: Record<string, unknown>) => ({
    id: `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`,
    createdDateTime: '2026-11-20T11:00:00Z',
    userId: EVE,
    userPrincipalName: 'eve@contoso.com',
    userDisplayName: evil('Eve'),
    appId: 'app-evil',
    appDisplayName: evil('app'),
    resourceId: 'app-evil',
    resourceDisplayName: evil('resource'),
    ipAddress: '198.51.100.7',
    clientAppUsed: evil('client'),
    correlationId: `c-${n}`,
    isInteractive: true,
    status: { errorCode: 0 },
    userType: 'member',
    deviceDetail: {
      deviceId: '',
      displayName: evil('device'),
      operatingSystem: evil('os'),
      browser: evil('browser'),
      isCompliant: false,
      isManaged: false,
      trustType: '',
    },
    location: { city: evil('city'), state: evil('state'), countryOrRegion: 'US' },
    appliedConditionalAccessPolicies: [],
    ...over,
  });
  return tenantFolder({
    'users.json': {
      value: [
        { id: EVE, displayName: evil('Eve'), givenName: 'Eve', userPrincipalName: 'eve@contoso.com', mail: 'eve@contoso.com' },
        { id: EVA, displayName: evil('Eva'), givenName: 'Eva', userPrincipalName: 'eva@contoso.com', mail: 'eva@contoso.com' },
      ],
    },
    'groups.json': { value: [{ id: 'g-evil', displayName: evil('group'), members: [{ id: EVE }] }] },
    'conditionalAccessPolicies.json': {
      value: [policy('p-compliant', 'compliantDevice'), policy('p-block', 'block', { state: 'enabledForReportingButNotEnforced' })],
    },
    'namedLocations.json': {
      value: [
        {
          '@odata.type': '#microsoft.graph.ipNamedLocation',
          id: 'loc-evil',
          displayName: evil('location'),
          isTrusted: true,
          ipRanges: [{ cidrAddress: '203.0.113.0/24' }],
        },
      ],
    },
    'servicePrincipals.json': { value: [{ id: 'sp-evil', appId: 'app-evil', displayName: evil('app') }] },
    'signIns.json': {
      value: [
        row({
          correlationId: 'c-ca',
          createdDateTime: '2026-11-20T11:30:00Z',
          flaggedForReview: true,
          status: { errorCode: 53000, failureReason: evil('reason'), additionalDetails: evil('details') },
          appliedConditionalAccessPolicies: [
            {
              id: 'p-compliant',
              displayName: evil('policy p-compliant'),
              result: 'failure',
              enforcedGrantControls: ['RequireCompliantDevice'],
              enforcedSessionControls: [],
            },
          ],
        }),
        ...[1, 2, 3].map((i) =>
          row({ correlationId: `c-pw-${i}`, createdDateTime: `2026-11-20T11:1${i}:00Z`, status: { errorCode: 50126, failureReason: evil('wrong password') } }),
        ),
        row({ correlationId: 'c-lock', createdDateTime: '2026-11-20T11:20:00Z', status: { errorCode: 50053, failureReason: evil('locked') } }),
        row({ correlationId: 'c-ok', createdDateTime: '2026-11-20T10:00:00Z' }),
      ],
    },
  });
}

/** Every piece of text Teams reads as markdown: TextBlock text, Fact title and value. */
function markdownTexts(card: unknown, out: string[] = []): string[] {
  if (Array.isArray(card)) for (const x of card) markdownTexts(x, out);
  else if (card && typeof card === 'object') {
    const o = card as Record<string, unknown>;
    if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
    if (o.type === 'FactSet' && Array.isArray(o.facts)) for (const f of o.facts as { title?: string; value?: string }[]) out.push(f.title ?? '', f.value ?? '');
    for (const v of Object.values(o)) markdownTexts(v, out);
  }
  return out;
}

/** True when the character at i is not preceded by an odd number of backslashes. */
const unescapedAt = (t: string, i: number) => {
  let k = 0;
  while (i - 1 - k >= 0 && t[i - 1 - k] === '\\') k++;
  return k % 2 === 0;
};

const OURS = [/^https:\/\/entra\.microsoft\.com\/#view\//, /^https:\/\/aka\.ms\//];

/** What a markdown reader would make of a text that it should not: links to elsewhere, markup from the data. */
function problems(card: Card): string[] {
  const found: string[] = [];
  for (const t of markdownTexts(card)) {
    for (let i = 0; i < t.length; i++) {
      const c = t[i]!;
      if (!unescapedAt(t, i)) continue;
      if (c === '[') {
        const m = /^\[((?:[^\]\\]|\\.)*)\]\(([^)\s]*)\)/.exec(t.slice(i));
        if (m && !OURS.some((r) => r.test(m[2]!))) found.push(`a link to ${m[2]} in: ${t}`);
      }
      if (c === '<') found.push(`an unescaped < in: ${t}`);
      if (c === '`') found.push(`an unescaped \` in: ${t}`);
      if (c === '{' && t[i + 1] === '{') found.push(`a date function in: ${t}`);
    }
    if (/(^|[^\\])\*\*bold/.test(t)) found.push(`bold from the data in: ${t}`);
    if (/(^|[^\\])_it/.test(t)) found.push(`italics from the data in: ${t}`);
    if (t.includes('{{DATE(')) found.push(`a date function in: ${t}`);
  }
  return found;
}

beforeAll(() => {
  source = new TenantFolderSource(hostileTenant());
  expect(source.loadProblems()).toEqual([]);
  ctx = { source, now: NOW, timeZone: 'UTC', appNames: source.appNames(), allUsers: source.allUsers() };
});

describe('text from people and logs is never a link or markup in a card', () => {
  const cards: [string, () => Promise<Card>][] = [
    ['diagnosis', async () => (await answerMessage('why did eve@contoso.com fail to sign in', ctx)).card!],
    ['summary', async () => (await answerMessage('show sign-ins for eve@contoso.com', ctx)).card!],
    ['summary, every column', async () => (await answerAction('showAttempts', { userId: EVE, columns: 'app,location,device,client,user' }, ctx)).card!],
    ['lockouts', async () => (await answerMessage('is anyone locked out', ctx)).card!],
    ['flagged', async () => (await answerMessage('show flagged sign-ins', ctx)).card!],
    ['pick-user', async () => (await answerMessage('why did ev fail', ctx)).card!],
    ['pick-user, built', async () => pickUserCard(EVIL_LINK, [...source.allUsers()], 'diagnose', {})],
    ['notice: a typed name', async () => (await answerMessage(`why did ${EVIL_LINK} fail`, ctx)).card!],
    ['notice: a typed button', async () => (await answerAction(evil('verb'), {}, ctx)).card!],
    ['notice, built', async () => noticeCard(evil('title'), [evil('line'), '# heading', '- item', '1. first', '> quote'])],
    ['help', async () => helpCard([evil('understood')], true)],
    ['explain', async () => explainCard(99999999, undefined)],
    // A message carrying a markdown link is read as pasted text and answered with help (test/conversation/hostile-text.test.ts); emphasis still reaches the card, and the subscription's group and channel names below are the stub's hostile text.
    ['what-if', async () => (await answerMessage('what if eve@contoso.com signs in from **bold** land', ctx)).card!],
    ['what-if from a diagnosis', async () => (await answerAction('whatIf', { correlationId: 'c-ca', change: evil('change') }, ctx)).card!],
    ['policy-check', async () => (await answerMessage('check my policies', ctx)).card!],
    [
      'subscription confirmation',
      async () => {
        const notify = {
          subscribe: async () => ({ created: true, subscription: { groupName: evil('group'), minUsers: 1 } }),
          unsubscribe: async () => true,
        } as unknown as NotificationService;
        return (
          await answerMessage('notify this channel about lockouts', {
            ...ctx,
            notify,
            conversation: { conversationId: 'c1', serviceUrl: 'http://x', channelId: 'msteams', conversationType: 'channel', where: evil('channel') },
          })
        ).card!;
      },
    ],
    [
      'lockout alert',
      async () => {
        const latest = (await diagnoseRequest(source, { correlationId: 'c-lock', now: NOW })).diagnoses[0];
        const base = { first: '2026-11-20T11:20:00Z', last: '2026-11-20T11:20:00Z', lockouts: 1, eventIds: ['e1'], version: 1 };
        return lockoutAlertCard(
          { ...base, key: `person:${EVE}`, kind: 'person', userIds: [EVE], ended: false, handledBy: evil('handler'), handledAt: NOW },
          latest,
          { [EVE]: evil('Eve') },
        );
      },
    ],
    [
      'lockout alert, spray',
      async () => {
        const base = { first: '2026-11-20T11:20:00Z', last: '2026-11-20T11:20:00Z', lockouts: 2, eventIds: ['e1'], version: 1 };
        return lockoutAlertCard({ ...base, key: 'spray:ip', kind: 'spray', userIds: [EVE, EVA], ip: '198.51.100.7', ended: false }, undefined, {
          [EVE]: evil('Eve'),
          [EVA]: evil('Eva'),
        });
      },
    ],
  ];

  for (const [name, make] of cards) {
    it(name, async () => {
      const card = await make();
      expect(validateCard(card)).toEqual([]);
      expect(problems(card)).toEqual([]);
      // The hostile text reached the card (escaped), so this case tests something; the parser keeps only words of a typed name, and an unknown verb is not repeated.
      if (!['explain', 'notice: a typed name', 'notice: a typed button'].includes(name))
        expect(markdownTexts(card).join('\n'), name).toMatch(/\\\[click\\\]\(https:\/\/evil\.example\)|\\\*\\\*bold/);
    });
  }

  it('our own markdown still works: bold policy names, links to the Entra admin center', async () => {
    const texts = markdownTexts((await answerMessage('why did eve@contoso.com fail to sign in', ctx)).card!);
    expect(texts.some((t) => t.startsWith('**policy p-compliant \\[click\\](https:\u2060//evil.example) \\*\\*bold\\*\\*') && t.includes('** — '))).toBe(true);
    const check = markdownTexts((await answerMessage('check my policies', ctx)).card!);
    expect(
      check.some((t) => /\[Open the policy\]\(https:\/\/entra\.microsoft\.com\/#view\/Microsoft_AAD_ConditionalAccess\/PolicyBlade\/policyId\/p-/.test(t)),
    ).toBe(true);
  });

  it('a card button carries the data as it was, unescaped (it is not shown; it is sent back)', async () => {
    const card = JSON.stringify((await answerMessage('show sign-ins for eve@contoso.com', ctx)).card);
    expect(card).toContain('"verb":"diagnose","data":{"correlationId":"c-ca","userId":"u-eve"}');
  });
});

describe('the escaping itself', () => {
  it('escapes what markdown reads, and only at the start of a line what only starts a line', () => {
    // The bare address inside is broken with an invisible joiner too (autolink.test.ts).
    expect(escapeMarkdown(EVIL_LINK)).toBe('\\[click\\](https:\u2060//evil.example)');
    expect(escapeMarkdown('**b** _i_ `c` <b> & \\')).toBe('\\*\\*b\\*\\* \\_i\\_ \\`c\\` \\<b> \\& \\\\');
    expect(escapeMarkdown('{{DATE(2020-01-01T00:00:00Z)}}')).toBe('\\{\\{DATE(2020-01-01T00:00:00Z)}}');
    expect(escapeMarkdown('- a\n+ b\r\n# c\n> d\n12. e\n3) f\n  - g\n===')).toBe('\\- a\n\\+ b\r\n\\# c\n\\> d\n12\\. e\n3\\) f\n  \\- g\n\\===');
    expect(escapeMarkdown('Bob Kelly-Smith #1 (bob@contoso.com) 2026-11-20 - 3 > 2')).toBe('Bob Kelly-Smith #1 (bob@contoso.com) 2026-11-20 - 3 > 2');
  });

  it('md keeps our markdown and escapes the values; mdLink takes only https and keeps the link whole', () => {
    expect(md`**${'[x](y)'}** — ${'_a_'}`.source).toBe('**\\[x\\](y)** — \\_a\\_');
    expect(mdLink('[t]', 'https://entra.microsoft.com/#view/x/id/a(b)').source).toBe('[\\[t\\]](https://entra.microsoft.com/#view/x/id/a%28b%29)');
    expect(mdLink('Open', 'javascript:alert(1)').source).toBe('Open');
  });
});
