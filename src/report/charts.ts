import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { OTHER_CAUSES, type ReportModel } from './model.ts';

/**
 * The report's charts: Vega-Lite specifications built from the report model, compiled and
 * rendered to SVG here, in Node (a View with renderer 'none' draws nothing on screen; toSVG
 * writes the marks as text). The page then carries plain SVG: no script, no library, nothing to
 * fetch, and it prints. Vega writes every label as SVG text, escaped, so a name from the log
 * stays text.
 */

export interface Chart {
  /** A stable id the page and its tests find the chart by. */
  id: string;
  title: string;
  /** One sentence saying what the bars are, for the caption (and for a reader without the picture). */
  caption: string;
  spec: TopLevelSpec;
}

/** Drawn at this width; the page scales the SVG down to the screen (its viewBox keeps it sharp). */
const WIDTH = 640;
const FONT = "'Segoe UI', 'DejaVu Sans', Arial, sans-serif";
/** Colour-blind-safe categories (Tableau 10), the same order in every chart. */
const SCHEME = 'tableau10';
const GOT_THROUGH = '#E15759';
const FAILED_ANYWAY = '#9C9C9C';

const config = {
  font: FONT,
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0 },
  legend: { labelFontSize: 11, titleFontSize: 12, labelLimit: 0, orient: 'bottom', direction: 'vertical' },
  view: { stroke: null },
} as const;

/**
 * Long names are cut to this many characters on a chart's axis (the table under it has them
 * whole); the bars still group by the whole name, so two people of one name stay two bars.
 * Cut here rather than by Vega's labelLimit, which measures text by estimate in Node and cuts early.
 */
const LABEL_CHARS = 32;
const SHORT_LABEL = `length(datum.label) > ${LABEL_CHARS} ? slice(datum.label, 0, ${LABEL_CHARS - 1}) + '…' : datum.label`;

/** A horizontal bar per row, the longest first. */
function barsSpec(values: Record<string, unknown>[], label: string, labelTitle: string, count: string, countTitle: string): TopLevelSpec {
  return {
    width: WIDTH - 240,
    height: { step: 22 },
    data: { values },
    mark: { type: 'bar', color: '#4E79A7' },
    encoding: {
      y: { field: label, type: 'nominal', sort: '-x', title: labelTitle, axis: { labelExpr: SHORT_LABEL } },
      x: { field: count, type: 'quantitative', title: countTitle, axis: { tickMinStep: 1, format: 'd' } },
      tooltip: [{ field: label }, { field: count }],
    },
    config,
  };
}

