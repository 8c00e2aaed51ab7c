import { expect } from 'vitest';
import { groupAttempts } from '../../src/diagnosis/attempts.ts';
import { diagnoseAttempt } from '../../src/diagnosis/diagnose.ts';
import { findIncidents } from '../../src/diagnosis/incidents.ts';
import { reportModel } from '../../src/report/model.ts';
import { reportPage } from '../../src/report/page.ts';
import { SignIn } from '../../src/signins/signin.ts';

/**
 * A small report (one morning: a pass-through outage for four people, an IMAP client, a
 * report-only block) whose person, app and policy names the test chooses: plain ones, or
 * hostile ones (markup, an event handler, a URL, quotes) that must come out as text.
 */
export const NOW = '2026-11-20T12:00:00Z';
export const HOSTILE_NAME = '<img src=x onerror=alert(1)> "Eve" & \'Co\'';
export const HOSTILE_UPN = 'eve<script>alert(2)</script>@contoso.com';
export const HOSTILE_APP = '<a href="https://evil.example/">Pay</a> </svg><script>alert(3)</script>';
export const HOSTILE_POLICY = 'Block <b>everything</b> https://evil.example/x.png';

export const PLAIN = { name: 'Eve Example', upn: 'eve@contoso.com', app: 'Payroll', policy: 'Block everything (pilot)' };
export const HOSTILE = { name: HOSTILE_NAME, upn: HOSTILE_UPN, app: HOSTILE_APP, policy: HOSTILE_POLICY };
type Names = typeof PLAIN;

function event(names: Names, i: number, over: Record<string, unknown> = {}): SignIn {
  return SignIn.parse({
    id: `ev-${i}`,
    createdDateTime: new Date(Date.parse('2026-11-20T09:00:00Z') + i * 60_000).toISOString(),
    userId: `u-${i % 4}`,
    userDisplayName: i % 4 === 0 ? names.name : `Person ${i % 4}`,
    userPrincipalName: i % 4 === 0 ? names.upn : `person${i % 4}@contoso.com`,
    appId: 'app-x',
    appDisplayName: names.app,
    ipAddress: '203.0.113.9',
    clientAppUsed: i % 5 === 0 ? 'IMAP4' : 'Browser',
    correlationId: `c-${i}`,
    isInteractive: true,
    authenticationRequirement: 'singleFactorAuthentication',
    status: { errorCode: 80001, failureReason: 'agent unavailable' },
    appliedConditionalAccessPolicies: [{ id: 'p-ro', displayName: names.policy, enforcedGrantControls: ['Block'], result: 'reportOnlyFailure' }],
    ...over,
  });
}

export async function reportPageFor(names: Names): Promise<string> {
  const events = [
    ...Array.from({ length: 8 }, (_, i) => event(names, i)),
    event(names, 8, { status: { errorCode: 0 } }),
    event(names, 9, { status: { errorCode: 0 } }),
  ];
  const attempts = groupAttempts(events);
  const failures = attempts
    .filter((a) => a.decisive.status.errorCode !== 0)
    .map((a) =>
      diagnoseAttempt({
        events: a.events,
        history: [],
        ipFailureUsers: {},
        now: NOW,
        historyHours: 24,
        historyWindow: { since: '2026-11-19T12:00:00Z', until: NOW },
      }),
    );
  const incidents = findIncidents(failures.map((diagnosis) => ({ diagnosis })));
  const model = reportModel({
    window: { since: '2026-11-20T00:00:00Z', until: NOW },
    source: 'test <source>',
    attempts,
    failures,
    incidents,
    timeZone: 'UTC',
  });
  expect(model.incidents.length, 'the pass-through outage is an incident, so its named people are on the page').toBe(1);
  expect(model.people.map((p) => p.upn)).toContain(names.upn);
  return reportPage(model, NOW);
}
