import { describe, expect, it } from 'vitest';
import { allCodes } from '../../src/diagnosis/catalog.ts';
import { render } from '../../src/i18n/message.ts';

describe("the error codes' words as messages", () => {
  it('renders, in English, exactly what the catalog says a code means and what to do, for every code', () => {
    const codes = allCodes();
    expect(codes.length).toBe(357);
    for (const c of codes) {
      expect(render('en', c.meaningMsg), String(c.code)).toBe(c.meaning);
      expect(render('en', c.remedyMsg), String(c.code)).toBe(c.remedy);
    }
  });
});
