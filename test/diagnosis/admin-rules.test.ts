import { describe, expect, it } from 'vitest';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { SAMPLE_TENANT } from '../../src/sources.ts';
import { groupAttempts } from '../../src/diagnosis/attempts.ts';
import { DiagnosisContext } from '../../src/query/diagnose-attempts.ts';
import { checkPolicies } from '../../src/diagnosis/policy-check.ts';
import type { SignInQuery } from '../../src/signins/source.ts';
import type { Diagnosis } from '../../src/diagnosis/types.ts';

/** Each rule an admin would apply, told by a story of the sample tenant (src/sample-tenant/stories.ts). */
const source = new TenantFolderSource(SAMPLE_TENANT);
const ctx = new DiagnosisContext(source, source.asOf()!);
async function diagnose(q: SignInQuery): Promise<Diagnosis> {
  const a = groupAttempts(source.querySync(q).events)[0];
  if (!a) throw new Error(`no attempt for ${JSON.stringify(q)}`);
  return ctx.diagnose(a);
}
const finding = (d: Diagnosis, kind: string) => d.findings.find((f) => f.kind === kind)?.text;
const everything = (d: Diagnosis) => [d.title, d.assessment, ...d.findings.map((f) => f.text), ...d.actions.map((a) => a.text)].join('\n');

