import { closeSync, openSync, readSync, statSync } from 'node:fs';
import type { SourceProblem } from '../source.ts';

/**
 * Splits a JSON file into records without holding more than one chunk of it as text.
 * Accepted shapes (tenant-folder.md): a Graph list response `{"value": [...]}`, several of
 * them concatenated, a plain array, NDJSON (one object a line), or a single object.
 * Each record comes with its byte span, so an index can read it back later.
 */
export interface RecordSpan {
  /** Byte offset of the record in the file. */
  offset: number;
  /** Byte length. */
  length: number;
  /** 1-based line where the record starts. */
  line: number;
  /** The record's text. */
  text: string;
}

export type RecordVisitor = (span: RecordSpan) => void;

/** The record's JSON, or undefined with the problem told (file and line) when it is not JSON: the record is skipped. */
export function parseSpan(path: string, span: RecordSpan, problems: SourceProblem[]): unknown {
  try {
    return JSON.parse(span.text) as unknown;
  } catch (e) {
    problems.push({ where: `${path}:${span.line}`, message: `not valid JSON (${(e as Error).message}); skipped` });
    return undefined;
  }
}

const CHUNK = 32 * 1024 * 1024;
const NL = 0x0a;

/** JSON's whitespace, and the bytes of a UTF-8 byte-order mark. */
const isSpace = (c: number) => c === 0x20 || c === NL || c === 0x0d || c === 0x09 || c === 0xef || c === 0xbb || c === 0xbf;

function firstNonSpace(buf: Buffer, from = 0): number {
  for (let i = from; i < buf.length; i++) {
    if (!isSpace(buf[i]!)) return i;
  }
  return -1;
}

function readHead(path: string, bytes: number): Buffer {
  const fd = openSync(path, 'r');
  try {
    const buf = Buffer.allocUnsafe(bytes);
    const n = readSync(fd, buf, 0, bytes, 0);
    return buf.subarray(0, n);
  } finally {
    closeSync(fd);
  }
}

/**
 * NDJSON is told apart from a pretty-printed list by its lines: among the first twenty, one
 * that is a complete object and not a list page. (Not just the first line: a file whose
 * first record is cut off or garbled is still NDJSON, and its other records must be read.)
 */
function looksLikeNdjson(head: Buffer): boolean {
  const start = firstNonSpace(head);
  if (start < 0) return false;
  const lines = head.toString('utf8', start).split('\n', 21).slice(0, 20);
  // An array that opens on the first line and goes on is a JSON list, not NDJSON with a bad first line.
  if (head[start] === 0x5b && !completeJson(lines[0]!)) return false;
  // The last line of the head may be cut by the head's size, not by the file.
  if (head.length >= 1024 * 1024) lines.pop();
  for (const raw of lines) {
    const line = raw.trim();
    if (!line.startsWith('{') || !line.endsWith('}')) continue;
    try {
      const first = JSON.parse(line) as unknown;
      if (typeof first === 'object' && first !== null && !Array.isArray(first)) return !Array.isArray((first as { value?: unknown }).value);
    } catch {
      // a garbled line: keep looking
    }
  }
  return false;
}

function completeJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/** Visits every record of a JSON/NDJSON file; returns the problems met (never throws on content). */
export function scanJsonRecords(path: string, visit: RecordVisitor): SourceProblem[] {
  const size = statSync(path).size;
  if (size === 0) return [{ where: path, message: 'the file is empty' }];
  const head = readHead(path, Math.min(size, 1024 * 1024));
  if (looksLikeNdjson(head)) return scanNdjson(path, size, visit);
  return scanStructured(path, size, visit);
}

function scanNdjson(path: string, size: number, visit: RecordVisitor): SourceProblem[] {
  const problems: SourceProblem[] = [];
  const fd = openSync(path, 'r');
  try {
    let carry: Buffer = Buffer.alloc(0);
    let carryOffset = 0; // file offset of carry[0]
    let line = 1;
    let filePos = 0;
    const buf = Buffer.allocUnsafe(CHUNK);
    while (filePos < size) {
      const n = readSync(fd, buf, 0, CHUNK, filePos);
      if (n <= 0) break;
      filePos += n;
      const data = carry.length ? Buffer.concat([carry, buf.subarray(0, n)]) : buf.subarray(0, n);
      const base = carry.length ? carryOffset : filePos - n;
      let start = 0;
      for (;;) {
        const nl = data.indexOf(NL, start);
        if (nl < 0) break;
        emitLine(data, start, nl, base, line, visit);
        line++;
        start = nl + 1;
      }
      // Copy the partial last line: `buf` is reused by the next read.
      carry = Buffer.from(data.subarray(start));
      carryOffset = base + start;
    }
    if (carry.length) {
      const text = carry.toString('utf8').trim();
      if (text) {
        // A last line without a newline is normal NDJSON; a cut-off record shows up as a parse failure.
        emitLine(carry, 0, carry.length, carryOffset, line, visit);
      }
    }
  } finally {
    closeSync(fd);
  }
  return problems;
}

