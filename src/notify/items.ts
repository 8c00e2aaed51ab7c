import { existsSync, readdirSync, readFileSync, rmSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileWhole } from './store.ts';

/**
 * Small named items, each with its own expiry: state kept per key, such as a chat's memory
 * for follow-ups (src/routes/memory-stored.ts). One item per key, so the store grows with the
 * number of keys in use, never with one document every instance rewrites; a write replaces
 * the item whole (the last writer wins, which is right for state that one person changes).
 * Expired items are the caller's to ignore; `expired` lists them for a sweep.
 */
export interface ItemStore {
  /** Where the items are, for the log (a folder or a container URL; no secrets). */
  readonly where: string;
  /** The item's text, or undefined when there is none. */
  read(name: string): Promise<string | undefined>;
  write(name: string, text: string, expiresAt: Date): Promise<void>;
  /** Removes the item if it is there. */
  remove(name: string): Promise<void>;
  /** The names of the items whose expiry, as written, is before `now`. */
  expired(now: Date): Promise<string[]>;
}

/** Item names are the caller's hashes: letters, digits, dots and dashes only, so a name never leaves the folder. */
export const ITEM_NAME = /^[A-Za-z0-9][A-Za-z0-9.-]{0,127}$/;

export function checkItemName(name: string): string {
  if (!ITEM_NAME.test(name)) throw new Error(`not an item name: ${JSON.stringify(name.slice(0, 40))}`);
  return name;
}

/**
 * A folder, one file per item, for a bot run locally. The file's modification time is set to
 * the item's expiry, so a sweep reads the folder's listing, not every file. Each write is a
 * whole new file renamed over the old (writeFileWhole).
 */
export class FileItemStore implements ItemStore {
  constructor(private readonly folder: string) {}

  get where(): string {
    return this.folder;
  }

  async read(name: string): Promise<string | undefined> {
    const path = join(this.folder, checkItemName(name));
    return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
  }

  async write(name: string, text: string, expiresAt: Date): Promise<void> {
    const path = join(this.folder, checkItemName(name));
    writeFileWhole(path, text);
    utimesSync(path, expiresAt, expiresAt);
  }

  async remove(name: string): Promise<void> {
    rmSync(join(this.folder, checkItemName(name)), { force: true });
  }

  async expired(now: Date): Promise<string[]> {
    if (!existsSync(this.folder)) return [];
    return readdirSync(this.folder).filter(
      (n) => ITEM_NAME.test(n) && (statSync(join(this.folder, n), { throwIfNoEntry: false })?.mtimeMs ?? Infinity) < now.getTime(),
    );
  }
}
