import { describe, expect, it } from 'vitest';
import {
  POLICIES,
  applied,
  badPassword,
  caProvider,
  code,
  diagnoseCase,
  diagnoseStory,
  guest,
  home,
  mfaStep,
  password,
  personalLaptop,
  portal,
  row,
  salesforce,
  v1,
} from '../helpers/scenario-fixtures.ts';

/**
 * Each scenario of scenarios.md from fixtures: its story (test/helpers/scenario-fixtures.ts) and
 * more cases, multi-row, v1.0-only and missing CA details among them.
 */

describe('success', () => {
  it('a single successful row names the policies that applied and the report-only ones', async () => {
    const d = await diagnoseStory('success');
    expect(d.scenario).toBe('success');
    expect(d.assessment).toMatch(/with multifactor authentication/);
    expect(d.assessment).toMatch(/"MFA outside the office"/);
    expect(d.assessment).toMatch(/Report-only: "Pilot: block everything" would have interrupted it/);
    expect(d.policies.find((p) => p.id === 'p-block')!.conditions.find((c) => c.condition === 'locations')).toMatchObject({ met: false });
  });

  it('a multi-row attempt: the MFA interrupt, then the result under the same correlationId', async () => {
    const d = await diagnoseCase([
      row({ ...home, ...code(50074), createdDateTime: '2026-11-20T11:50:00Z', authenticationRequirementPolicies: caProvider }),
      row({ ...home, ...code(0), createdDateTime: '2026-11-20T11:50:40Z', authenticationDetails: [password, mfaStep(true, 'MFA successfully completed')] }),
    ]);
    expect(d.scenario).toBe('success');
    expect(d.eventIds).toHaveLength(2);
  });

  it('interactive and non-interactive rows of one attempt are merged', async () => {
    const d = await diagnoseCase([
      row({ createdDateTime: '2026-11-20T11:50:00Z' }),
      row({ createdDateTime: '2026-11-20T11:50:02Z', isInteractive: false, resourceDisplayName: 'Microsoft Teams Services' }),
    ]);
    expect(d.eventIds).toHaveLength(2);
    expect(d.scenario).toBe('success');
  });
});

describe('ca-blocked', () => {
  it('53003 with the blocking policy, and why it applied', async () => {
    const d = await diagnoseStory('ca-blocked');
    expect(d.scenario).toBe('ca-blocked');
    expect(d.assessment).toMatch(/"Block outside allowed countries" applied and its control is Block/);
    expect(d.assessment).toMatch(/outside Allowed countries/);
    expect(d.evidence.map((e) => e.field)).toContain('status.errorCode');
  });

  it('53003 without Conditional Access details and without definitions says it cannot name the policy', async () => {
    const r = row(code(53003));
    delete r.appliedConditionalAccessPolicies;
    const d = await diagnoseCase([r], { withoutDirectory: ['conditionalAccessPolicies.json'] });
    expect(d.scenario).toBe('ca-blocked');
    expect(d.policies).toEqual([]);
    expect(d.gaps.map((g) => g.text).join()).toMatch(/no Conditional Access details.*cannot be shown/);
  });

  it('53003 without Conditional Access details but with the definitions names the policies that would apply, marked inferred', async () => {
    const r = row(code(53003));
    delete r.appliedConditionalAccessPolicies;
    const d = await diagnoseCase([r]);
    expect(d.scenario).toBe('ca-blocked');
    expect(d.policies.length).toBeGreaterThan(0);
    expect(d.policies.every((p) => p.inferred && /^inferred from the policy definition/.test(p.summary))).toBe(true);
    expect(d.gaps.map((g) => g.text).join()).toMatch(/inferred from their definitions/);
  });
});

describe('ca-grant-failed', () => {
  it('53000: the compliant-device policy failed, and the device is explained', async () => {
    const d = await diagnoseStory('ca-grant-failed');
    expect(d.scenario).toBe('ca-grant-failed');
    expect(d.policies[0]!.failedControl).toMatch(/not registered in Entra ID and not marked compliant/);
    expect(d.findings.find((f) => f.kind === 'what-changed')!.text).toMatch(/^No successful interactive sign-in before this attempt/);
  });

  it('a v1.0-only record with 53001 still decides, and says what it cannot see', async () => {
    const d = await diagnoseCase([
      v1(
        row({
          ...code(53001),
          appliedConditionalAccessPolicies: [
            { id: 'p-hj', displayName: 'Hybrid joined only', result: 'failure', enforcedGrantControls: ['RequireDomainJoinedDevice'] },
          ],
        }),
      ),
    ]);
    expect(d.scenario).toBe('ca-grant-failed');
    expect(d.gaps.map((g) => g.text).join()).toMatch(/only Graph v1\.0 fields/);
  });
});