describe('rules an admin would apply', () => {
  it("after the spray, Lynne's right password used over IMAP from Amsterdam at high risk is a likely compromise, and the advice is the password, not the client", async () => {
    const d = await diagnose({ user: 'lynne.robbins@contoso.com', ip: '45.148.10.77' });
    expect(d.scenario).toBe('legacy-auth');
    expect(d.title).toMatch(/likely compromised/i);
    expect(finding(d, 'compromise')).toMatch(/right password was used over IMAP4 from Amsterdam, NL.*high risk/);
    const actions = d.actions.map((a) => a.text).join('\n');
    expect(actions).toMatch(/Reset the password and revoke the user’s sessions/);
    expect(actions).toMatch(/Confirm the user compromised/);
    expect(actions).not.toMatch(/Move this client off/);
  });

  it("Sven's own Thunderbird over IMAP is not called a compromise: still the advice to move the client", async () => {
    const d = await diagnose({ user: 'sven.lindqvist@contoso.com', errorCode: 53003 });
    expect(d.scenario).toBe('legacy-auth');
    expect(finding(d, 'compromise')).toBeUndefined();
    expect(d.actions[0]!.text).toMatch(/Move this client off IMAP4/);
  });

  it('an emergency-access account signing in is news: the exclusion is named, the policies it skipped are listed, and the use is to be reviewed', async () => {
    const d = await diagnose({ user: 'breakglass01@contoso.com', app: 'Azure Portal' });
    expect(d.scenario).toBe('success');
    const text = finding(d, 'break-glass')!;
    expect(text).toMatch(/emergency-access \(break-glass\) account/);
    expect(text).toContain('"CA Exclusion - Break Glass"');
    expect(text).toMatch(/CA001: Require MFA for administrators.*which therefore did not apply/);
    // Names, never ids; and only policies that would otherwise include the account.
    expect(text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/);
    expect(text).not.toMatch(/CA007|CA004/);
    expect(d.actions[0]).toMatchObject({ who: 'admin' });
    expect(d.actions[0]!.text).toMatch(/^Review this use of the emergency-access/);
  });

  it('a user name that does not exist, tried from the spraying IP, is part of the attack, not a typo to fix', async () => {
    const d = await diagnose({ ip: '185.220.101.47', errorCode: 50034 });
    expect(d.assessment).toMatch(/^Part of an attack, not a typo/);
    expect(everything(d)).not.toMatch(/check the spelling/i);
    expect(d.actions[0]!.text).toMatch(/Block that IP/);
  });

  it("Irvin's Sunday sign-in outside his AD logon hours gets logon-hours advice, not the pass-through agents", async () => {
    const d = await diagnose({ user: 'irvin.sayers@contoso.com', errorCode: 80012 });
    expect(d.scenario).toBe('pta');
    expect(d.assessment).toMatch(/outside the logon hours set on their account/);
    expect(d.actions.map((a) => a.text).join('\n')).toMatch(/Logon Hours/);
    expect(everything(d)).not.toMatch(/If several users fail/);
  });

  it("Enrico's Saturday MFA prompt from security defaults: the tenant has since switched them off and turned CA on, so no 'replace security defaults'", async () => {
    const d = await diagnose({ user: 'enrico.cattaneo@contoso.com', errorCode: 50074 });
    expect(d.scenario).toBe('security-defaults');
    expect(finding(d, 'tenant-now')).toMatch(/nestor\.wilke@contoso\.com switched them off at 2026-11-16 05:52 UTC.*Conditional Access policies are enabled/);
    expect(everything(d)).not.toMatch(/replace them with Conditional Access/);
    expect(d.actions[0]!.text).toMatch(/already off/);
  });

  it("Alice's Brazil block by a country policy gets no 'lock out the whole organisation' warning, and check my policies agrees", async () => {
    const d = await diagnose({ user: 'alice.nguyen@contoso.com', errorCode: 53003 });
    expect(d.policies.find((p) => p.result === 'failure')!.displayName).toMatch(/^CA005/);
    expect(d.findings.some((f) => f.kind === 'select-all-warning')).toBe(false);
    const check = checkPolicies((await source.listPolicies())!, await source.listGroups(), [], await source.findUsers('', 100));
    const flagged = check.findings.filter((f) => /all users and all cloud apps/.test(f.text)).map((f) => f.policy.slice(0, 5));
    // Only the unscoped ones: CA008 (device, report-only) and CA011 (block, report-only); not CA005 (location), CA006 (risk), CA003 (client), CA009 (platforms).
    expect(flagged.sort()).toEqual(['CA008', 'CA011']);
  });

  it('a Northwind guest’s Azure portal block, read without CA details: the policy is named from its definition, marked inferred, and the service dependency is still found', async () => {
    const d = await diagnose({ user: 'chloe.lefevre@northwind.example', errorCode: 53003 });
    expect(d.scenario).toBe('b2b-blocked');
    const ca007 = d.policies.find((p) => p.displayName.startsWith('CA007'))!;
    expect(ca007).toMatchObject({ inferred: true, result: 'failure' });
    expect(d.assessment).toMatch(/"CA007: Guests cannot use admin portals" \(inferred from its definition\)/);
    expect(finding(d, 'service-dependency')).toMatch(
      /Azure Portal called Windows Azure Service Management API, and "CA007: Guests cannot use admin portals" \(inferred\) targets/,
    );
    expect(d.gaps.map((g) => g.text).join()).toMatch(/inferred from their definitions/);
  });

  it("Miriam's Azure portal sign-in: MFA was satisfied by a claim in the token, and the diagnosis says so", async () => {
    const d = await diagnose({ user: 'miriam.graham@contoso.com', app: 'Azure Portal', since: '2026-11-20T17:00:00Z', until: '2026-11-20T17:30:00Z' });
    expect(d.scenario).toBe('success');
    expect(finding(d, 'mfa-claim')).toMatch(/MFA requirement satisfied by claim in the token/);
  });
});

