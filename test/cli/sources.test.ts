import { spawnSync } from 'node:child_process';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli.ts';
import { SAMPLE_TENANT, openSource } from '../../src/sources.ts';
import { FakeLogsQueryClient } from '../helpers/log-analytics-fake.ts';

/**
 * --source opens any registered source (src/signins/registry.ts) with the settings the bot
 * reads from its environment. Log Analytics is answered by a fake LogsQueryClient in place of
 * the SDK's, from the sample tenant, so the registry's own opening code runs.
 */
vi.mock('@azure/monitor-query-logs', async () => ({ LogsQueryClient: (await import('../helpers/log-analytics-fake.ts')).FakeLogsQueryClient }));

const BIN = new URL('../../bin/signin-diag.mjs', import.meta.url).pathname;
const GRAPH_SETTINGS = ['GRAPH_TENANT_ID', 'GRAPH_CLIENT_ID', 'GRAPH_CLIENT_SECRET', 'GRAPH_CERTIFICATE_PATH', 'GRAPH_USE_MANAGED_IDENTITY'];
/** The CLI as a person runs it, with the environment the test gives (none of the developer's Graph settings). */
const run = (env: Record<string, string>, ...args: string[]) => {
  const base = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !GRAPH_SETTINGS.includes(k) && k !== 'SIGNIN_SOURCE' && k !== 'LOG_ANALYTICS_WORKSPACE_ID'),
  );
  return spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', env: { ...base, ...env }, maxBuffer: 64 * 1024 * 1024 });
};

/** The CLI in this process (so the mocked SDK is the one it loads): exit code, stdout, stderr. */
async function inProcess(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += String(chunk)), true));
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += String(chunk)), true));
  try {
    return { code: await main(argv), stdout, stderr };
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
}

afterEach(() => vi.unstubAllEnvs());

describe('signin-diag --source', { timeout: 60_000 }, () => {
  it('--source graph without the GRAPH_* settings: exit 2, one line naming what is not set (never a value)', () => {
    const r = run({}, 'diagnose', '--source', 'graph', '--user', 'bob');
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(
      /^signin-diag: --source graph needs GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH \(or GRAPH_USE_MANAGED_IDENTITY=true\); not set: GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH$/m,
    );
    // Only what is missing is named; a given value is not echoed.
    const some = run(
      { GRAPH_TENANT_ID: 'contoso-tenant-id-value', GRAPH_CLIENT_SECRET: 'not-a-real-secret' },
      'parse',
      '--source',
      'graph',
      'why did bob fail',
    );
    expect(some.status).toBe(2);
    expect(some.stderr).toMatch(/not set: GRAPH_CLIENT_ID$/m);
    expect(some.stderr).not.toMatch(/contoso-tenant-id-value|not-a-real-secret/);
  });

  it('SIGNIN_SOURCE chooses the source when --source is not given; --tenant still means a folder', () => {
    const r = run({ SIGNIN_SOURCE: 'graph' }, 'ask', 'why did bob fail');
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/--source graph needs GRAPH_TENANT_ID/);
    const folder = run({ SIGNIN_SOURCE: 'graph' }, 'diagnose', '--tenant', SAMPLE_TENANT, '--user', 'bob.kelly@contoso.com', '--json');
    expect(folder.status).toBe(0);
    expect(JSON.parse(folder.stdout).source).toBe(`tenant folder ${SAMPLE_TENANT}`);
  });

  it('an unknown source is a usage error listing the registered ones', () => {
    for (const [env, args, reason] of [
      [{}, ['diagnose', '--source', 'ldap', '--user', 'bob'], /--source must be one of folder, graph, log-analytics/],
      [{}, ['parse', '--source', 'ldap', 'hi'], /--source must be one of folder, graph, log-analytics/],
      [{ SIGNIN_SOURCE: 'ldap' }, ['ask', 'hi'], /SIGNIN_SOURCE must be one of folder, graph, log-analytics/],
    ] as const) {
      const r = run(env, ...args);
      expect(r.status, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(reason);
    }
  });

  it('--source log-analytics (opened by the registry, the workspace a fake LogsQueryClient) answers diagnose as the folder does', async () => {
    const WS = 'b1c2d3e4-0000-4000-8000-000000000001';
    const folder = openSource(undefined);
    FakeLogsQueryClient.folder = folder;
    const now = folder.asOf()!;
    for (const k of GRAPH_SETTINGS) vi.stubEnv(k, '');
    vi.stubEnv('SIGNIN_SOURCE', '');
    vi.stubEnv('LOG_ANALYTICS_WORKSPACE_ID', WS);
    // The workspace is read with the bot's identity; the directory comes from the folder --tenant names.
    vi.stubEnv('GRAPH_USE_MANAGED_IDENTITY', 'true');
    const args = ['diagnose', '--tenant', SAMPLE_TENANT, '--user', 'bob.kelly@contoso.com', '--now', now, '--json'];
    const la = await inProcess(...args, '--source', 'log-analytics');
    expect(la.stderr).toBe('');
    expect(la.code).toBe(0);
    const fromWorkspace = JSON.parse(la.stdout);
    expect(fromWorkspace.source).toBe(`Log Analytics workspace ${WS}`);
    expect(FakeLogsQueryClient.queries.length).toBeGreaterThan(0);
    expect(FakeLogsQueryClient.queries.every((q) => q.workspaceId === WS)).toBe(true);
    expect(FakeLogsQueryClient.queries[0]!.query).toMatch(/^union withsource=SourceTable \(SigninLogs \| where .*UserId =~ @'/);
    const fromFolder = JSON.parse((await inProcess(...args)).stdout);
    expect(fromWorkspace.attempts.length).toBeGreaterThan(10);
    // The same attempts, read the same way. Not compared: times (the SDK hands datetime columns over as Dates, to the
    // millisecond); the "what changed" lines from each source's audit log are compared in test/signins/directory-audits.test.ts.
    type Attempt = {
      correlationId: string;
      eventIds: string[];
      time: string;
      errorCode: number;
      scenario: string;
      title: string;
      assessment: string;
      policies: { displayName: string; result: string }[];
      actions: { who: string }[];
    };
    const read = (attempts: Attempt[]) =>
      attempts.map((a) => ({
        ...pick(a),
        time: Date.parse(a.time),
        policies: a.policies.map((p) => `${p.displayName}:${p.result}`),
        actions: a.actions.map((x) => x.who),
      }));
    const pick = ({ correlationId, eventIds, errorCode, scenario, title, assessment }: Attempt) => ({
      correlationId,
      eventIds,
      errorCode,
      scenario,
      title,
      assessment,
    });
    expect(read(fromWorkspace.attempts)).toEqual(read(fromFolder.attempts));
    expect(fromWorkspace.window).toEqual(fromFolder.window);
  });

  it('--source log-analytics without a workspace says so', async () => {
    for (const k of GRAPH_SETTINGS) vi.stubEnv(k, '');
    vi.stubEnv('LOG_ANALYTICS_WORKSPACE_ID', '');
    vi.stubEnv('GRAPH_USE_MANAGED_IDENTITY', 'true');
    const r = await inProcess('diagnose', '--source', 'log-analytics', '--tenant', SAMPLE_TENANT, '--user', 'bob');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^signin-diag: --source log-analytics needs LOG_ANALYTICS_WORKSPACE_ID.*; not set: LOG_ANALYTICS_WORKSPACE_ID$/m);
  });
});
