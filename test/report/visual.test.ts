import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openReportBrowser, type ReportBrowser } from '../../scripts/lib/report-browser.ts';
import { readReport } from '../../src/report/read.ts';
import { reportPage } from '../../src/report/page.ts';
import { openSource } from '../../src/sources.ts';
import { HOSTILE, reportPageFor } from '../helpers/report-pages.ts';

/**
 * Issue 19 item 4: the sample tenant's weekly report opened in headless Chromium as a person
 * opens the file, on a desktop window and at 400 px: every chart drew its SVG with a size and
 * marks, nothing is wider than the window, the page asked for nothing (every request is refused
 * and counted), and it prints. No Chromium is a failure that says how to install it, never a skip.
 */
let browser: ReportBrowser | undefined;
let opening: unknown;
let html = '';
/** The same week in German and Japanese: longer words, wide characters. */
const translated: Record<'de' | 'ja', string> = { de: '', ja: '' };

const CHARTS = ['failures-over-time', 'top-causes', 'top-people', 'top-apps', 'mfa-use', 'legacy-auth', 'report-only'];

beforeAll(async () => {
  const source = openSource(undefined);
  const now = source.asOf()!;
  const { model } = await readReport(source, { since: '2026-11-14T01:00:00Z', until: now, now, timeZone: 'UTC' });
  html = await reportPage(model, now);
  for (const l of ['de', 'ja'] as const) translated[l] = await reportPage(model, now, l);
  try {
    browser = await openReportBrowser();
  } catch (e) {
    opening = e;
  }
}, 180_000);
afterAll(async () => {
  await browser?.close();
});

const opened = () => {
  if (!browser) throw opening instanceof Error ? opening : new Error(String(opening));
  return browser;
};

describe('the report in Chromium', () => {
  for (const width of [1100, 400])
    it(`draws every chart, fits ${width} px and makes no request`, async () => {
      const view = await opened().open(html, width);
      expect(view.charts.map((c) => c.id)).toEqual(CHARTS);
      for (const c of view.charts) {
        expect(c.width, c.id).toBeGreaterThan(100);
        expect(c.height, c.id).toBeGreaterThan(40);
        expect(c.marks, c.id).toBeGreaterThan(3);
        expect(c.width, `${c.id} fits the window`).toBeLessThanOrEqual(width);
      }
      expect(view.scrollWidth).toBeLessThanOrEqual(width);
      expect(view.requests).toEqual([]);
      expect(view.text).toContain('Incidents');
      expect(view.text).toContain('185.220.101.47');
    });

  for (const locale of ['de', 'ja'] as const)
    it(`${locale}: draws every chart, fits 400 px and makes no request`, async () => {
      const view = await opened().open(translated[locale], 400);
      expect(view.charts.map((c) => c.id)).toEqual(CHARTS);
      for (const c of view.charts) {
        expect(c.marks, c.id).toBeGreaterThan(3);
        expect(c.width, `${c.id} fits the window`).toBeLessThanOrEqual(400);
      }
      expect(view.scrollWidth).toBeLessThanOrEqual(400);
      expect(view.requests).toEqual([]);
      expect(view.text).toContain(locale === 'de' ? 'Vorfälle' : 'インシデント');
    });

  it('would see a request: the check is not blind', async () => {
    const view = await opened().open('<!doctype html><img src="http://127.0.0.1:9/x.png"><p>x</p>', 400);
    expect(view.requests).toEqual(['http://127.0.0.1:9/x.png']);
  });

  it('prints', async () => {
    expect(await opened().print(html)).toBeGreaterThan(10_000);
  });

  it('a page whose names hold markup and URLs still asks for nothing and runs nothing', async () => {
    const view = await opened().open(await reportPageFor(HOSTILE), 800);
    expect(view.requests).toEqual([]);
    expect(view.text).toContain('<img src=x onerror=alert(1)>');
    expect(view.charts.length).toBeGreaterThanOrEqual(5);
  });
});
