import { describe, expect, it } from 'vitest';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { signIn, tenantFolder } from '../helpers/tenant-folder.ts';

const users = { value: [{ id: 'u-bob', displayName: 'Bob Kelly', userPrincipalName: 'bob@contoso.com', givenName: 'Bob' }] };

describe('a tenant folder reads every documented shape', () => {
  const events = [
    signIn({ createdDateTime: '2026-11-20T10:00:00Z' }),
    signIn({ createdDateTime: '2026-11-20T11:00:00Z', status: { errorCode: 50126 } }),
    signIn({ createdDateTime: '2026-11-20T09:00:00Z' }),
  ];

  it('a Graph list response, pretty-printed', () => {
    const s = new TenantFolderSource(tenantFolder({ 'signIns.json': { '@odata.context': 'x', value: events }, 'users.json': users }));
    expect(s.stats.events).toBe(3);
    expect(s.loadProblems()).toEqual([]);
  });

  it('several list pages concatenated, with a nextLink before the value array', () => {
    const page = (v: unknown[], next?: string) => JSON.stringify({ '@odata.nextLink': next, value: v }, null, 2);
    const dir = tenantFolder({
      'signIns.json': page(events.slice(0, 2), 'https://graph.microsoft.com/beta/auditLogs/signIns?$skiptoken=a') + '\n' + page(events.slice(2)),
      'users.json': users,
    });
    expect(new TenantFolderSource(dir).stats.events).toBe(3);
  });

  it('a plain array and NDJSON', () => {
    expect(new TenantFolderSource(tenantFolder({ 'signIns.json': events, 'users.json': users })).stats.events).toBe(3);
    const nd = events.map((e) => JSON.stringify(e)).join('\r\n') + '\r\n';
    expect(new TenantFolderSource(tenantFolder({ 'signIns.ndjson': nd, 'users.json': users })).stats.events).toBe(3);
  });

  it('queries come back newest first, whatever order the file had', async () => {
    const s = new TenantFolderSource(tenantFolder({ 'signIns.json': events, 'users.json': users }));
    const r = await s.querySignIns({ user: 'bob@contoso.com' });
    expect(r.events.map((e) => e.createdDateTime)).toEqual(['2026-11-20T11:00:00Z', '2026-11-20T10:00:00Z', '2026-11-20T09:00:00Z']);
  });

  it('a folder without sign-ins is refused with a reason', () => {
    expect(() => new TenantFolderSource(tenantFolder({ 'users.json': users }))).toThrow(/no signIns\.json/);
    expect(() => new TenantFolderSource('/nonexistent/folder')).toThrow(/does not exist/);
  });
});

describe('queries by every key', () => {
  const rows = [
    signIn({ id: 'r1', createdDateTime: '2026-11-20T08:00:00Z', correlationId: 'c-1', status: { errorCode: 50074 } }),
    signIn({ id: 'r2', createdDateTime: '2026-11-20T08:01:00Z', correlationId: 'c-1', originalRequestId: 'r1', status: { errorCode: 0 } }),
    signIn({
      id: 'r3',
      createdDateTime: '2026-11-19T08:00:00Z',
      userId: 'u-amy',
      userPrincipalName: 'amy@contoso.com',
      appId: 'app-teams',
      appDisplayName: 'Microsoft Teams',
      ipAddress: '185.220.101.47',
      status: { errorCode: 50126 },
    }),
    signIn({ id: 'r4', createdDateTime: '2026-11-18T08:00:00Z', ipAddress: '185.220.101.47', status: { errorCode: 50053 } }),
  ];
  const s = new TenantFolderSource(tenantFolder({ 'signIns.json': { value: rows }, 'users.json': users }));
  const ids = async (q: Parameters<TenantFolderSource['querySignIns']>[0]) => (await s.querySignIns(q)).events.map((e) => e.id);

  it('user by id or UPN, case-insensitively', async () => {
    expect(await ids({ user: 'u-bob' })).toEqual(['r2', 'r1', 'r4']);
    expect(await ids({ user: 'BOB@Contoso.com' })).toEqual(['r2', 'r1', 'r4']);
  });
  it('app by id or name', async () => {
    expect(await ids({ app: 'app-teams' })).toEqual(['r3']);
    expect(await ids({ app: 'microsoft teams' })).toEqual(['r3']);
  });
  it('correlation id, and request id matching id or originalRequestId', async () => {
    expect(await ids({ correlationId: 'c-1' })).toEqual(['r2', 'r1']);
    expect(await ids({ requestId: 'r1' })).toEqual(['r2', 'r1']);
    expect(await ids({ requestId: 'r4' })).toEqual(['r4']);
  });
  it('time window, inclusive at both ends', async () => {
    expect(await ids({ since: '2026-11-19T08:00:00Z', until: '2026-11-20T08:00:00Z' })).toEqual(['r1', 'r3']);
  });
  it('outcome, error code and IP', async () => {
    expect(await ids({ outcome: 'success' })).toEqual(['r2']);
    expect(await ids({ outcome: 'failure', user: 'u-bob' })).toEqual(['r1', 'r4']);
    expect(await ids({ errorCode: 50053 })).toEqual(['r4']);
    expect(await ids({ ip: '185.220.101.47' })).toEqual(['r3', 'r4']);
    expect(await ids({ ip: '185.220.101.47', user: 'u-amy' })).toEqual(['r3']);
  });
  it('keys that match nothing return nothing', async () => {
    expect(await ids({ user: 'nobody' })).toEqual([]);
    expect(await ids({ user: 'u-bob', app: 'app-teams' })).toEqual([]);
  });
  it('a limit cuts the newest-first list and says so', async () => {
    const r = await s.querySignIns({ user: 'u-bob', limit: 2 });
    expect(r.events.map((e) => e.id)).toEqual(['r2', 'r1']);
    expect(r.truncated).toBe(true);
  });
  it('directory look-ups by name fragment, accents folded', async () => {
    const dir = tenantFolder({
      'signIns.json': [signIn()],
      'users.json': {
        value: [
          ...users.value,
          { id: 'u-zoe', displayName: 'Zoë Müller', userPrincipalName: 'zoe.muller@contoso.com', givenName: 'Zoë', mail: 'zoe.muller@contoso.com' },
        ],
      },
    });
    const f = new TenantFolderSource(dir);
    expect((await f.findUsers('zoe')).map((u) => u.id)).toEqual(['u-zoe']);
    expect((await f.findUsers('MULLER')).map((u) => u.id)).toEqual(['u-zoe']);
    expect((await f.getUser('Zoe.Muller@contoso.com'))?.id).toBe('u-zoe');
    expect(await f.listPolicies()).toBeUndefined(); // no file: unknown, not "no policies"
  });
});