describe('what changed since the last good sign-in includes the tenant', () => {
  it("Bob's Salesforce failure: he was added to Finance, and CA004 was edited, between his morning sign-in and the failure, with who and when", async () => {
    const d = await diagnose({ user: 'bob.kelly@contoso.com', errorCode: 53000 });
    const text = finding(d, 'what-changed')!;
    expect(text).toMatch(
      /In the tenant since then: added to group "Finance" by miriam\.graham@contoso\.com at 2026-11-19 16:45 UTC; policy "CA004: Finance apps require a compliant device" changed by nestor\.wilke@contoso\.com at 2026-11-19 16:58 UTC\./,
    );
  });

  it("the lobby printer's first failure after the go-live: security defaults switched off and CA003 created that morning, by whom", async () => {
    const a = groupAttempts(source.querySync({ user: 'scanner@contoso.com', since: '2026-11-16T06:00:00Z', until: '2026-11-16T23:59:00Z' }).events).at(-1)!;
    const d = await ctx.diagnose(a);
    expect(d.scenario).toBe('legacy-auth');
    const text = finding(d, 'what-changed')!;
    expect(text).toMatch(
      /In the tenant in that time: security defaults switched off by nestor\.wilke@contoso\.com at 2026-11-16 05:52 UTC; policy "CA003: Block legacy authentication" created by nestor\.wilke@contoso\.com/,
    );
    // Policies that had no say in this attempt are not listed.
    expect(text).not.toMatch(/CA001|CA005/);
    // The printer's own password from the office is not a compromise.
    expect(finding(d, 'compromise')).toBeUndefined();
  });

  it("Patti's iPhone block: she joined Executives (the group CA009 targets) an hour before", async () => {
    const d = await diagnose({ user: 'patti.fernandez@contoso.com', errorCode: 53009 });
    expect(finding(d, 'what-changed')).toMatch(/added to group "Executives" by miriam\.graham@contoso\.com/);
  });

  it('a policy change that had no say in the attempt is left out', async () => {
    const d = await diagnose({ user: 'chloe.lefevre@northwind.example', errorCode: 53003 });
    expect(finding(d, 'what-changed')).not.toMatch(/CA004/);
  });

  it('without an audit log the policies’ own timestamps still tell, and the gap is said', async () => {
    const noAudits = Object.assign(Object.create(Object.getPrototypeOf(source)), source, { listDirectoryAudits: undefined }) as TenantFolderSource;
    const a = groupAttempts(source.querySync({ user: 'bob.kelly@contoso.com', errorCode: 53000 }).events)[0]!;
    const d = await new DiagnosisContext(noAudits, source.asOf()!).diagnose(a);
    expect(finding(d, 'what-changed')).toMatch(/policy "CA004: Finance apps require a compliant device" changed at 2026-11-19 16:58 UTC/);
    expect(d.gaps.map((g) => g.text).join()).toMatch(/directory audit log could not be read/);
  });
});

