import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openCardBrowser, type CardBrowser } from '../../scripts/lib/card-browser.ts';
import { cardProblems, contrastRatio, effectiveBackground, isLargeText } from '../../scripts/lib/card-check.ts';

/** The visual check can fail: each kind of fault, on a card built to have it, is named. */
describe('contrast arithmetic (WCAG 2.2)', () => {
  it('matches WCAG reference values', () => {
    expect(contrastRatio([0, 0, 0, 1], [255, 255, 255, 1])).toBeCloseTo(21, 5);
    expect(contrastRatio([255, 255, 255, 1], [255, 255, 255, 1])).toBeCloseTo(1, 5);
    // #767676 is the lightest grey that passes on white; #777777 is the first that fails.
    expect(contrastRatio([0x76, 0x76, 0x76, 1], [255, 255, 255, 1])).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio([0x77, 0x77, 0x77, 1], [255, 255, 255, 1])).toBeLessThan(4.5);
    // Teams' own yellow and green text on white, and its red on its dark card: the colours the cards stopped using for text.
    expect(contrastRatio([0xf8, 0xd2, 0x2a, 1], [255, 255, 255, 1])).toBeLessThan(2);
    expect(contrastRatio([0x92, 0xc3, 0x53, 1], [255, 255, 255, 1])).toBeLessThan(2.5);
    expect(contrastRatio([0xd7, 0x46, 0x54, 1], [0x2d, 0x2c, 0x2c, 1])).toBeLessThan(4.5);
  });

  it('blends translucent text and backgrounds, nearest background first', () => {
    // 75 % #252424 on white (Teams' subtle text) is a mid grey, still over 4.5:1.
    const subtle = contrastRatio([0x25, 0x24, 0x24, 0.75], [255, 255, 255, 1]);
    expect(subtle).toBeGreaterThan(4.5);
    expect(subtle).toBeLessThan(contrastRatio([0x25, 0x24, 0x24, 1], [255, 255, 255, 1]));
    expect(
      effectiveBackground([
        [0, 0, 0, 0.5],
        [255, 255, 255, 1],
      ]),
    ).toEqual([127.5, 127.5, 127.5, 1]);
    expect(
      effectiveBackground([
        [10, 20, 30, 1],
        [255, 255, 255, 1],
      ]),
    ).toEqual([10, 20, 30, 1]);
  });

  it('large text is 24 px, or 18.66 px bold', () => {
    expect(isLargeText({ fontSize: 24, fontWeight: 400 })).toBe(true);
    expect(isLargeText({ fontSize: 19, fontWeight: 700 })).toBe(true);
    expect(isLargeText({ fontSize: 19, fontWeight: 600 })).toBe(false);
    expect(isLargeText({ fontSize: 14, fontWeight: 700 })).toBe(false);
  });
});

describe('without Chromium', () => {
  it('fails, saying how to install it', async () => {
    await expect(openCardBrowser('/nonexistent/chromium')).rejects.toThrow(
      /Chromium is not at \/nonexistent\/chromium: install Debian's \(sudo apt-get update && sudo apt-get install -y chromium/,
    );
  });
});

describe('a deliberately bad card, drawn in Chromium', () => {
  let browser: CardBrowser;
  beforeAll(async () => {
    browser = await openCardBrowser();
  }, 120_000);
  afterAll(async () => {
    await browser?.close();
  });

  const bad = {
    type: 'AdaptiveCard',
    version: '1.5',
    body: [
      { type: 'TextBlock', text: 'Fine text that reads well on every theme.', wrap: true },
      { type: 'TextBlock', text: 'A title that does not wrap and is far too long to fit a narrow Teams pane', wrap: false },
      { type: 'TextBlock', text: 'Hard to read: yellow on white', color: 'Warning', wrap: true },
      { type: 'TextBlock', text: 'Hello ${name}, left unfilled', wrap: true },
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: 'Left', wrap: true }] },
          { type: 'Column', width: '30px', items: [{ type: 'TextBlock', text: 'Salesforce', wrap: true }] },
        ],
      },
      {
        type: 'ColumnSet',
        columns: [
          { type: 'Column', width: 'stretch', items: [{ type: 'TextBlock', text: 'Pick', wrap: true }] },
          { type: 'Column', width: '40px', items: [{ type: 'ActionSet', actions: [{ type: 'Action.Execute', title: 'Diagnose this attempt', verb: 'x' }] }] },
        ],
      },
    ],
    actions: [
      { type: 'Action.Execute', title: 'The first very long button', verb: 'a' },
      { type: 'Action.Execute', title: 'The second very long button', verb: 'b' },
      { type: 'Action.Execute', title: 'The third very long button', verb: 'c' },
    ],
  };

  it('names every fault, by the text a person would see', async () => {
    const problems = cardProblems(await browser.render(bad, 'light', 320), bad);
    const has = (re: RegExp) =>
      expect(
        problems.some((p) => re.test(p)),
        `${re} in\n${problems.join('\n')}`,
      ).toBe(true);
    has(/^text overflows its box .*"A title that does not wrap/);
    has(/^a word is too wide for its box and is broken .*"Salesforce"/);
    has(/^button.* clipped .*"Diagnose this attempt"|^button's label is cut off .*"Diagnose this attempt"/);
    has(/^button.*(clipped|cut off).*"The third very long button"/);
    has(/^an unfilled \$\{…\} in the text: "\$\{name\}/);
    has(/^contrast 1\.\d\d:1 \(needs 4\.5:1\) for "Hard to read: yellow on white"/);
    expect(problems.join('\n')).not.toMatch(/Fine text/);
  }, 120_000);

  it('passes a card with none of those faults', async () => {
    const good = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'All is well.', wrap: true }],
      actions: [{ type: 'Action.Execute', title: 'OK', verb: 'ok' }],
    };
    for (const theme of ['light', 'dark', 'high-contrast'] as const) expect(cardProblems(await browser.render(good, theme, 320), good)).toEqual([]);
  }, 120_000);
});
