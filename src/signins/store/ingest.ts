import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { DuckDBAppender, DuckDBConnection } from '@duckdb/node-api';
import { SignIn } from '../signin.ts';
import type { SourceProblem } from '../source.ts';
import { csvToSignIns } from '../tenant-folder/csv.ts';
import { parseSpan, scanJsonRecords } from '../tenant-folder/records.ts';
import { zodMessage } from '../tenant-folder/folder-directory.ts';
import { extractKeys } from '../tenant-folder/signin-index.ts';
import { CREATE_TABLES, DROP_TABLES, SCHEMA_VERSION } from './schema.ts';

/**
 * Ingest: each export file of the folder is read, every record parsed and validated once
 * (the same parsing and zod schema the in-memory folder reader uses, with the same problem
 * sentences), and its keys and byte span appended to `signins`. A file whose name, size and modification time the
 * manifest already holds is skipped; a changed one has its rows deleted and is read again;
 * one gone from the folder has its rows deleted. The manifest row is written last, so an
 * ingest cut short is redone on the next start.
 */
export interface ExportFile {
  file: string;
  size: number;
  mtimeMs: number;
}

export interface IngestReport {
  /** Files read this time, with the records each gave. */
  read: { file: string; records: number; problems: number }[];
  /** Files whose rows were deleted because they left the folder. */
  removed: string[];
}

export function exportFiles(dir: string, files: string[]): ExportFile[] {
  return files.map((file) => {
    const st = statSync(join(dir, file));
    return { file, size: st.size, mtimeMs: st.mtimeMs };
  });
}

type Manifest = Map<string, { size: number; mtimeMs: number }>;

export async function readManifest(conn: DuckDBConnection): Promise<Manifest> {
  const rows = (await conn.runAndReadAll('SELECT file, size, mtime_ms FROM manifest')).getRowObjectsJS();
  return new Map(rows.map((r) => [String(r.file), { size: Number(r.size), mtimeMs: Number(r.mtime_ms) }]));
}

/** The store's schema version and folder, or undefined for an empty file. */
export async function readMeta(conn: DuckDBConnection): Promise<{ version?: string; folder?: string } | undefined> {
  const tables = await conn.runAndReadAll("SELECT 1 FROM duckdb_tables() WHERE table_name = 'meta'");
  if (tables.currentRowCount === 0) return undefined;
  const rows = (await conn.runAndReadAll('SELECT key, value FROM meta')).getRowObjectsJS();
  const get = (k: string) => rows.find((r) => r.key === k)?.value as string | undefined;
  return { version: get('version'), folder: get('folder') };
}

/** Whether the store already holds exactly these files as they are now. */
export function isCurrent(manifest: Manifest, files: ExportFile[]): boolean {
  if (manifest.size !== files.length) return false;
  return files.every((f) => {
    const m = manifest.get(f.file);
    return m !== undefined && m.size === f.size && m.mtimeMs === f.mtimeMs;
  });
}

/** Creates the tables, first dropping them when the store was made by another schema version or for another folder. */
export async function prepare(conn: DuckDBConnection, dir: string, rebuild: boolean): Promise<void> {
  const meta = await readMeta(conn);
  if (rebuild || (meta && (meta.version !== SCHEMA_VERSION || meta.folder !== dir))) for (const sql of DROP_TABLES) await conn.run(sql);
  for (const sql of CREATE_TABLES) await conn.run(sql);
  await conn.run('INSERT OR REPLACE INTO meta VALUES (?, ?), (?, ?)', ['version', SCHEMA_VERSION, 'folder', dir]);
}

export async function ingest(conn: DuckDBConnection, dir: string, files: ExportFile[]): Promise<IngestReport> {
  const manifest = await readManifest(conn);
  const report: IngestReport = { read: [], removed: [] };
  const wanted = new Set(files.map((f) => f.file));
  for (const file of manifest.keys()) {
    if (wanted.has(file)) continue;
    await forget(conn, file);
    report.removed.push(file);
  }
  for (const f of files) {
    const m = manifest.get(f.file);
    if (m && m.size === f.size && m.mtimeMs === f.mtimeMs) continue;
    await forget(conn, f.file);
    const counts = await ingestFile(conn, dir, f.file);
    await conn.run('INSERT INTO manifest VALUES (?, ?, ?, ?)', [f.file, f.size, f.mtimeMs, counts.records]);
    report.read.push({ file: f.file, ...counts });
  }
  return report;
}

