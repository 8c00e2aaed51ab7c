import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { cardGallery } from './lib/card-gallery.ts';
import { openCardBrowser, THEME_NAMES, WIDTHS } from './lib/card-browser.ts';
import { cardProblems } from './lib/card-check.ts';

/**
 * Renders every kind of card the bot sends (scripts/lib/card-gallery.ts) with the Adaptive Cards
 * JS renderer and Teams' light, dark and high-contrast host configs, 320 px and 500 px wide, in
 * Debian's Chromium; writes docs/screenshots/card-<name>-<theme>-<width>.png and prints what the
 * visual check (test/cards/visual.test.ts) would refuse.
 */
const OUT = 'docs/screenshots';
// `npm run screenshots -- '^diagnosis-(de|ja)$'`: only the cards whose name matches (the others' pictures are left as they are).
const only = process.argv[2];
const cards = (await cardGallery()).filter(([name]) => !only || new RegExp(only).test(name));
const browser = await openCardBrowser();
mkdirSync(OUT, { recursive: true });
// Pictures of cards that no longer exist would lie: the folder holds this run's cards (and the Playground's).
if (!only) for (const f of readdirSync(OUT)) if (/^card-.*\.png$/.test(f)) rmSync(`${OUT}/${f}`);
let problems = 0;
try {
  for (const [name, card] of cards)
    for (const theme of THEME_NAMES)
      for (const width of WIDTHS) {
        const found = cardProblems(await browser.render(card, theme, width), card);
        await browser.screenshot(`${OUT}/card-${name}-${theme}-${width}.png`);
        for (const p of found) console.error(`${name} ${theme} ${width}: ${p}`);
        problems += found.length;
      }
} finally {
  await browser.close();
}
console.log(`${cards.length} cards × ${THEME_NAMES.length} themes × ${WIDTHS.length} widths written to ${OUT}/; ${problems} problems.`);
