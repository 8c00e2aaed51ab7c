import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { allCodes, catalogSize, lookupCode } from '../../src/diagnosis/catalog.ts';

describe('the error-code catalog', () => {
  it('holds every code of its data file (the reference table, kept in the project), each with a category, a fixer, a meaning and a remedy', () => {
    const reference = new URL('../../src/diagnosis/data/aadsts-codes.json', import.meta.url);
    const codes = (JSON.parse(readFileSync(reference, 'utf8')) as { codes: { code: number }[] }).codes.map((r) => r.code);
    expect(codes.length).toBe(357);
    expect(catalogSize()).toBe(357);
    for (const c of codes) expect(lookupCode(c), String(c)).toBeDefined();
    for (const i of allCodes()) {
      expect(i.meaning.length).toBeGreaterThan(10);
      expect(i.remedy.length).toBeGreaterThan(10);
      expect(['user', 'helpdesk', 'admin', 'app-owner', 'microsoft']).toContain(i.fixer);
    }
  });

  it('reads codes with or without the AADSTS prefix; unknown codes are undefined', () => {
    expect(lookupCode('AADSTS53003')?.name).toBe('BlockedByConditionalAccess');
    expect(lookupCode(' aadsts50126 ')?.code).toBe(50126);
    expect(lookupCode(53005)).toBeUndefined(); // not in any source
    expect(lookupCode('banana')).toBeUndefined();
  });
});
