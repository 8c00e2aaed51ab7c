import { chartSvg, reportCharts } from './charts.ts';
import { reportHtml } from './html.ts';
import type { ReportModel } from './model.ts';

/** The whole page: the model's charts rendered to SVG, then the HTML around them. */
export async function reportPage(model: ReportModel, generatedAt: string): Promise<string> {
  const charts = reportCharts(model);
  const rendered = [];
  for (const chart of charts) rendered.push({ chart, svg: await chartSvg(chart) });
  return reportHtml(model, rendered, generatedAt);
}
