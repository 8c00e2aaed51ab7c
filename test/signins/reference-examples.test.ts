import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SignIn, looksLikeBeta } from '../../src/signins/signin.ts';
import { ConditionalAccessPolicy } from '../../src/signins/directory.ts';
import { conditionNames } from '../../src/signins/enums.ts';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/reference/${name}`, import.meta.url), 'utf8'));

describe('the documented examples parse', () => {
  it('v1.0 successful browser sign-in: thin v1.0 shape, extra properties kept', () => {
    const s = SignIn.parse(fixture('v1-success.json'));
    expect(s.status.errorCode).toBe(0);
    expect(looksLikeBeta(s)).toBe(false);
    expect(s.appliedConditionalAccessPolicies?.map((p) => p.result)).toEqual(['notEnabled', 'notEnabled']);
    expect((s as Record<string, unknown>).riskEventTypes).toEqual([]);
  });

  it('beta failed password (50126) with authentication details', () => {
    const s = SignIn.parse(fixture('beta-50126.json'));
    expect(looksLikeBeta(s)).toBe(true);
    expect(s.authenticationDetails?.[0]?.succeeded).toBe(false);
    // The doc example's display-string token type is tolerated, not rejected.
    expect(s.incomingTokenType).toBe('Primary Refresh Token');
  });

  it('log-schema guest sample: comma-list conditionsSatisfied and a success with failureReason "Other."', () => {
    const s = SignIn.parse(fixture('log-schema-guest-mfa.json'));
    expect(s.userType).toBe('guest');
    expect(s.status.failureReason).toBe('Other.');
    expect(conditionNames(s.appliedConditionalAccessPolicies?.[1]?.conditionsNotSatisfied)).toEqual(['clientType']);
  });

  it('the KMSI fragment completes into a record whose requirement policy is CA', () => {
    const frag = fixture('kmsi-fragment.json');
    const s = SignIn.parse({ id: 'x', createdDateTime: '2021-08-12T15:48:12Z', userId: 'u', ...frag });
    expect(s.authenticationRequirementPolicies?.[0]?.requirementProvider).toBe('multiConditionalAccess');
  });

  it('the complete CA policy example', () => {
    const p = ConditionalAccessPolicy.parse(fixture('ca-policy-example.json'));
    expect(p.state).toBe('disabled');
    expect(p.conditions.users?.excludeUsers).toContain('GuestsOrExternalUsers');
  });

  it('enum members behind the Prefer header, and ones not yet invented, are accepted', () => {
    const base = fixture('beta-50126.json');
    const s = SignIn.parse({
      ...base,
      crossTenantAccessType: 'passthrough',
      authenticationRequirementPolicies: [{ requirementProvider: 'authenticationStrengths', detail: 'Authentication Strength(s)' }],
      appliedConditionalAccessPolicies: [
        { id: 'p', displayName: 'P', result: 'reportOnlyInterrupted' },
        { id: 'q', result: 'somethingNew2027' },
      ],
      userType: 'unknownFutureValue',
    });
    expect(s.appliedConditionalAccessPolicies?.map((p) => p.result)).toEqual(['reportOnlyInterrupted', 'somethingNew2027']);
  });

  it('Log Analytics integer bitmasks name the same conditions as Graph comma lists', () => {
    expect(conditionNames(3)).toEqual(['application', 'users']);
    expect(conditionNames('application,users')).toEqual(['application', 'users']);
    expect(conditionNames('none')).toEqual([]);
  });

  it('rejects a record without the fields every sign-in has', () => {
    expect(SignIn.safeParse({ id: 'x', userId: 'u', status: { errorCode: 0 } }).success).toBe(false);
    expect(SignIn.safeParse({ id: 'x', createdDateTime: 'yesterday', userId: 'u', status: { errorCode: 0 } }).success).toBe(false);
  });
});
