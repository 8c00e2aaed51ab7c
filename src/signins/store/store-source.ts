import { mkdirSync, rmSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join } from 'node:path';
import { DiagError } from '../../errors.ts';
import type { SignIn } from '../signin.ts';
import type { IpFailure, SignInQuery, SignInResult, SignInSource, SourceProblem } from '../source.ts';
import { QueryResult } from '../query-result.ts';
import { FolderDirectory, SIGNIN_FILE } from '../tenant-folder/folder-directory.ts';
import { folderNames, signInFiles, type FolderLoadStats } from '../tenant-folder/folder-source.ts';
import { close, heldElsewhere, sleep, tryOpen, type Opened } from './connection.ts';
import { exportFiles, ingest, isCurrent, prepare, readManifest, readMeta, type ExportFile, type IngestReport } from './ingest.ts';
import { packSpans } from './record-reader.ts';
import { SCHEMA_VERSION } from './schema.ts';
import { duplicatesSql, ipFailuresSql, peopleRowsSql, peopleSql, signInSql, sortNewestFirst, type BoundSql, type Row } from './sql.ts';
import { batchesOf, byUser, HANDOVER_EVENTS, peopleOf, rowKey, shadowed } from './by-person.ts';

export interface StoreOptions {
  /** The store file; see location.ts for where it goes by default. */
  path: string;
  /** Drop what the store holds and ingest the folder again. */
  rebuild?: boolean;
  /** How long to wait for another process that holds the store (ingesting), in ms; default 60 s. */
  waitMs?: number;
  /** signInsByPerson hands people over in batches of about this many events (default BATCH_EVENTS). */
  batchEvents?: number;
}

/** A record read back is not the one the store points at: its export file changed since the store last looked. */
class FileChanged extends Error {
  constructor(readonly file: string) {
    super(`${file} changed since it was ingested`);
  }
}

/**
 * A tenant folder answered from its sign-in store (DuckDB): the export files are ingested
 * once, validated on the way in, and every later question is one SQL statement with bound
 * parameters, whose rows say where the matching records are in the export files (read back
 * without validating again). The directory files are small and read at start, as the
 * in-memory folder reader does. Answers are those of TenantFolderSource, record for record.
 */
export class StoreSource extends FolderDirectory implements SignInSource {
  private db: Opened | undefined;
  /** The ingest or reopen under way; queries wait for it. */
  private busy: Promise<void> = Promise.resolve();
  private storedProblems: SourceProblem[] = [];
  private seenApps: string[] = [];
  /** The export files as the store holds them (name, size, modification time), to notice one changed under a question. */
  private held = new Map<string, ExportFile>();
  private watcher: FSWatcher | undefined;
  stats: FolderLoadStats = { events: 0, files: [], millis: 0 };
  /** What the last sync read (nothing when the store was current). */
  lastIngest: IngestReport = { read: [], removed: [] };

  private constructor(
    dir: string,
    names: string[],
    readonly options: StoreOptions,
  ) {
    super(dir, names, directoryCache(options.path));
  }

  /** Opens the folder's store, ingesting what is new or changed first. */
  static async open(dir: string, options: StoreOptions): Promise<StoreSource> {
    const names = folderNames(dir);
    mkdirSync(dirname(options.path), { recursive: true });
    if (options.rebuild) rmSync(directoryCache(options.path), { force: true });
    const source = new StoreSource(dir, names, options);
    await source.sync(names, options.rebuild ?? false);
    return source;
  }

  /** Ingests what changed in the folder since the last look (the watcher calls this; so may anyone). */
  refresh(): Promise<void> {
    return this.exclusive(() => this.sync(folderNames(this.dir), false));
  }

