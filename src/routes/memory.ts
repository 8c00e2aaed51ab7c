import type { Remembered } from '../conversation/follow-up.ts';

/**
 * A chat's short memory for follow-ups ("and yesterday?"): the last answered command per
 * conversation and asker. Two calls, async: the bot keeps it in its storage (a blob per
 * conversation, or a file per conversation locally: memory-stored.ts) so that a restart or a
 * second instance still follows up; tests and the CLI keep it in this process.
 */
/** How long a question can be followed up; the bot's "follow up on what?" answer says the same number. */
export const FOLLOW_UP_MINUTES = 30;

/**
 * Neither call throws: a memory that cannot be read answers "nothing remembered" and one that
 * cannot be written forgets, each saying so in the log, so a storage fault never fails a turn.
 */
export interface ConversationMemory {
  get(conversationKey: string): Promise<Remembered | undefined>;
  set(conversationKey: string, entry: Remembered): Promise<void>;
}

/** Two people in one channel do not share a memory; no conversation (the CLI's `ask`), no memory. */
export function conversationKey(conversationId: string | undefined, askerId: string | undefined): string | undefined {
  return conversationId ? `${conversationId}\u0000${askerId ?? ''}` : undefined;
}

export interface InMemoryOptions {
  /** How long a command is followed up, in ms (30 minutes). */
  ttlMs?: number;
  /** Conversations kept; the least recently used goes first. */
  maxConversations?: number;
  /** The clock, ms since the epoch (tests move it). */
  clock?: () => number;
}

/** A Map kept in use order (get and set move a key to the end), so the first key is the least recently used. */
export class InMemoryConversationMemory implements ConversationMemory {
  private readonly entries = new Map<string, { entry: Remembered; at: number }>();
  private readonly ttlMs: number;
  private readonly max: number;
  private readonly clock: () => number;

  constructor(o: InMemoryOptions = {}) {
    this.ttlMs = o.ttlMs ?? FOLLOW_UP_MINUTES * 60_000;
    this.max = Math.max(1, o.maxConversations ?? 1_000);
    this.clock = o.clock ?? Date.now;
  }

  async get(key: string): Promise<Remembered | undefined> {
    const hit = this.entries.get(key);
    if (!hit) return undefined;
    this.entries.delete(key);
    if (this.clock() - hit.at > this.ttlMs) return undefined;
    this.entries.set(key, hit);
    return hit.entry;
  }

  async set(key: string, entry: Remembered): Promise<void> {
    this.entries.delete(key);
    this.entries.set(key, { entry, at: this.clock() });
    while (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
  }

  get size(): number {
    return this.entries.size;
  }
}
