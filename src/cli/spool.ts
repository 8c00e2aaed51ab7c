import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Pieces of output made in one order and printed in another: a window's attempts are
 * diagnosed person by person but printed newest first. The pieces are gathered in blocks of a
 * few megabytes, kept in memory while they total at most `memoryBytes` (a week of a 100k-event
 * tenant as text is 7 MB: printed without a file, and without a read per piece, which cost a
 * second of the run); past that every block goes to a file in the system's temporary folder,
 * so memory holds only each piece's sort key and where it is (a million attempts' JSON is
 * gigabytes; their keys are tens of megabytes). The pieces are then copied to the output in
 * order. The file, if any, is removed when the spool is closed.
 */
const FLUSH_BYTES = 4 * 1024 * 1024;
const MEMORY_BYTES = 32 * 1024 * 1024;

export class Spool {
  private file: { dir: string; fd: number } | undefined;
  /** Blocks held in memory (before any spill) and where each starts in the sequence of pieces' bytes. */
  private blocks: Buffer[] = [];
  private blockStarts: number[] = [];
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private written = 0;
  private readonly times: number[] = [];
  private readonly ids: string[] = [];
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];
  private readonly memoryBytes: number;

  constructor(options: { memoryBytes?: number } = {}) {
    this.memoryBytes = options.memoryBytes ?? MEMORY_BYTES;
  }

  get size(): number {
    return this.times.length;
  }

  /** A piece, to be printed by (t, id), newest first. */
  add(t: number, id: string, text: string): void {
    const bytes = Buffer.from(text, 'utf8');
    this.times.push(t);
    this.ids.push(id);
    this.offsets.push(this.written + this.pendingBytes);
    this.lengths.push(bytes.length);
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= FLUSH_BYTES) this.flush();
  }

  private flush(): void {
    if (!this.pendingBytes) return;
    const block = Buffer.concat(this.pending, this.pendingBytes);
    if (!this.file && this.written + block.length > this.memoryBytes) this.spill();
    if (this.file) this.writeAt(block, this.written);
    else {
      this.blocks.push(block);
      this.blockStarts.push(this.written);
    }
    this.written += block.length;
    this.pending = [];
    this.pendingBytes = 0;
  }

  /** Past the memory budget: the blocks held so far go to the file, and so does every block after them. */
  private spill(): void {
    const dir = mkdtempSync(join(tmpdir(), 'signin-diag-'));
    this.file = { dir, fd: openSync(join(dir, 'pieces'), 'w+') };
    this.blocks.forEach((b, i) => this.writeAt(b, this.blockStarts[i]!));
    this.blocks = [];
    this.blockStarts = [];
  }

  private writeAt(block: Buffer, position: number): void {
    for (let at = 0; at < block.length;) at += writeSync(this.file!.fd, block, at, block.length - at, position + at);
  }

  /** Copies piece i into `out` at `used`, from memory or from the file. */
  private copyPiece(i: number, out: Buffer, used: number): void {
    const offset = this.offsets[i]!;
    const length = this.lengths[i]!;
    if (!this.file) {
      // The last block starting at or before the piece holds it: a block is whole pieces.
      let b = this.blockStarts.length - 1;
      while (this.blockStarts[b]! > offset) b--;
      const start = offset - this.blockStarts[b]!;
      this.blocks[b]!.copy(out, used, start, start + length);
      return;
    }
    for (let at = 0; at < length;) {
      const got = readSync(this.file.fd, out, used + at, length - at, offset + at);
      if (!got) throw new Error('the spool file ended early');
      at += got;
    }
  }

  /** Every piece, newest first (on a tie the greater id first), to `write` in chunks of about a megabyte. */
  async replay(write: (chunk: Buffer) => Promise<void>, between: Buffer = Buffer.alloc(0)): Promise<void> {
    this.flush();
    const order = Uint32Array.from(this.times.keys());
    const { times, ids } = this;
    order.sort((a, b) => times[b]! - times[a]! || (ids[b]! < ids[a]! ? -1 : ids[b]! > ids[a]! ? 1 : 0));
    let out = Buffer.allocUnsafe(1024 * 1024);
    let used = 0;
    for (let n = 0; n < order.length; n++) {
      const i = order[n]!;
      const len = this.lengths[i]! + (n ? between.length : 0);
      if (used + len > out.length) {
        if (used) await write(Buffer.from(out.subarray(0, used)));
        used = 0;
        if (len > out.length) out = Buffer.allocUnsafe(len);
      }
      if (n) used += between.copy(out, used);
      this.copyPiece(i, out, used);
      used += this.lengths[i]!;
    }
    if (used) await write(Buffer.from(out.subarray(0, used)));
  }

  close(): void {
    this.blocks = [];
    if (!this.file) return;
    closeSync(this.file.fd);
    rmSync(this.file.dir, { recursive: true, force: true });
    this.file = undefined;
  }
}

/** Writes to a stream, waiting when it asks to (a pipe to a slow reader), so memory does not fill with what is not yet written. */
export function writerTo(stream: NodeJS.WritableStream): (chunk: Buffer | string) => Promise<void> {
  return (chunk) =>
    new Promise((resolve, reject) => {
      if (stream.write(chunk)) return resolve();
      const onError = (e: Error) => (stream.off('drain', onDrain), reject(e));
      const onDrain = () => (stream.off('error', onError), resolve());
      stream.once('drain', onDrain);
      stream.once('error', onError);
    });
}
