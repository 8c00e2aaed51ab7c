import { formatInTimeZone, localizeTimes } from '../time-format.ts';
import type { Chart } from './charts.ts';
import type { ReportModel } from './model.ts';

/**
 * The report as one HTML page that needs nothing else: the charts are inline SVG, the style is
 * inline, there is no script, and a Content-Security-Policy forbids the page to load anything
 * at all (so a stray URL in a name could not make it call out). Every string from the log (a
 * name, a UPN, an app, a policy) goes through `esc`; only this file's own markup is raw.
 * It reads at 400 px (charts scale, tables scroll sideways) and prints (no dark backgrounds,
 * charts not split across pages).
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

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
const pct = (part: number, whole: number) => (whole ? `${Math.round((100 * part) / whole)}%` : '0%');

function table(head: string[], rows: (string | number)[][], numeric: number[] = []): string {
  const cell = (tag: string, v: string | number, i: number) => `<${tag}${numeric.includes(i) ? ' class="n"' : ''}>${esc(v)}</${tag}>`;
  return `<div class="scroll"><table><thead><tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((v, i) => cell('td', v, i)).join('')}</tr>`)
    .join('')}</tbody></table></div>`;
}

function figure(charts: readonly RenderedChart[], id: string): string {
  const c = charts.find((x) => x.chart.id === id);
  if (!c) return '';
  return `<figure id="chart-${esc(id)}" data-chart="${esc(id)}"><figcaption><b>${esc(c.chart.title)}.</b> ${esc(c.chart.caption)}</figcaption>${c.svg}</figure>`;
}

export function reportHtml(m: ReportModel, charts: readonly RenderedChart[], generatedAt: string): string {
  const when = (iso: string) => formatInTimeZone(iso, m.timeZone);
  const t = m.totals;
  const sections: string[] = [];

  sections.push(`<ul class="numbers">
<li><b>${esc(t.attempts)}</b>sign-in attempts</li>
<li><b>${esc(t.failed)}</b>failed (${esc(pct(t.failed, t.attempts))})</li>
<li><b>${esc(t.failedPeople)}</b>of ${esc(t.people)} people had a failure</li>
<li><b>${esc(m.incidents.length)}</b>${m.incidents.length === 1 ? 'incident' : 'incidents'}</li>
<li><b>${esc(m.legacy.attempts)}</b>legacy-auth attempts</li>
<li><b>${esc(m.reportOnly.length)}</b>report-only ${m.reportOnly.length === 1 ? 'policy' : 'policies'} that would have failed sign-ins</li>
</ul>`);

  sections.push(`<h2 id="over-time">Failures over time</h2>`);
  sections.push(t.failed ? figure(charts, 'failures-over-time') : `<p>No sign-in attempt failed in this window.</p>`);

  sections.push(`<h2 id="causes">Top causes</h2>`);
  if (m.causes.length) {
    sections.push(figure(charts, 'top-causes'));
    sections.push(
      table(
        ['Cause', 'Failed attempts', 'People', 'AADSTS codes'],
        m.causes.map((c) => [c.cause, c.failures, c.people, c.errorCodes.join(', ')]),
        [1, 2],
      ),
    );
  } else sections.push('<p>No failures, so no causes.</p>');

  sections.push(`<h2 id="incidents">Incidents</h2>`);
  if (m.incidents.length) {
    sections.push(
      `<p class="note">Failures of several people with one cause: the same component failing for several people within minutes, a policy that started blocking after it was changed, or one address failing for many accounts.</p>`,
    );
    for (const i of m.incidents) {
      const link = i.action.link ? ` (in the Entra admin center: ${esc(i.action.link.title)})` : '';
      sections.push(`<div class="incident" data-incident="${esc(i.id)}">
<h3>${esc(localizeTimes(i.what, m.timeZone))}</h3>
<p>${esc(plural(i.people, 'person', 'people'))}, ${esc(plural(i.failures, 'failure'))}, ${esc(when(i.since))} to ${esc(when(i.until))}: ${esc(i.named.join(', '))}${i.people > i.named.length ? esc(` and ${i.people - i.named.length} more`) : ''}.</p>
<ul>${i.evidence.map((e) => `<li>${esc(localizeTimes(e, m.timeZone))}</li>`).join('')}</ul>
<p class="action">Fix (${esc(i.action.who)}): ${esc(i.action.text)}${link}</p>
</div>`);
    }
  } else sections.push('<p>No incident: no failures of several people shared a cause.</p>');

  sections.push(`<h2 id="people">People with the most failures</h2>`);
  if (m.people.length) {
    sections.push(figure(charts, 'top-people'));
    sections.push(
      table(
        ['Person', 'Sign-in name', 'Failed attempts', 'Causes', 'Last failure'],
        m.people.map((p) => [p.name, p.upn, p.failures, p.causes.join('; '), when(p.last)]),
        [2],
      ),
    );
  } else sections.push('<p>Nobody failed to sign in.</p>');

  sections.push(`<h2 id="apps">Apps with the most failures</h2>`);
  if (m.apps.length) {
    sections.push(figure(charts, 'top-apps'));
    sections.push(
      table(
        ['App', 'Failed attempts', 'People', 'Causes'],
        m.apps.map((a) => [a.app, a.failures, a.people, a.causes.join('; ')]),
        [1, 2],
      ),
    );
  } else sections.push('<p>No app had a failed sign-in.</p>');

  sections.push(`<h2 id="mfa">Multifactor authentication</h2>`);
  if (m.mfa.signIns) {
    sections.push(
      `<p>${esc(m.mfa.multiFactor)} of ${esc(plural(m.mfa.signIns, 'interactive sign-in'))} that succeeded (${esc(pct(m.mfa.multiFactor, m.mfa.signIns))}) satisfied multifactor authentication; ${esc(m.mfa.singleFactor)} were single factor. ${esc(plural(m.mfa.singleFactorOnlyPeople, 'person', 'people'))} signed in interactively with a single factor only.</p>`,
    );
    sections.push(figure(charts, 'mfa-use'));
  } else sections.push('<p>No interactive sign-in succeeded in this window.</p>');

  sections.push(`<h2 id="legacy">Legacy authentication</h2>`);
  if (m.legacy.attempts) {
    sections.push(
      `<p>${esc(plural(m.legacy.attempts, 'attempt'))} by ${esc(plural(m.legacy.people, 'person', 'people'))} used a legacy protocol: ${esc(m.legacy.succeeded)} got through, ${esc(m.legacy.failed)} failed. Legacy protocols cannot do multifactor authentication.</p>`,
    );
    sections.push(figure(charts, 'legacy-auth'));
    sections.push(
      table(
        ['Client', 'Got through', 'Failed', 'People'],
        m.legacy.byClient.map((r) => [r.client, r.succeeded, r.failed, r.people]),
        [1, 2, 3],
      ),
    );
  } else sections.push('<p>No attempt used a legacy protocol.</p>');

  sections.push(`<h2 id="report-only">Report-only policies that would have blocked or failed sign-ins</h2>`);
  if (m.reportOnly.length) {
    sections.push(figure(charts, 'report-only'));
    sections.push(
      table(
        ['Policy', 'Would have', 'Attempts', 'Of which got through', 'People', 'Who (first five)', 'Example events'],
        m.reportOnly.map((r) => [
          r.policy,
          r.control === 'block' ? 'blocked' : `required ${r.control}`,
          r.attempts,
          r.succeeded,
          r.people,
          r.named.join(', '),
          r.eventIds.join(', '),
        ]),
        [2, 3, 4],
      ),
    );
  } else sections.push('<p>No report-only policy would have failed a sign-in in this window.</p>');

  const title = `Sign-ins ${when(m.window.since)} to ${when(m.window.until)}`;
  return `<!doctype html>
<html lang="en">
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
<p class="meta">From ${esc(m.source)}; times in ${esc(m.timeZone)}; made ${esc(when(generatedAt))} by <code>signin-diag report</code>. Counts are sign-in attempts (the rows of one correlation id are one attempt); each failure was diagnosed as the bot diagnoses it.</p>
${sections.join('\n')}
</main>
</body>
</html>
`;
}