/** The charts the model has data for, in the page's order. A chart with nothing to show is left out; the page says so in words. */
export function reportCharts(m: ReportModel): Chart[] {
  const charts: Chart[] = [];
  const unitWord = m.buckets.unit === 'day' ? 'day' : 'hour';
  const causeOrder = [...m.causes.slice(0, 6).map((c) => c.cause), ...(m.overTime.some((c) => c.cause === OTHER_CAUSES) ? [OTHER_CAUSES] : [])];
  if (m.overTime.length)
    charts.push({
      id: 'failures-over-time',
      title: `Failures per ${unitWord}, by cause`,
      caption: `Failed sign-in attempts per ${unitWord} (${m.timeZone}), each bar split by the diagnosed cause; causes past the top six are "${OTHER_CAUSES}".`,
      spec: {
        width: WIDTH - 40,
        height: 240,
        data: { values: m.overTime },
        mark: 'bar',
        encoding: {
          x: { field: 'bucket', type: 'ordinal', title: null, scale: { domain: m.buckets.keys }, axis: { labelAngle: -40 } },
          y: { field: 'failures', type: 'quantitative', aggregate: 'sum', title: 'Failed attempts', axis: { tickMinStep: 1, format: 'd' } },
          color: { field: 'cause', type: 'nominal', title: 'Cause', scale: { domain: causeOrder, scheme: SCHEME } },
          order: { field: 'cause' },
          tooltip: [{ field: 'bucket' }, { field: 'cause' }, { field: 'failures' }],
        },
        config,
      },
    });
  if (m.causes.length)
    charts.push({
      id: 'top-causes',
      title: 'Top causes',
      caption: 'Failed attempts per diagnosed cause, the most first.',
      spec: barsSpec(
        m.causes.slice(0, 10).map((c) => ({ cause: c.cause, failures: c.failures })),
        'cause',
        'Cause',
        'failures',
        'Failed attempts',
      ),
    });
  if (m.people.length)
    charts.push({
      id: 'top-people',
      title: 'People with the most failures',
      caption: 'Failed attempts per person (display name and sign-in name), the most first.',
      spec: barsSpec(
        m.people.map((p) => ({ person: `${p.name} (${p.upn})`, failures: p.failures })),
        'person',
        'Person',
        'failures',
        'Failed attempts',
      ),
    });
  if (m.apps.length)
    charts.push({
      id: 'top-apps',
      title: 'Apps with the most failures',
      caption: 'Failed attempts per app signed in to, the most first.',
      spec: barsSpec(
        m.apps.map((a) => ({ app: a.app, failures: a.failures })),
        'app',
        'App',
        'failures',
        'Failed attempts',
      ),
    });
  if (m.mfa.signIns)
    charts.push({
      id: 'mfa-use',
      title: `Interactive sign-ins per ${unitWord}: multifactor or single factor`,
      caption: `Interactive sign-ins that succeeded, per ${unitWord}, by whether multifactor authentication was satisfied (the log's authenticationRequirement).`,
      spec: {
        width: WIDTH - 40,
        height: 200,
        data: { values: m.mfa.byBucket },
        mark: 'bar',
        encoding: {
          x: { field: 'bucket', type: 'ordinal', title: null, scale: { domain: m.buckets.keys }, axis: { labelAngle: -40 } },
          y: { field: 'signIns', type: 'quantitative', aggregate: 'sum', title: 'Sign-ins', axis: { tickMinStep: 1, format: 'd' } },
          color: { field: 'kind', type: 'nominal', title: null, scale: { domain: ['Multifactor', 'Single factor'], range: ['#59A14F', '#F28E2B'] } },
          tooltip: [{ field: 'bucket' }, { field: 'kind' }, { field: 'signIns' }],
        },
        config,
      },
    });
  if (m.legacy.attempts)
    charts.push({
      id: 'legacy-auth',
      title: 'Legacy authentication, by client',
      caption: 'Attempts over legacy protocols (clientAppUsed), split by whether the sign-in got through.',
      spec: outcomeBars(
        m.legacy.byClient.flatMap((r) => [
          { label: r.client, outcome: 'Got through', attempts: r.succeeded },
          { label: r.client, outcome: 'Failed', attempts: r.failed },
        ]),
        'Client',
      ),
    });
  if (m.reportOnly.length)
    charts.push({
      id: 'report-only',
      title: 'Report-only policies that would have failed sign-ins',
      caption:
        'Attempts each report-only policy would have failed (the log records reportOnlyFailure), split by whether the sign-in got through: those are what turning it on would newly stop.',
      spec: outcomeBars(
        m.reportOnly.flatMap((r) => [
          { label: r.policy, outcome: 'Got through', attempts: r.succeeded },
          { label: r.policy, outcome: 'Failed', attempts: r.attempts - r.succeeded },
        ]),
        'Policy',
      ),
    });
  return charts;
}

function outcomeBars(values: { label: string; outcome: string; attempts: number }[], title: string): TopLevelSpec {
  return {
    width: WIDTH - 240,
    height: { step: 24 },
    data: { values: values.filter((v) => v.attempts > 0) },
    mark: 'bar',
    encoding: {
      y: { field: 'label', type: 'nominal', title, sort: { op: 'sum', field: 'attempts', order: 'descending' }, axis: { labelExpr: SHORT_LABEL } },
      x: { field: 'attempts', type: 'quantitative', aggregate: 'sum', title: 'Attempts', axis: { tickMinStep: 1, format: 'd' } },
      color: { field: 'outcome', type: 'nominal', title: null, scale: { domain: ['Got through', 'Failed'], range: [GOT_THROUGH, FAILED_ANYWAY] } },
      tooltip: [{ field: 'label' }, { field: 'outcome' }, { field: 'attempts' }],
    },
    config,
  };
}

/** Compiles a chart and renders it to an SVG string (no DOM, no canvas, no network). */
export async function chartSvg(chart: Chart): Promise<string> {
  const { spec } = compile(chart.spec);
  // A loader that refuses every URL: the data is inline, and a chart must never fetch.
  const loader = vega.loader();
  loader.load = () => Promise.reject(new Error('charts load nothing'));
  const view = new vega.View(vega.parse(spec), { renderer: 'none', loader });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
