import { describe, expect, it } from 'vitest';
import { DiagError } from '../../src/errors.ts';
import { combine } from '../../src/signins/combine.ts';
import { kqlDatetime } from '../../src/signins/kusto/signin-query.ts';
import { instant } from '../../src/signins/graph/odata.ts';
import { SOURCE_IDS, SettingsMissing, missingSettings, openSource } from '../../src/signins/registry.ts';
import type { Directory, SignInLog } from '../../src/signins/source.ts';
import { SAMPLE_TENANT } from '../../src/sources.ts';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StoreSource } from '../../src/signins/store/store-source.ts';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';

/** The ports (a log, a directory), the combination of the two, and the registry that opens a source by name. */
const log = (extra: Partial<SignInLog> = {}): SignInLog => ({
  description: 'a log',
  querySignIns: async () => ({ events: [], truncated: false, problems: [{ where: 'log', message: 'from the query' }] }),
  loadProblems: () => [{ where: 'log', message: 'loading' }],
  asOf: () => '2026-11-21T01:00:00Z',
  ...extra,
});
const directory = (extra: Partial<Directory> = {}): Directory => ({
  description: 'a directory',
  findUsers: async () => [],
  getUser: async (k) => ({ id: k, userPrincipalName: `${k}@contoso.com` }),
  listGroups: async () => undefined,
  listPolicies: async () => [],
  listNamedLocations: async () => [],
  listServicePrincipals: async () => [{ id: 's', appId: 'a', displayName: 'Salesforce' }],
  listDirectoryRoles: async () => undefined,
  getRegistrationDetails: async () => undefined,
  loadProblems: () => [{ where: 'directory', message: 'loading' }],
  ...extra,
});

describe('combine: a log-only adapter and a directory make one source', () => {
  it('sign-ins, the snapshot time and the description from the log; people and apps from the directory; problems from both', async () => {
    const s = combine(log(), directory());
    expect(s.description).toBe('a log');
    expect(s.asOf()).toBe('2026-11-21T01:00:00Z');
    expect((await s.querySignIns({})).problems).toEqual([{ where: 'log', message: 'from the query' }]);
    expect((await s.getUser('bob'))?.userPrincipalName).toBe('bob@contoso.com');
    expect((await s.listServicePrincipals()).map((p) => p.displayName)).toEqual(['Salesforce']);
    expect(s.loadProblems()).toEqual([
      { where: 'log', message: 'loading' },
      { where: 'directory', message: 'loading' },
    ]);
  });

  it('an optional call exists only when the half that serves it has it (consumers check for presence)', async () => {
    const bare = combine(log(), directory());
    expect(bare.listDirectoryAudits).toBeUndefined();
    expect(bare.membership).toBeUndefined();
    expect(bare.evaluateConditionalAccess).toBeUndefined();
    const full = combine(
      log({ listDirectoryAudits: async () => [] }),
      directory({ membership: async () => ({ groupIds: new Set(['g']), roleTemplateIds: new Set() }), evaluateConditionalAccess: async () => [] }),
    );
    expect(await full.listDirectoryAudits!({})).toEqual([]);
    expect((await full.membership!('u'))?.groupIds).toEqual(new Set(['g']));
    expect(await full.evaluateConditionalAccess!({} as never)).toEqual([]);
  });
});

describe('the registry', () => {
  it('lists every source kind; the first is the default', () => {
    expect(SOURCE_IDS).toEqual(['folder', 'graph', 'log-analytics']);
  });

  it('opens a folder from settings, with what the parser and the start line need', async () => {
    const lines: string[] = [];
    // A fresh store, so the one line it logs (what it ingested) is known.
    const store = join(mkdtempSync(join(tmpdir(), 'signin-diag-store-')), 'signins.duckdb');
    const opened = await openSource('folder', { TENANT_DIR: SAMPLE_TENANT, STORE_PATH: store }, { log: (l) => lines.push(l) });
    // The folder answers from its sign-in store (issue 18).
    expect(opened.source).toBeInstanceOf(StoreSource);
    expect(opened.appNames).toContain('Salesforce');
    expect(opened.allUsers?.length).toBeGreaterThan(10);
    expect(opened.described).toMatch(new RegExp(`^tenant folder ${SAMPLE_TENANT}, \\d+ events, as of 2026-11-21T01:00:00Z$`));
    expect(lines).toEqual([`sign-in store: ingested signIns.ndjson: ${opened.source.stats.events} records`]);
    opened.source.close();
  });

  it('each source names the settings it lacks, never their values', async () => {
    expect(await missingSettings('folder', {})).toBeUndefined();
    expect(await missingSettings('graph', {})).toBe(
      'graph needs GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH (or GRAPH_USE_MANAGED_IDENTITY=true); not set: GRAPH_TENANT_ID, GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET or GRAPH_CERTIFICATE_PATH',
    );
    expect(await missingSettings('graph', { GRAPH_USE_MANAGED_IDENTITY: 'true' })).toBeUndefined();
    expect(await missingSettings('graph', { GRAPH_TENANT_ID: 't', GRAPH_CLIENT_ID: 'c', GRAPH_CERTIFICATE_PATH: '/p.pem' })).toBeUndefined();
    expect(await missingSettings('graph', { GRAPH_USE_MANAGED_IDENTITY: 'yes' })).toMatch(/^graph cannot use GRAPH_USE_MANAGED_IDENTITY: /);
    expect(await missingSettings('log-analytics', { GRAPH_USE_MANAGED_IDENTITY: 'true' })).toMatch(
      /^log-analytics needs LOG_ANALYTICS_WORKSPACE_ID, .*; not set: LOG_ANALYTICS_WORKSPACE_ID$/,
    );
    expect(await missingSettings('log-analytics', { LOG_ANALYTICS_WORKSPACE_ID: 'w' })).toMatch(/not set: GRAPH_\* \(or GRAPH_USE_MANAGED_IDENTITY=true\)$/);
    const secret = 'not-a-real-secret';
    expect(await missingSettings('graph', { GRAPH_CLIENT_SECRET: secret })).not.toContain(secret);
    const refused = await openSource('graph', { GRAPH_CLIENT_SECRET: secret }, { log: () => {} }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(SettingsMissing);
    expect((refused as SettingsMissing).message).toMatch(/^configuration: SIGNIN_SOURCE: SIGNIN_SOURCE=graph needs GRAPH_TENANT_ID/);
    expect((refused as SettingsMissing).message).not.toContain(secret);
  });
});

describe('what a person could meet is a DiagError', () => {
  it('a folder that does not exist or holds no sign-ins; a time that is not one', () => {
    for (const f of [() => new TenantFolderSource('/nonexistent/folder'), () => new TenantFolderSource(new URL('.', import.meta.url).pathname)]) {
      expect(f).toThrow(DiagError);
    }
    expect(() => new TenantFolderSource('/nonexistent/folder')).toThrow(/^the tenant folder \/nonexistent\/folder does not exist$/);
    for (const f of [() => kqlDatetime('last tuesday'), () => instant('last tuesday')]) {
      const e = (() => {
        try {
          f();
        } catch (err) {
          return err;
        }
      })();
      expect(e).toBeInstanceOf(DiagError);
      expect(e).toMatchObject({ kind: 'badInput', message: 'not a date-time: last tuesday' });
    }
  });
});
