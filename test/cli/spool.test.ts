import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Spool } from '../../src/cli/spool.ts';

describe('Spool', () => {
  it('gives the pieces back newest first (a tie: the greater id first), with the separator between, and removes its file', async () => {
    const spool = new Spool();
    spool.add(10, 'b', 'ten-b');
    spool.add(30, 'a', 'thirty');
    spool.add(10, 'c', 'ten-c ü');
    spool.add(20, 'x', 'x'.repeat(3 * 1024 * 1024));
    const chunks: Buffer[] = [];
    await spool.replay(async (c) => void chunks.push(c), Buffer.from('|'));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(text).toBe(`thirty|${'x'.repeat(3 * 1024 * 1024)}|ten-c ü|ten-b`);
    expect(chunks.length).toBeGreaterThan(1);
    const dir = (spool as unknown as { dir: string }).dir;
    expect(existsSync(dir)).toBe(true);
    spool.close();
    expect(existsSync(dir)).toBe(false);
  });
});
