import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, lineLogger, maskNames } from '../../src/log.ts';

/** The logs: structured, no secrets or tokens, people's addresses masked by default. */
function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk, _enc, done) {
      for (const l of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(l));
      done();
    },
  });
  return { lines, logger: createLogger({ destination }) };
}

describe('logs', () => {
  it('are JSON lines with a level, a time, the message and the fields (the reference to quote)', () => {
    const { lines, logger } = capture();
    lineLogger(logger)('turn failed: boom', { level: 'warn', ref: 'm-42' });
    expect(lines[0]).toMatchObject({ level: 40, msg: 'turn failed: boom', ref: 'm-42', app: 'signin-diag' });
    expect(typeof lines[0]!.time).toBe('string');
  });

  it('redact secret fields and scrub tokens, keys and secrets from text', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        MicrosoftAppPassword: 'hunter2',
        config: { GRAPH_CLIENT_SECRET: 's3cret', NOTIFY_BLOB_CONNECTION_STRING: 'DefaultEndpointsProtocol=https;AccountKey=abc' },
        req: { headers: { authorization: 'Bearer abc.def.ghi' } },
      },
      'start',
    );
    const jwt = 'eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl';
    lineLogger(logger)(`graph said 401 for Authorization: Bearer ${jwt}; storage AccountKey=Zm9vYmFy==; client_secret=abc123`, { detail: `token ${jwt}` });
    const all = JSON.stringify(lines);
    for (const secret of ['hunter2', 's3cret', 'AccountKey=abc', 'abc.def.ghi', jwt, 'Zm9vYmFy', 'abc123']) expect(all).not.toContain(secret);
    expect(all).toContain('[redacted]');
  });

  it('mask people’s addresses (guests too) unless asked to show them', () => {
    expect(maskNames('why did bob.kelly@contoso.com fail; ana.souza_fabrikam.com#EXT#@contoso.onmicrosoft.com')).toBe(
      'why did b***@contoso.com fail; a***@contoso.onmicrosoft.com',
    );
    const { lines, logger } = capture();
    lineLogger(logger)('failed for bob.kelly@contoso.com');
    lineLogger(logger, true)('failed for bob.kelly@contoso.com');
    expect(lines.map((l) => l.msg)).toEqual(['failed for b***@contoso.com', 'failed for bob.kelly@contoso.com']);
  });
});
