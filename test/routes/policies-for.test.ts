import { beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { validateCard } from '../helpers/validate-card.ts';

/**
 * Issue 15, part 4: "which policies apply to …" on the sample tenant (tenants/sample/
 * conditionalAccessPolicies.json): each policy with its state, what it requires, and why it
 * covers the person or app or not; what a sign-in decides is said as "Only when …".
 */
let source: TenantFolderSource;
let ctx: AnswerContext;

/** Every TextBlock's text, markdown escapes taken out, one a line. */
function texts(r: Reply): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text.replace(/\\(.)/g, '$1'));
      Object.values(o).forEach(walk);
    }
  };
  walk(r.card);
  return out;
}

/** The lines of one policy's block: from its heading to the next heading. */
function block(r: Reply, policy: string): string[] {
  const t = texts(r);
  const start = t.findIndex((x) => x.startsWith(`**${policy}`));
  if (start < 0) return [];
  const end = t.findIndex((x, i) => i > start && x.startsWith('**'));
  return t.slice(start, end < 0 ? undefined : end);
}

beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
  ctx = { source, now: source.asOf()!, timeZone: 'UTC', appNames: source.appNames(), allUsers: source.allUsers() };
});

describe('which policies apply to …', () => {
  it('bob: by group and by "all users", exclusions and inclusions named, what a sign-in decides said as "only when"', async () => {
    const r = await answerMessage('which policies apply to bob', ctx);
    expect(r.command).toMatchObject({ intent: 'policies-for', userDisplayName: 'Bob Kelly' });
    expect(validateCard(r.card!)).toEqual([]);
    expect(r.text).toMatch(/^7 of 12 Conditional Access policies apply to Bob Kelly: /);
    expect(r.text).toContain('CA004: Finance apps require a compliant device (on)');
    expect(r.text).toContain('CA002: Require MFA outside trusted locations (on);');
    expect(r.text).toContain('Turned off, would apply: CA010: Block Exchange ActiveSync (retired) (off).');
    expect(block(r, 'CA004')).toEqual([
      '**CA004: Finance apps require a compliant device** — on · applies',
      'Requires a compliant device.',
      'Bob Kelly: included: group Finance',
      'Only when signing in to Salesforce or Contoso Expenses; when the client is a browser or a mobile app or desktop client.',
    ]);
    expect(block(r, 'CA002')).toContain('Only when signing in from outside trusted locations.');
    expect(block(r, 'CA001')).toContain(
      'Bob Kelly: not included (role Global Administrator, role Helpdesk Administrator, except group CA Exclusion - Break Glass)',
    );
    expect(block(r, 'CA001')[0]).toContain('does not apply');
  });

  it('an app: by the policy\'s apps, "all cloud apps" included', async () => {
    const r = await answerMessage('which policies apply to Salesforce', ctx);
    expect(r.command).toMatchObject({ intent: 'policies-for', app: 'Salesforce' });
    expect(block(r, 'CA004')).toContain('Salesforce: included: Salesforce');
    expect(block(r, 'CA002')).toContain('Salesforce: included: all cloud apps');
    expect(block(r, 'CA009')).toContain('Salesforce: not included (Office 365)');
    expect(block(r, 'CA009')[0]).toContain('does not apply');
  });

  it('report-only: the two policies that log and do not enforce', async () => {
    const r = await answerMessage('which policies are report-only', ctx);
    expect(r.text).toBe(
      '2 report-only Conditional Access policies: CA008: Require compliant or hybrid joined device (report-only); CA011: Block all apps for all users (pilot, report-only).',
    );
    expect(block(r, 'CA011')).toContain('Blocks access.');
  });

  it('guests: named or through "all users", not where guests are excluded', async () => {
    const r = await answerMessage('which policies target guests', ctx);
    expect(block(r, 'CA007')).toContain('included: guests and external users');
    expect(block(r, 'CA002')).toContain('included: all users, guests among them');
    // CA008 excludes guests and external users.
    expect(block(r, 'CA008')).toEqual([]);
  });

  it('a guest: included as a guest, or by all users', async () => {
    const r = await answerMessage('which policies apply to ana souza', ctx);
    expect(block(r, 'CA007')).toContain('Ana Souza: included: guests and external users');
    expect(block(r, 'CA008')).toContain('Ana Souza: excluded: guests and external users');
  });

  it('break-glass: the policies that exclude the emergency-access group', async () => {
    const r = await answerMessage('which policies exclude break-glass', ctx);
    expect(block(r, 'CA003')).toContain('excluded: group CA Exclusion - Break Glass');
    // The pilot excludes nobody.
    expect(block(r, 'CA011')).toEqual([]);
  });

  it('a name the directory only comes near: did you mean, asked again in words (no button asks another question)', async () => {
    const r = await answerMessage('which policies apply to bobb', ctx);
    expect(r.text).toBe('Nobody called "bobb" is in the directory. Did you mean Bob Kelly (bob.kelly@contoso.com)?');
    expect(JSON.stringify(r.card)).not.toContain('Action.Execute');
  });

  it('a source without the policies says so, and why', async () => {
    const blind = Object.create(source, { listPolicies: { value: async () => undefined } }) as TenantFolderSource;
    const r = await answerMessage('which policies are report-only', { ...ctx, source: blind });
    expect(r.text).toBe('I cannot read the Conditional Access policies.');
    expect(texts(r).join('\n')).toContain('Policy.Read.All');
  });

  it("a limited asker is refused (the helpdesk's question)", async () => {
    const r = await answerMessage('which policies apply to bob', { ...ctx, access: { kind: 'limited', why: 'Not the helpdesk.' }, askerId: 'x' });
    expect(texts(r).join('\n')).toContain('Sorry, I cannot look that up for you');
  });
});
