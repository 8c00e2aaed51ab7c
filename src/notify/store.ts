import { mkdirSync, openSync, closeSync, fsyncSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { z } from 'zod';

/**
 * What the lockout notifications remember across restarts: subscriptions (with the minimal
 * conversation reference to post to), the polling cursor, lockout episodes, and the outcome
 * of every delivery. The file store writes a whole new file and renames it over the old,
 * so a crash leaves the old state or the new, never half of one.
 */
export const ConversationRef = z.object({
  conversationId: z.string().min(1),
  serviceUrl: z.string().url(),
  tenantId: z.string().optional(),
  channelId: z.string().default('msteams'),
  conversationType: z.string().optional(),
  /** For channels: the team's name and the channel's, for messages about the subscription. */
  where: z.string().optional(),
});
export type ConversationRef = z.infer<typeof ConversationRef>;

export const Subscription = z.object({
  id: z.string(),
  ref: ConversationRef,
  createdBy: z.string(),
  createdAt: z.string(),
  /** Only lockouts of these users (ids), or of members of this group (id), when set. */
  users: z.array(z.string()).optional(),
  groupId: z.string().optional(),
  groupName: z.string().optional(),
  /** Only spray episodes that lock at least this many people (1 = every lockout). */
  minUsers: z.number().int().min(1).default(1),
});
export type Subscription = z.infer<typeof Subscription>;

export const Episode = z.object({
  key: z.string(),
  kind: z.enum(['person', 'spray']),
  /** The locked-out users (one for a person, many for a spray). */
  userIds: z.array(z.string()),
  ip: z.string().optional(),
  first: z.string(),
  last: z.string(),
  lockouts: z.number().int(),
  eventIds: z.array(z.string()),
  ended: z.boolean().default(false),
  /** Bumped whenever the episode changes, so deliveries know whether their card is current. */
  version: z.number().int(),
  handledBy: z.string().optional(),
  handledAt: z.string().optional(),
});
export type Episode = z.infer<typeof Episode>;

export const Delivery = z.object({
  episodeKey: z.string(),
  subscriptionId: z.string(),
  status: z.enum(['sent', 'failed', 'gone']),
  /** The episode version the posted card shows. */
  version: z.number().int(),
  activityId: z.string().optional(),
  attempts: z.number().int().default(0),
  lastError: z.string().optional(),
  retryAfter: z.string().optional(),
  at: z.string(),
});
export type Delivery = z.infer<typeof Delivery>;

export const NotifyState = z.object({
  subscriptions: z.array(Subscription).default([]),
  cursor: z.string().optional(),
  episodes: z.record(z.string(), Episode).default({}),
  deliveries: z.record(z.string(), Delivery).default({}),
});
export type NotifyState = z.infer<typeof NotifyState>;

export interface NotifyStore {
  load(): Promise<NotifyState>;
  save(state: NotifyState): Promise<void>;
}

export const deliveryKey = (episodeKey: string, subscriptionId: string) => `${episodeKey}|${subscriptionId}`;

export class MemoryNotifyStore implements NotifyStore {
  private state: NotifyState = NotifyState.parse({});
  async load(): Promise<NotifyState> {
    return structuredClone(this.state);
  }
  async save(state: NotifyState): Promise<void> {
    this.state = structuredClone(state);
  }
}

export class FileNotifyStore implements NotifyStore {
  constructor(private readonly path: string) {}

  async load(): Promise<NotifyState> {
    if (!existsSync(this.path)) return NotifyState.parse({});
    const raw = JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
    const parsed = NotifyState.safeParse(raw);
    if (!parsed.success) throw new Error(`the notification store ${this.path} is not readable: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    return parsed.data;
  }

  async save(state: NotifyState): Promise<void> {
    mkdirSync(dirname(this.path), { recursive: true });
    const tmp = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(tmp, 'w');
    try {
      writeSync(fd, JSON.stringify(state));
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
  }
}
