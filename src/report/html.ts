import { formatInTimeZone, localizeTimes } from '../time-format.ts';
import type { Chart } from './charts.ts';
import type { Locale } from '../i18n/locales.ts';
import { msg, render, wordsOf } from '../i18n/message.ts';
import type { MessageKey } from '../i18n/translate.ts';
import type { ReportModel } from './model.ts';
import { reportWords, type ReportWords } from './words.ts';

/**
 * The report as one HTML page that needs nothing else: the charts are inline SVG, the style is
 * inline, there is no script, and a Content-Security-Policy forbids the page to load anything
 * at all (so a stray URL in a name could not make it call out). Every string from the log (a
 * name, a UPN, an app, a policy) goes through `esc`; only this file's own markup is raw.
 * It reads at 400 px (charts scale, tables scroll sideways) and prints (no dark backgrounds,
 * charts not split across pages). Every word of its own is in the reader's language (`locale`,
 * report.page.* in the catalogues; words.ts), the engine's sentences from their messages; the
 * log's names, apps, policies and codes as the log has them.
 */

export interface RenderedChart {
  chart: Chart;
  svg: string;
}

export const CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
/** Text as text, in element content and in quoted attributes. */
export const esc = (s: string | number): string => String(s).replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const STYLE = `
:root { color-scheme: light; --ink: #1b1b1b; --muted: #5c5c5c; --line: #d6d6d6; --accent: #4E79A7; --warn: #B3261E; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.45 'Segoe UI', 'DejaVu Sans', Arial, sans-serif; color: var(--ink); background: #fff; }
main { max-width: 980px; margin: 0 auto; padding: 24px 20px 48px; }
h1 { font-size: 1.6em; margin: 0 0 4px; }
h2 { font-size: 1.25em; margin: 36px 0 8px; padding-bottom: 4px; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.05em; margin: 16px 0 4px; }
p.meta, figcaption, .note { color: var(--muted); font-size: .92em; }
.numbers { display: grid; grid-template-columns: repeat(auto-fit, minmax(140px, 1fr)); gap: 10px; margin: 18px 0; padding: 0; list-style: none; }
.numbers li { border: 1px solid var(--line); border-radius: 6px; padding: 10px 12px; }
.numbers b { display: block; font-size: 1.7em; line-height: 1.1; }
figure { margin: 12px 0 8px; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; max-width: 100%; height: auto; }
.scroll { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .93em; margin: 8px 0; }
th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-weight: 600; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.incident { border-left: 4px solid var(--warn); padding: 4px 0 4px 12px; margin: 14px 0; break-inside: avoid; page-break-inside: avoid; }
.incident ul { margin: 4px 0; padding-left: 20px; }
.incident .action { font-weight: 600; }
code { font-family: 'DejaVu Sans Mono', Consolas, monospace; font-size: .9em; overflow-wrap: anywhere; }
h1, h2, h3, td, li, p, figcaption { overflow-wrap: break-word; }
@media (max-width: 480px) { main { padding: 16px 10px 32px; } body { font-size: 14px; } .numbers b { font-size: 1.4em; } }
@media print { main { max-width: none; padding: 0; } h2 { break-after: avoid; page-break-after: avoid; } .scroll { overflow: visible; } }
`;

