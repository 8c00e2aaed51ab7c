import { describe, expect, it } from 'vitest';
import { POLICIES, applied, diagnoseCase, row } from '../helpers/scenario-fixtures.ts';

/** MFA met by a claim in the token is said on interrupts too, not only on successes. */
const home = { ipAddress: '73.20.30.40', location: { city: 'Seattle', countryOrRegion: 'US' } };
const caProvider = [{ requirementProvider: 'multiConditionalAccess', detail: 'Conditional Access' }];
const claim = [
  { authenticationStepRequirement: 'Primary authentication', authenticationMethod: 'Password', succeeded: true },
  {
    authenticationStepRequirement: 'Multifactor authentication',
    authenticationMethod: 'Previously satisfied',
    authenticationStepResultDetail: 'MFA requirement satisfied by claim in the token',
    succeeded: true,
  },
];

describe('MFA satisfied by a claim in the token', () => {
  it('an interrupt whose MFA step was met by the token says so, and a prompt without it does not', async () => {
    const interrupted = await diagnoseCase([
      row({
        ...home,
        status: { errorCode: 50074 },
        authenticationRequirementPolicies: caProvider,
        appliedConditionalAccessPolicies: [applied(POLICIES.mfa, 'failure')],
        authenticationDetails: claim,
      }),
    ]);
    const said = interrupted.findings.find((f) => f.kind === 'mfa-claim');
    expect(said?.text).toMatch(
      /MFA was not asked for again: the requirement was met by a claim in the token \(MFA requirement satisfied by claim in the token\)/,
    );
    expect(said?.citations[0]?.field).toBe('authenticationDetails.authenticationStepResultDetail');
    const prompted = await diagnoseCase([
      row({
        ...home,
        status: { errorCode: 50074 },
        authenticationRequirementPolicies: caProvider,
        appliedConditionalAccessPolicies: [applied(POLICIES.mfa, 'failure')],
        authenticationDetails: [claim[0]],
      }),
    ]);
    expect(prompted.findings.some((f) => f.kind === 'mfa-claim')).toBe(false);
  });
});
