import { describe, expect, it } from 'vitest';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { SAMPLE_TENANT } from '../../src/sources.ts';
import { groupAttempts } from '../../src/diagnosis/attempts.ts';
import { DiagnosisContext } from '../../src/query/diagnose-attempts.ts';
import { applyChange, fixToPreview, previewFix, whatIf } from '../../src/diagnosis/what-if.ts';
import { parseWhatIfChange } from '../../src/conversation/what-if-condition.ts';
import type { SignInQuery } from '../../src/signins/source.ts';
import type { EvalContext } from '../../src/diagnosis/ca-evaluator.ts';

/** "What if fixed?" previews the fix the diagnosis recommends, checked against every policy. */
const source = new TenantFolderSource(SAMPLE_TENANT);
const ctx = new DiagnosisContext(source, source.asOf()!);
const diagnose = async (q: SignInQuery) => ctx.diagnose(groupAttempts(source.querySync(q).events)[0]!);

describe('what if fixed?', () => {
  it("Patti's app-protection failure previews an app with app protection, not a compliant device, and it would pass", async () => {
    const d = await diagnose({ user: 'patti.fernandez@contoso.com', errorCode: 53009 });
    expect(d.fixPreview).toMatchObject({
      words: 'in an app with app protection (such as Outlook mobile)',
      change: { appProtection: true },
      single: true,
      outcome: 'allowed',
    });
    expect(fixToPreview(d.scenario, ['compliantApplication'], d.fixPreview)).toMatch(/app protection/);
    // Without the diagnosis's preview, no compliant-device preview for an app-protection failure.
    expect(fixToPreview(d.scenario, ['compliantApplication'])).toBeUndefined();
  });

  it("Alice's country block previews signing in from an allowed country (her usual one), never the office network with Brazil", async () => {
    const d = await diagnose({ user: 'alice.nguyen@contoso.com', errorCode: 53003 });
    expect(d.fixPreview).toMatchObject({ words: 'from the United States', change: { country: 'US' }, single: true, outcome: 'allowed' });
    expect(d.fixPreview!.change.network).toBeUndefined();
    // The words are ones the what-if parser reads back to the same change.
    expect(parseWhatIfChange(d.fixPreview!.words).country).toBe('US');
    expect(fixToPreview('ca-blocked', ['block'])).toBeUndefined();
  });

  it("Christie's risky sign-in: no single change clears it, so the preview says which changes together would", async () => {
    const d = await diagnose({ user: 'christie.cline@contoso.com', errorCode: 53003 });
    expect(d.fixPreview).toMatchObject({ single: false, outcome: 'allowed', change: { mfa: true, risk: 'none' } });
    expect(d.fixPreview!.words).toBe('with MFA and with no risk');
    expect(d.fixPreview!.summary).toMatch(/^No single change is enough; together they would let it through/);
  });

  it("Bob's compliant-device failure still previews a compliant device", async () => {
    const d = await diagnose({ user: 'bob.kelly@contoso.com', errorCode: 53000 });
    expect(d.fixPreview).toMatchObject({ words: 'on a compliant device', outcome: 'allowed' });
  });

  it('a block on who the user is (a guest on admin portals) has nothing to preview', async () => {
    const d = await diagnose({ user: 'ana.souza@fabrikam.com', errorCode: 53003 });
    expect(d.fixPreview).toBeUndefined();
  });

  it('a trusted-network fix carries the usual country with the office address', async () => {
    const policies = [
      {
        id: 'p',
        displayName: 'Block outside the office',
        state: 'enabled',
        conditions: {
          users: { includeUsers: ['All'] },
          applications: { includeApplications: ['All'] },
          locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] },
        },
        grantControls: { operator: 'OR', builtInControls: ['block'] },
      },
    ];
    const named = [{ id: 'hq', displayName: 'HQ', isTrusted: true, ipRanges: [{ cidrAddress: '203.0.113.0/24' }] }];
    const base: EvalContext = { userId: 'u', isGuest: false, appIds: ['a'], ip: '200.1.1.1', country: 'BR' };
    const p = previewFix(policies, policies, base, {}, named, 'US')!;
    expect(p.change).toEqual({ network: 'trusted', country: 'US' });
    const { ctx: c } = applyChange(base, {}, p.change, named);
    expect(c.country).toBe('US');
    expect(whatIf(policies, c, {}, named).outcome).toBe('allowed');
  });
});