function table(head: string[], rows: (string | number)[][], numeric: number[] = []): string {
  const cell = (tag: string, v: string | number, i: number) => `<${tag}${numeric.includes(i) ? ' class="n"' : ''}>${esc(v)}</${tag}>`;
  return `<div class="scroll"><table><thead><tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v, i) => cell('td', v, i)).join('')}</tr>`)
    .join('')}</tbody></table></div>`;
}

function figure(charts: readonly RenderedChart[], id: string, w: ReportWords): string {
  const c = charts.find((x) => x.chart.id === id);
  if (!c) return '';
  return `<figure id="chart-${esc(id)}" data-chart="${esc(id)}"><figcaption><b>${esc(w.say('report.page.figureTitle', { title: c.chart.title }))}</b> ${esc(c.chart.caption)}</figcaption>${c.svg}</figure>`;
}

const WHO = ['user', 'helpdesk', 'admin', 'app-owner', 'microsoft'] as const;

/** A sentence that holds a piece of the page's own markup: the sentence is escaped, then the markup put in its place. */
function withMarkup(text: string, markup: Record<string, string>): string {
  let out = esc(text);
  for (const [mark, html] of Object.entries(markup)) out = out.replace(esc(mark), html);
  return out;
}
/**
 * Stands in for markup inside a sentence until it is escaped (invisible separators around a
 * name). Only the first is replaced, and only by this file's fixed markup: a value from the log
 * that held one could place nothing of its own.
 */
const MARK = (name: string) => `\u2063${name}\u2063`;

export function reportHtml(m: ReportModel, charts: readonly RenderedChart[], generatedAt: string, locale: Locale = 'en'): string {
  const w = reportWords(m, locale);
  const { say, num, pct } = w;
  const when = (iso: string) => formatInTimeZone(iso, m.timeZone, locale);
  const local = (s: string) => localizeTimes(s, m.timeZone, locale);
  const causes = (cs: readonly string[]) => cs.map(w.cause).join(say('report.page.causeSeparator'));
  const col = (k: string) => say(`report.page.column.${k}` as MessageKey);
  const t = m.totals;
  const sections: string[] = [];

  sections.push(`<ul class="numbers">
<li><b>${esc(num(t.attempts))}</b>${esc(say('report.page.number.attempts', { count: t.attempts }))}</li>
<li><b>${esc(num(t.failed))}</b>${esc(say('report.page.number.failed', { count: t.failed, pct: pct(t.failed, t.attempts) }))}</li>
<li><b>${esc(num(t.failedPeople))}</b>${esc(say('report.page.number.failedPeople', { count: t.failedPeople, people: t.people }))}</li>
<li><b>${esc(num(m.incidents.length))}</b>${esc(say('report.page.number.incidents', { count: m.incidents.length }))}</li>
<li><b>${esc(num(m.legacy.attempts))}</b>${esc(say('report.page.number.legacy', { count: m.legacy.attempts }))}</li>
<li><b>${esc(num(m.reportOnly.length))}</b>${esc(say('report.page.number.reportOnly', { count: m.reportOnly.length }))}</li>
</ul>`);

  sections.push(`<h2 id="over-time">${esc(say('report.page.overTime.heading'))}</h2>`);
  sections.push(t.failed ? figure(charts, 'failures-over-time', w) : `<p>${esc(say('report.page.overTime.none'))}</p>`);

  sections.push(`<h2 id="causes">${esc(say('report.page.causes.heading'))}</h2>`);
  if (m.causes.length) {
    sections.push(figure(charts, 'top-causes', w));
    sections.push(
      table(
        [col('cause'), col('failedAttempts'), col('people'), col('codes')],
        m.causes.map((c) => [w.cause(c.cause), num(c.failures), num(c.people), c.errorCodes.join(', ')]),
        [1, 2],
      ),
    );
  } else sections.push(`<p>${esc(say('report.page.causes.none'))}</p>`);

  sections.push(`<h2 id="incidents">${esc(say('report.page.incidents.heading'))}</h2>`);
  if (m.incidents.length) {
    sections.push(`<p class="note">${esc(say('report.page.incidents.note'))}</p>`);
    for (const i of m.incidents) {
      const title = i.action.link ? (i.action.link.titleMsg ? render(locale, i.action.link.titleMsg) : i.action.link.title) : '';
      const link = i.action.link ? esc(say('report.page.incidents.link', { title })) : '';
      const more = i.people - i.named.length;
      const names = i.named.join(', ');
      const evidence = i.evidenceMsg && i.evidenceMsg.length === i.evidence.length ? i.evidenceMsg.map((e) => render(locale, e)) : i.evidence;
      const who = (WHO as readonly string[]).includes(i.action.who) ? say(`report.page.incidents.who.${i.action.who}` as MessageKey) : i.action.who;
      sections.push(`<div class="incident" data-incident="${esc(i.id)}">
<h3>${esc(local(wordsOf(locale, { text: i.what, msg: i.whatMsg })))}</h3>
<p>${esc(
        say('report.page.incidents.facts', {
          kind: i.kind === 'ip' ? 'ip' : 'people',
          people: i.people,
          failures: i.failures,
          from: when(i.since),
          to: when(i.until),
          names: more > 0 ? say('report.page.incidents.namesMore', { names, more }) : names,
        }),
      )}</p>
