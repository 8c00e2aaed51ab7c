import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

const BIN = new URL('../../bin/signin-diag.mjs', import.meta.url).pathname;
const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });

describe('signin-diag diagnose', () => {
  it("--user --json prints the user's attempts, grouped by correlationId, newest first", () => {
    const out = JSON.parse(
      execFileSync(process.execPath, [BIN, 'diagnose', '--user', 'bob.kelly@contoso.com', '--json'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 }),
    );
    expect(out.attempts.length).toBeGreaterThan(10);
    const times = out.attempts.map((a: { time: string }) => Date.parse(a.time));
    expect([...times].sort((x, y) => y - x)).toEqual(times);
    for (const a of out.attempts) expect(a.user.userPrincipalName).toBe('bob.kelly@contoso.com');
    const salesforce = out.attempts.filter((a: { errorCode: number }) => a.errorCode === 53000);
    expect(salesforce).toHaveLength(3);
    expect(salesforce[0].app.displayName).toBe('Salesforce');
    // Every attempt carries the fields of cli.md.
    for (const a of out.attempts)
      for (const k of ['correlationId', 'eventIds', 'user', 'app', 'time', 'scenario', 'assessment', 'policies', 'findings', 'actions'])
        expect(a, k).toHaveProperty(k);
    expect(salesforce[0].scenario).toBe('ca-grant-failed');
    expect(salesforce[0].assessment).toMatch(/CA004: Finance apps require a compliant device/);
    expect(out.window).toEqual({ since: '2026-11-19T01:00:00.000Z', until: '2026-11-21T01:00:00Z' });
  });

  it('a multi-row attempt lists all its event ids', () => {
    const out = JSON.parse(run('diagnose', '--user', 'adele.vance@contoso.com', '--since', '2026-11-18T00:00:00Z', '--json').stdout);
    const mfa = out.attempts.find((a: { errorCode: number }) => a.errorCode === 500121);
    expect(mfa.eventIds).toHaveLength(2);
  });

  it('a correlation id finds its attempt without a time window', () => {
    const first = JSON.parse(run('diagnose', '--user', 'grady.archie@contoso.com', '--since', '2026-11-14T00:00:00Z', '--json').stdout).attempts.at(-1);
    const out = JSON.parse(run('diagnose', '--correlation-id', first.correlationId, '--json').stdout);
    expect(out.attempts.map((a: { correlationId: string }) => a.correlationId)).toEqual([first.correlationId]);
  });

  it('text output names the person and the window', () => {
    const r = run('diagnose', '--user', 'Zoë', '--tz', 'Europe/Berlin');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/for Zoë Müller \(zoe\.muller@contoso\.com\), 1 failed, 2026-11-19 02:00 GMT\+1 to 2026-11-21 02:00 GMT\+1/);
  });

  it('explain: a known code with and without AADSTS, an unknown code said to be unknown', () => {
    const known = JSON.parse(run('explain', 'AADSTS50126', '--json').stdout);
    expect(known).toMatchObject({ code: 50126, known: true, name: 'InvalidUserNameOrPassword', category: 'credentials', fixer: 'user' });
    expect(known.actions[0]).toMatch(/saved old password/);
    expect(run('explain', '53003').stdout).toMatch(/^AADSTS53003 BlockedByConditionalAccess \(conditional-access; fixed by: admin\)/);
    const unknown = JSON.parse(run('explain', '1001010', '--json').stdout);
    expect(unknown).toMatchObject({ code: 1001010, known: false });
    expect(run('explain', 'abc').status).toBe(2);
  });

  it('bad arguments exit 2 with a one-line reason', () => {
    for (const [args, reason] of [
      [['diagnose'], /needs at least one of --user/],
      [['diagnose', '--user', 'bob', '--since', 'last tuesday'], /--since must be an ISO-8601 date-time/],
      [['diagnose', '--user', 'bob', '--tz', 'Mars/Olympus'], /--tz must be an IANA time zone/],
      [['diagnose', '--user', 'alex'], /matches 2 people: Alex Johnson .*Alex Wilber/],
      [['diagnose', '--user', 'bob', '--tenant', '/no/such/dir'], /does not exist/],
      [['diagnose', '--colour'], /Unknown option '--colour'/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ] as const) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(reason);
    }
  });
});