describe('malformed and truncated input is reported and skipped, never fatal', () => {
  it('a bad NDJSON line is reported with its line; the rest loads', () => {
    const nd = [
      JSON.stringify(signIn({ id: 'ok1' })),
      '{"id": "broken", "createdDateTime": ',
      JSON.stringify(signIn({ id: 'ok2' })),
      '',
      JSON.stringify({ id: 'nouser', createdDateTime: '2026-11-20T10:00:00Z', status: { errorCode: 0 } }),
    ].join('\n');
    const s = new TenantFolderSource(tenantFolder({ 'signIns.ndjson': nd, 'users.json': users }));
    expect(s.stats.events).toBe(2);
    const problems = s.loadProblems();
    expect(problems).toHaveLength(2);
    expect(problems[0]!.where).toMatch(/signIns\.ndjson:2$/);
    expect(problems[0]!.message).toMatch(/not valid JSON/);
    expect(problems[1]!.where).toMatch(/signIns\.ndjson:5$/);
    expect(problems[1]!.message).toMatch(/no "userId"/);
  });

  it('a truncated list response keeps every complete record and names the cut one', () => {
    const text = JSON.stringify({ value: [signIn({ id: 'a' }), signIn({ id: 'b' }), signIn({ id: 'c' })] }, null, 2);
    const cut = text.slice(0, text.lastIndexOf('"id": "c"') + 12);
    const s = new TenantFolderSource(tenantFolder({ 'signIns.json': cut, 'users.json': users }));
    expect(s.stats.events).toBe(2);
    expect(
      s
        .loadProblems()
        .map((p) => p.message)
        .join(),
    ).toMatch(/ends inside a record .*truncated/);
  });

  it('a record with a wrong field type is caught by the schema at query time, with its line', async () => {
    const nd = [JSON.stringify(signIn({ id: 'good' })), JSON.stringify(signIn({ id: 'bad', deviceDetail: { isCompliant: 'yes' } }))].join('\n');
    const s = new TenantFolderSource(tenantFolder({ 'signIns.ndjson': nd, 'users.json': users }));
    const r = await s.querySignIns({ user: 'u-bob' });
    expect(r.events.map((e) => e.id)).toEqual(['good']);
    expect(r.problems[0]!.where).toMatch(/signIns\.ndjson:2$/);
    expect(r.problems[0]!.message).toMatch(/deviceDetail\.isCompliant/);
  });

  it('an empty sign-in file and a broken directory file are reported', () => {
    const s = new TenantFolderSource(tenantFolder({ 'signIns.json': '', 'users.json': '{"value": [{"id": "u1"}]}' }));
    expect(s.stats.events).toBe(0);
    const text = s
      .loadProblems()
      .map((p) => `${p.where} ${p.message}`)
      .join('\n');
    expect(text).toMatch(/signIns\.json the file is empty/);
    expect(text).toMatch(/users\.json:1 userPrincipalName/);
  });

  it('duplicate events (overlapping exports) are returned once', async () => {
    const e = signIn({ id: 'dup' });
    const s = new TenantFolderSource(tenantFolder({ 'signIns.json': [e, e], 'users.json': users }));
    expect((await s.querySignIns({ user: 'u-bob' })).events).toHaveLength(1);
  });
});

