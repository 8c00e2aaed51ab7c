import { spawn, type ChildProcess } from 'node:child_process';
import { appendFileSync, existsSync, mkdtempSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { groupAttempts, type Attempt } from '../../src/diagnosis/attempts.ts';
import { diagnoseRequest } from '../../src/query/diagnose-attempts.ts';
import { DiagError } from '../../src/errors.ts';
import type { SignInQuery, SignInSource } from '../../src/signins/source.ts';
import { signInSql } from '../../src/signins/store/sql.ts';
import { StoreSource } from '../../src/signins/store/store-source.ts';
import { storePath } from '../../src/signins/store/location.ts';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { SAMPLE_TENANT } from '../../src/signins/tenant-folder/open.ts';
import { signIn, tenantFolder } from '../helpers/tenant-folder.ts';

const tempStore = () => join(mkdtempSync(join(tmpdir(), 'signin-diag-store-')), 'signins.duckdb');
const ids = async (s: SignInSource, q: SignInQuery) => {
  const r = await s.querySignIns(q);
  return { ids: r.events.map((e) => e.id), truncated: r.truncated };
};

describe('the sign-in store answers the sample tenant exactly as the folder does', () => {
  let folder: TenantFolderSource;
  let store: StoreSource;
  let attempts: Attempt[];
  beforeAll(async () => {
    folder = new TenantFolderSource(SAMPLE_TENANT);
    store = await StoreSource.open(SAMPLE_TENANT, { path: tempStore() });
    attempts = groupAttempts((await folder.querySignIns({})).events);
  });
  afterAll(() => store?.close());

  it('holds every event, skips nothing, and names the same apps', () => {
    expect(store.stats.events).toBe(folder.stats.events);
    expect(store.loadProblems()).toEqual(folder.loadProblems());
    expect(store.appNames()).toEqual(folder.appNames());
  });

  /** The query shapes the product asks, made from one attempt's decisive event. */
  const shapes = (a: Attempt): SignInQuery[] => {
    const d = a.decisive;
    const until = d.createdDateTime;
    const since = new Date(Date.parse(until) - 48 * 3_600_000).toISOString();
    return [
      { user: d.userPrincipalName?.toUpperCase() ?? d.userId, since, until },
      { user: d.userId, app: d.appDisplayName ?? undefined, since, until, limit: 5 },
      { apps: [d.resourceDisplayName ?? 'none', ' Microsoft Teams '], since, until },
      { ip: d.ipAddress ?? '', since, until },
      { errorCode: d.status.errorCode, since, until, limit: 20 },
      { user: d.userId, outcome: 'failure', since },
      { user: d.userId, outcome: 'success', until, limit: 3 },
      { since, until, limit: 50 },
    ];
  };

  // Each query costs the store a few milliseconds (the folder's index, well under one): every
  // attempt is covered through its person's whole history, its own correlation id and request
  // id, and the other shapes in turn, so the test stays short on a busy machine.
  it('every attempt: the same sign-ins, in the same order, for each query shape (and limit cuts the same)', async () => {
    expect(attempts.length).toBeGreaterThan(500);
    const people = new Set(attempts.map((a) => a.decisive.userId));
    const queries: SignInQuery[] = [...people].map((user) => ({ user }));
    const covered = new Set<string>();
    for (const [i, a] of attempts.entries()) {
      if (i % 64 === 0) queries.push({ correlationId: ` ${a.correlationId.toUpperCase()} ` }, { requestId: a.decisive.originalRequestId ?? a.decisive.id });
      if (i % 32 === 16) queries.push(shapes(a)[((i - 16) / 32) % 8]!);
    }
    expect(queries.length).toBeLessThan(400);
    let truncated = 0;
    for (const q of queries) {
      const want = await ids(folder, q);
      expect(await ids(store, q), JSON.stringify(q)).toEqual(want);
      if (want.truncated) truncated++;
      if (q.user !== undefined && Object.keys(q).length === 1) for (const id of want.ids) covered.add(id);
    }
    // The people's whole histories hold every event of every attempt.
    expect(attempts.every((a) => a.events.every((e) => covered.has(e.id)))).toBe(true);
    expect(truncated).toBeGreaterThan(0);
  }, 300_000);

  it('the records come back as the folder reads them', async () => {
    const q = { user: 'bob.kelly@contoso.com' };
    expect((await store.querySignIns(q)).events).toEqual((await folder.querySignIns(q)).events);
  });

  it('the same diagnoses, attempt by attempt, for a person', async () => {
    const now = folder.asOf()!;
    const a = await diagnoseRequest(folder, { user: 'bob.kelly@contoso.com', now });
    const b = await diagnoseRequest(store, { user: 'bob.kelly@contoso.com', now });
    expect(b.attempts.length).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });
});

describe('ingest', () => {
  const first = [signIn({ createdDateTime: '2026-11-20T10:00:00Z' }), signIn({ createdDateTime: '2026-11-20T11:00:00Z', status: { errorCode: 50126 } })];
  const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';

  it('reads only new or changed files on a later start, and drops a file that left the folder', async () => {
    const dir = tenantFolder({ 'signIns.a.ndjson': ndjson(first) });
    const path = tempStore();
    const one = await StoreSource.open(dir, { path });
    expect(one.lastIngest.read.map((r) => r.file)).toEqual(['signIns.a.ndjson']);
    one.close();

    const again = await StoreSource.open(dir, { path });
    expect(again.lastIngest.read).toEqual([]);
    expect(again.stats.events).toBe(2);
    again.close();

    writeFileSync(join(dir, 'signIns.b.ndjson'), ndjson([signIn({ createdDateTime: '2026-11-20T12:00:00Z' })]));
    const added = await StoreSource.open(dir, { path });
    expect(added.lastIngest.read).toEqual([{ file: 'signIns.b.ndjson', records: 1, problems: 0 }]);
    expect(added.stats.events).toBe(3);
    added.close();

    appendFileSync(join(dir, 'signIns.a.ndjson'), ndjson([signIn({ createdDateTime: '2026-11-20T13:00:00Z' })]));
    const changed = await StoreSource.open(dir, { path });
    expect(changed.lastIngest.read.map((r) => [r.file, r.records])).toEqual([['signIns.a.ndjson', 3]]);
    expect((await changed.querySignIns({ user: 'bob@contoso.com' })).events.map((e) => e.createdDateTime)).toEqual([
      '2026-11-20T13:00:00Z',
      '2026-11-20T12:00:00Z',
      '2026-11-20T11:00:00Z',
      '2026-11-20T10:00:00Z',
    ]);
    changed.close();
  });

  it('reports a malformed record with its file and line, skips it, and still reports it on the next start', async () => {
    const dir = tenantFolder({
      'signIns.ndjson': ndjson(first) + '{"id": "x", "createdDateTime": "2026-11-20T10:00:00Z"\n' + JSON.stringify(signIn({ status: {} })) + '\n',
    });
    const path = tempStore();
    const one = await StoreSource.open(dir, { path });
    expect(one.stats.events).toBe(2);
    const problems = one.loadProblems();
    expect(problems.map((p) => p.where)).toEqual([`${join(dir, 'signIns.ndjson')}:3`, `${join(dir, 'signIns.ndjson')}:4`]);
    expect(problems[0]!.message).toMatch(/^not valid JSON/);
    expect(problems[1]!.message).toMatch(/status\.errorCode/);
    one.close();
    const again = await StoreSource.open(dir, { path });
    expect(again.lastIngest.read).toEqual([]);
    expect(again.loadProblems()).toEqual(problems);
    again.close();
  });

  it('a touched file is read again; --rebuild-store reads everything again', async () => {
    const dir = tenantFolder({ 'signIns.ndjson': ndjson(first) });
    const path = tempStore();
    (await StoreSource.open(dir, { path })).close();
    utimesSync(join(dir, 'signIns.ndjson'), new Date(), new Date(Date.now() + 5000));
    const touched = await StoreSource.open(dir, { path });
    expect(touched.lastIngest.read.map((r) => r.file)).toEqual(['signIns.ndjson']);
    expect(touched.stats.events).toBe(2);
    touched.close();
    const rebuilt = await StoreSource.open(dir, { path, rebuild: true });
    expect(rebuilt.lastIngest.read.map((r) => r.file)).toEqual(['signIns.ndjson']);
    expect(rebuilt.stats.events).toBe(2);
    rebuilt.close();
  });

  it('while running, a new export file is ingested when it appears (the store kept in the folder’s .signin-diag/)', async () => {
    const dir = tenantFolder({ 'signIns.a.ndjson': ndjson(first) });
    const store = await StoreSource.open(dir, { path: join(dir, '.signin-diag', 'signins.duckdb') });
    store.watch((e) => {
      throw e;
    });
    writeFileSync(join(dir, 'signIns.b.ndjson'), ndjson([signIn({ createdDateTime: '2026-11-20T12:00:00Z' })]));
    for (let i = 0; i < 100 && store.stats.events < 3; i++) await new Promise((r) => setTimeout(r, 100));
    expect(store.stats.events).toBe(3);
    expect((await store.querySignIns({ user: 'bob@contoso.com', limit: 1 })).events[0]!.createdDateTime).toBe('2026-11-20T12:00:00Z');
    store.close();
  }, 60_000);

  it('a file rewritten in place (same size, records swapped) is ingested again before the question, not read at the old places', async () => {
    const a = signIn({ id: 'r-1', createdDateTime: '2026-11-20T10:00:00Z' });
    const b = signIn({ id: 'r-2', createdDateTime: '2026-11-20T11:00:00Z' });
    const dir = tenantFolder({ 'signIns.ndjson': ndjson([a, b]) });
    const store = await StoreSource.open(dir, { path: tempStore() });
    writeFileSync(join(dir, 'signIns.ndjson'), ndjson([b, a]));
    utimesSync(join(dir, 'signIns.ndjson'), new Date(), new Date(Date.now() + 5000));
    const bob = await store.querySignIns({ user: 'bob@contoso.com' });
    expect(bob.events.map((e) => [e.id, e.createdDateTime])).toEqual([
      ['r-2', '2026-11-20T11:00:00Z'],
      ['r-1', '2026-11-20T10:00:00Z'],
    ]);
    expect(store.lastIngest.read.map((r) => r.file)).toEqual(['signIns.ndjson']);
    store.close();
  });

  it('a file rewritten under a running store (no watcher) is ingested again before the question is answered, never read at stale places', async () => {
    const dir = tenantFolder({ 'signIns.ndjson': ndjson(first) });
    const store = await StoreSource.open(dir, { path: tempStore() });
    // Longer records before bob's: the old byte spans now point into other records.
    const later = [signIn({ id: 'x-1', userId: 'u-eve', userPrincipalName: 'eve@contoso.com', appDisplayName: 'A much longer application name' }), ...first];
    writeFileSync(join(dir, 'signIns.ndjson'), ndjson(later));
    utimesSync(join(dir, 'signIns.ndjson'), new Date(), new Date(Date.now() + 5000));
    const bob = await store.querySignIns({ user: 'bob@contoso.com' });
    expect(bob.events.map((e) => e.createdDateTime)).toEqual(['2026-11-20T11:00:00Z', '2026-11-20T10:00:00Z']);
    expect(store.lastIngest.read.map((r) => r.file)).toEqual(['signIns.ndjson']);
    expect(store.stats.events).toBe(3);
    store.close();
  });

  it('a CSV export is held in the store and answers as the folder reads it', async () => {
    const header = '"Date (UTC)","Request ID","Correlation ID","User ID","Username","Application","Status","Sign-in error code","IP address"';
    const csv = [
      header,
      '"2026-11-20T10:00:00Z","req-1","corr-1","u-bob","Bob@contoso.com","Salesforce","Failure","53000","203.0.113.5"',
      '"not a date","req-2"',
    ].join('\r\n');
    const dir = tenantFolder({ 'signIns.csv': csv });
    const folder = new TenantFolderSource(dir);
    const store = await StoreSource.open(dir, { path: tempStore() });
    expect(store.stats.events).toBe(1);
    expect(store.loadProblems()).toEqual(folder.loadProblems());
    expect((await store.querySignIns({ user: 'bob@contoso.com' })).events).toEqual((await folder.querySignIns({ user: 'bob@contoso.com' })).events);
    expect(store.appNames()).toEqual(['Salesforce']);
    store.close();
  });

  it('the directory files are validated once and kept beside the store; a changed one is read again', async () => {
    const path = tempStore();
    (await StoreSource.open(SAMPLE_TENANT, { path })).close();
    expect(existsSync(`${path}.directory.json`)).toBe(true);
    const cached = await StoreSource.open(SAMPLE_TENANT, { path });
    const folder = new TenantFolderSource(SAMPLE_TENANT);
    expect(cached.allUsers()).toEqual(folder.allUsers());
    expect(await cached.listGroups()).toEqual(await folder.listGroups());
    expect(await cached.listPolicies()).toEqual(await folder.listPolicies());
    expect(await cached.listDirectoryAudits()).toEqual(await folder.listDirectoryAudits());
    expect(await cached.getRegistrationDetails(folder.allUsers()[0]!.id)).toEqual(await folder.getRegistrationDetails(folder.allUsers()[0]!.id));
    expect(cached.loadProblems()).toEqual(folder.loadProblems());
    expect(cached.asOf()).toBe(folder.asOf());
    cached.close();

    const dir = tenantFolder({ 'signIns.ndjson': ndjson(first), 'users.json': { value: [{ id: 'u-bob', userPrincipalName: 'bob@contoso.com' }] } });
    const own = tempStore();
    (await StoreSource.open(dir, { path: own })).close();
    writeFileSync(
      join(dir, 'users.json'),
      JSON.stringify({
        value: [
          { id: 'u-bob', userPrincipalName: 'bob@contoso.com' },
          { id: 'u-eve', userPrincipalName: 'eve@contoso.com' },
        ],
      }),
    );
    utimesSync(join(dir, 'users.json'), new Date(), new Date(Date.now() + 5000));
    const again = await StoreSource.open(dir, { path: own });
    expect(again.allUsers().map((u) => u.id)).toEqual(['u-bob', 'u-eve']);
    again.close();
  });

  it('a store made for another folder is rebuilt for this one', async () => {
    const path = tempStore();
    (await StoreSource.open(tenantFolder({ 'signIns.ndjson': ndjson(first) }), { path })).close();
    const other = await StoreSource.open(tenantFolder({ 'signIns.ndjson': ndjson([signIn()]) }), { path });
    expect(other.stats.events).toBe(1);
    other.close();
  });

  it('sits in the folder’s .signin-diag/, or where STORE_PATH says; the bundled sample’s goes to a temporary folder, not the repository', () => {
    const dir = tenantFolder({});
    expect(storePath(dir)).toBe(join(dir, '.signin-diag', 'signins.duckdb'));
    expect(storePath(dir, { storePath: '/srv/x.duckdb' })).toBe('/srv/x.duckdb');
    expect(storePath(SAMPLE_TENANT, { sample: SAMPLE_TENANT }).startsWith(tmpdir())).toBe(true);
  });
});

describe('queries', () => {
  it('carry every value as a bound parameter, never in the statement', () => {
    const evil = "bob' OR 1=1 --";
    const { sql, params } = signInSql({ user: evil, apps: [evil, 'Teams'], ip: evil, correlationId: evil, requestId: evil, since: '2026-11-20T00:00:00Z' }, 10);
    expect(sql).not.toContain('bob');
    expect(sql).not.toContain('Teams'.toLowerCase());
    expect(params).toContain("bob' or 1=1 --");
    expect(params).toContain(Date.parse('2026-11-20T00:00:00Z'));
    expect(params.at(-1)).toBe(10);
  });

  it('an empty `apps` list matches nothing, as the shared filter does', async () => {
    const dir = tenantFolder({ 'signIns.json': [signIn()] });
    const store = await StoreSource.open(dir, { path: tempStore() });
    expect((await store.querySignIns({ apps: [] })).events).toEqual([]);
    expect((await store.querySignIns({ apps: ['SALESFORCE'] })).events).toHaveLength(1);
    store.close();
  });
});

describe('another process', () => {
  let holder: ChildProcess | undefined;
  afterAll(() => holder?.kill());

  it('holding the store for longer than we wait is a DiagError saying so', async () => {
    const dir = tenantFolder({ 'signIns.json': [signIn()] });
    const path = tempStore();
    holder = spawn(
      process.execPath,
      [
        '-e',
        `import('@duckdb/node-api').then(async ({ DuckDBInstance }) => { await DuckDBInstance.create(${JSON.stringify(path)}); console.log('held'); setInterval(() => {}, 1000); })`,
      ],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    await new Promise<void>((resolve) => holder!.stdout!.once('data', () => resolve()));
    const opening = StoreSource.open(dir, { path, waitMs: 300 });
    await expect(opening).rejects.toThrow(DiagError);
    await expect(opening).rejects.toThrow(/being updated by another process/);
  });
});