<ul>${evidence.map((e) => `<li>${esc(local(e))}</li>`).join('')}</ul>
<p class="action">${esc(say('report.page.incidents.fix', { who, text: local(wordsOf(locale, i.action)) }))}${link}</p>
</div>`);
    }
  } else sections.push(`<p>${esc(say('report.page.incidents.none'))}</p>`);

  sections.push(`<h2 id="people">${esc(say('report.page.people.heading'))}</h2>`);
  if (m.people.length) {
    sections.push(figure(charts, 'top-people', w));
    sections.push(
      table(
        [col('person'), col('upn'), col('failedAttempts'), col('causes'), col('lastFailure')],
        m.people.map((p) => [p.name, p.upn, num(p.failures), causes(p.causes), when(p.last)]),
        [2],
      ),
    );
  } else sections.push(`<p>${esc(say('report.page.people.none'))}</p>`);

  sections.push(`<h2 id="apps">${esc(say('report.page.apps.heading'))}</h2>`);
  if (m.apps.length) {
    sections.push(figure(charts, 'top-apps', w));
    sections.push(
      table(
        [col('app'), col('failedAttempts'), col('people'), col('causes')],
        m.apps.map((a) => [a.app, num(a.failures), num(a.people), causes(a.causes)]),
        [1, 2],
      ),
    );
  } else sections.push(`<p>${esc(say('report.page.apps.none'))}</p>`);

  sections.push(`<h2 id="mfa">${esc(say('report.page.mfa.heading'))}</h2>`);
  if (m.mfa.signIns) {
    sections.push(
      `<p>${esc(
        say('report.page.mfa.sentence', {
          multiFactor: m.mfa.multiFactor,
          signIns: m.mfa.signIns,
          pct: pct(m.mfa.multiFactor, m.mfa.signIns),
          singleFactor: m.mfa.singleFactor,
          only: m.mfa.singleFactorOnlyPeople,
        }),
      )}</p>`,
    );
    sections.push(figure(charts, 'mfa-use', w));
  } else sections.push(`<p>${esc(say('report.page.mfa.none'))}</p>`);

  sections.push(`<h2 id="legacy">${esc(say('report.page.legacy.heading'))}</h2>`);
  if (m.legacy.attempts) {
    const l = m.legacy;
    sections.push(`<p>${esc(say('report.page.legacy.sentence', { attempts: l.attempts, people: l.people, succeeded: l.succeeded, failed: l.failed }))}</p>`);
    sections.push(figure(charts, 'legacy-auth', w));
    sections.push(
      table(
        [col('client'), col('gotThrough'), col('failed'), col('people')],
        l.byClient.map((r) => [r.client, num(r.succeeded), num(r.failed), num(r.people)]),
        [1, 2, 3],
      ),
    );
  } else sections.push(`<p>${esc(say('report.page.legacy.none'))}</p>`);

  sections.push(`<h2 id="report-only">${esc(say('report.page.reportOnly.heading'))}</h2>`);
  if (m.reportOnly.length) {
    sections.push(figure(charts, 'report-only', w));
    sections.push(
      table(
        [col('policy'), col('wouldHave'), col('attempts'), col('ofWhichGotThrough'), col('people'), col('named'), col('events')],
        m.reportOnly.map((r) => [
          r.policy,
          r.control === 'block'
            ? say('report.page.reportOnly.blocked')
            : render(locale, msg('report.page.reportOnly.required', { control: r.controlMsg ?? r.control })),
          num(r.attempts),
          num(r.succeeded),
          num(r.people),
          r.named.join(', '),
          r.eventIds.join(', '),
        ]),
        [2, 3, 4],
      ),
    );
  } else sections.push(`<p>${esc(say('report.page.reportOnly.none'))}</p>`);

  const title = say('report.page.title', { from: when(m.window.since), to: when(m.window.until) });
  const meta = withMarkup(say('report.page.meta', { source: m.source, zone: m.timeZone, time: when(generatedAt), command: MARK('command') }), {
    [MARK('command')]: '<code>signin-diag report</code>',
  });
  return `<!doctype html>
<html lang="${esc(locale)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${esc(CSP)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>${esc(title)}</h1>
<p class="meta">${meta}</p>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
