import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import type { Card } from '../../src/cards/render.ts';
import type { Measurement } from './card-check.ts';
import light from '../host-configs/teams-light.json' with { type: 'json' };
import dark from '../host-configs/teams-dark.json' with { type: 'json' };
import highContrast from '../host-configs/teams-high-contrast.json' with { type: 'json' };

/**
 * One headless Chromium page that renders any card with the Adaptive Cards JS renderer inside a
 * Teams-like chat bubble, in Teams' light, dark or high-contrast colours, at a given width; and
 * measures what a person would see (text boxes, buttons, colours). Used by `npm run screenshots`
 * and test/cards/visual.test.ts. The page is loaded once (the renderer bundle is 400 KB) and each
 * card is drawn into it again, so a whole gallery renders in seconds.
 */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Headless as root, and no calls out: this machine's network is closed, and Chromium would retry them at every start. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
export const installChromium = (path: string) =>
  `Chromium is not at ${path}: install Debian's (sudo apt-get update && sudo apt-get install -y chromium; .ci/run does this), or set CHROMIUM_PATH.`;

/** The chat around the card (Teams' message pane, bubble, buttons and links) in each theme. */
export const THEMES = {
  light: { hostConfig: light, pane: '#F5F5F5', bubble: '#FFFFFF', button: { bg: '#FFFFFF', fg: '#252424', border: '#C8C6C4' }, link: '#6264A7' },
  dark: { hostConfig: dark, pane: '#1F1F1F', bubble: '#2D2C2C', button: { bg: '#2D2C2C', fg: '#FFFFFF', border: '#605E5C' }, link: '#A6A7DC' },
  'high-contrast': {
    hostConfig: highContrast,
    pane: '#000000',
    bubble: '#000000',
    button: { bg: '#000000', fg: '#FFFFFF', border: '#FFFFFF' },
    link: '#FFFF00',
  },
} as const;
export type Theme = keyof typeof THEMES;
export const THEME_NAMES = Object.keys(THEMES) as Theme[];
/** Teams' narrowest chat pane (the meeting side panel) and a desktop chat column. */
export const WIDTHS = [320, 500] as const;

const require = createRequire(import.meta.url);

/** Runs in the page: draws a card, and collects what the checker judges. Plain JS, so no build step can mangle it. */
const PAGE_SCRIPT = String.raw`
const THEMES = __THEMES__;
AdaptiveCards.AdaptiveCard.onProcessMarkdown = (text, result) => {
  result.outputHtml = text.replace(/&/g,'&amp;').replace(/</g,'&lt;').replace(/\\([\\\x60*_{}\[\]()#+\-.!|>~])/g, (m, c) => '&#' + c.charCodeAt(0) + ';').replace(/\*\*(.+?)\*\*/g,'<b>$1</b>').replace(/\[([^\]]+)\]\(([^)]+)\)/g,'<a href="$2">$1</a>').replace(/^- /gm,'• ');
  result.didProcess = true;
};
window.drawCard = (json, theme, width) => {
  const t = THEMES[theme];
  const style = document.getElementById('theme');
  style.textContent = 'body { background: ' + t.pane + '; } #pane { width: ' + width + 'px; } #bubble { background: ' + t.bubble + '; }' +
    ' .ac-pushButton { background: ' + t.button.bg + '; color: ' + t.button.fg + '; border: 1px solid ' + t.button.border + '; }' +
    ' #bubble a { color: ' + t.link + '; }';
  const card = new AdaptiveCards.AdaptiveCard();
  card.hostConfig = new AdaptiveCards.HostConfig(t.hostConfig);
  card.parse(json);
  const bubble = document.getElementById('bubble');
  bubble.replaceChildren(card.render());
};
const rgba = (c) => { const m = /rgba?\(([^)]+)\)/.exec(c); if (!m) return [0,0,0,0]; const p = m[1].split(/[ ,\/]+/).filter(Boolean).map(Number); return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1]; };
const box = (e) => { const r = e.getBoundingClientRect(); return { left: r.left, right: r.right, top: r.top, bottom: r.bottom }; };
/** Backgrounds from the element up to the first opaque one (the page's, if none). */
const backgrounds = (e) => { const out = []; for (let n = e; n; n = n.parentElement) { const c = rgba(getComputedStyle(n).backgroundColor); if (c[3] > 0) out.push(c); if (c[3] >= 1) return out; } out.push([255,255,255,1]); return out; };
/** Ancestors (up to the card) that cut off what overflows them. */
const clips = (e, root) => { const out = []; for (let n = e.parentElement; n && n !== root.parentElement; n = n.parentElement) { const s = getComputedStyle(n); if (s.overflowX !== 'visible' || s.overflowY !== 'visible') out.push(box(n)); } return out; };
const describe = (e, root, text) => { const s = getComputedStyle(e); return { text, tag: e.tagName.toLowerCase(), display: s.display, color: rgba(s.color), backgrounds: backgrounds(e), fontSize: parseFloat(s.fontSize), fontWeight: Number(s.fontWeight) || 400, box: box(e), scrollWidth: e.scrollWidth, clientWidth: e.clientWidth, clips: clips(e, root), visible: s.visibility !== 'hidden' && s.display !== 'none' && e.getClientRects().length > 0 }; };
window.measureCard = () => {
  const root = document.querySelector('#bubble > .ac-adaptiveCard');
  const texts = [];
  for (const e of root.querySelectorAll('*')) {
    if (e.closest('button')) continue;
    const own = [...e.childNodes].filter((n) => n.nodeType === 3).map((n) => n.textContent).join('').trim();
    if (!own) continue;
    const t = describe(e, root, own);
    // The renderer breaks a word that does not fit (overflow-wrap), which hides overflow as "Salesf|orce": measure without it.
    const saved = e.style.cssText;
    e.style.overflowWrap = 'normal'; e.style.wordWrap = 'normal'; e.style.wordBreak = 'normal';
    t.unbrokenWidth = e.scrollWidth;
    e.style.cssText = saved;
    texts.push(t);
  }
  const buttons = [...root.querySelectorAll('button')].map((b) => describe(b, root, b.innerText.trim()));
  const rs = getComputedStyle(root);
  const contentWidth = root.clientWidth - parseFloat(rs.paddingLeft) - parseFloat(rs.paddingRight);
  return { card: box(root), contentWidth, texts: texts.filter((t) => t.visible), buttons: buttons.filter((b) => b.visible), innerText: root.innerText };
};
`;

