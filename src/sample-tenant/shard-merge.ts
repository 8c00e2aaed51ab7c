import { closeSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

/**
 * Merges NDJSON files whose rows are each sorted newest first (by `createdDateTime`, then `id`,
 * both descending) into `fd`, and deletes them: the last step of writing a day too large to
 * sort in memory. Only the two keys are read from a line; the generator writes them first
 * (`{"id":"…","createdDateTime":"…",`), so no line is parsed.
 */
export function mergeNewestFirst(files: string[], fd: number): void {
  const readers = files.map((f) => new LineReader(f));
  try {
    const heads = readers.map((r) => headOf(r.next()));
    let out = '';
    for (;;) {
      let best = -1;
      for (let i = 0; i < heads.length; i++) {
        const h = heads[i];
        if (h !== undefined && (best < 0 || newer(h, heads[best]!))) best = i;
      }
      if (best < 0) break;
      out += heads[best]!.line + '\n';
      if (out.length > 4_000_000) {
        writeSync(fd, out);
        out = '';
      }
      heads[best] = headOf(readers[best]!.next());
    }
    writeSync(fd, out);
  } finally {
    for (const r of readers) r.close();
    for (const f of files) rmSync(f, { force: true });
  }
}

const ID = '{"id":"';
const AT = '","createdDateTime":"';

interface Head {
  line: string;
  at: string;
  id: string;
}

function headOf(line: string | undefined): Head | undefined {
  if (line === undefined) return undefined;
  const idEnd = line.indexOf(AT, ID.length);
  if (!line.startsWith(ID) || idEnd < 0) throw new Error(`a spilled row does not start with its id and time: ${line.slice(0, 60)}`);
  const atEnd = line.indexOf('"', idEnd + AT.length);
  return { line, at: line.slice(idEnd + AT.length, atEnd), id: line.slice(ID.length, idEnd) };
}

function newer(a: Head, b: Head): boolean {
  return a.at !== b.at ? a.at > b.at : a.id > b.id;
}

class LineReader {
  private readonly fd: number;
  private readonly buf = Buffer.allocUnsafe(1 << 20);
  private readonly text = new StringDecoder('utf8');
  private rest = '';
  private lines: string[] = [];
  private at = 0;
  private done = false;

  constructor(file: string) {
    this.fd = openSync(file, 'r');
  }

  next(): string | undefined {
    while (this.at >= this.lines.length) {
      if (this.done) return undefined;
      const n = readSync(this.fd, this.buf, 0, this.buf.length, null);
      if (n === 0) {
        this.done = true;
        const last = this.rest + this.text.end();
        this.lines = last ? [last] : [];
        this.rest = '';
      } else {
        const parts = (this.rest + this.text.write(this.buf.subarray(0, n))).split('\n');
        this.rest = parts.pop()!;
        this.lines = parts;
      }
      this.at = 0;
    }
    return this.lines[this.at++];
  }

  close(): void {
    closeSync(this.fd);
  }
}
