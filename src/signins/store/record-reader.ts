import { closeSync, openSync, readSync } from 'node:fs';

/**
 * Reads records back from an export file by their byte spans. The store keeps where each
 * record is, not its text: DuckDB keeps a 1–6 KB string out of line, and fetching those for
 * the rows a question matches read the whole column (13 s for 100,000 events on the bench
 * machine, against 5 ms for the typed columns). The spans are read in file order, a run
 * of nearby records in one read, so a question reads its few records and a whole-window scan
 * reads the file about once, front to back.
 */
export interface Span {
  offset: number;
  length: number;
}

/** A run of records is read at once while it stays under this size… */
const RUN_BYTES = 4 * 1024 * 1024;
/**
 * …and the gap to the next record is small enough that reading through it beats a second read
 * (copying 16 KB costs about what one more read call does; a window's batch of people, a few
 * records in every hundred, read through 64 KB gaps took five times the bytes of its records).
 */
const GAP_BYTES = 16 * 1024;

/** The text of each span, in the order given. */
export function readSpans(path: string, spans: readonly Span[]): string[] {
  const out = new Array<string>(spans.length);
  eachSpan(path, spans, (i, bytes, from, to) => (out[i] = bytes.toString('utf8', from, to)));
  return out;
}

/**
 * The bytes of every span, one after another in the order given, copied into `into` from `at`
 * (which must have room for them all): a buffer outside the JavaScript heap, so a batch of
 * records held as bytes until it is parsed costs the garbage collector nothing, where the same
 * records parsed at once were copied by every young-generation collection until their people
 * were diagnosed. Span i's bytes are from `starts[i]` to `ends[i]`; a span the file no longer
 * holds whole is empty.
 */
export function packSpans(path: string, spans: readonly Span[], into: Buffer, at: number): { starts: Float64Array; ends: Float64Array } {
  const starts = new Float64Array(spans.length);
  let next = at;
  spans.forEach((s, i) => {
    starts[i] = next;
    next += s.length;
  });
  const ends = Float64Array.from(starts);
  eachSpan(path, spans, (i, chunk, from, to) => (ends[i] = starts[i]! + chunk.copy(into, starts[i]!, from, to)));
  return { starts, ends };
}

/**
 * Hands over the bytes of each span with its index, in file order, so a caller can parse or
 * copy each and keep no text: `chunk` from `from` to `to`, valid only during the call (empty
 * when a file cut shorter since ingest gives a short read: the caller finds the record is not
 * the one stored).
 */
export function eachSpan(path: string, spans: readonly Span[], fn: (i: number, chunk: Buffer, from: number, to: number) => void): void {
  if (spans.length === 0) return;
  const order = spans.map((_, i) => i).sort((a, b) => spans[a]!.offset - spans[b]!.offset);
  const fd = openSync(path, 'r');
  try {
    let buf = Buffer.allocUnsafe(0);
    for (let i = 0; i < order.length;) {
      // The run: from this record to the last one that keeps it small and dense.
      const start = spans[order[i]!]!.offset;
      let end = start + spans[order[i]!]!.length;
      let j = i + 1;
      while (j < order.length) {
        const s = spans[order[j]!]!;
        if (s.offset - end > GAP_BYTES || s.offset + s.length - start > RUN_BYTES) break;
        end = Math.max(end, s.offset + s.length);
        j++;
      }
      if (buf.length < end - start) buf = Buffer.allocUnsafe(Math.max(end - start, 64 * 1024));
      const n = readSync(fd, buf, 0, end - start, start);
      for (let k = i; k < j; k++) {
        const s = spans[order[k]!]!;
        const whole = s.offset + s.length - start <= n;
        fn(order[k]!, buf, whole ? s.offset - start : 0, whole ? s.offset - start + s.length : 0);
      }
      i = j;
    }
  } finally {
    closeSync(fd);
  }
}
