import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { Locale } from '../i18n/locales.ts';
import { OTHER_CAUSES, type ReportModel } from './model.ts';
import { reportWords } from './words.ts';

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
 * A wide character (Japanese, Chinese, Korean) counts as two: it is about twice as wide as a
 * Latin letter, so a Japanese cause is cut at about sixteen characters. The expression is fixed
 * text: no name from the log is ever part of it.
 */
const LABEL_CHARS = 32;
const WIDE = '[\\u1100-\\u115f\\u2e80-\\ua4cf\\uac00-\\ud7a3\\uf900-\\ufaff\\ufe30-\\ufe4f\\uff00-\\uff60\\uffe0-\\uffe6]';
const WIDE_CHAR = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
/** The label's width in Latin letters (a wide character counts two), as a Vega expression. */
const widthOf = (s: string) => `length(replace(${s}, regexp('${WIDE}', 'g'), '..'))`;
/** The longest prefix (of a few lengths, longest first) that fits LABEL_CHARS - 1, then "…"; English labels cut exactly as before (no wide character: 31). */
const CUTS = [31, 29, 27, 25, 23, 21, 19, 17, 15];
const fitted = CUTS.reduceRight(
  (rest, k) => `(${widthOf(`slice(datum.label, 0, ${k})`)} <= ${LABEL_CHARS - 1} ? slice(datum.label, 0, ${k}) : ${rest})`,
  `slice(datum.label, 0, ${CUTS.at(-1)! - 2})`,
);
const SHORT_LABEL = `${widthOf('datum.label')} > ${LABEL_CHARS} ? ${fitted} + '…' : datum.label`;
/**
 * Vega places the axis title by its estimate of the labels' width (0.8 em a character), which is
 * short for wide characters: the title would sit on the labels and the labels run past the edge.
 * Where a label has one, the title moves this much further out (the SVG's bounds follow it).
 */
const WIDE_TITLE_PADDING = 44;
const titlePadding = (labels: readonly unknown[]) => (labels.some((l) => WIDE_CHAR.test(String(l))) ? { titlePadding: WIDE_TITLE_PADDING } : {});

/** A horizontal bar per row, the longest first. */
function barsSpec(values: Record<string, unknown>[], label: string, labelTitle: string, count: string, countTitle: string): TopLevelSpec {
  return {
    width: WIDTH - 240,
    height: { step: 22 },
    data: { values },
    mark: { type: 'bar', color: '#4E79A7' },
    encoding: {
      y: { field: label, type: 'nominal', sort: '-x', title: labelTitle, axis: { labelExpr: SHORT_LABEL, ...titlePadding(values.map((v) => v[label])) } },
      x: { field: count, type: 'quantitative', title: countTitle, axis: { tickMinStep: 1, format: 'd' } },
      tooltip: [{ field: label }, { field: count }],
    },
    config,
  };
}

/**
 * The charts the model has data for, in the page's order, their words in `locale` (titles,
 * captions, axis titles, legend labels, and the causes on the bars). A chart with nothing to show
 * is left out; the page says so in words.
 */
