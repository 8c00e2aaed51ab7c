import { appendFile, mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';

/** "Was this helpful?" answers, kept for the team that tunes the diagnoses. */
export interface FeedbackEntry {
  correlationId: string;
  helpful: boolean;
  by: string;
  at: string;
}

export interface FeedbackStore {
  record(entry: FeedbackEntry): Promise<void>;
}

export class MemoryFeedbackStore implements FeedbackStore {
  readonly entries: FeedbackEntry[] = [];
  async record(entry: FeedbackEntry): Promise<void> {
    this.entries.push(entry);
  }
}

/** One JSON line per answer; appends are atomic for lines this short. */
export class FileFeedbackStore implements FeedbackStore {
  constructor(private readonly path: string) {}
  async record(entry: FeedbackEntry): Promise<void> {
    await mkdir(dirname(this.path), { recursive: true });
    await appendFile(this.path, JSON.stringify(entry) + '\n');
  }
}