describe('ca-mfa', () => {
  it('stopped at the MFA prompt that CA required (requirement provider)', async () => {
    const d = await diagnoseStory('ca-mfa');
    expect(d.scenario).toBe('ca-mfa');
  });

  it('v1.0: no requirement detail, but the failed policy asked for MFA', async () => {
    const d = await diagnoseCase([v1(row({ ...home, ...code(50076), appliedConditionalAccessPolicies: [applied(POLICIES.mfa, 'failure')] }))]);
    expect(d.scenario).toBe('ca-mfa');
  });

  it('service dependency: the portal was evaluated for the management API', async () => {
    const d = await diagnoseCase([
      row({
        ...portal,
        ...home,
        ...code(50074),
        authenticationRequirementPolicies: caProvider,
        appliedConditionalAccessPolicies: [applied(POLICIES.mfa, 'failure')],
      }),
    ]);
    expect(d.findings.find((f) => f.kind === 'service-dependency')!.text).toMatch(/Azure Portal called Windows Azure Service Management API/);
  });
});

describe('mfa-other', () => {
  it('per-user MFA', async () => {
    const d = await diagnoseStory('mfa-other');
    expect(d.scenario).toBe('mfa-other');
    expect(d.assessment).toMatch(/per-user MFA/);
    expect(d.actions.map((a) => a.text).join()).toMatch(/turning per-user MFA off/);
  });

  it('v1.0: the CA list is there and no policy asked for MFA', async () => {
    const d = await diagnoseCase([v1(row({ ...code(50074), appliedConditionalAccessPolicies: [applied(POLICIES.block, 'notApplied', [])] }))]);
    expect(d.scenario).toBe('mfa-other');
  });
});

describe('mfa-not-completed', () => {
  it('multi-row: the interrupt, then 500121 with the denied step', async () => {
    const d = await diagnoseStory('mfa-not-completed');
    expect(d.scenario).toBe('mfa-not-completed');
    expect(d.decisiveEventId).toBe(d.eventIds[1]);
    expect(d.assessment).toMatch(/someone else has the password/);
  });

  it('a failed second-factor step without 500121', async () => {
    const d = await diagnoseCase([
      row({ ...code(50158), authenticationDetails: [password, mfaStep(false, 'MFA denied; user did not respond to mobile app notification')] }),
    ]);
    expect(d.scenario).toBe('mfa-not-completed');
  });
});

describe('mfa-proofup', () => {
  it('50079: must register first', async () => {
    expect((await diagnoseStory('mfa-proofup')).scenario).toBe('mfa-proofup');
  });
  it('registration demanded by Identity Protection, on an MFA prompt code', async () => {
    expect(
      (
        await diagnoseCase([
          row({ ...code(50076), authenticationRequirementPolicies: [{ requirementProvider: 'mfaRegistrationRequiredByIdentityProtectionPolicy' }] }),
        ])
      ).scenario,
    ).toBe('mfa-proofup');
  });
});

describe('mfa-proofup-risky', () => {
  it('53004 risky registration', async () => expect((await diagnoseStory('mfa-proofup-risky')).scenario).toBe('mfa-proofup-risky'));
  it('53010 registration from an untrusted place, even with a CA block logged', async () =>
    expect((await diagnoseCase([row({ ...code(53010), appliedConditionalAccessPolicies: [applied(POLICIES.block, 'failure')] })])).scenario).toBe(
      'mfa-proofup-risky',
    ));
});

describe('account-locked', () => {
  it('smart lockout after wrong passwords: sources and a typing verdict', async () => {
    const d = await diagnoseStory('account-locked');
    expect(d.scenario).toBe('account-locked');
    const kind = d.findings.find((f) => f.kind === 'lockout-kind')!;
    expect(kind.data).toMatchObject({ kind: 'smart-lockout', priorFailures: 3 });
    expect(d.findings.find((f) => f.kind === 'lockout-sources')!.text).toMatch(/203\.0\.113\.10 \(4\)/);
    expect(d.findings.find((f) => f.kind === 'password-verdict')!.data).toMatchObject({ verdict: 'typing' });
  });

  it('a malicious-IP block: the IP failed for many users, not smart lockout of the person', async () => {
    const spray = ['amy', 'ben', 'cal', 'dee', 'eve'].map((u, i) =>
      row({
        ...code(50126),
        ...badPassword,
        userId: `u-${u}`,
        userPrincipalName: `${u}@contoso.com`,
        ipAddress: '185.220.101.47',
        correlationId: `c-spray-${i}`,
        createdDateTime: `2026-11-20T03:0${i}:00Z`,
      }),
    );
    const d = await diagnoseCase([
      ...spray,
      row({
        ...code(50053, 'Sign-in was blocked because it came from an IP address with malicious activity'),
        ...badPassword,
        ipAddress: '185.220.101.47',
        createdDateTime: '2026-11-20T03:06:00Z',
      }),
    ]);
    expect(d.scenario).toBe('account-locked');
    expect(d.findings[0]!.data).toMatchObject({ kind: 'malicious-ip', usersFailingFromIp: 6 });
    expect(d.actions[0]!.text).toMatch(/block is on the attacking IP/);
  });
});

