import { CHROMIUM, launchHeadless } from './card-browser.ts';

/**
 * The HTML report (src/report/) opened in headless Chromium at a given width, the way a person
 * opens the file: what each chart drew (its SVG's size on the page), every request the page
 * tried to make (there must be none: the page is self-contained and its CSP forbids loads), and
 * a full-page screenshot. Used by scripts/screenshot-report.ts and test/report/visual.test.ts.
 */
export interface ReportView {
  charts: { id: string; width: number; height: number; marks: number }[];
  /** URLs the page asked for (none is allowed to leave: each is refused and listed). */
  requests: string[];
  /** The page is wider than the window (something does not fit a narrow screen). */
  scrollWidth: number;
  /** The text the page shows. */
  text: string;
}

export interface ReportBrowser {
  open(html: string, width: number, screenshot?: string): Promise<ReportView>;
  /** The page as printed (A4), as a PDF's byte count: the print style lays it out without error. */
  print(html: string): Promise<number>;
  close(): Promise<void>;
}

export async function openReportBrowser(executable = CHROMIUM): Promise<ReportBrowser> {
  const browser = await launchHeadless('signin-diag-report-', undefined, executable);
  try {
    const opened = browser.context;
    const requests = new Set<string>();
    // Every request of every page is refused and noted: a report that asks for anything fails its check.
    await opened.route('**/*', async (route) => {
      requests.add(route.request().url());
      await route.abort();
    });
    opened.on('request', (r) => requests.add(r.url()));
    return {
      async open(html, width, screenshot) {
        requests.clear();
        const tab = await opened.newPage();
        try {
          await tab.setViewportSize({ width, height: 900 });
          await tab.setContent(html, { waitUntil: 'load' });
          const view = (await tab.evaluate(`(() => ({
            charts: [...document.querySelectorAll('figure[data-chart]')].map((f) => {
              const svg = f.querySelector('svg');
              const r = svg ? svg.getBoundingClientRect() : { width: 0, height: 0 };
              return { id: f.getAttribute('data-chart'), width: r.width, height: r.height, marks: svg ? svg.querySelectorAll('path, rect').length : 0 };
            }),
            scrollWidth: document.documentElement.scrollWidth,
            text: document.body.innerText,
          }))()`)) as Omit<ReportView, 'requests'>;
          if (screenshot) await tab.screenshot({ path: screenshot, fullPage: true });
          return { ...view, requests: [...requests] };
        } finally {
          await tab.close();
        }
      },
      async print(html) {
        const tab = await opened.newPage();
        try {
          await tab.setContent(html, { waitUntil: 'load' });
          await tab.emulateMedia({ media: 'print' });
          return (await tab.pdf({ format: 'A4' })).length;
        } finally {
          await tab.close();
        }
      },
      close: () => browser.close(),
    };
  } catch (e) {
    await browser.close();
    throw e;
  }
}