describe("the admin center's CSV export", () => {
  const header =
    '"Date (UTC)","Request ID","User agent","Correlation ID","User ID","User","Username","User type","Cross tenant access type","Incoming token type","Authentication Protocol","Unique token identifier","Original transfer method","Client credential type","Token Protection - Sign In Session","Token Protection - Sign In Session StatusCode","Application","Application ID ","Resource","Resource ID ","Resource tenant ID","Home tenant ID","Home tenant name","IP address","Location","Status","Sign-in error code","Failure reason","Client app","Device ID","Browser","Operating System","Compliant","Managed","Join Type","Multifactor authentication result","Multifactor authentication auth method","Multifactor authentication auth detail","Authentication requirement","Sign-in identifier","Session ID","IP address (seen by resource)","Through Global Secure Access","Global Secure Access IP address","Autonomous system  number","Flagged for review","Token issuer type","Incoming token type","Token issuer name","Latency","Conditional Access","Managed Identity type","Associated Resource Id","Federated Token Id","Federated Token Issuer"';
  const row = (cells: Record<number, string>) => Array.from({ length: 55 }, (_, i) => `"${(cells[i] ?? '').replace(/"/g, '""')}"`).join(',');

  it('imports rows into Graph-shaped records, quirky header and all', async () => {
    const csv = [
      header,
      row({
        0: '2026-11-20T10:00:00Z',
        1: 'req-1',
        3: 'corr-1',
        4: 'u-bob',
        5: 'Bob Kelly',
        6: 'Bob@contoso.com',
        7: 'Member',
        16: 'Salesforce',
        17: 'app-sf',
        23: '203.0.113.5',
        24: 'Redmond, Washington, US',
        25: 'Failure',
        26: '53000',
        27: 'Device is not in required device state: compliant.',
        28: 'Browser',
        32: 'No',
        33: 'No',
        38: 'Single-factor authentication',
        44: '8075',
        50: 'Failure',
      }),
      row({
        0: '2026-11-20T10:05:00Z',
        1: 'req-2',
        3: 'corr-2',
        4: 'u-bob',
        6: 'bob@contoso.com',
        16: 'Salesforce',
        25: 'Success',
        26: '0',
        35: 'MFA successfully completed',
        36: 'Mobile app notification',
        38: 'Multifactor authentication',
        44: '8075',
      }),
      row({ 0: 'not a date', 1: 'req-3', 4: 'u-bob', 26: '0' }),
    ].join('\r\n');
    const s = new TenantFolderSource(tenantFolder({ 'signIns.csv': csv, 'users.json': users }));
    expect(s.stats.events).toBe(2);
    expect(s.loadProblems()[0]!.where).toMatch(/signIns\.csv:4$/);
    const r = await s.querySignIns({ requestId: 'req-1' });
    const e = r.events[0]!;
    expect(e.status.errorCode).toBe(53000);
    expect(e.userPrincipalName).toBe('bob@contoso.com');
    expect(e.appId).toBe('app-sf');
    expect(e.location?.countryOrRegion).toBe('US');
    expect(e.deviceDetail?.isCompliant).toBe(false);
    expect(e.conditionalAccessStatus).toBe('failure');
    expect(e.autonomousSystemNumber).toBe(8075);
    const ok = (await s.querySignIns({ correlationId: 'corr-2' })).events[0]!;
    expect(ok.authenticationRequirement).toBe('multiFactorAuthentication');
    expect(ok.authenticationDetails?.[0]?.succeeded).toBe(true);
  });

  it('a CSV that is not a sign-in export says so', () => {
    const s = new TenantFolderSource(tenantFolder({ 'signIns.csv': 'name,age\nbob,3\n', 'users.json': users }));
    expect(s.loadProblems()[0]!.message).toMatch(/no "date \(utc\)" column/);
  });

  it('JSON wins when both JSON and CSV are present', () => {
    const s = new TenantFolderSource(tenantFolder({ 'signIns.json': [signIn()], 'signIns.csv': header, 'users.json': users }));
    expect(s.stats.files).toEqual(['signIns.json']);
  });
});

describe('app names for the parser', () => {
  it('come from the service principals and from the sign-ins themselves', () => {
    const s = new TenantFolderSource(
      tenantFolder({
        'signIns.json': [signIn({ appDisplayName: 'Legacy Payroll' })],
        'users.json': users,
        'servicePrincipals.json': { value: [{ appId: 'app-sf', displayName: 'Salesforce' }] },
      }),
    );
    expect(s.appNames()).toEqual(['Legacy Payroll', 'Salesforce']);
  });
});
