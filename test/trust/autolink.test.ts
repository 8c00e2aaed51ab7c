import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../src/cards/markdown.ts';
import { noticeCard } from '../../src/cards/simple-cards.ts';

/** Review finding L5: a bare address in text from a log is not a link Teams would make clickable. */
describe('bare addresses in text from people and logs', () => {
  const clickable = (s: string) => /\b(https?:\/\/|www\.)/i.test(s);

  it('an attacker’s app name or typed user name with an address reads the same but is no address', () => {
    for (const t of [
      'Contoso IT: re-verify at https://evil.example/reset',
      'www.evil.example/login',
      'see http://login.microsoftonline.com.evil.example/x',
      'HTTPS://EVIL.EXAMPLE',
    ]) {
      const out = escapeMarkdown(t);
      expect(clickable(out), out).toBe(false);
      expect(out.replace(/\u2060/g, '').replace(/\\/g, '')).toBe(t);
    }
  });

  it('Microsoft’s own pages stay clickable (the error-code lookup, the admin center)', () => {
    for (const t of ['Look it up at https://login.microsoftonline.com/error?code=50126', 'https://entra.microsoft.com/#view/x', 'https://aka.ms/ca-whatif']) {
      expect(escapeMarkdown(t).replace(/\\/g, '')).toBe(t);
    }
  });

  it('in a rendered card too', () => {
    const card = JSON.stringify(noticeCard('I could not find Evil app https://evil.example/reset', ['Evil app https://evil.example/reset'], 'Warning'));
    expect(card).not.toMatch(/https:\/\/evil/);
  });
});

describe('numbers at the start of a value', () => {
  it('an IP address or a time is shown as it is; "1. " (a list marker) is still escaped', () => {
    expect(escapeMarkdown('203.0.113.185, United States')).toBe('203.0.113.185, United States');
    expect(escapeMarkdown('10.5 seconds')).toBe('10.5 seconds');
    expect(escapeMarkdown('1. not a list')).toBe('1\\. not a list');
    expect(escapeMarkdown('2)')).toBe('2\\)');
  });
});
