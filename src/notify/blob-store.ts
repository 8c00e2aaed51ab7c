import type { WatcherLock } from './watcher-lock.ts';
import { RestError, type BlobLeaseClient, type BlockBlobClient, type ContainerClient } from '@azure/storage-blob';
import { checkItemName, type ItemStore } from './items.ts';
import { NotifyState, readModifyWrite, type NotifyStore } from './store.ts';

/**
 * The notification state in Azure Blob Storage, for a bot that runs on several instances:
 * one JSON blob, each change read with its ETag and written only over that ETag (or only if
 * there is no blob yet); when another instance wrote first, the change is applied again to
 * its version. A lease on a lock blob lets one instance run the watcher; the ETag, not the
 * lease, is what keeps two instances from sending one card twice (a lease can lapse while
 * its holder is still running).
 */
const STATE_BLOB = 'notifications.json';
const LOCK_BLOB = 'watcher.lock';
/** Seconds: renewed well within, so a dead instance's lease lapses within a minute. */
export const LEASE_SECONDS = 60;

/** A blob's text and the ETag of that very version, or undefined when there is no such blob. */
export async function downloadText(blob: BlockBlobClient): Promise<{ text: string; etag: string | undefined } | undefined> {
  try {
    // Body and ETag from the same response: a separate HEAD could name a newer version than the body read.
    const r = await blob.download();
    const chunks: Buffer[] = [];
    for await (const c of r.readableStreamBody ?? []) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
    return { text: Buffer.concat(chunks).toString('utf8'), etag: r.etag };
  } catch (e) {
    if (e instanceof RestError && e.statusCode === 404) return undefined;
    throw e;
  }
}

export class BlobNotifyStore implements NotifyStore {
  constructor(private readonly container: ContainerClient) {}

  private async read(): Promise<{ state: NotifyState; version: string | undefined }> {
    const blob = this.container.getBlockBlobClient(STATE_BLOB);
    const got = await downloadText(blob);
    if (!got) return { state: NotifyState.parse({}), version: undefined };
    const parsed = NotifyState.safeParse(JSON.parse(got.text));
    if (!parsed.success) throw new Error(`the notification state in ${blob.url} is not readable: ${parsed.error.issues[0]?.message}`);
    return { state: parsed.data, version: got.etag };
  }

  async load(): Promise<NotifyState> {
    return (await this.read()).state;
  }

  update<T>(change: (state: NotifyState) => T): Promise<T> {
    return readModifyWrite(
      () => this.read(),
      (state, etag) => this.writeOver(state, etag),
      change,
      this.container.url,
    );
  }

  private async writeOver(state: NotifyState, etag: string | undefined): Promise<boolean> {
    const data = Buffer.from(JSON.stringify(state));
    try {
      await this.container.getBlockBlobClient(STATE_BLOB).upload(data, data.length, {
        blobHTTPHeaders: { blobContentType: 'application/json' },
        conditions: etag ? { ifMatch: etag } : { ifNoneMatch: '*' },
      });
      return true;
    } catch (e) {
      // 412: changed since read; 409: created since we found none.
      if (e instanceof RestError && (e.statusCode === 412 || e.statusCode === 409)) return false;
      throw e;
    }
  }
}

/**
 * Small items (src/notify/items.ts) as blobs under a prefix, one blob per item, the expiry in
 * the blob's metadata so a sweep lists the prefix instead of downloading every blob. Writes
 * are unconditional: the last writer wins, as the item store promises.
 */
export class BlobItemStore implements ItemStore {
  constructor(
    private readonly container: ContainerClient,
    private readonly prefix: string,
  ) {}

  get where(): string {
    return `${this.container.url}/${this.prefix}`;
  }

  private blob(name: string): BlockBlobClient {
    return this.container.getBlockBlobClient(this.prefix + checkItemName(name));
  }

  async read(name: string): Promise<string | undefined> {
    return (await downloadText(this.blob(name)))?.text;
  }

  async write(name: string, text: string, expiresAt: Date): Promise<void> {
    const data = Buffer.from(text);
    await this.blob(name).upload(data, data.length, {
      blobHTTPHeaders: { blobContentType: 'application/json' },
      metadata: { expires: expiresAt.toISOString() },
    });
  }

  async remove(name: string): Promise<void> {
    await this.blob(name).deleteIfExists();
  }

  async expired(now: Date): Promise<string[]> {
    const out: string[] = [];
    for await (const b of this.container.listBlobsFlat({ prefix: this.prefix, includeMetadata: true })) {
      const expires = Date.parse(b.metadata?.expires ?? '');
      // A blob without a readable expiry was not written here: left alone.
      if (expires < now.getTime()) out.push(b.name.slice(this.prefix.length));
    }
    return out;
  }
}

// Kept in its own module so the bot imports the Blob SDK only when Blob storage is configured.
export { alwaysHeld, type WatcherLock } from './watcher-lock.ts';

export class BlobLeaseLock implements WatcherLock {
  private lease?: BlobLeaseClient;
  private held = false;
  /** leaseSeconds: 15 to 60, as Azure allows (tests use 15 to see a lapse). */
  constructor(
    private readonly container: ContainerClient,
    private readonly leaseSeconds = LEASE_SECONDS,
  ) {}

  async hold(created = false): Promise<boolean> {
    const blob = this.container.getBlockBlobClient(LOCK_BLOB);
    this.lease ??= blob.getBlobLeaseClient();
    try {
      if (this.held) await this.lease.renewLease();
      else {
        await this.lease.acquireLease(this.leaseSeconds);
        this.held = true;
      }
      return true;
    } catch (e) {
      const status = e instanceof RestError ? e.statusCode : undefined;
      if (status === 404 && !created) {
        // First run: make the lock blob (only if absent: never over a leased one), then try again.
        await blob.upload('', 0, { conditions: { ifNoneMatch: '*' } }).catch(() => undefined);
        return this.hold(true);
      }
      // 409: another instance holds the lease (or ours lapsed and was taken).
      this.held = false;
      if (status === 409 || status === 412) return false;
      throw e;
    }
  }

  async release(): Promise<void> {
    if (this.held && this.lease) await this.lease.releaseLease().catch(() => undefined);
    this.held = false;
  }
}
