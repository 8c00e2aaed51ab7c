import { describe, expect, it } from 'vitest';
import { listOf, mapStrings, msg, render, said, wordsOf } from '../../src/i18n/message.ts';
import type { MessageKey } from '../../src/i18n/translate.ts';

// Keys that exist in every catalogue (test/i18n/catalogues.test.ts keeps them there).
const FAILED = 'diagnosis.failed' as MessageKey; // "Failed (error {code})"
const MORE = 'diagnosis.moreOthers' as MessageKey; // a plural on {count}

describe('messages as data', () => {
  it('renders a message in each language from its catalogue, placeholders filled', () => {
    const m = msg(FAILED, { code: '53003' });
    expect(render('en', m)).toContain('53003');
    expect(render('de', m)).toContain('53003');
    expect(render('de', m)).not.toBe(render('en', m));
  });

  it('renders nested messages and lists in the language of the whole', () => {
    const inner = msg(FAILED, { code: '50126' });
    const m = msg(FAILED, { code: listOf([inner, 'x'], 'or') });
    expect(render('en', m)).toContain(`${render('en', inner)} or x`);
    expect(render('de', m)).toContain(`${render('de', inner)} oder x`);
    expect(render('en', msg(FAILED, { code: listOf(['a', 'b']) }))).toContain('a and b');
    expect(render('fr', msg(FAILED, { code: listOf(['a', 'b']) }))).toContain('a et b');
  });

  it('keeps numbers as numbers, for plurals', () => {
    expect(render('en', msg(MORE, { count: 1 }))).not.toBe(render('en', msg(MORE, { count: 2 })));
  });

  it('maps only the strings a person wrote or the log held, never keys or numbers', () => {
    const m = mapStrings(msg(FAILED, { code: listOf([msg(MORE, { count: 3 }), 'alice@contoso.com']) }), (s) =>
      s.replace('alice@contoso.com', 'an administrator'),
    );
    expect(render('en', m)).toContain('an administrator');
    expect(render('en', m)).not.toContain('alice');
  });

  it("a part's English text is its message rendered; other languages render the message, or fall back to the text", () => {
    const s = said(msg(FAILED, { code: '1' }));
    expect(s.text).toBe(render('en', s.msg!));
    expect(wordsOf('ja', s)).toBe(render('ja', s.msg!));
    expect(wordsOf('ja', { text: 'only English' })).toBe('only English');
  });
});
