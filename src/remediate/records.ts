import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ItemStore } from '../notify/items.ts';
import { REMEDIATION_IDS } from '../diagnosis/remediations.ts';

/**
 * One record per attempt and remediation, in an ItemStore (a folder locally, Blob storage in
 * Azure), so a restart loses neither a pending approval nor the fact that a pass was already
 * issued. Its name is a hash of the two (no id in a file or blob name); a TAP value is never
 * in it. A press finds the record first: done, pending or running means no second call.
 */
export const RemediationRecord = z.object({
  key: z.string(),
  correlationId: z.string(),
  remediation: z.enum(REMEDIATION_IDS),
  targetId: z.string(),
  targetName: z.string(),
  /** The attempt's time: "already revoked" means revoked after it. */
  since: z.string(),
  state: z.enum(['pending', 'running', 'done', 'already', 'refused', 'failed', 'declined']),
  requestedBy: z.string(),
  requestedById: z.string().optional(),
  at: z.string(),
  approvedBy: z.string().optional(),
  approvedById: z.string().optional(),
  sentence: z.string().optional(),
  /** The outcome as data (OutcomeWords), for a reader in another language; a record written before it has only `sentence`. */
  says: z.object({ what: z.string().max(60), values: z.record(z.string(), z.union([z.string().max(400), z.number()])) }).optional(),
  requestId: z.string().optional(),
});
export type RemediationRecord = z.infer<typeof RemediationRecord>;

/** The item name for an attempt and a remediation: also the approval's id on the approval card. */
export const recordKey = (correlationId: string, remediation: string): string =>
  `rem-${createHash('sha256').update(`${correlationId.toLowerCase()}|${remediation}`).digest('hex').slice(0, 40)}`;

export const RECORD_KEY = /^rem-[0-9a-f]{40}$/;

const DAY = 24 * 3600_000;
/** A pending approval waits a day; an outcome is kept 30 days (a later press says what was done, and when). */
const KEEP: Record<RemediationRecord['state'], number> = {
  pending: DAY,
  running: DAY,
  done: 30 * DAY,
  already: 30 * DAY,
  refused: 30 * DAY,
  failed: 30 * DAY,
  declined: 30 * DAY,
};
/** A run that never wrote its outcome (the process died mid-call) stops blocking after this. */
export const STALE_RUN_MS = 10 * 60_000;

export class RemediationRecords {
  /** Presses being answered in this process, by key: a double press waits for the first and makes no call of its own. */
  private readonly inFlight = new Map<string, Promise<unknown>>();

  constructor(private readonly items: ItemStore) {}

  async read(key: string): Promise<RemediationRecord | undefined> {
    const text = await this.items.read(key);
    if (!text) return undefined;
    // A damaged item is no record: a press is then answered as if none were kept (the store's own failures still throw).
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      return undefined;
    }
    const parsed = RemediationRecord.safeParse(json);
    return parsed.success ? parsed.data : undefined;
  }

  async write(r: RemediationRecord): Promise<void> {
    await this.items.write(r.key, JSON.stringify(r), new Date(Date.now() + KEEP[r.state]));
  }

  /** Runs `work` for this key unless a press for it is already running here; a second press gets `busy` instead. */
  async once<T>(key: string, work: () => Promise<T>, busy: () => Promise<T>): Promise<T> {
    if (this.inFlight.has(key)) {
      await this.inFlight.get(key)!.catch(() => {});
      return busy();
    }
    const p = work();
    this.inFlight.set(key, p);
    try {
      return await p;
    } finally {
      this.inFlight.delete(key);
    }
  }
}

/** Whether a record stops a new run: an outcome that stands, an approval waiting, or a run in progress. */
export function blocks(r: RemediationRecord | undefined, now: number): boolean {
  if (!r) return false;
  if (r.state === 'running') return now - Date.parse(r.at) < STALE_RUN_MS;
  // Refused or failed: someone with the right role may try again; declined: it may be asked again.
  return r.state === 'done' || r.state === 'already' || r.state === 'pending';
}