  /** One thing at a time on the connection: a refresh closes it, so it must not run under a query (nor a query under it). */
  private exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.busy.then(fn);
    this.busy = run.then(
      () => undefined,
      () => undefined,
    );
    return run;
  }

  /** Re-ingests when the folder's files change, until close(); never keeps the process alive. */
  watch(onError: (e: unknown) => void): void {
    if (this.watcher) return;
    let timer: NodeJS.Timeout | undefined;
    this.watcher = watch(this.dir, { persistent: false }, (_event, name) => {
      // Only the export files: not the store itself nor anything else written beside them (.signin-diag/).
      if (name !== null && !SIGNIN_FILE.test(name) && name !== 'signIns.csv') return;
      clearTimeout(timer);
      // An export is written in pieces: wait until it has been quiet for a moment.
      timer = setTimeout(() => this.refresh().catch(onError), 500);
      timer.unref();
    });
  }

  private async sync(names: string[], rebuild: boolean): Promise<void> {
    const started = performance.now();
    const files = signInFiles(this.dir, names);
    const list = 'json' in files ? files.json : [files.csv];
    const wanted = exportFiles(this.dir, list);
    const path = this.options.path;
    const waitMs = this.options.waitMs ?? 60_000;
    close(this.db);
    this.db = undefined;
    if (rebuild) for (const f of [path, `${path}.wal`]) rmSync(f, { force: true });
    mkdirSync(dirname(path), { recursive: true });
    this.lastIngest = { read: [], removed: [] };
    for (const deadline = Date.now() + waitMs; ;) {
      // Current already (the usual start): read-only, shared with any other reader.
      const reader = await tryOpen(path, 'read');
      if (reader) {
        const meta = await readMeta(reader.conn);
        if (meta?.version === SCHEMA_VERSION && meta.folder === this.dir && isCurrent(await readManifest(reader.conn), wanted)) {
          this.db = reader;
          break;
        }
        close(reader);
      }
      const writer = await tryOpen(path, 'write');
      if (writer) {
        let outdated = false;
        try {
          const meta = await readMeta(writer.conn);
          // Made by another version or for another folder: started afresh, as a file (dropped tables would leave it its old size).
          outdated = meta !== undefined && (meta.version !== SCHEMA_VERSION || meta.folder !== this.dir);
          if (!outdated) {
            await prepare(writer.conn, this.dir, false);
            this.lastIngest = await ingest(writer.conn, this.dir, wanted);
            await writer.conn.run('CHECKPOINT');
          }
        } finally {
          close(writer);
        }
        if (outdated) for (const f of [path, `${path}.wal`]) rmSync(f, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw heldElsewhere(path, Math.round(waitMs / 1000));
      await sleep(200);
    }
    const conn = this.db.conn;
    const count = (await conn.runAndReadAll('SELECT count(*) AS n FROM signins')).getRowObjectsJS()[0]!;
    this.storedProblems = (await conn.runAndReadAll('SELECT place, message FROM problems ORDER BY file, rowid')).getRowObjectsJS().map((r) => ({
      where: String(r.place),
      message: String(r.message),
    }));
    // Apps and resources ("exchange" is typed as often as the app that reached it), listed at ingest: a start does not scan the rows.
    this.seenApps = (await conn.runAndReadAll('SELECT DISTINCT name FROM app_names')).getRowObjectsJS().map((r) => String(r.name));
    this.held = new Map(wanted.map((f) => [f.file, f]));
    this.stats = { events: Number(count.n), files: list, millis: performance.now() - started };
  }

  querySignIns(q: SignInQuery): Promise<SignInResult> {
    return this.exclusive(() => this.query(q));
  }

  /**
   * An export file that changed since the store read it (the bot's watcher has not caught up,
   * or no watcher runs) is ingested again before the question is answered; a file that keeps
   * changing while being read is a sentence, not a wrong record.
   */
  private async query(q: SignInQuery): Promise<SignInResult> {
    try {
      return await this.answer(q);
    } catch (e) {
      if (!(e instanceof FileChanged)) throw e;
      await this.sync(folderNames(this.dir), false);
    }
    try {
      return await this.answer(q);
    } catch (e) {
      if (!(e instanceof FileChanged)) throw e;
      throw new DiagError('sourceUnavailable', `the export file ${join(this.dir, e.file)} is changing while it is read; ask again when it has been written`);
    }
  }

  private async answer(q: SignInQuery): Promise<SignInResult> {
    const limit = q.limit;
    // One more than the limit says whether it cut the list; a duplicate id among them (rare) asks again without it.
    let events = await this.rows(q, limit === undefined ? undefined : limit + 1);
    let result = this.collect(q, events);
    if (limit !== undefined && events.length === limit + 1 && !result.truncated) {
      events = await this.rows(q, undefined);
      result = this.collect(q, events);
    }
    return { events: result.events, truncated: result.truncated, problems: [] };
  }

  private async rows(q: SignInQuery, limit: number | undefined): Promise<SignIn[]> {
    const rows = await this.select(signInSql(q, limit));
    return this.records(limit === undefined ? sortNewestFirst(rows) : rows);
  }

  /** The rows a statement selects (COLUMNS, then the lower-cased user id when it asks for it as `user_id_l`). */
  private async select({ sql, params }: BoundSql): Promise<(Row & { user: string })[]> {
    const reader = await this.db!.conn.runAndReadAll(sql, params);
    const [t, file, ord, id, off, len, json, user] = reader.getColumnsJS() as
      [bigint[], string[], number[], string[], (bigint | null)[], (number | null)[], (string | null)[], string[]?] | [];
    return (t ?? []).map((ms, i) => ({
      t_ms: Number(ms),
      file: file![i]!,
      ord: ord![i]!,
      id: id![i]!,
      off: off![i] == null ? null : Number(off![i]),
      len: len![i] ?? null,
      json: json![i] ?? null,
      user: user?.[i] ?? '',
    }));
  }

  /**
   * Every sign-in of the range, a few people at a time (SignInLog.signInsByPerson, by-person.ts):
   * the same events per person, in the same order, as querySignIns over the range gives. Each
   * batch is read under the connection's lock and handed over outside it, so `each` may ask
   * questions of its own. A file that changes between batches cannot be read again without
   * handing people over twice: it is a sentence, not a wrong record.
   */
  async signInsByPerson(range: { since: string; until: string }, each: (people: Map<string, SignIn[]>) => Promise<void>) {
    const plan = await this.exclusive(async () => {
      if (this.stale()) await this.sync(folderNames(this.dir), false);
      const counts = (await this.db!.conn.runAndReadAll(peopleSql(range).sql, peopleSql(range).params)).getColumnsJS() as [string[], number[]] | [];
      const people = (counts[0] ?? []).map((id, i) => ({ id, n: counts[1]![i]! }));
      const dups = (await this.db!.conn.runAndReadAll(duplicatesSql(range).sql, duplicatesSql(range).params)).getRowObjectsJS();
      const dropped = shadowed(dups.map((r) => ({ t_ms: Number(r.t_ms), file: String(r.file), ord: Number(r.ord), id: String(r.id) })));
      return { batches: batchesOf(people, this.options.batchEvents), dropped };
    });
    // A file that changes between batches cannot be read again without handing people over twice: a sentence, not a wrong record.
    const changed = (e: unknown) =>
      e instanceof FileChanged
        ? new DiagError('sourceUnavailable', `the export file ${join(this.dir, e.file)} changed while the window was read; ask again when it has been written`)
        : e;
    // One buffer for every batch's records, each batch's replacing the last's (texts).
    const scratch = { bytes: Buffer.alloc(0) };
    for (const b of plan.batches) {
      const { rows, texts } = await this.exclusive(async () => {
        const rows = (await this.select(peopleRowsSql(range, b.first, b.last))).filter((r) => !plan.dropped.has(rowKey(r)));
        // By person, then newest first: each person's events in querySignIns's order.
        rows.sort(
          (x, y) => (x.user < y.user ? -1 : x.user > y.user ? 1 : 0) || y.t_ms - x.t_ms || (x.file < y.file ? 1 : x.file > y.file ? -1 : 0) || y.ord - x.ord,
        );
        try {
          return { rows, texts: this.texts(rows, scratch) };
        } catch (e) {
          throw changed(e);
        }
      });
      // Handed over a few people at a time, each few parsed just before: parsed records live only while their people are diagnosed.
      let at = 0;
      for (const h of batchesOf(peopleOf(rows), Math.min(HANDOVER_EVENTS, this.options.batchEvents ?? HANDOVER_EVENTS))) {
        const from = at;
        while (at < rows.length && rows[at]!.user <= h.last) at++;
        let records: SignIn[];
        try {
          records = texts.parse(from, at);
        } catch (e) {
          throw changed(e);
        }
        // Not kept in a variable of this loop: once `each` has diagnosed a person, nothing here holds their records.
        await each(byUser(records));
      }
    }
    return { truncated: false, problems: [] };
  }

  /** The range's failures with these codes that name an IP, as IP, time and account only (SignInLog.failuresByIp). */
  failuresByIp(range: { since: string; until: string }, errorCodes: readonly number[]): Promise<IpFailure[]> {
    return this.exclusive(async () => {
      const { sql, params } = ipFailuresSql(range, errorCodes);
      const [ip, t, account] = (await this.db!.conn.runAndReadAll(sql, params)).getColumnsJS() as [string[], bigint[], string[]] | [];
      return (ip ?? []).map((x, i) => ({ ip: x, t: Number(t![i]), account: account![i]! }));
    });
  }

  /** Whether an export file the store holds has changed (size or modification time) since it was ingested. */
  private stale(): boolean {
    for (const f of this.held.values()) {
      const now = statIfAny(join(this.dir, f.file));
      if (!now || now.size !== f.size || now.mtimeMs !== f.mtimeMs) return true;
    }
    return false;
  }

  /** The rows' records, in the rows' order: read back from the export files (each file once, in file order), or a CSV record's stored JSON. */
  private records(rows: Row[]): SignIn[] {
    return this.texts(rows).parse(0, rows.length);
  }

  /**
   * The rows' records as text, to parse later (`parse(from, to)`, in the rows' order): each file's
   * spans read once, in file order, into one buffer outside the JavaScript heap (packSpans), or a
   * CSV record's stored JSON. A file changed since ingest is FileChanged, here or when parsed.
   * `scratch` is a buffer to reuse from one call to the next (a window's batches): fresh memory
   * costs a page fault per 4 KB written, which for a whole window's records took longer than the
   * copying itself.
   */
  private texts(rows: Row[], scratch?: { bytes: Buffer }): { parse: (from: number, to: number) => SignIn[] } {
    const packs = new Map<string, { starts: Float64Array; ends: Float64Array }>();
    const where = new Int32Array(rows.length).fill(-1);
    const byFile = new Map<string, number[]>();
    let total = 0;
    rows.forEach((r, i) => {
      if (r.json !== null) return;
      total += r.len!;
      const at = byFile.get(r.file);
      if (at) at.push(i);
      else byFile.set(r.file, [i]);
    });
    // A quarter more than asked, so batches of about the same size reuse it.
    const bytes = scratch && scratch.bytes.length >= total ? scratch.bytes : Buffer.allocUnsafeSlow(scratch ? Math.ceil(total * 1.25) : total);
    if (scratch) scratch.bytes = bytes;
    let base = 0;
    for (const [file, at] of byFile) {
      const path = join(this.dir, file);
      const held = this.held.get(file);
      const now = statIfAny(path);
      if (!held || !now || now.size !== held.size || now.mtimeMs !== held.mtimeMs) throw new FileChanged(file);
      const spans = at.map((i) => ({ offset: rows[i]!.off!, length: rows[i]!.len! }));
      packs.set(file, packSpans(path, spans, bytes, base));
      for (const s of spans) base += s.length;
      at.forEach((i, k) => (where[i] = k));
    }
    const parse = (i: number): SignIn => {
      const r = rows[i]!;
      // Validated at ingest: the stored JSON is a SignIn.
      if (r.json !== null) return JSON.parse(r.json) as SignIn;
      const { starts, ends } = packs.get(r.file)!;
      const k = where[i]!;
      // Validated at ingest, and the same text: parsed, not checked again; a different record means the file changed.
      let record: SignIn;
      try {
        record = JSON.parse(bytes.toString('utf8', starts[k]!, ends[k]!)) as SignIn;
      } catch {
        throw new FileChanged(r.file);
      }
      if (record?.id !== r.id) throw new FileChanged(r.file);
      return record;
    };
    return {
      parse: (from, to) => {
        const out = new Array<SignIn>(to - from);
        for (let i = from; i < to; i++) out[i - from] = parse(i);
        return out;
      },
    };
  }

  private collect(q: SignInQuery, events: SignIn[]): QueryResult {
    const result = new QueryResult(q);
    for (const e of events) if (!result.add(e)) break;
    return result;
  }

  /** App names the parser should know: the service principals' and those the sign-ins name. */
  appNames(): string[] {
    return this.appNamesWith(this.seenApps);
  }

  override loadProblems(): SourceProblem[] {
    return [...this.storedProblems, ...this.directoryProblems];
  }

  close(): void {
    this.watcher?.close();
    this.watcher = undefined;
    close(this.db);
    this.db = undefined;
  }
}

function statIfAny(path: string): { size: number; mtimeMs: number } | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}

/** The validated directory files, kept beside the store (tenant-folder/directory-cache.ts). */
const directoryCache = (store: string) => `${store}.directory.json`;