const page = () => `<!doctype html><html><head><meta charset="utf-8"><style>
body { margin: 0; font-family: 'Segoe UI', 'DejaVu Sans', sans-serif; }
#pane { padding: 16px; box-sizing: content-box; }
#bubble { border-radius: 6px; box-shadow: 0 1px 2px rgba(0,0,0,.14); overflow: hidden; }
.ac-pushButton { border-radius: 4px; padding: 4px 12px; font: 600 14px 'Segoe UI', 'DejaVu Sans', sans-serif; }
</style><style id="theme"></style><script>${readFileSync(require.resolve('adaptivecards/dist/adaptivecards.min.js'), 'utf8')}</script></head>
<body><div id="pane"><div id="bubble"></div></div><script>${PAGE_SCRIPT.replace('__THEMES__', JSON.stringify(THEMES))}</script></body></html>`;

export interface CardBrowser {
  /** Draws the card and returns what the checker needs. */
  render(card: Card, theme: Theme, width: number): Promise<Measurement>;
  /** A PNG of the chat pane as last drawn. */
  screenshot(path: string): Promise<void>;
  close(): Promise<void>;
}

/** Headless Chromium in a fresh profile of its own, removed again by `close`. */
export interface Headless {
  context: BrowserContext;
  close(): Promise<void>;
}

/** Throws how to install Chromium when there is none: a visual check that cannot run must fail, not pass. */
export async function launchHeadless(profilePrefix: string, viewport?: { width: number; height: number }, executable = CHROMIUM): Promise<Headless> {
  if (!existsSync(executable)) throw new Error(installChromium(executable));
  const profile = mkdtempSync(join(tmpdir(), profilePrefix));
  try {
    // launchPersistentContext is playwright's way to pass --user-data-dir; it adds --headless itself.
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: executable,
      headless: true,
      args: CHROMIUM_ARGS,
      ...(viewport ? { viewport } : {}),
    });
    return {
      context,
      async close() {
        await context.close();
        rmSync(profile, { recursive: true, force: true });
      },
    };
  } catch (e) {
    rmSync(profile, { recursive: true, force: true });
    throw e;
  }
}

export async function openCardBrowser(executable = CHROMIUM): Promise<CardBrowser> {
  const browser = await launchHeadless('signin-diag-cards-', { width: 600, height: 800 }, executable);
  try {
    const tab: Page = browser.context.pages()[0] ?? (await browser.context.newPage());
    await tab.setContent(page());
    return {
      async render(card, theme, width) {
        // Strings, not functions: tsx's keepNames would send the page a __name helper it does not have.
        await tab.evaluate(`drawCard(${JSON.stringify(card)}, ${JSON.stringify(theme)}, ${width})`);
        return (await tab.evaluate('measureCard()')) as Measurement;
      },
      async screenshot(path) {
        await tab.locator('#pane').screenshot({ path });
      },
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
