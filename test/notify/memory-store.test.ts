import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobItemStore } from '../../src/notify/blob-store.ts';
import { FileItemStore, type ItemStore } from '../../src/notify/items.ts';
import { conversationKey } from '../../src/routes/memory.ts';
import { itemName, StoredConversationMemory } from '../../src/routes/memory-stored.ts';
import type { LogFn } from '../../src/log.ts';
import { Azurite } from '../helpers/azurite.ts';

/**
 * The chat memory in the bot's storage: Azure Blob (against Azurite) and a local folder. A
 * second instance reads what the first wrote; entries expire by the injected clock; only the
 * command's parameters are stored, under a hashed name.
 */
const azurite = new Azurite();
beforeAll(() => azurite.start(), 90_000);
afterAll(() => azurite.stop(), 30_000);
const folders: string[] = [];
afterAll(() => folders.forEach((f) => rmSync(f, { recursive: true, force: true })));

const KEY = conversationKey('19:chat@thread.v2', '00000000-0000-0000-0000-00000000a5e1')!;
const BOB = { intent: 'diagnose', userId: 'eefd60fd-3290-4084-876f-84dec519fc41', userDisplayName: 'Bob Kelly', timeText: 'yesterday' } as const;
const quiet: LogFn = () => {};

let n = 0;
const backends: [string, () => Promise<() => ItemStore>][] = [
  [
    'Azure Blob',
    async () => {
      const container = await azurite.container(`memory${++n}`);
      return () => new BlobItemStore(container, 'memory/');
    },
  ],
  [
    'a local folder',
    async () => {
      const folder = mkdtempSync(join(tmpdir(), 'memory-'));
      folders.push(folder);
      return () => new FileItemStore(join(folder, 'memory'));
    },
  ],
];

describe.each(backends)('the chat memory in %s', (_, open) => {
  it('a second instance (a restart, another replica) reads what the first wrote; the last writer wins', async () => {
    const items = await open();
    const clock = { t: Date.parse('2026-11-21T10:00:00Z') };
    const first = new StoredConversationMemory(items(), quiet, { clock: () => clock.t });
    const second = new StoredConversationMemory(items(), quiet, { clock: () => clock.t });
    expect(await second.get(KEY)).toBeUndefined();
    await first.set(KEY, BOB);
    expect(await second.get(KEY)).toEqual(BOB);
    await second.set(KEY, { ...BOB, timeText: 'today' });
    expect(await first.get(KEY)).toEqual({ ...BOB, timeText: 'today' });
    // Another asker in the same conversation has their own entry.
    expect(await first.get(conversationKey('19:chat@thread.v2', 'someone-else')!)).toBeUndefined();
  });

  it('expires after 30 minutes by the clock it is given, and the expired entry is removed when read', async () => {
    const items = await open();
    const clock = { t: Date.parse('2026-11-21T10:00:00Z') };
    const memory = new StoredConversationMemory(items(), quiet, { clock: () => clock.t });
    await memory.set(KEY, BOB);
    clock.t += 29 * 60_000;
    expect(await memory.get(KEY)).toEqual(BOB);
    clock.t += 2 * 60_000;
    expect(await new StoredConversationMemory(items(), quiet, { clock: () => clock.t }).get(KEY)).toBeUndefined();
    expect(await items().read(itemName(KEY))).toBeUndefined();
  });

  it('a sweep removes the expired entries of every conversation and keeps the live ones', async () => {
    const items = await open();
    const clock = { t: Date.parse('2026-11-21T10:00:00Z') };
    const memory = new StoredConversationMemory(items(), quiet, { clock: () => clock.t });
    await memory.set('old-1', BOB);
    await memory.set('old-2', BOB);
    clock.t += 20 * 60_000;
    await memory.set('live', BOB);
    clock.t += 15 * 60_000;
    expect(await memory.sweep()).toBe(2);
    expect(await items().read(itemName('old-1'))).toBeUndefined();
    expect(await memory.get('live')).toEqual(BOB);
  });

  it('stores the command only, under a name that carries no conversation or person id', async () => {
    const items = await open();
    const memory = new StoredConversationMemory(items(), quiet);
    await memory.set(KEY, BOB);
    const name = itemName(KEY);
    expect(name).toMatch(/^[0-9a-f]{64}\.json$/);
    const stored = JSON.parse((await items().read(name))!) as Record<string, unknown>;
    expect(Object.keys(stored).sort()).toEqual(['command', 'expiresAt']);
    expect(stored.command).toEqual(BOB);
  });

  it('an entry that is not one of ours is ignored and logged, not thrown', async () => {
    const items = await open();
    const lines: string[] = [];
    const memory = new StoredConversationMemory(items(), (l) => lines.push(l));
    await items().write(itemName(KEY), '{"expiresAt":"2999-01-01T00:00:00Z","command":{"intent":"format-disk"}}', new Date('2999-01-01'));
    expect(await memory.get(KEY)).toBeUndefined();
    expect(lines.join('\n')).toMatch(/unreadable entry/);
  });
});

describe('the file store', () => {
  it('keeps one small file per conversation, its modification time the expiry', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'memory-'));
    folders.push(folder);
    const items = new FileItemStore(folder);
    await new StoredConversationMemory(items, quiet, { clock: () => Date.parse('2026-11-21T10:00:00Z') }).set(KEY, BOB);
    expect(readdirSync(folder)).toEqual([itemName(KEY)]);
    expect(readFileSync(join(folder, itemName(KEY)), 'utf8')).not.toContain('19:chat');
    expect(await items.expired(new Date('2026-11-21T10:29:00Z'))).toEqual([]);
    expect(await items.expired(new Date('2026-11-21T10:31:00Z'))).toEqual([itemName(KEY)]);
  });

  it('refuses a name that could leave its folder', async () => {
    const items = new FileItemStore(tmpdir());
    await expect(items.read('../etc/passwd')).rejects.toThrow(/not an item name/);
  });
});
