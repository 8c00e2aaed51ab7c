import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Pieces of output made in one order and printed in another: a window's attempts are
 * diagnosed person by person but printed newest first. Each piece is written to a file in
 * the system's temporary folder as it is made, so memory holds only its sort key and where it
 * is (a million attempts' JSON is gigabytes; their keys are tens of megabytes), then the pieces
 * are copied to the output in order. The file is removed when the spool is closed.
 */
const FLUSH_BYTES = 4 * 1024 * 1024;

export class Spool {
  private readonly dir = mkdtempSync(join(tmpdir(), 'signin-diag-'));
  private readonly fd = openSync(join(this.dir, 'pieces'), 'w+');
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  private written = 0;
  private readonly times: number[] = [];
  private readonly ids: string[] = [];
  private readonly offsets: number[] = [];
  private readonly lengths: number[] = [];

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
    const all = Buffer.concat(this.pending, this.pendingBytes);
    for (let at = 0; at < all.length;) at += writeSync(this.fd, all, at, all.length - at, this.written + at);
    this.written += all.length;
    this.pending = [];
    this.pendingBytes = 0;
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
      for (let at = 0; at < this.lengths[i]!;) {
        const got = readSync(this.fd, out, used + at, this.lengths[i]! - at, this.offsets[i]! + at);
        if (!got) throw new Error('the spool file ended early');
        at += got;
      }
      used += this.lengths[i]!;
    }
    if (used) await write(Buffer.from(out.subarray(0, used)));
  }

  close(): void {
    closeSync(this.fd);
    rmSync(this.dir, { recursive: true, force: true });
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
