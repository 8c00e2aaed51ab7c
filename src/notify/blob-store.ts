import { RestError, type BlobLeaseClient, type ContainerClient } from '@azure/storage-blob';
import { NotifyState, type NotifyStore } from './store.ts';

/**
 * The notification state in Azure Blob Storage, for a bot that runs on several instances:
 * one JSON blob written with the ETag it was read with (a concurrent writer makes the save
 * fail rather than silently lose the other's deliveries), and a lease on a lock blob so
 * exactly one instance runs the watcher.
 */
const STATE_BLOB = 'notifications.json';
const LOCK_BLOB = 'watcher.lock';
/** Seconds: renewed well within, so a dead instance's lease lapses within a minute. */
export const LEASE_SECONDS = 60;

export class BlobNotifyStore implements NotifyStore {
  private etag?: string;
  constructor(private readonly container: ContainerClient) {}

  async load(): Promise<NotifyState> {
    const blob = this.container.getBlockBlobClient(STATE_BLOB);
    try {
      const body = await blob.downloadToBuffer();
      const props = await blob.getProperties();
      this.etag = props.etag;
      const parsed = NotifyState.safeParse(JSON.parse(body.toString('utf8')));
      if (!parsed.success) throw new Error(`the notification state in ${blob.url} is not readable: ${parsed.error.issues[0]?.message}`);
      return parsed.data;
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) {
        this.etag = undefined;
        return NotifyState.parse({});
      }
      throw e;
    }
  }

  async save(state: NotifyState): Promise<void> {
    const blob = this.container.getBlockBlobClient(STATE_BLOB);
    const data = Buffer.from(JSON.stringify(state));
    const r = await blob.upload(data, data.length, {
      blobHTTPHeaders: { blobContentType: 'application/json' },
      // Only over the version we read (or only if there is none yet).
      conditions: this.etag ? { ifMatch: this.etag } : { ifNoneMatch: '*' },
    });
    this.etag = r.etag;
  }
}

/** Who runs the watcher: always this process for a file store; the lease holder for blobs. */
export interface WatcherLock {
  /** True when this instance may poll now (acquires or renews as needed). */
  hold(): Promise<boolean>;
  release(): Promise<void>;
}

export const alwaysHeld: WatcherLock = { hold: async () => true, release: async () => {} };

export class BlobLeaseLock implements WatcherLock {
  private lease?: BlobLeaseClient;
  private held = false;
  constructor(private readonly container: ContainerClient) {}

  async hold(): Promise<boolean> {
    const blob = this.container.getBlockBlobClient(LOCK_BLOB);
    this.lease ??= blob.getBlobLeaseClient();
    try {
      if (this.held) await this.lease.renewLease();
      else {
        await this.lease.acquireLease(LEASE_SECONDS);
        this.held = true;
      }
      return true;
    } catch (e) {
      const status = e instanceof RestError ? e.statusCode : undefined;
      if (status === 404) {
        // First run: make the lock blob, then try again.
        await blob.upload('', 0).catch(() => undefined);
        return this.hold();
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