describe('invalid-credentials', () => {
  it('a client replaying an old password after the password change', async () => {
    const d = await diagnoseStory('invalid-credentials');
    expect(d.scenario).toBe('invalid-credentials'); // legacy client, but a wrong password is not a legacy-auth block
    const v = d.findings.find((f) => f.kind === 'password-verdict')!;
    expect(v.data).toMatchObject({ verdict: 'stale-password' });
    expect(v.text).toMatch(/OfficeHome via Exchange ActiveSync on iOS 17\.6 failed 4 times/);
  });

  it('50034: a user name that does not exist', async () => {
    const d = await diagnoseCase([
      row({ ...code(50034), ...badPassword, userId: '00000000-0000-0000-0000-000000000000', userPrincipalName: 'admin@contoso.com', userDisplayName: null }),
    ]);
    expect(d.scenario).toBe('invalid-credentials');
    expect(d.assessment).toMatch(/"admin@contoso\.com", a user name that does not exist/);
  });
});

describe('app-sp and app-config', () => {
  it('75011 and 750054 are the application’s own problem', async () => {
    for (const n of [75011, 750054]) {
      const d = await diagnoseCase([row({ ...salesforce, ...code(n) })]);
      expect(d.scenario).toBe('app-sp');
      expect(d.actions[0]!.who).toBe('app-owner');
    }
  });
  it('50105 (not assigned) and 65001 (no consent) are Entra-side configuration', async () => {
    for (const n of [50105, 65001]) {
      const d = await diagnoseCase([row({ ...salesforce, ...code(n) })]);
      expect(d.scenario).toBe('app-config');
      expect(d.actions[0]!.link!.url).toMatch(/ManagedAppMenuBlade\/~\/Overview\/objectId\/sp-sf\/appId\/app-sf/);
    }
  });
});

describe('security-defaults', () => {
  it('530035 from a modern client', async () => expect((await diagnoseStory('security-defaults')).scenario).toBe('security-defaults'));
  it('an MFA prompt from security defaults, abandoned', async () =>
    expect(
      (
        await diagnoseCase([
          row({ ...code(50074), authenticationRequirementPolicies: [{ requirementProvider: 'securityDefaults', detail: 'Security Defaults' }] }),
        ])
      ).scenario,
    ).toBe('security-defaults'));
});

describe('legacy-auth', () => {
  it('IMAP blocked by the legacy-auth policy: legacy-auth wins over ca-blocked', async () => {
    const d = await diagnoseStory('legacy-auth');
    expect(d.scenario).toBe('legacy-auth');
    expect(d.assessment).toMatch(/IMAP4 is a legacy authentication protocol/);
  });
  it('Exchange ActiveSync blocked by security defaults', async () =>
    expect((await diagnoseCase([row({ ...code(530035), clientAppUsed: 'Exchange ActiveSync' })])).scenario).toBe('legacy-auth'));
});

describe('b2b-blocked', () => {
  it('a guest blocked from the admin portals: b2b-blocked wins over ca-blocked', async () => {
    const d = await diagnoseStory('b2b-blocked');
    expect(d.scenario).toBe('b2b-blocked');
    expect(d.policies[0]!.conditions.find((c) => c.condition === 'users')).toMatchObject({
      met: true,
      reason: 'the policy includes guests and external users',
    });
  });
  it('v1.0 guest (tenants differ) failing a device requirement: b2b-blocked wins over ca-grant-failed', async () => {
    const d = await diagnoseCase([
      v1(row({ ...guest, ...code(53000), resourceTenantId: 't-contoso', appliedConditionalAccessPolicies: [applied(POLICIES.everyoneCompliant, 'failure')] })),
    ]);
    expect(d.scenario).toBe('b2b-blocked');
  });
});

describe('risk-blocked', () => {
  it('53003 from a risk policy (per its definition): names only the risk policy', async () => {
    const d = await diagnoseStory('risk-blocked');
    expect(d.scenario).toBe('risk-blocked');
    expect(d.assessment).toMatch(/"Block high sign-in risk" blocks sign-ins at that risk/);
    expect(d.assessment).not.toMatch(/MFA outside the office/);
  });
  it('53011: blocked by risk in the home tenant', async () => expect((await diagnoseCase([row({ ...guest, ...code(53011) })])).scenario).toBe('risk-blocked'));
});