describe('words', () => {
  it("Lidia's expired password has a title in plain words, not InvalidPasswordExpiredPassword", async () => {
    const d = await diagnose({ user: 'lidia.holloway@contoso.com', errorCode: 50055 });
    expect(d.title).toBe("Sign-in failed: the user's password has expired and must be changed");
    expect(everything(d)).not.toMatch(/InvalidPasswordExpiredPassword/);
  });

  it("Irvin's Azure PowerShell and Priya's risk prompt name what asked for MFA in words, not 'request' or 'tenantSessionRiskPolicy'", async () => {
    const irvin = await diagnose({ user: 'irvin.sayers@contoso.com', errorCode: 50076 });
    expect(irvin.assessment).toMatch(/the app itself/);
    const priya = await diagnose({ user: 'priya.raman@contoso.com', errorCode: 50074 });
    expect(priya.assessment).toMatch(/Identity Protection sign-in risk policy/);
    expect(everything(priya)).not.toMatch(/tenantSessionRiskPolicy|unfamiliarFeatures/);
  });

  it('a malicious-IP lockout does not say "account was locked" beside "can still sign in"', async () => {
    const d = await diagnose({ user: 'joni.sherman@contoso.com', errorCode: 50053 });
    expect(d.assessment).toMatch(/is not locked out/);
    expect(d.assessment).not.toMatch(/account was locked/);
  });

  it('the enterprise app link goes to the app itself, not the list of apps', async () => {
    const d = await diagnose({ user: 'emily.braun@contoso.com', errorCode: 50105 });
    expect(d.actions[0]!.link!.url).toMatch(/ManagedAppMenuBlade\/~\/Overview\/objectId\/[0-9a-f-]{36}\/appId\//);
  });
});

describe('a policy switched from report-only to on', () => {
  it('is told from the audit entry’s before and after, with who and when', async () => {
    const { tenantChanges } = await import('../../src/diagnosis/tenant-changes.ts');
    const audit = {
      id: 'a1',
      category: 'Policy',
      activityDisplayName: 'Update conditional access policy',
      activityDateTime: '2026-11-19T10:00:00Z',
      result: 'success',
      initiatedBy: { user: { userPrincipalName: 'nestor.wilke@contoso.com' } },
      targetResources: [
        {
          id: 'p1',
          displayName: 'CA008',
          type: 'Policy',
          modifiedProperties: [
            { displayName: 'ConditionalAccessPolicy', oldValue: '{"state":"enabledForReportingButNotEnforced"}', newValue: '{"state":"enabled"}' },
          ],
        },
      ],
    };
    const input = { audits: [audit], policies: [] } as unknown as Parameters<typeof tenantChanges>[0];
    const changes = tenantChanges(input, 'u1', '2026-11-19T09:00:00Z', '2026-11-19T11:00:00Z');
    expect(changes.map((c) => c.text)).toEqual(['policy "CA008" switched from report-only to on by nestor.wilke@contoso.com at 2026-11-19 10:00 UTC']);
    expect(tenantChanges(input, 'u1', '2026-11-19T10:00:00Z', '2026-11-19T11:00:00Z')).toEqual([]);
  });
});

describe('"select all" means what the troubleshooting guide means', () => {
  it('a block or device requirement scoped to some platforms, places, clients or risk is not "the whole organisation"; unscoped it is', async () => {
    const { selectAllLockout } = await import('../../src/diagnosis/policy-check.ts');
    const base = {
      id: 'p',
      displayName: 'P',
      state: 'enabled',
      conditions: { users: { includeUsers: ['All'] }, applications: { includeApplications: ['All'] }, clientAppTypes: ['all'] },
      grantControls: { operator: 'OR', builtInControls: ['compliantDevice'] },
    };
    const policy = (extra: Record<string, unknown>) => ({ ...base, conditions: { ...base.conditions, ...extra } }) as Parameters<typeof selectAllLockout>[0];
    expect(selectAllLockout(policy({}))).toEqual(['compliantDevice']);
    expect(selectAllLockout(policy({ platforms: { includePlatforms: ['android', 'iOS'] } }))).toEqual([]);
    expect(selectAllLockout(policy({ locations: { includeLocations: ['All'], excludeLocations: ['AllTrusted'] } }))).toEqual([]);
    expect(selectAllLockout(policy({ clientAppTypes: ['exchangeActiveSync', 'other'] }))).toEqual([]);
    expect(selectAllLockout(policy({ signInRiskLevels: ['high'] }))).toEqual([]);
    expect(selectAllLockout(policy({ applications: { includeApplications: ['Office365'] } }))).toEqual([]);
    // MFA for everyone locks nobody out.
    expect(selectAllLockout({ ...policy({}), grantControls: { operator: 'OR', builtInControls: ['mfa'] } } as Parameters<typeof selectAllLockout>[0])).toEqual(
      [],
    );
    // Check my policies uses the same test: a platform-scoped block for all users and apps is not flagged as blocking the organisation.
    const scoped = { ...policy({ platforms: { includePlatforms: ['android'] } }), grantControls: { operator: 'OR', builtInControls: ['block'] } } as Parameters<
      typeof selectAllLockout
    >[0];
    const check = checkPolicies([scoped], [], []);
    expect(check.findings.some((f) => /whole organisation|all users and all cloud apps/.test(f.text))).toBe(false);
  });
});
