import type { Locale } from '../i18n/locales.ts';
import { SCENARIO_BY_ID } from '../diagnosis/scenarios/index.ts';
import { formatNumber } from '../i18n/format.ts';
import { t, type MessageKey } from '../i18n/translate.ts';
import { OTHER_CAUSES, type ReportModel } from './model.ts';

/**
 * The report's words in the reader's language, shared by the page (html.ts) and its charts
 * (charts.ts). The model keeps English labels (its JSON is the CLI's `--json`, and the weekly
 * card reads it too); they are translated here, at the edge: a cause by its scenario's title in
 * the catalogue (scenario.<id>.title, the English the model holds), "Other causes" and the MFA
 * and outcome labels by report.chart.legend.*.
 */
export interface ReportWords {
  locale: Locale;
  /**
   * A catalogue sentence; every number is also handed over written in the language as `<name>N`
   * (the plural picks the word from the number, the digits are the language's).
   */
  say: (key: MessageKey, values?: Record<string, string | number>) => string;
  /** A count: "4887" in English (as the page and the weekly card always wrote it), "4.887" in German, "4,887" in Japanese. */
  num: (n: number) => string;
  /** A share as a whole percentage: "3%", "3 %" (German, French, Spanish), "3%". */
  pct: (part: number, whole: number) => string;
  /** A cause the model names (a scenario's English title, or "Other causes"), in the reader's words. */
  cause: (cause: string) => string;
}

const percents = new Map<Locale, Intl.NumberFormat>();

export function reportWords(m: Pick<ReportModel, 'causes'>, locale: Locale): ReportWords {
  const num = (n: number) => (locale === 'en' ? String(n) : formatNumber(locale, n));
  let percent = percents.get(locale);
  if (!percent) percents.set(locale, (percent = new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 })));
  const pct = (part: number, whole: number) => percent.format(whole ? part / whole : 0);
  const say = (key: MessageKey, values: Record<string, string | number> = {}) => {
    const all: Record<string, string | number> = { ...values };
    for (const [k, v] of Object.entries(values)) if (typeof v === 'number') all[`${k}N`] = num(v);
    return t(locale, key, all);
  };
  // The model's causes are scenario titles; its rows say which scenario each is.
  const scenarioOf = new Map(m.causes.map((c) => [c.cause, c.scenario]));
  const cause = (c: string) => {
    if (c === OTHER_CAUSES) return say('report.chart.legend.otherCauses');
    if (locale === 'en') return c;
    const id = scenarioOf.get(c);
    // A title the engine wrote for an unknown scenario stays as it is (English): there is no catalogue entry to say it with.
    return id && id in SCENARIO_BY_ID ? t(locale, `scenario.${id}.title` as MessageKey) : c;
  };
  return { locale, say, num, pct, cause };
}
