import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eachWindowAttempt, type WindowAttempt } from '../../src/query/diagnose-window.ts';
import { IP_FAILURE_CODES, ipFailuresOf } from '../../src/query/diagnose-attempts.ts';
import { combine } from '../../src/signins/combine.ts';
import type { SignIn } from '../../src/signins/signin.ts';
import type { IpFailure, SignInSource } from '../../src/signins/source.ts';
import { StoreSource } from '../../src/signins/store/store-source.ts';
import { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { SAMPLE_TENANT } from '../../src/signins/tenant-folder/open.ts';
import { signIn, tenantFolder } from '../helpers/tenant-folder.ts';

/**
 * The store's read of a range person by person (signInsByPerson) and of the failures by IP
 * (failuresByIp): the same events, per person and in the same order, as one read of the range
 * gives, and so the same window run as the folder's.
 */
const tempStore = () => join(mkdtempSync(join(tmpdir(), 'signin-diag-store-')), 'signins.duckdb');
const range = { since: '2026-11-14T00:00:00Z', until: '2026-11-20T12:00:00Z' };

/** Every batch signInsByPerson hands over, and the people in the order handed over. */
async function byPerson(source: SignInSource, r = range) {
  const batches: Map<string, SignIn[]>[] = [];
  const result = await source.signInsByPerson!(r, async (people) => void batches.push(new Map(people)));
  return { result, batches, people: new Map(batches.flatMap((b) => [...b])) };
}

/** One read of the range, grouped by user id: each person's events newest first, as read. */
async function grouped(source: SignInSource, r = range) {
  const people = new Map<string, SignIn[]>();
  for (const e of (await source.querySignIns(r)).events) people.set(e.userId, [...(people.get(e.userId) ?? []), e]);
  return people;
}

const sortedFailures = (xs: Iterable<IpFailure>) => [...xs].map((f) => `${f.ip.trim().toLowerCase()} ${f.t} ${f.account.toLowerCase()}`).sort();

describe('the store reads a range person by person', () => {
  let store: StoreSource;
  beforeAll(async () => {
    // Small batches, so the sample week comes in many.
    store = await StoreSource.open(SAMPLE_TENANT, { path: tempStore(), batchEvents: 200 });
  });
  afterAll(() => store?.close());

  it('each person exactly once, with the same events in the same order as querySignIns over the range; people in batches by id', async () => {
    const want = await grouped(store);
    const got = await byPerson(store);
    expect(got.result).toEqual({ truncated: false, problems: [] });
    expect(got.batches.length).toBeGreaterThan(5);
    expect(got.people.size).toBe(want.size);
    expect(got.batches.reduce((n, b) => n + b.size, 0)).toBe(want.size);
    for (const [id, events] of want)
      expect(
        got.people.get(id)?.map((e) => e.id),
        id,
      ).toEqual(events.map((e) => e.id));
    expect([...got.people]).toEqual([...got.people].map(([id]) => [id, want.get(id)]));
    // Batches follow each other by id: the last of one sorts before the first of the next.
    const ids = got.batches.flatMap((b) => [...b.keys()].map((k) => k.toLowerCase()).sort());
    expect(ids).toEqual([...ids].sort());
    // And the records are the folder's.
    const folder = new TenantFolderSource(SAMPLE_TENANT);
    expect(got.people).toEqual(await grouped(folder));
  }, 120_000);

  it('the failures by IP are the password failures a read of the range holds, as IP, time and account', async () => {
    const got = await store.failuresByIp(range, IP_FAILURE_CODES);
    const want = [...ipFailuresOf((await store.querySignIns(range)).events)];
    expect(want.length).toBeGreaterThan(20);
    expect(sortedFailures(got)).toEqual(sortedFailures(want));
  });

  it('a combined source offers both when its log half has them', async () => {
    const both = combine(store, store);
    expect((await byPerson(both)).people).toEqual((await byPerson(store)).people);
    expect(sortedFailures(await both.failuresByIp!(range, IP_FAILURE_CODES))).toEqual(sortedFailures(await store.failuresByIp(range, IP_FAILURE_CODES)));
    const folder = new TenantFolderSource(SAMPLE_TENANT);
    const plain = combine(folder, folder);
    expect(plain.signInsByPerson).toBeUndefined();
    expect(plain.failuresByIp).toBeUndefined();
  });

  it('the window run from the store is the folder’s: the same diagnoses and incidents', async () => {
    const r = { since: '2026-11-17T00:00:00Z', until: '2026-11-19T12:00:00Z', now: '2026-11-21T01:00:00Z' };
    const run = async (source: SignInSource) => {
      const got: WindowAttempt[] = [];
      const out = await eachWindowAttempt(source, r, (x) => void got.push(x));
      const key = (x: WindowAttempt) => `${x.t} ${x.diagnosis.decisiveEventId}`;
      return { ...out, attempts: got.sort((a, b) => (key(a) < key(b) ? -1 : 1)).map((x) => x.diagnosis) };
    };
    const folder = await run(new TenantFolderSource(SAMPLE_TENANT));
    const fromStore = await run(store);
    expect(fromStore.attempts.length).toBeGreaterThan(100);
    expect(fromStore.attempts).toEqual(folder.attempts);
    expect(fromStore.incidents).toEqual(folder.incidents);
    expect(fromStore.incidents.length).toBeGreaterThan(0);
  }, 120_000);
});

describe('signInsByPerson with a record id written twice', () => {
  it('keeps only the copy a read of the range keeps (the newest), even when the copies name different people', async () => {
    const ndjson = (events: unknown[]) => events.map((e) => JSON.stringify(e)).join('\n') + '\n';
    const a = signIn({ userId: 'u-ann', userPrincipalName: 'ann@contoso.com', createdDateTime: '2026-11-20T09:00:00Z' });
    const dup = { ...a, userId: 'u-bob', userPrincipalName: 'bob@contoso.com', createdDateTime: '2026-11-20T10:00:00Z' };
    const other = signIn({ userId: 'u-ann', userPrincipalName: 'ann@contoso.com', createdDateTime: '2026-11-20T08:00:00Z' });
    const dir = tenantFolder({ 'signIns.ndjson': ndjson([a, other, dup]) });
    const store = await StoreSource.open(dir, { path: tempStore() });
    try {
      const r = { since: '2026-11-19T00:00:00Z', until: '2026-11-21T00:00:00Z' };
      const want = await grouped(store, r);
      expect([...want.keys()].sort()).toEqual(['u-ann', 'u-bob']);
      expect(want.get('u-ann')!.map((e) => e.id)).toEqual([other.id]);
      expect((await byPerson(store, r)).people).toEqual(want);
    } finally {
      store.close();
    }
  });
});
