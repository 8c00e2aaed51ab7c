import { existsSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { DiagError } from '../../errors.ts';

/**
 * Opening the store file. DuckDB lets one process write a file, or several read it, never
 * both: a process opens it read-write only to ingest, then read-only to answer, so a bot and
 * any number of CLI questions can read one store together. A file another process holds is
 * waited for (it is ingesting), then refused with a sentence saying so.
 */
export interface Opened {
  instance: DuckDBInstance;
  conn: DuckDBConnection;
}

/** DuckDB's own memory cap; the node process around it is measured against 1 GB (bench). */
const OPTIONS = { memory_limit: '256MB', threads: '2' };

const isLock = (e: unknown) => /Could not set lock on file|Conflicting lock/i.test((e as Error)?.message ?? '');

/** Opens the file in the mode asked; undefined when another process holds a conflicting lock (or, read-only, when there is no file yet). */
export async function tryOpen(path: string, mode: 'read' | 'write'): Promise<Opened | undefined> {
  if (mode === 'read' && !existsSync(path)) return undefined;
  let instance: DuckDBInstance;
  try {
    instance = await DuckDBInstance.create(path, { ...OPTIONS, ...(mode === 'read' && { access_mode: 'READ_ONLY' }) });
  } catch (e) {
    if (isLock(e)) return undefined;
    throw new DiagError(
      'sourceUnavailable',
      `the sign-in store ${path} could not be opened; delete it to have it rebuilt from the folder`,
      (e as Error).message,
      {
        cause: e,
      },
    );
  }
  return { instance, conn: await instance.connect() };
}

export function close(o: Opened | undefined): void {
  if (!o) return;
  o.conn.closeSync();
  o.instance.closeSync();
}

/** The sentence for a store another process kept for longer than we wait. */
export function heldElsewhere(path: string, seconds: number): DiagError {
  return new DiagError(
    'sourceUnavailable',
    `the sign-in store ${path} is being updated by another process and was still busy after ${seconds} s; ask again when it has finished, or give this process its own STORE_PATH`,
  );
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));