describe('pta and seamless-sso', () => {
  it('pass-through agent failures', async () => {
    for (const n of [80001, 80014]) expect((await diagnoseCase([row(code(n))])).scenario).toBe('pta');
  });
  it('Kerberos failures', async () => {
    for (const n of [81010, 81012]) expect((await diagnoseCase([row(code(n))])).scenario).toBe('seamless-sso');
  });
});

describe('error-code-insight and unknown-error', () => {
  it('a known code none of the rows explains: disabled account, expired password', async () => {
    const d = await diagnoseStory('error-code-insight');
    expect(d.scenario).toBe('error-code-insight');
    // Plain words from the meaning, never the internal name (UserDisabled).
    expect(d.title).toBe('Sign-in failed: the user account is disabled');
    expect((await diagnoseCase([row(code(50055))])).title).toBe("Sign-in failed: the user's password has expired and must be changed");
    expect((await diagnoseCase([row(code(50055))])).scenario).toBe('error-code-insight');
  });
  it('an abandoned MFA prompt with nothing saying why is an insight with a gap, not a guess', async () => {
    const r = v1(row(code(50074)));
    delete r.appliedConditionalAccessPolicies;
    const d = await diagnoseCase([r]);
    expect(d.scenario).toBe('error-code-insight');
    expect(d.gaps.map((g) => g.text).join()).toMatch(/does not say what required MFA/);
  });
  it('unknown codes are said to be unknown, and support is warranted', async () => {
    for (const n of [1001010, 99999999]) {
      const d = await diagnoseCase([row(code(n, 'Other.'))]);
      expect(d.scenario).toBe('unknown-error');
      expect(d.assessment).toMatch(/our catalog does not know/);
      expect(d.support.warranted).toBe(true);
    }
  });
});

describe('what every diagnosis carries', () => {
  it('support details, actions with an owner, and a recent attempt flagged as possibly incomplete', async () => {
    const d = await diagnoseCase([
      row({
        ...code(53003),
        createdDateTime: '2026-11-20T11:58:00Z',
        originalRequestId: 'req-first',
        appliedConditionalAccessPolicies: [applied(POLICIES.block, 'failure')],
      }),
    ]);
    expect(d.support).toMatchObject({ correlationId: 'c-main', requestId: 'req-first', time: '2026-11-20T11:58:00Z', warranted: false });
    expect(d.actions.every((a) => ['user', 'helpdesk', 'admin', 'app-owner', 'microsoft'].includes(a.who))).toBe(true);
    expect(d.gaps.map((g) => g.text).join()).toMatch(/less than 15 minutes old/);
  });

  it('the select-all warning: a failing policy for all users and all apps with no break-glass exclusion', async () => {
    const d = await diagnoseCase([
      row({ ...code(53000), ...personalLaptop, appliedConditionalAccessPolicies: [applied(POLICIES.everyoneCompliant, 'failure')] }),
    ]);
    expect(d.findings.find((f) => f.kind === 'select-all-warning')!.text).toMatch(/excludes no emergency-access \(break-glass\) account/);
  });

  it('what changed since the last good sign-in', async () => {
    const d = await diagnoseCase([
      row({ correlationId: 'c-before', createdDateTime: '2026-11-20T09:00:00Z' }),
      row({
        ...salesforce,
        ...personalLaptop,
        ...code(53000),
        ipAddress: '73.1.2.3',
        appliedConditionalAccessPolicies: [applied(POLICIES.compliant, 'failure')],
      }),
    ]);
    const changed = d.findings.find((f) => f.kind === 'what-changed')!;
    expect(changed.text).toMatch(/compliant yes → no/);
    expect(changed.text).toMatch(/IP address 203\.0\.113\.10 → 73\.1\.2\.3/);
    expect((changed.data!.changes as { field: string }[]).map((c) => c.field)).toEqual(expect.arrayContaining(['deviceDetail.isCompliant', 'ipAddress']));
  });

  it('without policy definitions the reasons come from the log, and it says so', async () => {
    const d = await diagnoseCase([row({ ...code(53003), appliedConditionalAccessPolicies: [applied(POLICIES.block, 'failure')] })], {
      withoutDirectory: ['conditionalAccessPolicies.json'],
    });
    expect(d.scenario).toBe('ca-blocked');
    expect(d.gaps.map((g) => g.text).join()).toMatch(/policy definitions could not be read/);
  });
});