async function forget(conn: DuckDBConnection, file: string): Promise<void> {
  for (const table of ['signins', 'problems', 'app_names', 'manifest']) await conn.run(`DELETE FROM ${table} WHERE file = ?`, [file]);
}

async function ingestFile(conn: DuckDBConnection, dir: string, file: string): Promise<{ records: number; problems: number }> {
  const path = join(dir, file);
  const problems: SourceProblem[] = [];
  const appender = await conn.createAppender('signins');
  const apps = new Set<string>();
  let ord = 0;
  /** `span` for a record of a JSON file (the store points at it); none for a CSV row (the store keeps its JSON). */
  const add = (record: unknown, line: number, span: { offset: number; length: number } | undefined) => {
    // The key checks first, so a record without its keys is named as the folder reader names it.
    const keys = extractKeys(record);
    if (typeof keys === 'string') {
      problems.push({ where: `${path}:${line}`, message: `${keys}; skipped` });
      return;
    }
    const parsed = SignIn.safeParse(record);
    if (!parsed.success) {
      problems.push({ where: `${path}:${line}`, message: `${zodMessage(parsed.error)}; skipped` });
      return;
    }
    // zod's loose objects keep every field and transform none: the text at the span is the validated record.
    appendRow(appender, parsed.data, file, ord++, line, span ?? JSON.stringify(parsed.data));
    for (const name of [keys.appName, keys.resourceName]) if (name) apps.add(name);
  };
  try {
    if (file.endsWith('.csv')) {
      const read = csvToSignIns(readFileSync(path, 'utf8'), path);
      problems.push(...read.problems);
      for (const { record, line } of read.records) add(record, line, undefined);
    } else {
      const found = scanJsonRecords(path, (span) => {
        const raw = parseSpan(path, span, problems);
        if (raw === undefined) return;
        add(raw, span.line, span);
      });
      problems.push(...found);
    }
  } finally {
    appender.closeSync();
  }
  for (const p of problems) await conn.run('INSERT INTO problems VALUES (?, ?, ?)', [file, p.where, p.message]);
  for (const name of apps) await conn.run('INSERT INTO app_names VALUES (?, ?)', [file, name]);
  return { records: ord, problems: problems.length };
}

const low = (v: string | null | undefined) => (v == null ? null : v.toLowerCase());

function varchar(a: DuckDBAppender, v: string | null | undefined): void {
  if (v == null) a.appendNull();
  else a.appendVarchar(v);
}

function bool(a: DuckDBAppender, v: boolean | null | undefined): void {
  if (v == null) a.appendNull();
  else a.appendBoolean(v);
}

/** One row, in SIGNIN_COLUMNS order: the record's span in its file, or (CSV) its JSON. */
function appendRow(a: DuckDBAppender, s: SignIn, file: string, ord: number, line: number, record: { offset: number; length: number } | string): void {
  a.appendBigInt(BigInt(Date.parse(s.createdDateTime)));
  a.appendVarchar(file);
  a.appendInteger(ord);
  a.appendInteger(line);
  a.appendVarchar(s.id);
  a.appendVarchar(s.id.toLowerCase());
  varchar(a, low(s.originalRequestId));
  a.appendVarchar(s.userId.toLowerCase());
  varchar(a, low(s.userPrincipalName));
  varchar(a, low(s.appId));
  varchar(a, s.appDisplayName);
  varchar(a, low(s.appDisplayName));
  varchar(a, low(s.resourceId));
  varchar(a, s.resourceDisplayName);
  varchar(a, low(s.resourceDisplayName));
  varchar(a, low(s.ipAddress));
  varchar(a, low(s.correlationId));
  a.appendInteger(s.status.errorCode);
  bool(a, s.isInteractive);
  bool(a, s.flaggedForReview);
  varchar(a, s.riskLevelDuringSignIn);
  varchar(a, s.conditionalAccessStatus);
  if (typeof record === 'string') {
    a.appendNull();
    a.appendNull();
    a.appendVarchar(record);
  } else {
    a.appendBigInt(BigInt(record.offset));
    a.appendInteger(record.length);
    a.appendNull();
  }
  a.endRow();
}
