import { readFileSync } from 'node:fs';
import { openReportBrowser } from './lib/report-browser.ts';

/**
 * Opens an HTML report (signin-diag report --out FILE) in Chromium, desktop (1100 px) and narrow
 * (400 px), and writes full-page screenshots to docs/screenshots/report-desktop.png and
 * report-400.png; prints what each chart drew and any request the page tried (there must be none).
 * A second argument names the page's language: report-de-desktop.png, report-de-400.png.
 * Usage: node --import tsx scripts/screenshot-report.ts report.html [de]
 */
const file = process.argv[2];
if (!file) throw new Error('usage: screenshot-report.ts REPORT.html [LANGUAGE]');
const prefix = process.argv[3] ? `report-${process.argv[3]}` : 'report';
const html = readFileSync(file, 'utf8');
const browser = await openReportBrowser();
try {
  for (const [name, width] of [
    ['desktop', 1100],
    ['400', 400],
  ] as const) {
    const v = await browser.open(html, width, `docs/screenshots/${prefix}-${name}.png`);
    console.log(
      `${name}: ${v.charts.map((c) => `${c.id} ${Math.round(c.width)}×${Math.round(c.height)}`).join(', ')}; page ${v.scrollWidth} px wide; requests: ${v.requests.length}`,
    );
  }
} finally {
  await browser.close();
}
