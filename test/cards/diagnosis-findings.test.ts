import { beforeAll, describe, expect, it } from 'vitest';
import { diagnosisCardData } from '../../src/cards/diagnosis-card.ts';
import type { Diagnosis, Finding } from '../../src/diagnosis/types.ts';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { validateCard } from '../helpers/validate-card.ts';

/** The diagnosis card keeps six findings: the ones that change what the reader does come first, so none of them is cut. */
const finding = (kind: Finding['kind'], text: string, data?: Record<string, unknown>): Finding => ({ kind, text, citations: [], ...(data ? { data } : {}) });

function diagnosis(findings: Finding[]): Diagnosis {
  return {
    correlationId: 'c',
    eventIds: ['e'],
    decisiveEventId: 'e',
    user: { id: 'u', displayName: 'Lynne Robbins', userPrincipalName: 'lynne.robbins@contoso.com' },
    app: { id: 'a', displayName: 'Exchange', resourceId: null, resource: null },
    time: '2026-11-19T09:40:00Z',
    errorCode: 53003,
    scenario: 'legacy-auth',
    title: 'Blocked',
    assessment: 'Blocked.',
    evidence: [],
    policies: [],
    findings,
    actions: [],
    support: { warranted: false, reason: 'no', correlationId: 'c', requestId: 'r', time: '2026-11-19T09:40:00Z', url: 'https://example.invalid' },
    gaps: [],
  };
}

describe('findings on the diagnosis card', () => {
  it('compromise, break-glass, the tenant now and tenant changes come first and survive the cut to six', () => {
    const generic = Array.from({ length: 7 }, (_, i) => finding('risk', `generic ${i}`));
    const d = diagnosis([
      ...generic,
      finding('what-changed', 'Since the last sign-in: IP changed.'),
      finding('mfa-claim', 'MFA by claim.'),
      finding('what-changed', 'In the tenant since then: policy changed.', {
        tenant: [{ at: '2026-11-19T09:00:00Z', kind: 'policy', text: 'policy changed' }],
      }),
      finding('tenant-now', 'Security defaults are no longer in force.'),
      finding('break-glass', 'An emergency-access account signed in.'),
      finding('compromise', 'Likely compromise.'),
    ]);
    const shown = diagnosisCardData(d, undefined, 'UTC').findings;
    expect(shown).toEqual([
      'An emergency-access account signed in.',
      'Likely compromise.',
      'In the tenant since then: policy changed.',
      'Security defaults are no longer in force.',
      'MFA by claim.',
      'generic 0',
    ]);
  });

  it('otherwise the engine’s order is kept', () => {
    const d = diagnosis([finding('lockout-kind', 'kind first'), finding('lockout-sources', 'sources second'), finding('password-verdict', 'verdict third')]);
    expect(diagnosisCardData(d, undefined, 'UTC').findings).toEqual(['kind first', 'sources second', 'verdict third']);
  });
});

describe('the new findings on real cards (sample tenant)', () => {
  let ctx: AnswerContext;
  beforeAll(() => {
    const source = openSource(undefined) as TenantFolderSource;
    ctx = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames(), allUsers: source.allUsers() };
  });
  const cases: [string, string, RegExp][] = [
    [
      'the break-glass sign-in',
      'diagnose correlation id a8787487-3147-42f3-9c48-a742773625da',
      /Emergency Access 01 is an emergency-access \(break-glass\) account/,
    ],
    ["Lynne's likely compromise", 'why did lynne fail', /Likely compromise: the right password was used over IMAP4/],
    ["Enrico's security defaults, the tenant now", 'why did enrico fail on saturday', /Security defaults are no longer in force/],
    ["Bob's tenant changes in what changed", 'why did bob fail to sign in', /In the tenant since then: added to group \\"Finance\\"/],
  ];
  it('a break-glass sign-in is headed as news, not as a green success', async () => {
    const card = (await answerMessage('diagnose correlation id a8787487-3147-42f3-9c48-a742773625da', ctx)).card!;
    expect(JSON.stringify(card)).toMatch(
      /"style":"warning".*"text":"Emergency-access account signed in","size":"Large","weight":"Bolder","color":"Warning"|"text":"Emergency-access account signed in"/,
    );
    expect(JSON.stringify(card)).not.toMatch(/Signed in successfully/);
  });
  for (const [name, question, shows] of cases) {
    it(name, async () => {
      const r = await answerMessage(question, ctx);
      expect(validateCard(r.card!)).toEqual([]);
      expect(JSON.stringify(r.card)).toMatch(shows);
    });
  }
});
