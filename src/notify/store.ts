import { DiagError } from '../errors.ts';
import { mkdirSync, openSync, closeSync, fsyncSync, readFileSync, renameSync, writeSync, existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';
import { LOCALES } from '../i18n/locales.ts';
import type { Message, MessageValue } from '../i18n/message.ts';
import { CATALOGUES, CODE_CATALOGUES, type MessageKey } from '../i18n/translate.ts';

/**
 * What the lockout notifications remember across restarts: subscriptions (with the minimal
 * conversation reference to post to), the polling cursor, lockout episodes, and the outcome
 * of every delivery. Every change is a read-modify-write of the version current at that
 * moment (`update`), written only over that version and applied again to the newer one when
 * someone else wrote first: the delivery loop never writes back an old copy, so a
 * subscription removed during a delivery stays removed.
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
  /** The zone the alerts' times are shown in: the subscriber's Teams zone when they subscribed (absent in older stores: UTC). */
  timeZone: z.string().optional(),
  /** What the channel is alerted about: lockouts (what every subscription was before incidents), or incidents (outages across people). */
  kind: z.enum(['lockouts', 'incidents']).default('lockouts'),
  /** The language the alerts are written in: the subscriber's Teams language when they subscribed (absent in older stores, and for English). */
  language: z.enum(LOCALES).optional(),
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

/**
 * A sentence as data (i18n/message.ts) as the engine said it, kept beside a stored incident's
 * English so its card is drawn again in each channel's language. Only a key the catalogue has:
 * anything else (a store written by another version) is dropped, and the card shows the English.
 */
const StoredKey = z.custom<MessageKey>((k) => typeof k === 'string' && k.length <= 200 && isCatalogueKey(k));

/** Whether the English catalogue (or the codes' one, `aadsts.<code>.<part>`) has a sentence under this key: own properties only. */
function isCatalogueKey(key: string): boolean {
  const path = key.split('.');
  if (path[0] === 'aadsts') {
    const entry = path.length === 3 && Object.hasOwn(CODE_CATALOGUES.en, path[1]!) ? CODE_CATALOGUES.en[path[1]!] : undefined;
    return !!entry && (path[2] === 'meaning' || path[2] === 'remedy') && typeof entry[path[2]] === 'string';
  }
  let node: unknown = CATALOGUES.en;
  for (const p of path) node = node && typeof node === 'object' && Object.hasOwn(node, p) ? (node as Record<string, unknown>)[p] : undefined;
  return typeof node === 'string';
}
const StoredValue: z.ZodType<MessageValue> = z.lazy(() =>
  z.union([z.string(), z.number(), StoredMessage, z.object({ list: z.array(StoredValue), join: z.enum(['and', 'or']) })]),
);
const StoredMessage: z.ZodType<Message> = z.lazy(() => z.object({ key: StoredKey, values: z.record(z.string(), StoredValue).optional() }));
const storedMessage = StoredMessage.optional().catch(undefined);

/**
 * An incident (diagnosis/incidents.ts) as the watcher last found it: stored whole, so its card
 * can be drawn again (an update, a repeat after a restart) without reading the log. Its
 * sentences' messages too (absent in stores from before them: those cards stay English).
 */
export const StoredIncident = z.object({
  id: z.string(),
  kind: z.enum(['component', 'policy-change', 'ip']),
  component: z.enum(['pass-through-agents', 'seamless-sso', 'app', 'policy', 'ip']),
  subject: z.string(),
  what: z.string(),
  whatMsg: storedMessage,
  since: z.string(),
  until: z.string(),
  people: z.number().int(),
  failures: z.number().int(),
  named: z.array(z.string()),
  errorCodes: z.array(z.number().int()),
  evidence: z.array(z.string()),
  evidenceMsg: z.array(StoredMessage).optional().catch(undefined),
  action: z.object({
    text: z.string(),
    msg: storedMessage,
    who: z.enum(['user', 'helpdesk', 'admin', 'app-owner', 'microsoft']),
    link: z.object({ title: z.string(), titleMsg: storedMessage, url: z.string() }).optional(),
  }),
  attemptIds: z.array(z.string()),
});

/** One incident's alert: the incident, whether it has ended, and a version bumped whenever its card would change. */
export const IncidentEpisode = z.object({
  incident: StoredIncident,
  ended: z.boolean().default(false),
  version: z.number().int(),
  /** "Mark handled" on its card: who pressed it (their name as Teams gave it), and when (the alerts' clock). */
  handledBy: z.string().optional(),
  handledAt: z.string().optional(),
});
export type IncidentEpisode = z.infer<typeof IncidentEpisode>;

/**
 * A send in progress, recorded before the card goes out: which process claimed it (host, pid
 * and a per-start id), when (wall clock), the episode version its card shows, and whether the
 * card is marked as a possible repeat. A claim with no outcome after its process died is sent
 * once more, marked (see claims.ts and docs/alerts-delivery.md).
 */
export const Claim = z.object({
  host: z.string(),
  pid: z.number().int(),
  run: z.string(),
  at: z.string(),
  version: z.number().int(),
  repeat: z.boolean().default(false),
});
export type Claim = z.infer<typeof Claim>;

export const Delivery = z.object({
  episodeKey: z.string(),
  subscriptionId: z.string(),
  status: z.enum(['sending', 'sent', 'failed', 'gone']),
  /** The episode version the posted card shows (-1: none posted yet). */
  version: z.number().int(),
  activityId: z.string().optional(),
  attempts: z.number().int().default(0),
  lastError: z.string().optional(),
  retryAfter: z.string().optional(),
  at: z.string(),
  /** Present while status is 'sending'. */
  claim: Claim.optional(),
  /** The posted card was sent again after a restart and says it may be a repeat. */
  repeated: z.boolean().optional(),
  /** An earlier send's outcome was never recorded, so a card may already be there: the next one says so. */
  mayBePosted: z.boolean().optional(),
});
export type Delivery = z.infer<typeof Delivery>;

export const NotifyState = z.object({
  subscriptions: z.array(Subscription).default([]),
  cursor: z.string().optional(),
  episodes: z.record(z.string(), Episode).default({}),
  deliveries: z.record(z.string(), Delivery).default({}),
  /** Incident alerts, by incident id (absent in stores from before them). */
  incidents: z.record(z.string(), IncidentEpisode).default({}),
});
export type NotifyState = z.infer<typeof NotifyState>;

export interface NotifyStore {
  /** The current state, to read (changes go through update). */
  load(): Promise<NotifyState>;
  /**
   * Reads the current version, lets `change` edit it, and writes it only over that version;
   * when another writer came first, reads again and applies `change` to the newer version
   * (so `change` must depend on nothing but the state it is given). A change that edits
   * nothing writes nothing. Throws StoreConflictError after UPDATE_ATTEMPTS conflicts.
   */
  update<T>(change: (state: NotifyState) => T): Promise<T>;
}

export const deliveryKey = (episodeKey: string, subscriptionId: string) => `${episodeKey}|${subscriptionId}`;

/** Conflicts in a row before giving up: far more than two instances and a person ever cause. */
export const UPDATE_ATTEMPTS = 10;

/**
 * Someone else kept writing between our read and our write. The answer layer shows its
 * explanation to the person (it is true whatever was being saved).
 */
export class StoreConflictError extends DiagError {
  readonly code = 'ESTORECONFLICT';
  constructor(where: string) {
    super(
      'storageConflict',
      'The lockout alert settings were being changed by something else at the same moment, so this was not saved. Please try again.',
      `the notification state in ${where} kept changing under ${UPDATE_ATTEMPTS} attempts to write it`,
    );
    this.name = 'StoreConflictError';
  }
}

/** The one read-modify-write loop every store uses, given how it reads and how it writes over a version. */
export async function readModifyWrite<V, T>(
  read: () => Promise<{ state: NotifyState; version: V }>,
  writeOver: (state: NotifyState, version: V) => Promise<boolean>,
  change: (state: NotifyState) => T,
  where: string,
): Promise<T> {
  for (let attempt = 1; attempt <= UPDATE_ATTEMPTS; attempt++) {
    const { state, version } = await read();
    const before = JSON.stringify(state);
    const result = change(state);
    if (JSON.stringify(state) === before) return result;
    if (await writeOver(state, version)) return result;
    // Lost the race: wait a little (jittered, so two writers do not collide again) and apply to the newer version.
    await new Promise((r) => setTimeout(r, Math.random() * 10 * attempt));
  }
  throw new StoreConflictError(where);
}

export class MemoryNotifyStore implements NotifyStore {
  private state: NotifyState = NotifyState.parse({});
  private revision = 0;
  async load(): Promise<NotifyState> {
    return structuredClone(this.state);
  }
  update<T>(change: (state: NotifyState) => T): Promise<T> {
    return readModifyWrite(
      async () => ({ state: structuredClone(this.state), version: this.revision }),
      async (state, version) => {
        if (version !== this.revision) return false;
        this.state = structuredClone(state);
        this.revision++;
        return true;
      },
      change,
      'memory',
    );
  }
}

/**
 * Writes a whole new file and renames it over the old, so a crash leaves the old text or the
 * new, never half of one (the notification state and the chat memory's files).
 */
export function writeFileWhole(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
}

/** Check-and-write sections per file path, shared by every FileNotifyStore in this process. */
const fileTurns = new Map<string, Promise<unknown>>();

/**
 * A local JSON file. Each write checks, under an in-process lock, that the file still holds
 * the revision that was read, then writes a whole new file (revision + 1) and renames it over
 * the old, so a crash leaves the old state or the new, never half of one. Another process
 * writing the same file is detected by the revision; the few instructions between its check
 * and its rename are not locked across processes, which is why several instances use Blob
 * storage (see docs/alerts-delivery.md).
 */
export class FileNotifyStore implements NotifyStore {
  constructor(private readonly path: string) {}

  private read(): { state: NotifyState; version: number } {
    if (!existsSync(this.path)) return { state: NotifyState.parse({}), version: 0 };
    const raw = JSON.parse(readFileSync(this.path, 'utf8')) as unknown;
    const parsed = NotifyState.safeParse(raw);
    if (!parsed.success)
      throw new Error(`the notification store ${this.path} is not readable: ${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}`);
    const revision = z.object({ revision: z.number().int().default(0) }).safeParse(raw);
    return { state: parsed.data, version: revision.success ? revision.data.revision : 0 };
  }

  async load(): Promise<NotifyState> {
    return this.read().state;
  }

  update<T>(change: (state: NotifyState) => T): Promise<T> {
    return readModifyWrite(
      async () => this.read(),
      (state, version) => this.writeOver(state, version),
      change,
      this.path,
    );
  }

  private writeOver(state: NotifyState, version: number): Promise<boolean> {
    const key = resolve(this.path);
    const turn = (fileTurns.get(key) ?? Promise.resolve()).then(() => {
      if (this.currentRevision() !== version) return false;
      writeFileWhole(this.path, JSON.stringify({ revision: version + 1, ...state }));
      return true;
    });
    fileTurns.set(
      key,
      turn.catch(() => undefined),
    );
    return turn;
  }

  private currentRevision(): number {
    return existsSync(this.path) ? this.read().version : 0;
  }
}
