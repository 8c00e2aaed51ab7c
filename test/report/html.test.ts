import { describe, expect, it } from 'vitest';
import { CSP, esc } from '../../src/report/html.ts';
import { HOSTILE, HOSTILE_APP, HOSTILE_NAME, HOSTILE_POLICY, HOSTILE_UPN, PLAIN, reportPageFor as page } from '../helpers/report-pages.ts';

/**
 * Issue 19 item 4: the HTML report is one page that needs nothing else and shows text from the
 * log as text. Names here are hostile: markup, an event handler, a URL, quotes; they must come
 * out escaped in the tables, the incident and the charts' SVG, and the page must name no URL
 * it could load.
 */
describe('the HTML report', () => {
  it('escapes every name, UPN, app and policy from the log, in tables, incidents and charts', async () => {
    const html = await page(HOSTILE);
    for (const raw of [HOSTILE_NAME, HOSTILE_UPN, HOSTILE_APP, HOSTILE_POLICY]) {
      expect(html).not.toContain(raw);
    }
    // No markup the page did not write itself: no script, no img, no link, no handler.
    expect(html).not.toMatch(/<script|<img|<a[\s>]|<b>everything/i);
    // The names are there, as text.
    expect(html).toContain(esc(HOSTILE_UPN));
    expect(html).toContain(esc(HOSTILE_NAME));
    // A chart label is SVG text: escaped too (Vega writes it; the people chart holds the UPN).
    const svgs = html.match(/<svg[\s\S]*?<\/svg>/g) ?? [];
    expect(svgs.length).toBeGreaterThanOrEqual(5);
    expect(svgs.join('')).toContain('eve&lt;script&gt;');
  });

  it('names no URL and forbids loading anything', async () => {
    const html = await page(PLAIN);
    expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">`);
    expect(CSP).toMatch(/default-src 'none'/);
    // The SVG namespace names are identifiers, never fetched; apart from them the page names no URL at all.
    expect(html.replace(/xmlns(:xlink)?="http:\/\/www\.w3\.org\/[^"]+"/g, '')).not.toMatch(/https?:\/\/|www\./);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|url\(|@import/i);
  });

  it('keeps a URL in a name as text: no tag of the page has a src or href, whatever the names', async () => {
    const html = await page(HOSTILE);
    // Text from the log has its < escaped, so every "<" left starts a tag the page wrote.
    const tags = html.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.length).toBeGreaterThan(100);
    // Attribute values (aria-labels that quote a name) are the tag's data, not its attributes.
    const attributes = tags.map((t) => t.replace(/"[^"]*"/g, '""'));
    expect(attributes.filter((t) => /\s(src|href|xlink:href|srcset|action|formaction|on\w+)\s*=/i.test(t))).toEqual([]);
  });

  it('escapes text for HTML content and attributes', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
