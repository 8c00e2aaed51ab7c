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

  it('only a window: every attempt in it, each once, with a table by cause and the incidents before the attempts', () => {
    const since = '2026-11-17T00:00:00Z';
    const until = '2026-11-18T00:00:00Z';
    const all = JSON.parse(run('diagnose', '--since', since, '--until', until, '--json').stdout);
    expect(all.window).toEqual({ since, until });
    const ids = all.attempts.map((a: { correlationId: string }) => a.correlationId);
    expect(new Set(ids).size).toBe(ids.length);
    // Every attempt whose deciding event is in the window, for everyone: more people than any one question names.
    for (const a of all.attempts)
      (expect(Date.parse(a.time)).toBeGreaterThanOrEqual(Date.parse(since)), expect(Date.parse(a.time)).toBeLessThanOrEqual(Date.parse(until)));
    expect(new Set(all.attempts.map((a: { user: { id: string } }) => a.user.id)).size).toBeGreaterThan(20);
    expect(all.summary.attempts).toBe(all.attempts.length);
    expect(all.summary.byCause.reduce((s: number, r: { attempts: number }) => s + r.attempts, 0)).toBe(all.attempts.length);
    // Tuesday's pass-through agent outage is an incident; each of its failures is among the attempts.
    expect(all.incidents.map((i: { component: string; people: number }) => [i.component, i.people])).toEqual([['pass-through-agents', 3]]);
    const decisive = new Set(all.attempts.map((a: { eventIds: string[] }) => a.eventIds.at(-1)));
    for (const id of all.incidents[0].attemptIds) expect(decisive.has(id)).toBe(true);

    const failures = JSON.parse(run('diagnose', '--since', since, '--until', until, '--only', 'failures', '--json').stdout);
    expect(failures.attempts.length).toBe(all.attempts.filter((a: { scenario: string }) => a.scenario !== 'success').length);
    expect(failures.attempts.length).toBeGreaterThan(0);
    expect(failures.incidents).toEqual(all.incidents);

    const text = run('diagnose', '--since', since, '--until', until, '--only', 'failures', '--tz', 'Europe/Berlin');
    expect(text.status).toBe(0);
    const lines = text.stdout.split('\n');
    expect(lines[0]).toMatch(new RegExp(`^${failures.attempts.length} sign-in attempts by \\d+ people, ${failures.attempts.length} failed`));
    const table = lines.indexOf('Failures by scenario and cause:');
    const incidents = lines.findIndex((l) => l.startsWith('Incidents (1)'));
    const attempts = lines.indexOf('Attempts, newest first:');
    expect(0 < table && table < incidents && incidents < attempts).toBe(true);
    expect(lines[table + 1]).toMatch(/attempts\s+people\s+scenario\s+cause/);
    expect(text.stdout).toMatch(/Pass-through authentication failed for 3 people between 2026-11-17 15:02 GMT\+1 and 2026-11-17 15:21 GMT\+1/);
    expect(text.stdout).toMatch(/→ admin: .*PassThroughAuthenticationConnectorsBlade/);
    // Each failed attempt printed once, under the attempts heading.
    for (const a of failures.attempts) expect(text.stdout.split(`correlation ${a.correlationId},`).length - 1).toBe(1);
  }, 180_000);

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
      [['diagnose', '--since', '2026-11-17T00:00:00Z', '--only', 'everything'], /--only must be "failures"/],
      [['diagnose', '--since', '2026-11-18T00:00:00Z', '--until', '2026-11-17T00:00:00Z'], /--since .* is after --until/],
      [['frobnicate'], /unknown command "frobnicate"/],
    ] as const) {
      const r = run(...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(reason);
    }
  }, 120_000);
});
