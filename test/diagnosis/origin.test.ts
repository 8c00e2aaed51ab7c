import { describe, expect, it } from 'vitest';
import { originOf } from '../../src/diagnosis/choose-attempt.ts';
import { groupAttempts } from '../../src/diagnosis/attempts.ts';
import { SignIn } from '../../src/signins/signin.ts';
import { signIn } from '../helpers/tenant-folder.ts';

/** Where a failure came from: the person's own device, a stranger, or an attack. */
const phone = {
  deviceDetail: { operatingSystem: 'iOS 17.6', deviceId: '' },
  clientAppUsed: 'Exchange ActiveSync',
  appDisplayName: 'Office 365 Exchange Online',
};
const attemptOf = (over: Record<string, unknown>) => groupAttempts([SignIn.parse(signIn(over))])[0]!;

describe('the origin of a failed attempt', () => {
  it('a phone replaying an old password from a mobile IP is their own when the same kind of device and app signed in for them before', () => {
    const success = SignIn.parse(signIn({ ...phone, ipAddress: '198.51.100.7', createdDateTime: '2026-11-17T08:00:00Z' }));
    const failure = attemptOf({ ...phone, ipAddress: '172.58.12.201', status: { errorCode: 50126 } });
    expect(originOf(failure, { successes: [success] })).toEqual({
      origin: 'own',
      why: 'the same kind of device and app signed in for them before (iOS 17.6, Exchange ActiveSync)',
      // The same reason as a message, for a card in another language: the log's words as values.
      whyMsg: { key: 'engine.other.why.sameKind', values: { os: 'iOS 17.6', client: 'Exchange ActiveSync' } },
    });
  });

  it('the same failure with no such success, or rated high risk, is not called their own', () => {
    const failure = attemptOf({ ...phone, ipAddress: '172.58.12.201', status: { errorCode: 50126 } });
    expect(originOf(failure, { successes: [] }).origin).toBe('unfamiliar');
    const success = SignIn.parse(signIn({ ...phone, ipAddress: '198.51.100.7' }));
    const risky = attemptOf({ ...phone, ipAddress: '172.58.12.201', riskLevelDuringSignIn: 'high', status: { errorCode: 50126 } });
    expect(originOf(risky, { successes: [success] }).origin).toBe('unfamiliar');
  });
});
