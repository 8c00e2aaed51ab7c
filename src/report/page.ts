import { chartSvg, reportCharts } from './charts.ts';
import { reportHtml } from './html.ts';
import type { Locale } from '../i18n/locales.ts';
import type { ReportModel } from './model.ts';

/** The whole page in `locale`: the model's charts rendered to SVG, then the HTML around them. */
export async function reportPage(model: ReportModel, generatedAt: string, locale: Locale = 'en'): Promise<string> {
  const charts = reportCharts(model, locale);
  const rendered = [];
  for (const chart of charts) rendered.push({ chart, svg: await chartSvg(chart) });
  return reportHtml(model, rendered, generatedAt, locale);
}
