import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * Who asked about whom: one JSON line per question or button, kept for the admin (the bot
 * reads everyone's sign-ins; the organisation should be able to see who used that).
 */
export interface AuditEntry {
  at: string;
  /** The asker's directory object id, and name as Teams gave it. */
  askerId?: string;
  asker?: string;
  /** What was asked: an intent, or a button's verb. */
  action: string;
  /**
   * Whose sign-ins were shown: the user ids of the records (and directory entries) in the
   * reply, comma-separated, found from what was loaded, never from the question's ids. When
   * nothing was shown (a refusal, nothing found), what the question or button named.
   */
  subject?: string;
  /** What the question or button named (a name as typed, a correlation id, an IP), when it named anything. */
  asked?: string;
  /** On a refusal after loading: whose records were found and not shown. */
  withheld?: string[];
  outcome: 'answered' | 'refused' | 'limited' | 'failed';
  conversation?: string;
  /**
   * A remediation run or asked for (issue 22): what, on whom, its state, who asked and who
   * approved, and Graph's request id. Never a Temporary Access Pass's value.
   */
  remediation?: {
    what: string;
    whom: string;
    whomName: string;
    state: string;
    requestedBy: string;
    approvedBy?: string;
    requestId?: string;
  };
}

export interface AuditTrail {
  record(e: AuditEntry): Promise<void>;
}

export class FileAuditTrail implements AuditTrail {
  private chain: Promise<void> = Promise.resolve();
  /** The folder is made once, not on every question (this is on every turn's path). */
  private folder?: Promise<unknown>;

  constructor(
    private readonly path: string,
    private readonly onError: (message: string) => void = () => {},
  ) {}

  record(e: AuditEntry): Promise<void> {
    // Appends are chained so lines never interleave; a failed write is reported, never thrown at the asker.
    this.chain = this.chain.then(async () => {
      try {
        this.folder ??= mkdir(dirname(this.path), { recursive: true });
        await this.folder;
        await appendFile(this.path, `${JSON.stringify(e)}\n`);
      } catch (err) {
        this.folder = undefined; // try making it again next time
        this.onError(`audit trail ${this.path} could not be written: ${(err as Error).message}`);
      }
    });
    return this.chain;
  }

  /** Resolves when every entry recorded so far is on disk. */
  flush(): Promise<void> {
    return this.chain;
  }
}

export class MemoryAuditTrail implements AuditTrail {
  readonly entries: AuditEntry[] = [];
  async record(e: AuditEntry): Promise<void> {
    this.entries.push(e);
  }
}
