import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

describe('starting the HTTP host', () => {
  it('prints no DEP0111 from restify’s spdy, and still prints every other warning', { timeout: 60_000 }, () => {
    const script = `await import(${JSON.stringify(new URL('../../src/bot/server.ts', import.meta.url).pathname)}); process.emitWarning('another one', 'DeprecationWarning', 'DEP0005');`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stderr).not.toContain('DEP0111');
    expect(r.stderr).not.toContain('http_parser');
    expect(r.stderr).toContain('DEP0005');
  });
});
