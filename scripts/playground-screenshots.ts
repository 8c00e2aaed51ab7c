import { existsSync, mkdirSync } from 'node:fs';
import { chromium, type Page } from 'playwright-core';
import { startServer } from '../src/bot/server.ts';
import { SignInBot } from '../src/bot/signin-bot.ts';
import { loadConfig } from '../src/config.ts';
import { MemoryFeedbackStore } from '../src/routes/feedback-store.ts';
import { openSource } from '../src/sources.ts';
import { Playground, freePort } from '../test/e2e/playground.ts';
import { CHROMIUM, CHROMIUM_ARGS } from './lib/card-browser.ts';

/**
 * `npm run screenshots:playground`: the bot on the bundled sample tenant and the Microsoft 365
 * Agents Playground, driven as a person would: Chromium opens the Playground's page, types
 * each question into its message box, and photographs the bot's reply as the Playground
 * draws it (its own Adaptive Card renderer and width), into docs/screenshots/playground-*.png.
 * The card screenshots (`npm run screenshots`) check every theme and width; these show the
 * real client. Needs Debian's chromium.
 */
const CARDS_DRAWN = `document.querySelectorAll('.ac-adaptiveCard').length`;
const QUESTIONS: [name: string, text: string][] = [
  ['diagnose', 'why did bob fail to sign in'],
  ['failures', 'who failed to sign in today'],
  ['lock-state', 'is grady locked out'],
  ['lockouts-now', 'is anyone locked out right now?'],
  ['policies-for', 'which policies apply to bob'],
  ['did-you-mean', 'why did jon fail'],
  ['app-alias', 'former.employee cant log in on outlook'],
  ['follow-up', 'and yesterday?'],
  ['hostile', 'asdf qwerty banana??'],
];

if (!existsSync(CHROMIUM)) {
  console.error(`${CHROMIUM} is not here: install Debian's chromium (apt-get install chromium) to take the screenshots.`);
  process.exit(1);
}
const only = process.argv.slice(2);
const source = openSource(undefined);
const config = { ...loadConfig({ SIGNIN_DIAG_ENV: 'local' }), PORT: await freePort() };
const bot = new SignInBot({
  source,
  clock: () => source.asOf()!,
  appNames: source.appNames(),
  allUsers: source.allUsers(),
  feedback: new MemoryFeedbackStore(),
  log: () => {},
});
const server = await startServer(config, bot, () => {});
const playground = new Playground(await freePort(), `${server.url}/api/messages`);
await playground.start();
const browser = await chromium.launch({
  executablePath: CHROMIUM,
  args: CHROMIUM_ARGS,
});
mkdirSync('docs/screenshots', { recursive: true });
try {
  // The sample tenant's people work in Pacific time; the Playground tells the bot the browser's zone.
  const page = await browser.newPage({ viewport: { width: Number(process.env.PLAYGROUND_WIDTH ?? 760), height: 2400 }, timezoneId: 'America/Los_Angeles' });
  await page.goto(playground.base, { waitUntil: 'networkidle' });
  await page.getByRole('button', { name: 'Hide log panel' }).click();
  for (const [name, text] of QUESTIONS) {
    if (only.length && !only.includes(name)) continue;
    await ask(page, text);
    const path = `docs/screenshots/playground-${name}.png`;
    await page.screenshot({ path, clip: await shotBox(page, text), fullPage: true });
    console.log(path);
  }
} finally {
  await browser.close();
  await playground.stop();
  await server.close();
}

// The browser-side steps are strings: this project's TypeScript has no DOM types (nothing in src/ runs in a browser).
/** From the asker's message to the bottom of the bot's reply, in page coordinates. */
async function shotBox(page: Page, text: string): Promise<{ x: number; y: number; width: number; height: number }> {
  return page.evaluate(`(() => {
    const asked = ${JSON.stringify(text)};
    const reply = document.querySelector('[data-shot]').getBoundingClientRect();
    const mine = [...document.querySelectorAll('div, p, span')].filter((e) => e.textContent.trim() === asked && !e.querySelector('div, p, span'));
    const last = mine[mine.length - 1];
    const top = Math.min(reply.top, (last ? last.getBoundingClientRect().top : reply.top) - 8);
    const y = top + window.scrollY;
    return { x: 0, y, width: document.documentElement.clientWidth, height: reply.bottom + window.scrollY - y + 8 };
  })()`);
}

/** Types the question as a person would and waits for the bot's next card to be drawn; marks its message for the photograph. */
async function ask(page: Page, text: string): Promise<void> {
  const before = (await page.evaluate(CARDS_DRAWN)) as number;
  await page.locator('[contenteditable=true]').first().click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
  await page.waitForFunction(`${CARDS_DRAWN} > ${before}`, undefined, { timeout: 30_000 });
  // The card's images and fonts settle after it is inserted.
  await page.waitForTimeout(800);
  // Up to the message: the bubble with the sender's name and time above the card.
  await page.evaluate(`(() => {
    document.querySelectorAll('[data-shot]').forEach((e) => e.removeAttribute('data-shot'));
    const all = document.querySelectorAll('.ac-adaptiveCard');
    let e = all[all.length - 1];
    while (e && !/Sign-in Diagnostics/.test((e.textContent || '').slice(0, 60))) e = e.parentElement;
    (e || all[all.length - 1]).setAttribute('data-shot', '');
  })()`);
}
