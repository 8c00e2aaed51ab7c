import { closeSync, existsSync, openSync, readFileSync, readSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { SignIn } from '../signin.ts';
import type { SignInQuery, SignInResult, SignInSource, SourceProblem } from '../source.ts';
import { QueryResult, appGroups } from '../query-result.ts';
import { csvToSignIns } from './csv.ts';
import { parseSpan, scanJsonRecords } from './records.ts';
import { SignInIndex, extractKeys } from './signin-index.ts';
import { DiagError } from '../../errors.ts';
import { FolderDirectory, SIGNIN_FILE, zodMessage } from './folder-directory.ts';

/** The folder's file names; a folder the settings name but that cannot be read makes the source unavailable (the CLI checks first and says it its way). */
export function folderNames(dir: string): string[] {
  if (!existsSync(dir)) throw new DiagError('sourceUnavailable', `the tenant folder ${dir} does not exist`);
  return readdirSync(dir);
}

/** The sign-in files a folder's log is read from: its JSON files by name, else its CSV export; none is an error. */
export function signInFiles(dir: string, names: string[]): { json: string[] } | { csv: string } {
  const json = names.filter((n) => SIGNIN_FILE.test(n)).sort();
  if (json.length) return { json };
  if (names.includes('signIns.csv')) return { csv: 'signIns.csv' };
  throw new DiagError('sourceUnavailable', `the tenant folder ${dir} has no signIns.json, signIns.ndjson or signIns.csv`);
}

export interface FolderLoadStats {
  events: number;
  files: string[];
  millis: number;
}

export class TenantFolderSource extends FolderDirectory implements SignInSource {
  private readonly index = new SignInIndex();
  private readonly fds: number[] = [];
  private readonly fileNames: string[] = [];
  /** App display names as the logs write them, for matching what agents type. */
  private readonly seenApps = new Set<string>();
  private readonly problems: SourceProblem[] = [];
  private readBuffer = Buffer.allocUnsafe(64 * 1024);
  /** Parsed, validated records by event number: a helpdesk asks about the same people again and again. */
  private readonly parsed = new Map<number, { ok: SignIn } | { problem: SourceProblem }>();
  private static readonly PARSED_CACHE = 5_000;
  readonly stats: FolderLoadStats;

  constructor(dir: string) {
    const started = performance.now();
    const names = folderNames(dir);
    super(dir, names);
    const files = signInFiles(dir, names);
    if ('json' in files) for (const f of files.json) this.loadJsonSignIns(join(dir, f));
    else this.loadCsvSignIns(join(dir, files.csv));
    this.index.finalize();
    this.stats = { events: this.index.size, files: 'json' in files ? files.json : [files.csv], millis: performance.now() - started };
  }

  private loadJsonSignIns(path: string): void {
    const fileNo = this.fds.length;
    this.fds.push(openSync(path, 'r'));
    this.fileNames.push(path);
    const found = scanJsonRecords(path, (span) => {
      const raw = parseSpan(path, span, this.problems);
      if (raw === undefined) return;
      const keys = extractKeys(raw);
      if (typeof keys === 'string') {
        this.problems.push({ where: `${path}:${span.line}`, message: `${keys}; skipped` });
        return;
      }
      this.index.add(keys, { file: fileNo, offset: span.offset, length: span.length, line: span.line });
      for (const name of [keys.appName, keys.resourceName]) if (name) this.seenApps.add(name);
    });
    this.problems.push(...found);
  }

  private loadCsvSignIns(path: string): void {
    const { records, problems } = csvToSignIns(readFileSync(path, 'utf8'), path);
    this.problems.push(...problems);
    for (const { record, line } of records) {
      const parsed = SignIn.safeParse(record);
      if (!parsed.success) {
        this.problems.push({ where: `${path}:${line}`, message: `${zodMessage(parsed.error)}; skipped` });
        continue;
      }
      const keys = extractKeys(parsed.data);
      if (typeof keys === 'string') this.problems.push({ where: `${path}:${line}`, message: `${keys}; skipped` });
      else {
        this.index.add(keys, { memory: parsed.data, line });
        for (const name of [keys.appName, keys.resourceName]) if (name) this.seenApps.add(name);
      }
    }
  }

  private readRecord(i: number): unknown {
    const loc = this.index.location(i);
    if ('memory' in loc) return loc.memory;
    if (this.readBuffer.length < loc.length) this.readBuffer = Buffer.allocUnsafe(loc.length * 2);
    readSync(this.fds[loc.file]!, this.readBuffer, 0, loc.length, loc.offset);
    return JSON.parse(this.readBuffer.toString('utf8', 0, loc.length));
  }

  /** Event i, read and validated once (least recently read records leave the cache first). */
  private record(i: number, cache = true): { ok: SignIn } | { problem: SourceProblem } {
    const hit = this.parsed.get(i);
    if (hit) {
      this.parsed.delete(i);
      this.parsed.set(i, hit);
      return hit;
    }
    const parsed = SignIn.safeParse(this.readRecord(i));
    let value: { ok: SignIn } | { problem: SourceProblem };
    if (parsed.success) value = { ok: parsed.data };
    else {
      const loc = this.index.location(i);
      value = {
        problem: {
          where: `${'file' in loc ? this.fileNames[loc.file] : join(this.dir, 'signIns.csv')}:${loc.line}`,
          message: `${zodMessage(parsed.error)}; skipped`,
        },
      };
    }
    if (!cache) return value;
    if (this.parsed.size >= TenantFolderSource.PARSED_CACHE) this.parsed.delete(this.parsed.keys().next().value!);
    this.parsed.set(i, value);
    return value;
  }

  async querySignIns(q: SignInQuery): Promise<SignInResult> {
    return this.querySync(q);
  }

  /**
   * The same as querySignIns, synchronously: the folder is local, and benchmarks time it bare.
   * `cache: false` for scans that read each record once (batch work), which would only churn the cache.
   */
  querySync(q: SignInQuery, opts: { cache?: boolean } = {}): SignInResult {
    const cache = opts.cache ?? true;
    const result = new QueryResult(q);
    const problems: SourceProblem[] = [];
    const candidates = this.index.candidates({
      ...q,
      apps: appGroups(q),
      since: q.since === undefined ? undefined : Date.parse(q.since),
      until: q.until === undefined ? undefined : Date.parse(q.until),
    });
    for (const i of candidates) {
      const record = this.record(i, cache);
      if ('problem' in record) {
        problems.push(record.problem);
        continue;
      }
      if (!result.add(record.ok)) break;
    }
    return { events: result.events, truncated: result.truncated, problems };
  }

  /** App names the parser should know: the service principals' and the apps and resources seen in the sign-ins. */
  appNames(): string[] {
    return this.appNamesWith(this.seenApps);
  }

  override loadProblems(): SourceProblem[] {
    return [...this.problems, ...this.directoryProblems];
  }

  close(): void {
    for (const fd of this.fds.splice(0)) closeSync(fd);
  }
}
