import { beforeAll, describe, expect, it } from 'vitest';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { SAMPLE_TENANT } from '../../src/sources.ts';
import { diagnoseWindow, type WindowListing } from '../../src/query/diagnose-window.ts';
import { findIncidents, type DiagnosedAttempt } from '../../src/diagnosis/incidents.ts';
import type { ConditionalAccessPolicy } from '../../src/signins/directory.ts';
import type { Diagnosis, PolicyReport, ScenarioId } from '../../src/diagnosis/types.ts';

/** A diagnosed failure with only what incidents read; the rest of a Diagnosis left empty. */
let n = 0;
function failure(p: { who: string; at: string; code: number; scenario: ScenarioId; app?: string; ip?: string; policy?: string }): DiagnosedAttempt {
  n++;
  const policies: PolicyReport[] = p.policy
    ? [
        {
          id: p.policy,
          displayName: `Policy ${p.policy}`,
          result: 'failure',
          reportOnly: false,
          grantControls: ['block'],
          operator: null,
          summary: '',
          conditions: [],
          link: '',
        },
      ]
    : [];
  const diagnosis: Diagnosis = {
    correlationId: `corr-${n}`,
    eventIds: [`event-${n}`],
    decisiveEventId: `event-${n}`,
    user: { id: `id-${p.who}`, displayName: p.who, userPrincipalName: `${p.who}@contoso.com` },
    app: { id: p.app ?? 'app-1', displayName: p.app ?? 'Contoso Expenses', resourceId: null, resource: null },
    time: p.at,
    errorCode: p.code,
    scenario: p.scenario,
    title: '',
    assessment: '',
    evidence: [],
    policies,
    findings: [],
    actions: [{ text: "Fix the app's reply URL.", who: 'app-owner' }],
    support: { warranted: false, reason: '', correlationId: '', requestId: '', time: p.at, url: '' },
    gaps: [],
  };
  return { diagnosis, ip: p.ip ?? `10.0.0.${n % 250}` };
}
const at = (hhmm: string) => `2026-11-18T${hhmm}:00Z`;
const policyDef = (id: string, modified: string): ConditionalAccessPolicy =>
  ({
    id,
    displayName: `Policy ${id}`,
    state: 'enabled',
    createdDateTime: '2026-01-01T00:00:00Z',
    modifiedDateTime: modified,
    conditions: {},
  }) as ConditionalAccessPolicy;

