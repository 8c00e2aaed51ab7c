import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Spool } from '../../src/cli/spool.ts';

/** Four pieces added out of order, one larger than a block; what replay gives and the spool's file, if it made one. */
async function roundTrip(spool: Spool) {
  spool.add(10, 'b', 'ten-b');
  spool.add(30, 'a', 'thirty');
  spool.add(10, 'c', 'ten-c ü');
  spool.add(20, 'x', 'x'.repeat(5 * 1024 * 1024));
  spool.add(5, 'd', 'five');
  const chunks: Buffer[] = [];
  await spool.replay(async (c) => void chunks.push(c), Buffer.from('|'));
  return { text: Buffer.concat(chunks).toString('utf8'), chunks, file: (spool as unknown as { file?: { dir: string } }).file };
}

describe('Spool', () => {
  it('gives the pieces back newest first (a tie: the greater id first), with the separator between, held in memory under its budget', async () => {
    const spool = new Spool();
    const { text, chunks, file } = await roundTrip(spool);
    expect(text).toBe(`thirty|${'x'.repeat(5 * 1024 * 1024)}|ten-c ü|ten-b|five`);
    expect(chunks.length).toBeGreaterThan(1);
    expect(file).toBeUndefined();
    spool.close();
  });

  // 1 KB: the first block goes to the file. The first block's size (the first four pieces, 5 MiB + 19 bytes):
  // it is held, then written out when the second (the last piece) would pass the budget.
  it.each([1024, 5 * 1024 * 1024 + 19])(
    'past its memory budget (%i bytes) writes the pieces to a file, gives the same back, and removes the file',
    async (memoryBytes) => {
      const spool = new Spool({ memoryBytes });
      const { text, file } = await roundTrip(spool);
      expect(text).toBe(`thirty|${'x'.repeat(5 * 1024 * 1024)}|ten-c ü|ten-b|five`);
      expect(file && existsSync(file.dir)).toBe(true);
      spool.close();
      expect(existsSync(file!.dir)).toBe(false);
    },
  );
});