function emitLine(data: Buffer, start: number, end: number, base: number, line: number, visit: RecordVisitor): void {
  let e = end;
  if (e > start && data[e - 1] === 0x0d) e--;
  let s = start;
  while (s < e && (data[s] === 0x20 || data[s] === 0x09)) s++;
  if (s === e) return;
  visit({ offset: base + s, length: e - s, line, text: data.toString('utf8', s, e) });
}

/**
 * A byte-level scanner for pretty-printed JSON: tracks strings, escapes and depth, and
 * reports each record's span. Records are the elements of a top-level array, the elements
 * of a top-level object's `value` array, or a top-level object without one.
 */
function scanStructured(path: string, size: number, visit: RecordVisitor): SourceProblem[] {
  const problems: SourceProblem[] = [];
  // Pretty JSON is a list response an admin downloaded; it fits in memory as bytes.
  const fd = openSync(path, 'r');
  let buf: Buffer;
  try {
    buf = Buffer.allocUnsafe(size);
    let pos = 0;
    while (pos < size) {
      const n = readSync(fd, buf, pos, size - pos, pos);
      if (n <= 0) break;
      pos += n;
    }
  } finally {
    closeSync(fd);
  }

  let depth = 0;
  let inString = false;
  let escaped = false;
  let line = 1;
  // What the top-level value is, and where records live.
  let topKind: 'object' | 'array' | null = null;
  let recordDepth = -1; // depth at which a '{' starts a record
  let recordStart = -1;
  let recordLine = 0;
  let topStart = -1;
  let topLine = 0;
  let topHasValueArray = false;
  // Key tracking at depth 1 of a top-level object, to find "value".
  let stringStart = -1;
  let lastKey = '';
  let lastStringAtDepth1 = '';
  let inJunk = false;

  for (let i = 0; i < buf.length; i++) {
    const c = buf[i]!;
    if (inString) {
      if (escaped) escaped = false;
      else if (c === 0x5c) escaped = true;
      else if (c === 0x22) {
        inString = false;
        if (depth === 1 && topKind === 'object') lastStringAtDepth1 = buf.toString('utf8', stringStart, i);
      } else if (c === NL) line++;
      continue;
    }
    // Anything but whitespace, commas and brackets between top-level values is not JSON:
    // say where it starts (once per stretch), rather than read a garbled file as empty.
    if (depth === 0 && c !== 0x7b && c !== 0x5b && c !== 0x2c && !isSpace(c)) {
      if (!inJunk)
        problems.push({
          where: `${path}:${line}`,
          message: 'text that is not JSON where a sign-in record or a list of them was expected; skipped up to the next record',
        });
      inJunk = true;
      if (c === NL) line++;
      continue;
    }
    if (!isSpace(c)) inJunk = false;
    switch (c) {
      case NL:
        line++;
        break;
      case 0x22: // "
        inString = true;
        stringStart = i + 1;
        break;
      case 0x3a: // :
        if (depth === 1 && topKind === 'object') lastKey = lastStringAtDepth1;
        break;
      case 0x2c: // ,
        if (depth === 1 && topKind === 'object') lastKey = '';
        break;
      case 0x7b: // {
      case 0x5b: {
        // [
        if (depth === 0) {
          topKind = c === 0x7b ? 'object' : 'array';
          topStart = i;
          topLine = line;
          topHasValueArray = false;
          recordDepth = topKind === 'array' ? 1 : -1;
          lastKey = '';
        } else if (depth === 1 && topKind === 'object' && c === 0x5b && lastKey === 'value') {
          topHasValueArray = true;
          recordDepth = 2;
        }
        if (c === 0x7b && depth === recordDepth) {
          recordStart = i;
          recordLine = line;
        } else if (c === 0x5b && depth === recordDepth) {
          problems.push({ where: `${path}:${line}`, message: 'an array where a sign-in record was expected; skipped' });
        }
        depth++;
        break;
      }
      case 0x7d: // }
      case 0x5d: {
        // ]
        depth--;
        if (depth < 0) {
          problems.push({ where: `${path}:${line}`, message: 'an unmatched closing bracket; the rest of the file was not read' });
          return problems;
        }
        if (c === 0x7d && depth === recordDepth && recordStart >= 0) {
          visit({ offset: recordStart, length: i + 1 - recordStart, line: recordLine, text: buf.toString('utf8', recordStart, i + 1) });
          recordStart = -1;
        } else if (depth === 1 && topKind === 'object' && recordDepth === 2 && c === 0x5d) {
          recordDepth = -1; // the value array closed
        } else if (depth === 0) {
          if (topKind === 'object' && !topHasValueArray) {
            // A lone object (pretty NDJSON, or a single record).
            visit({ offset: topStart, length: i + 1 - topStart, line: topLine, text: buf.toString('utf8', topStart, i + 1) });
          }
          topKind = null;
          recordDepth = -1;
        }
        break;
      }
      default:
        break;
    }
  }
  if (inString || depth > 0) {
    const at = recordStart >= 0 ? recordLine : topLine;
    problems.push({
      where: `${path}:${at}`,
      message: `the file ends inside a record that starts at line ${at} (truncated?); that record was skipped`,
    });
  }
  return problems;
}
