import { describe, expect, it } from 'vitest';
import { DiagError, ERROR_KINDS, asDiagError, isDiagError } from '../src/errors.ts';

describe('the error vocabulary', () => {
  it('gives every kind its own code and a title', () => {
    const codes = Object.values(ERROR_KINDS).map((k) => k.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const k of Object.values(ERROR_KINDS)) {
      expect(k.code).toMatch(/^SD\d{4}$/);
      expect(k.title.length).toBeGreaterThan(5);
    }
  });

  it('carries the sentence for the person apart from the detail for the log', () => {
    const e = new DiagError('permissionMissing', 'Grant AuditLog.Read.All.', 'HTTP 403 Authorization_RequestDenied');
    expect(e.explanation).toBe('Grant AuditLog.Read.All.');
    expect(e.message).toBe('HTTP 403 Authorization_RequestDenied');
    expect(e.diagCode).toBe('SD1003');
    expect(isDiagError(e)).toBe(true);
  });

  it('turns a refused write of its own storage into storageFailed, and leaves bugs alone', () => {
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    expect(asDiagError(full)?.kind).toBe('storageFailed');
    expect(asDiagError(full)?.explanation).toContain('ENOSPC');
    expect(asDiagError(new TypeError('x is undefined'))).toBeUndefined();
    expect(asDiagError(undefined)).toBeUndefined();
  });
});
