import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCALES } from '../../src/i18n/locales.ts';
import { t } from '../../src/i18n/translate.ts';
import { cardGallery } from '../../scripts/lib/card-gallery.ts';
import { openCardBrowser, THEME_NAMES, WIDTHS, type CardBrowser } from '../../scripts/lib/card-browser.ts';
import { cardProblems } from '../../scripts/lib/card-check.ts';
import type { Card } from '../../src/cards/render.ts';

/**
 * Issue 17: every card the bot sends (the gallery `npm run screenshots` pictures), drawn in
 * headless Chromium with Teams' light, dark and high-contrast host configs at 320 and 500 px:
 * no text overflowing or crushed, no button cut off, no `${…}` left, text contrast at WCAG AA.
 * No Chromium is a failure that says how to install it, never a skip.
 */
let gallery: [string, Card][] = [];
let browser: CardBrowser | undefined;
let opening: unknown;

beforeAll(async () => {
  gallery = await cardGallery();
  try {
    browser = await openCardBrowser();
  } catch (e) {
    opening = e;
  }
}, 120_000);
afterAll(async () => {
  await browser?.close();
});

/** Every string a card shows: TextBlock texts, fact titles and values, button titles. */
function shownText(card: unknown): string[] {
  const out: string[] = [];
  const walk = (n: unknown) => {
    if (Array.isArray(n)) n.forEach(walk);
    else if (n && typeof n === 'object') {
      const o = n as Record<string, unknown>;
      for (const k of ['text', 'title', 'value']) if (typeof o[k] === 'string') out.push(o[k]);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out.filter(Boolean);
}

const OPEN_POLICY = LOCALES.map((l) => t(l, 'policyCheck.open'));

describe('every card says true things plainly (issue 17, "Looks")', () => {
  it('no window whose ends are the same minute, no count repeated for a single source, no dangling link label', () => {
    const problems: string[] = [];
    for (const [name, card] of gallery)
      for (const text of shownText(card)) {
        if (/((?:\d{4}-\d{2}-\d{2} )?\d{1,2}:\d{2}(?: [A-Z]{2,5})?) to \1(?![\d:])/.test(text))
          problems.push(`${name}: a window from a time to the same time: ${text}`);
        if (/\b(\d+) failures? from [^,()]+ \(\1\)(?!,)/.test(text)) problems.push(`${name}: a single source with its count repeated: ${text}`);
        // A link label standing after a full stop with nothing saying what to do with it ("… password. [The user in the Entra admin center]");
        // a label that is itself an instruction ("[Open the policy]") reads as one.
        // The policy check's "Open the policy" is an instruction in every language (policyCheck.open).
        const open = OPEN_POLICY.some((label) => text.includes(`[${label}](`));
        if (!open && /[.!?] \[(?!(Open|See|Review|Check)\b)[^\]]+\]\(/.test(text)) problems.push(`${name}: a dangling link label: ${text}`);
      }
    expect(problems).toEqual([]);
  });

  it('a card never offers a support request it calls "Not needed"', () => {
    for (const [name, card] of gallery) {
      const json = JSON.stringify(card);
      if (/Not needed/.test(json)) expect(json, name).not.toMatch(/"title":"(New )?[Ss]upport request"[^}]*"url"|\[New support request\]/);
    }
    // The lockout alert for Grady (a smart lockout: the cause is the user's password) offers none.
    const alert = JSON.stringify(gallery.find(([name]) => name === 'lockout-alert')?.[1]);
    expect(alert).toMatch(/"Mark handled"/);
    expect(alert).not.toMatch(/Support request/);
  });
});

describe('every card, in three Teams themes and two widths', () => {
  it('the gallery holds every kind of card', () => {
    expect(gallery.length).toBeGreaterThanOrEqual(25);
    expect(new Set(gallery.map(([name]) => name)).size).toBe(gallery.length);
  });

  it('reads cleanly: no overflow, no clipped button, no ${…}, contrast ≥ 4.5:1 (3:1 large)', async () => {
    if (!browser) throw opening instanceof Error ? opening : new Error(String(opening));
    const problems: string[] = [];
    let rendered = 0;
    for (const [name, card] of gallery)
      for (const theme of THEME_NAMES)
        for (const width of WIDTHS) {
          const m = await browser.render(card, theme, width);
          rendered++;
          // A card that drew nothing would pass every check: it must show text and fit its pane.
          if (m.texts.length === 0) problems.push(`${name} / ${theme} / ${width} px: no text rendered`);
          if (Math.abs(m.card.right - m.card.left - width) > 1)
            problems.push(`${name} / ${theme} / ${width} px: card is ${m.card.right - m.card.left} px wide`);
          for (const p of cardProblems(m, card)) problems.push(`${name} / ${theme} / ${width} px: ${p}`);
        }
    expect(rendered).toBe(gallery.length * THEME_NAMES.length * WIDTHS.length);
    expect(problems).toEqual([]);
  }, 600_000);
});
