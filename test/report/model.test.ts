import { beforeAll, describe, expect, it } from 'vitest';
import { openSource } from '../../src/sources.ts';
import { readReport } from '../../src/report/read.ts';
import { bucketOf, type ReportModel } from '../../src/report/model.ts';
import { eachWindowAttempt } from '../../src/query/diagnose-window.ts';

/**
 * Issue 19 item 4: the report's numbers on the bundled sample tenant, for the week before its
 * snapshot (what `signin-diag report` and the weekly summary show). Pinned: a change to the
 * sample or the engine that moves them must say so here.
 */
let m: ReportModel;
beforeAll(async () => {
  const source = openSource(undefined);
  const now = source.asOf()!;
  m = (await readReport(source, { since: '2026-11-14T01:00:00Z', until: now, now, timeZone: 'UTC' })).model;
}, 120_000);

describe('the report model on the sample tenant, 2026-11-14 01:00 to 2026-11-21 01:00 UTC', () => {
  it('counts every attempt of the window once, and the failed ones diagnosed', () => {
    expect(m.totals).toEqual({ attempts: 4887, succeeded: 4745, failed: 142, people: 46, failedPeople: 44 });
    // Every failure is in exactly one cell of the over-time chart, and in one cause.
    expect(m.overTime.reduce((n, c) => n + c.failures, 0)).toBe(142);
    expect(m.causes.reduce((n, c) => n + c.failures, 0)).toBe(142);
  });

  it('buckets a week by day, quiet days included, in order', () => {
    expect(m.buckets).toEqual({
      unit: 'day',
      keys: ['2026-11-14', '2026-11-15', '2026-11-16', '2026-11-17', '2026-11-18', '2026-11-19', '2026-11-20', '2026-11-21'],
    });
    expect(m.overTime.every((c) => m.buckets.keys.includes(c.bucket))).toBe(true);
    // The spray night: the 19th has the most failures.
    const perDay = (d: string) => m.overTime.filter((c) => c.bucket === d).reduce((n, c) => n + c.failures, 0);
    expect(perDay('2026-11-19')).toBe(67);
  });

  it('ranks the causes, people and apps by failed attempts', () => {
    expect(m.causes.slice(0, 3).map((c) => [c.scenario, c.failures, c.people])).toEqual([
      ['invalid-credentials', 66, 30],
      ['legacy-auth', 23, 3],
      ['ca-grant-failed', 7, 5],
    ]);
    expect(m.causes[0]!.errorCodes).toEqual([50126, 50034]);
    expect(m.people.slice(0, 3).map((p) => [p.upn, p.failures])).toEqual([
      ['megan.bowen@contoso.com', 26],
      ['scanner@contoso.com', 21],
      ['grady.archie@contoso.com', 13],
    ]);
    expect(m.apps.slice(0, 2).map((a) => [a.app, a.failures, a.people])).toEqual([
      ['Office 365 Exchange Online', 50, 6],
      ['Microsoft Office', 32, 32],
    ]);
  });

  it('carries the incidents found among the failures', () => {
    expect(m.incidents.map((i) => [i.kind, i.people])).toEqual([
      ['component', 3],
      ['ip', 32],
      ['policy-change', 4],
    ]);
  });

  it('counts MFA use over successful interactive sign-ins, and legacy-auth use by client', () => {
    expect({ ...m.mfa, byBucket: undefined }).toEqual({ signIns: 529, multiFactor: 179, singleFactor: 350, singleFactorOnlyPeople: 26, byBucket: undefined });
    expect(m.mfa.byBucket.reduce((n, c) => n + c.signIns, 0)).toBe(529);
    expect(m.legacy).toMatchObject({ attempts: 47, succeeded: 0, failed: 47, people: 4 });
    expect(m.legacy.byClient.map((r) => [r.client, r.failed])).toEqual([
      ['Exchange ActiveSync', 24],
      ['Authenticated SMTP', 21],
      ['IMAP4', 2],
    ]);
  });

  it('lists the report-only policies the log says would have failed sign-ins, with what they would have newly stopped', () => {
    expect(m.reportOnly.map((r) => [r.policy, r.control, r.attempts, r.succeeded, r.people])).toEqual([
      ['CA011: Block all apps for all users (pilot, report-only)', 'block', 4687, 4644, 43],
      ['CA008: Require compliant or hybrid joined device (report-only)', 'a compliant device or a hybrid joined device', 1031, 1006, 15],
    ]);
    expect(m.reportOnly[0]!.named).toHaveLength(5);
    expect(m.reportOnly[0]!.eventIds).toHaveLength(5);
  });
});

describe('how the report reads the window', () => {
  it('reads it once: the same queries as one pass of diagnose-window, no second read of the whole window for the totals', async () => {
    const source = openSource(undefined);
    const now = source.asOf()!;
    const r = { since: '2026-11-14T01:00:00Z', until: now, now };
    const counted = () => {
      const asked: unknown[] = [];
      const proxy = new Proxy(source, {
        get: (t, k, rcv) => (k === 'querySignIns' ? (q: Parameters<typeof t.querySignIns>[0]) => (asked.push(q), t.querySignIns(q)) : Reflect.get(t, k, rcv)),
      });
      return { proxy, asked };
    };
    const report = counted();
    await readReport(report.proxy, { ...r, timeZone: 'UTC' });
    const pass = counted();
    await eachWindowAttempt(pass.proxy, r, () => undefined);
    expect(report.asked.length).toBeGreaterThan(0);
    expect(report.asked).toEqual(pass.asked);
  }, 120_000);
});

describe("buckets in the asker's zone", () => {
  it('counts a sign-in on the day and hour it was where the asker is', () => {
    expect(bucketOf('2026-11-20T07:30:00Z', 'day', 'America/Los_Angeles')).toBe('2026-11-19');
    expect(bucketOf('2026-11-20T07:30:00Z', 'hour', 'America/Los_Angeles')).toBe('2026-11-19 23:00');
    expect(bucketOf('2026-11-20T07:30:00Z', 'day', 'UTC')).toBe('2026-11-20');
    expect(bucketOf('2026-11-20T23:30:00Z', 'hour', 'Asia/Kolkata')).toBe('2026-11-21 05:00');
  });
});
