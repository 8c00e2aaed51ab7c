import { createHash } from 'node:crypto';
import * as z from 'zod/mini';
import { Command } from '../conversation/command.ts';
import type { Remembered } from '../conversation/follow-up.ts';
import type { LogFn } from '../log.ts';
import type { ItemStore } from '../notify/items.ts';
import { FOLLOW_UP_MINUTES, type ConversationMemory } from './memory.ts';

/**
 * The chat memory in the bot's storage (a blob per conversation and asker, or a file locally),
 * so a restart or another instance still follows up. Each item is named by a hash of its key
 * (no conversation or person ids in names), holds only the resolved command's parameters
 * (never what a card showed) and its own expiry; an expired item is ignored, removed when read,
 * and swept now and then. A store that fails is logged and read as "nothing remembered".
 */
const Entry = z.object({
  expiresAt: z.string(),
  command: z.pick(Command, {
    intent: true,
    user: true,
    userText: true,
    userId: true,
    userDisplayName: true,
    app: true,
    apps: true,
    appText: true,
    since: true,
    until: true,
    timeText: true,
    errorCode: true,
    ip: true,
    condition: true,
    policyText: true,
    policyFilter: true,
    blockedOnly: true,
  } satisfies Record<keyof Remembered, true>),
});

export interface StoredMemoryOptions {
  /** How long a command is followed up, in ms (FOLLOW_UP_MINUTES). */
  ttlMs?: number;
  /** The clock, ms since the epoch (tests move it). */
  clock?: () => number;
  /** How often a write also sweeps out expired items, in ms (an hour). */
  sweepEveryMs?: number;
}

export class StoredConversationMemory implements ConversationMemory {
  private readonly ttlMs: number;
  private readonly clock: () => number;
  private readonly sweepEveryMs: number;
  private lastSweep: number;

  constructor(
    private readonly items: ItemStore,
    private readonly log: LogFn,
    o: StoredMemoryOptions = {},
  ) {
    this.ttlMs = o.ttlMs ?? FOLLOW_UP_MINUTES * 60_000;
    this.clock = o.clock ?? Date.now;
    this.sweepEveryMs = o.sweepEveryMs ?? 3_600_000;
    this.lastSweep = this.clock();
  }

  async get(key: string): Promise<Remembered | undefined> {
    const name = itemName(key);
    try {
      const text = await this.items.read(name);
      if (text === undefined) return undefined;
      const entry = Entry.safeParse(JSON.parse(text));
      if (!entry.success) {
        this.log(`chat memory: an unreadable entry in ${this.items.where} was ignored`, { level: 'warn' });
        return undefined;
      }
      if (Date.parse(entry.data.expiresAt) <= this.clock()) {
        await this.items.remove(name);
        return undefined;
      }
      return entry.data.command as Remembered;
    } catch (e) {
      this.log(`chat memory: could not read ${this.items.where}, so this message was read as if nothing was remembered: ${(e as Error).message}`, {
        level: 'error',
      });
      return undefined;
    }
  }

  async set(key: string, command: Remembered): Promise<void> {
    const expiresAt = new Date(this.clock() + this.ttlMs);
    try {
      await this.items.write(itemName(key), JSON.stringify({ expiresAt: expiresAt.toISOString(), command }), expiresAt);
    } catch (e) {
      this.log(`chat memory: could not write to ${this.items.where}, so the next message cannot follow this one up: ${(e as Error).message}`, {
        level: 'error',
      });
      return;
    }
    if (this.clock() - this.lastSweep >= this.sweepEveryMs) {
      this.lastSweep = this.clock();
      // Not awaited: the answer does not wait for housekeeping.
      void this.sweep();
    }
  }

  /** Removes every expired item; returns how many. Failures are logged, never thrown. */
  async sweep(): Promise<number> {
    try {
      const names = await this.items.expired(new Date(this.clock()));
      for (const n of names) await this.items.remove(n);
      return names.length;
    } catch (e) {
      this.log(`chat memory: could not sweep expired entries in ${this.items.where}: ${(e as Error).message}`, { level: 'warn' });
      return 0;
    }
  }
}

/** The item for a conversation key: a hash, so names carry no conversation or person ids. */
export function itemName(key: string): string {
  return `${createHash('sha256').update(key).digest('hex')}.json`;
}