describe('incidents in the sample tenant', () => {
  let week: WindowListing;
  let friday: WindowListing;
  beforeAll(async () => {
    const source = new TenantFolderSource(SAMPLE_TENANT);
    const now = source.asOf()!;
    week = await diagnoseWindow(source, { since: '2026-11-14T00:00:00Z', until: now, now, only: 'failures' });
    // Friday, Redmond time: unrelated failures of different people (an expired password, an unknown code, a guest, MFA…).
    friday = await diagnoseWindow(source, { since: '2026-11-20T08:00:00Z', until: now, now, only: 'failures' });
  }, 120_000);

  it('the pass-through agent outage on Tuesday: one incident, the three people, the agents to check', () => {
    const pta = week.incidents.filter((i) => i.component === 'pass-through-agents');
    expect(pta).toHaveLength(1);
    expect(pta[0]).toMatchObject({ kind: 'component', people: 3, failures: 3, since: expect.stringMatching(/^2026-11-17T14:02/), errorCodes: [80001, 80014] });
    expect(pta[0]!.named.map((x) => x.split(' <')[0])).toEqual(['Johanna Lorenz', 'Sven Lindqvist', 'Emily Braun']);
    expect(pta[0]!.action).toMatchObject({ who: 'admin', link: { url: expect.stringContaining('PassThroughAuthenticationConnectorsBlade') } });
    // Irvin's logon hours (80012) are his account's, not the agents': not part of it.
    expect(pta[0]!.what).not.toMatch(/80012/);
  });

  it('the spray from the Tor exit: one IP incident with every account it tried, locked ones and made-up names included', () => {
    const spray = week.incidents.filter((i) => i.kind === 'ip');
    expect(spray).toHaveLength(1);
    expect(spray[0]!.subject).toBe('185.220.101.47');
    expect(spray[0]!.people).toBe(32);
    expect(spray[0]!.errorCodes).toEqual([50034, 50053, 50126]);
    expect(spray[0]!.named).toHaveLength(5);
    expect(spray[0]!.action.text).toMatch(/^Block 185\.220\.101\.47/);
    // Every failure it groups is one of the window's, from that IP.
    const byId = new Map(week.diagnoses.map((d, i) => [d.decisiveEventId, week.attempts[i]!.decisive]));
    for (const id of spray[0]!.attemptIds) expect(byId.get(id)?.ipAddress).toBe('185.220.101.47');
  });

  it("Thursday's CA004 edit: Finance staff on personal laptops blocked within the hour, a policy-change incident naming the edit", () => {
    const ca004 = week.incidents.filter((i) => i.kind === 'policy-change');
    expect(ca004).toHaveLength(1);
    expect(ca004[0]).toMatchObject({
      component: 'policy',
      subject: 'CA004: Finance apps require a compliant device',
      people: 4,
      failures: 6,
      errorCodes: [53000],
    });
    expect(ca004[0]!.named.map((x) => x.split(' <')[0])).toEqual(['Pradeep Gupta', 'Tomás Ó Briain', 'Bob Kelly', 'Henrietta Mueller']);
    expect(ca004[0]!.what).toBe(
      'Conditional Access policy "CA004: Finance apps require a compliant device" has blocked 4 people since 2026-11-19 17:04 UTC, starting 6 minutes after it was last changed (2026-11-19 16:58 UTC); it blocked no one between 2026-11-14 00:00 UTC and that change.',
    );
    expect(ca004[0]!.action).toMatchObject({ who: 'admin', text: expect.stringMatching(/^Review the change made to "CA004/) });
    // Not counted again as a plain component incident of the same policy.
    expect(week.incidents.filter((i) => i.component === 'policy')).toHaveLength(1);
  });

  it('a failure belongs to at most one incident', () => {
    const ids = week.incidents.flatMap((i) => i.attemptIds);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('no incident on a day of unrelated failures', () => {
    expect(friday.diagnoses.length).toBeGreaterThan(5);
    expect(new Set(friday.diagnoses.map((d) => d.user.id)).size).toBeGreaterThan(4);
    expect(friday.incidents).toEqual([]);
  });
});

describe('findIncidents', () => {
  it('the same app error for three people within minutes is one incident, with the fix of whoever owns the app', () => {
    const list = ['ann', 'ben', 'cat'].map((who, i) => failure({ who, at: at(`09:0${i * 3}`), code: 50011, scenario: 'app-config' }));
    const [i, ...rest] = findIncidents(list);
    expect(rest).toEqual([]);
    expect(i).toMatchObject({ kind: 'component', component: 'app', subject: 'Contoso Expenses', people: 3, errorCodes: [50011] });
    expect(i!.action).toEqual({ text: "Fix the app's reply URL.", who: 'app-owner' });
    expect(i!.what).toMatch(/^Contoso Expenses failed for 3 people between 2026-11-18 09:00 UTC and 2026-11-18 09:06 UTC with AADSTS50011/);
  });

  it('no incident from failures that only look alike: spread over hours, one person many times, codes of the person, few accounts on an IP, different apps', () => {
    const spread = ['ann', 'ben', 'cat'].map((who, i) => failure({ who, at: at(`0${i * 2 + 1}:00`), code: 50011, scenario: 'app-config' }));
    const onePerson = [0, 1, 2, 3].map((k) => failure({ who: 'dan', at: at(`10:0${k}`), code: 80001, scenario: 'pta' }));
    // Logon hours (80012) and an expired Kerberos ticket (81010) are each person's own.
    const ownCodes = ['eve', 'fay', 'gus'].flatMap((who, i) => [
      failure({ who, at: at(`11:0${i}`), code: 80012, scenario: 'pta' }),
      failure({ who, at: at(`11:1${i}`), code: 81010, scenario: 'seamless-sso' }),
    ]);
    const fewOnIp = ['hal', 'ivy', 'jon'].map((who, i) => failure({ who, at: at(`12:0${i}`), code: 50126, scenario: 'invalid-credentials', ip: '192.0.2.7' }));
    const apps = ['kim', 'lou', 'max'].map((who, i) => failure({ who, at: at(`13:0${i}`), code: 50011, scenario: 'app-config', app: `App ${i}` }));
    const successes = ['ned', 'oli', 'pam'].map((who, i) => failure({ who, at: at(`14:0${i}`), code: 0, scenario: 'success' }));
    expect(findIncidents([...spread, ...onePerson, ...ownCodes, ...fewOnIp, ...apps, ...successes])).toEqual([]);
  });

  it('a policy that starts blocking people right after it was changed is a policy-change incident, not also a component one', () => {
    const list = ['ann', 'ben', 'cat', 'dan'].map((who, i) => failure({ who, at: at(`10:1${i}`), code: 53003, scenario: 'ca-blocked', policy: 'p1' }));
    const window = { since: '2026-11-18T00:00:00Z', until: '2026-11-19T00:00:00Z' };
    const found = findIncidents(list, { policies: [policyDef('p1', at('10:00'))], window });
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'policy-change', component: 'policy', subject: 'Policy p1', people: 4 });
    expect(found[0]!.what).toMatch(/has blocked 4 people since 2026-11-18 10:10 UTC, starting 10 minutes after it was last changed \(2026-11-18 10:00 UTC\)/);
    expect(found[0]!.action.text).toMatch(/^Review the change made to "Policy p1" at 2026-11-18 10:00 UTC/);
    // Blocked before the change too: the change did not start it; the burst is still one policy's incident.
    const before = failure({ who: 'eve', at: at('08:00'), code: 53003, scenario: 'ca-blocked', policy: 'p1' });
    const again = findIncidents([before, ...list], { policies: [policyDef('p1', at('10:00'))], window });
    expect(again.map((i) => i.kind)).toEqual(['component']);
    expect(again[0]!.people).toBe(4);
    // A change before the window began cannot be shown to have started anything.
    expect(findIncidents(list, { policies: [policyDef('p1', at('10:00'))], window: { since: at('10:05'), until: at('23:00') } })[0]!.kind).toBe('component');
  });

  it('a spray: one IP, five accounts within minutes', () => {
    const list = ['a', 'b', 'c', 'd', 'e'].map((who, i) =>
      failure({ who, at: at(`03:0${i}`), code: 50126, scenario: 'invalid-credentials', ip: '198.51.100.9' }),
    );
    const found = findIncidents(list);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ kind: 'ip', subject: '198.51.100.9', people: 5, failures: 5 });
  });
});