export function reportCharts(m: ReportModel, locale: Locale = 'en'): Chart[] {
  const { say, cause } = reportWords(m, locale);
  const charts: Chart[] = [];
  const unit = m.buckets.unit === 'day' ? 'day' : 'hour';
  const axis = {
    failedAttempts: say('report.chart.axis.failedAttempts'),
    cause: say('report.chart.axis.cause'),
  };
  const legend = {
    multifactor: say('report.chart.legend.multifactor'),
    singleFactor: say('report.chart.legend.singleFactor'),
    gotThrough: say('report.chart.legend.gotThrough'),
    failed: say('report.chart.legend.failed'),
  };
  const causeOrder = [...m.causes.slice(0, 6).map((c) => cause(c.cause)), ...(m.overTime.some((c) => c.cause === OTHER_CAUSES) ? [cause(OTHER_CAUSES)] : [])];
  if (m.overTime.length)
    charts.push({
      id: 'failures-over-time',
      title: say('report.chart.overTime.title', { unit }),
      caption: say('report.chart.overTime.caption', { unit, zone: m.timeZone, other: cause(OTHER_CAUSES) }),
      spec: {
        width: WIDTH - 40,
        height: 240,
        data: { values: m.overTime.map((c) => ({ ...c, cause: cause(c.cause) })) },
        mark: 'bar',
        encoding: {
          x: { field: 'bucket', type: 'ordinal', title: null, scale: { domain: m.buckets.keys }, axis: { labelAngle: -40 } },
          y: { field: 'failures', type: 'quantitative', aggregate: 'sum', title: axis.failedAttempts, axis: { tickMinStep: 1, format: 'd' } },
          color: { field: 'cause', type: 'nominal', title: axis.cause, scale: { domain: causeOrder, scheme: SCHEME } },
          order: { field: 'cause' },
          tooltip: [{ field: 'bucket' }, { field: 'cause' }, { field: 'failures' }],
        },
        config,
      },
    });
  if (m.causes.length)
    charts.push({
      id: 'top-causes',
      title: say('report.chart.topCauses.title'),
      caption: say('report.chart.topCauses.caption'),
      spec: barsSpec(
        m.causes.slice(0, 10).map((c) => ({ cause: cause(c.cause), failures: c.failures })),
        'cause',
        axis.cause,
        'failures',
        axis.failedAttempts,
      ),
    });
  if (m.people.length)
    charts.push({
      id: 'top-people',
      title: say('report.chart.topPeople.title'),
      caption: say('report.chart.topPeople.caption'),
      spec: barsSpec(
        m.people.map((p) => ({ person: `${p.name} (${p.upn})`, failures: p.failures })),
        'person',
        say('report.chart.axis.person'),
        'failures',
        axis.failedAttempts,
      ),
    });
  if (m.apps.length)
    charts.push({
      id: 'top-apps',
      title: say('report.chart.topApps.title'),
      caption: say('report.chart.topApps.caption'),
      spec: barsSpec(
        m.apps.map((a) => ({ app: a.app, failures: a.failures })),
        'app',
        say('report.chart.axis.app'),
        'failures',
        axis.failedAttempts,
      ),
    });
  if (m.mfa.signIns)
    charts.push({
      id: 'mfa-use',
      title: say('report.chart.mfa.title', { unit }),
      caption: say('report.chart.mfa.caption', { unit }),
      spec: {
        width: WIDTH - 40,
        height: 200,
        data: { values: m.mfa.byBucket.map((b) => ({ ...b, kind: b.kind === 'Multifactor' ? legend.multifactor : legend.singleFactor })) },
        mark: 'bar',
        encoding: {
          x: { field: 'bucket', type: 'ordinal', title: null, scale: { domain: m.buckets.keys }, axis: { labelAngle: -40 } },
          y: { field: 'signIns', type: 'quantitative', aggregate: 'sum', title: say('report.chart.axis.signIns'), axis: { tickMinStep: 1, format: 'd' } },
          color: { field: 'kind', type: 'nominal', title: null, scale: { domain: [legend.multifactor, legend.singleFactor], range: ['#59A14F', '#F28E2B'] } },
          tooltip: [{ field: 'bucket' }, { field: 'kind' }, { field: 'signIns' }],
        },
        config,
      },
    });
  if (m.legacy.attempts)
    charts.push({
      id: 'legacy-auth',
      title: say('report.chart.legacy.title'),
      caption: say('report.chart.legacy.caption'),
      spec: outcomeBars(
        m.legacy.byClient.flatMap((r) => [
          { label: r.client, outcome: legend.gotThrough, attempts: r.succeeded },
          { label: r.client, outcome: legend.failed, attempts: r.failed },
        ]),
        say('report.chart.axis.client'),
        say('report.chart.axis.attempts'),
        [legend.gotThrough, legend.failed],
      ),
    });
  if (m.reportOnly.length)
    charts.push({
      id: 'report-only',
      title: say('report.chart.reportOnly.title'),
      caption: say('report.chart.reportOnly.caption'),
      spec: outcomeBars(
        m.reportOnly.flatMap((r) => [
          { label: r.policy, outcome: legend.gotThrough, attempts: r.succeeded },
          { label: r.policy, outcome: legend.failed, attempts: r.attempts - r.succeeded },
        ]),
        say('report.chart.axis.policy'),
        say('report.chart.axis.attempts'),
        [legend.gotThrough, legend.failed],
      ),
    });
  // Vega writes an aria-label for every bar, axis and legend from the field names ("bucket: …; kind: …"): in another language, from the chart's own words.
  return locale === 'en' ? charts : charts.map(spoken);
}

interface Channel {
  field?: string;
  title?: string | null;
  axis?: Record<string, unknown>;
}
const isChannel = (e: unknown): e is Channel => typeof e === 'object' && e !== null && !Array.isArray(e);

/**
 * The chart with what a screen reader says in the chart's language: each bar's label is its
 * tooltip's fields, each named by its axis or legend title ("Ursache: Konto gesperrt;
 * Fehlgeschlagene Versuche: 2"), each axis and legend described by its title (or the chart's).
 * English keeps Vega's own labels, as the page has always had them.
 */
function spoken(chart: Chart): Chart {
  const spec = chart.spec as { data: { values: Record<string, unknown>[] }; encoding: Record<string, unknown> };
  const channels = Object.values(spec.encoding).filter(isChannel);
  const tooltip = (spec.encoding.tooltip ?? []) as { field: string }[];
  const titleOf = (field: string) => channels.find((e) => e.field === field)?.title ?? null;
  const said = (row: Record<string, unknown>) =>
    tooltip.map(({ field }) => (titleOf(field) ? `${titleOf(field)}: ${String(row[field])}` : String(row[field]))).join('; ');
  const encoding: Record<string, unknown> = { ...spec.encoding, description: { field: 'said' } };
  for (const [channel, e] of Object.entries(spec.encoding)) {
    if (!isChannel(e)) continue;
    if (channel === 'color') encoding[channel] = { ...e, legend: { description: e.title ?? chart.title } };
    if (channel === 'x' || channel === 'y') encoding[channel] = { ...e, axis: { ...e.axis, description: e.title ?? chart.title } };
  }
  return { ...chart, spec: { ...chart.spec, data: { values: spec.data.values.map((row) => ({ ...row, said: said(row) })) }, encoding } as TopLevelSpec };
}

/** `outcomes`: the two legend labels, "got through" first (its colour is the warning one). */
function outcomeBars(
  values: { label: string; outcome: string; attempts: number }[],
  title: string,
  countTitle: string,
  outcomes: [string, string],
): TopLevelSpec {
  return {
    width: WIDTH - 240,
    height: { step: 24 },
    data: { values: values.filter((v) => v.attempts > 0) },
    mark: 'bar',
    encoding: {
      y: {
        field: 'label',
        type: 'nominal',
        title,
        sort: { op: 'sum', field: 'attempts', order: 'descending' },
        axis: { labelExpr: SHORT_LABEL, ...titlePadding(values.map((v) => v.label)) },
      },
      x: { field: 'attempts', type: 'quantitative', aggregate: 'sum', title: countTitle, axis: { tickMinStep: 1, format: 'd' } },
      color: { field: 'outcome', type: 'nominal', title: null, scale: { domain: outcomes, range: [GOT_THROUGH, FAILED_ANYWAY] } },
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
