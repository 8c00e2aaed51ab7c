import nock from 'nock';
import { AnonymousCredential, ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobLeaseLock, BlobNotifyStore } from '../../src/notify/blob-store.ts';
import { NotifyState } from '../../src/notify/store.ts';

/**
 * Azure Blob Storage played by nock (the documented REST: PUT/GET/HEAD on blobs, ETags,
 * If-Match / If-None-Match, and `comp=lease` with x-ms-lease-action acquire/renew/release).
 */
const ACCOUNT = 'https://contosohelpdesk.blob.core.windows.net';
const blobs = new Map<string, { body: Buffer; etag: string; lease?: { id: string; until: number } }>();
let version = 0;
let clock = 0;

const xmlError = (code: string) => `<?xml version="1.0" encoding="utf-8"?><Error><Code>${code}</Code><Message>${code}</Message></Error>`;

beforeAll(() => {
  nock.disableNetConnect();
  nock(ACCOUNT)
    .persist()
    .intercept(/\/notify\/.+/, 'PUT')
    .reply(function (uri, body) {
      const url = new URL(uri, ACCOUNT);
      const name = url.pathname.split('/').pop()!;
      const b = blobs.get(name);
      const h = this.req.headers;
      if (url.searchParams.get('comp') === 'lease') {
        if (!b) return [404, xmlError('BlobNotFound'), { 'x-ms-error-code': 'BlobNotFound' }];
        const action = h['x-ms-lease-action'];
        const held = b.lease && b.lease.until > clock;
        if (action === 'acquire') {
          if (held) return [409, xmlError('LeaseAlreadyPresent'), { 'x-ms-error-code': 'LeaseAlreadyPresent' }];
          // Azure takes the client's proposed lease id when there is one.
          b.lease = { id: String(h['x-ms-proposed-lease-id'] ?? `lease-${++version}`), until: clock + Number(h['x-ms-lease-duration']) * 1000 };
          return [201, '', { 'x-ms-lease-id': b.lease.id, etag: b.etag }];
        }
        if (!held || b.lease!.id !== h['x-ms-lease-id']) return [409, xmlError('LeaseIdMismatchWithLeaseOperation'), { 'x-ms-error-code': 'LeaseIdMismatchWithLeaseOperation' }];
        if (action === 'renew') {
          b.lease!.until = clock + 60_000;
          return [200, '', { 'x-ms-lease-id': b.lease!.id, etag: b.etag }];
        }
        if (action === 'release') {
          b.lease = undefined;
          return [200, '', { etag: b.etag }];
        }
      }
      if (h['if-none-match'] === '*' && b) return [409, xmlError('BlobAlreadyExists'), { 'x-ms-error-code': 'BlobAlreadyExists' }];
      if (h['if-match'] && (!b || b.etag !== h['if-match'])) return [412, xmlError('ConditionNotMet'), { 'x-ms-error-code': 'ConditionNotMet' }];
      const etag = `"0x${(++version).toString(16)}"`;
      blobs.set(name, { body: Buffer.from(typeof body === 'string' ? body : JSON.stringify(body)), etag, lease: b?.lease });
      return [201, '', { etag, 'last-modified': new Date().toUTCString() }];
    })
    .intercept(/\/notify\/.+/, 'GET')
    .reply((uri) => {
      const b = blobs.get(new URL(uri, ACCOUNT).pathname.split('/').pop()!);
      return b ? [200, b.body, { etag: b.etag, 'content-length': String(b.body.length), 'x-ms-blob-type': 'BlockBlob' }] : [404, xmlError('BlobNotFound'), { 'x-ms-error-code': 'BlobNotFound' }];
    })
    .intercept(/\/notify\/.+/, 'HEAD')
    .reply((uri) => {
      const b = blobs.get(new URL(uri, ACCOUNT).pathname.split('/').pop()!);
      return b ? [200, '', { etag: b.etag, 'content-length': String(b.body.length), 'x-ms-blob-type': 'BlockBlob' }] : [404, '', { 'x-ms-error-code': 'BlobNotFound' }];
    });
});
afterAll(() => nock.cleanAll());

const container = () => new ContainerClient(`${ACCOUNT}/notify`, new AnonymousCredential(), { retryOptions: { maxTries: 1 } });

describe('notification state in Azure Blob Storage', () => {
  it('starts empty, survives a "restart" (a new store), and refuses to overwrite a newer version', async () => {
    const a = new BlobNotifyStore(container());
    const s = await a.load();
    expect(s).toEqual(NotifyState.parse({}));
    s.cursor = '2026-11-20T10:00:00Z';
    await a.save(s);
    const b = new BlobNotifyStore(container());
    expect((await b.load()).cursor).toBe('2026-11-20T10:00:00Z');
    // a writes again over the version it read; b's copy is now stale.
    s.cursor = '2026-11-20T10:01:00Z';
    await a.save(s);
    await expect(b.save({ ...s, cursor: 'stale' })).rejects.toMatchObject({ statusCode: 412 });
    expect((await new BlobNotifyStore(container()).load()).cursor).toBe('2026-11-20T10:01:00Z');
  });
});

describe('one watcher among several instances', () => {
  it('the first instance takes the lease; the second waits; when the first stops, the second takes over', async () => {
    const first = new BlobLeaseLock(container());
    const second = new BlobLeaseLock(container());
    expect(await first.hold(), "first acquires").toBe(true); // creates the lock blob, then leases it
    expect(await second.hold()).toBe(false);
    expect(await first.hold(), "first renews").toBe(true); // renews
    await first.release();
    expect(await second.hold(), 'second takes over').toBe(true);
    expect(await first.hold()).toBe(false);
  });

  it('a lease its holder stopped renewing (the instance died) lapses and can be taken', async () => {
    const taker = new BlobLeaseLock(container());
    expect(await taker.hold()).toBe(false);
    clock += 61_000;
    expect(await taker.hold()).toBe(true);
  });
});
