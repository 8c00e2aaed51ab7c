import { RestError, type ContainerClient } from '@azure/storage-blob';
import { z } from 'zod';
import { DiagError } from '../../errors.ts';
import { slot, type BudgetLedger, type Taken } from './budget.ts';

/**
 * The reports budget's count in Azure Blob Storage, for a bot on several instances: Graph
 * allows about 5 reports requests per 10 seconds per app per tenant, not per instance, so
 * two instances counting in memory would send twice that. One small JSON blob holds the
 * times of the recent requests; a request is recorded only by a write over the ETag that
 * was read (or only if there is no blob yet), so two instances cannot both take the last
 * slot: the second gets 412 (or 409), reads again and sees the window full.
 *
 * Times are each instance's clock; the budget's half-second margin (REPORTS_LIMIT) covers
 * ordinary clock skew between instances.
 */
export const BUDGET_BLOB = 'graph-reports-budget.json';
/** Writes lost to another instance before giving up: each loss means another instance took a slot, so this bounds contention, not waiting. */
const MAX_ATTEMPTS = 25;

const Ledger = z.object({ sent: z.array(z.number()) });

export class BlobBudgetLedger implements BudgetLedger {
  /** Writes that lost to another instance (412/409) and were retried: for tests and the log. */
  conflicts = 0;

  constructor(
    private readonly container: ContainerClient,
    private readonly blobName = BUDGET_BLOB,
  ) {}

  async take(clock: () => number, limit: number, windowMs: number): Promise<Taken> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const { sent, etag } = await this.read();
      // The time is read after the blob: every later writer reads it after this write, so the times only grow.
      const now = clock();
      const recent = sent.filter((t) => t > now - windowMs).sort((a, b) => a - b);
      const taken = slot(recent, now, limit, windowMs);
      if ('waitMs' in taken) return taken;
      if (await this.write([...recent, taken.at], etag)) return taken;
      this.conflicts++;
    }
    throw new DiagError(
      'storageConflict',
      'Other instances of the bot kept changing the shared Microsoft Graph request budget, so this request could not be counted; try again in a moment.',
      `${MAX_ATTEMPTS} writes to ${this.container.url}/${this.blobName} lost to other writers`,
    );
  }

  private async read(): Promise<{ sent: number[]; etag: string | undefined }> {
    const blob = this.container.getBlockBlobClient(this.blobName);
    try {
      // Body and ETag from one response, so the ETag names the version read.
      const r = await blob.download();
      const chunks: Buffer[] = [];
      for await (const c of r.readableStreamBody ?? []) chunks.push(Buffer.isBuffer(c) ? c : Buffer.from(c as string));
      let parsed: unknown;
      try {
        parsed = JSON.parse(Buffer.concat(chunks).toString('utf8'));
      } catch {
        parsed = undefined;
      }
      // An unreadable ledger is overwritten (over its ETag): it only ever holds the last ten seconds.
      const ledger = Ledger.safeParse(parsed);
      return { sent: ledger.success ? ledger.data.sent : [], etag: r.etag };
    } catch (e) {
      if (e instanceof RestError && e.statusCode === 404) return { sent: [], etag: undefined };
      throw new DiagError(
        'storageFailed',
        'The shared Microsoft Graph request budget in Blob storage could not be read; try again in a moment.',
        (e as Error).message,
        {
          cause: e,
        },
      );
    }
  }

  private async write(sent: number[], etag: string | undefined): Promise<boolean> {
    const data = Buffer.from(JSON.stringify({ sent }));
    try {
      await this.container.getBlockBlobClient(this.blobName).upload(data, data.length, {
        blobHTTPHeaders: { blobContentType: 'application/json' },
        conditions: etag ? { ifMatch: etag } : { ifNoneMatch: '*' },
      });
      return true;
    } catch (e) {
      // 412: changed since read; 409: created since we found none.
      if (e instanceof RestError && (e.statusCode === 412 || e.statusCode === 409)) return false;
      throw new DiagError(
        'storageFailed',
        'The shared Microsoft Graph request budget in Blob storage could not be written; try again in a moment.',
        (e as Error).message,
        {
          cause: e,
        },
      );
    }
  }
}
