import { Template } from 'adaptivecards-templating';
import diagnosis from '../../cards/diagnosis.json' with { type: 'json' };
import summary from '../../cards/summary.json' with { type: 'json' };
import explain from '../../cards/explain.json' with { type: 'json' };
import lockouts from '../../cards/lockouts.json' with { type: 'json' };
import flagged from '../../cards/flagged.json' with { type: 'json' };
import help from '../../cards/help.json' with { type: 'json' };
import pickUser from '../../cards/pick-user.json' with { type: 'json' };
import notice from '../../cards/notice.json' with { type: 'json' };
import lockoutAlert from '../../cards/lockout-alert.json' with { type: 'json' };
import whatIf from '../../cards/what-if.json' with { type: 'json' };
import policyCheck from '../../cards/policy-check.json' with { type: 'json' };
import failures from '../../cards/failures.json' with { type: 'json' };
import lockState from '../../cards/lock-state.json' with { type: 'json' };
import policiesFor from '../../cards/policies-for.json' with { type: 'json' };
import weeklySummary from '../../cards/weekly-summary.json' with { type: 'json' };
import incidents from '../../cards/incidents.json' with { type: 'json' };
import ticketForm from '../../cards/ticket-form.json' with { type: 'json' };
import ticketStatus from '../../cards/ticket-status.json' with { type: 'json' };
import remediateApproval from '../../cards/remediate-approval.json' with { type: 'json' };
import { escapeMarkdown, Markdown } from './markdown.ts';

/**
 * Card templates (the top-level cards/ folder) filled with adaptivecards-templating.
 * Templates are imported as JSON modules (tsx, vitest and the esbuild bundle all carry them),
 * so rendering reads no file; a card that would still hold an unresolved `${…}` is a bug in
 * its builder, so the binding is blanked rather than shown to a person.
 *
 * Every value is shown as text: a string a builder hands in (a name, an app, a typed phrase,
 * a failure reason) lands in the card escaped wherever Teams reads markdown (a TextBlock's
 * text, a Fact's title and value), and unchanged everywhere else (a button's data, a URL, a
 * colour). Only a `Markdown` value (markdown.ts: bold labels, links we build) is put in as
 * markdown. The templates decide where a value lands, so each value is first swapped for a
 * placeholder, the template expanded, and the placeholders filled in by where they ended up.
 */
const TEMPLATES = {
  diagnosis,
  summary,
  explain,
  lockouts,
  flagged,
  help,
  'pick-user': pickUser,
  notice,
  'lockout-alert': lockoutAlert,
  'what-if': whatIf,
  'policy-check': policyCheck,
  failures,
  'lock-state': lockState,
  'policies-for': policiesFor,
  'weekly-summary': weeklySummary,
  incidents,
  'ticket-form': ticketForm,
  'ticket-status': ticketStatus,
  'remediate-approval': remediateApproval,
} as const satisfies Record<string, unknown>;
export type CardKind = keyof typeof TEMPLATES;
export type Card = Record<string, unknown>;

export function renderCard(kind: CardKind, data: unknown): Card {
  const values: { raw: string; shown: string }[] = [];
  const held = hold(data, values);
  const expanded = new Template(TEMPLATES[kind]).expand({ $root: held });
  const text = JSON.stringify(expanded);
  // A binding the template left unresolved is the builder's bug: blank it (before any value is put back).
  const card = (text.includes('${') ? JSON.parse(text.replace(/\$\{[^}]*\}/g, '')) : expanded) as Card;
  const filled = fill(card, values, false) as Card;
  // A value whose raw text holds `${…}` (a button's data, say) is blanked too, as before.
  const out = JSON.stringify(filled);
  return out.includes('${') ? (JSON.parse(out.replace(/\$\{[^}]*\}/g, '')) as Card) : filled;
}

/** Private-use characters: a placeholder is \uE000<n>\uE001. Values cannot fake one: they are never in the expanded card as themselves. */
const PLACEHOLDER = /\uE000(\d+)\uE001/g;

/** The data with every non-empty string and Markdown value swapped for a placeholder (empty strings stay: templates test `x != ''`). */
function hold(v: unknown, values: { raw: string; shown: string }[]): unknown {
  if (v instanceof Markdown) return put(values, v.source, v.source);
  if (typeof v === 'string') return v === '' ? v : put(values, v, escapeMarkdown(v));
  if (Array.isArray(v)) return v.map((x) => hold(x, values));
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, hold(x, values)]));
  return v;
}

function put(values: { raw: string; shown: string }[], raw: string, shown: string): string {
  values.push({ raw, shown });
  return `\uE000${values.length - 1}\uE001`;
}

/** Puts the values back: escaped (or our markdown) in the text Teams reads as markdown, raw elsewhere. */
function fill(node: unknown, values: { raw: string; shown: string }[], markdown: boolean): unknown {
  if (typeof node === 'string') return node.replace(PLACEHOLDER, (_m, i: string) => (markdown ? values[Number(i)]!.shown : values[Number(i)]!.raw));
  if (Array.isArray(node)) return node.map((x) => fill(x, values, markdown));
  if (!node || typeof node !== 'object') return node;
  const o = node as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(o)) {
    const isText = (o.type === 'TextBlock' && k === 'text') || (o.type === 'FactSet' && k === 'facts');
    out[k] = isText && k === 'facts' && Array.isArray(x) ? x.map((f) => fillFact(f, values)) : fill(x, values, isText);
  }
  return out;
}

/** A Fact's title and value are markdown in Teams. */
function fillFact(f: unknown, values: { raw: string; shown: string }[]): unknown {
  if (!f || typeof f !== 'object') return f;
  return Object.fromEntries(Object.entries(f as Record<string, unknown>).map(([k, x]) => [k, fill(x, values, k === 'title' || k === 'value')]));
}

/** Teams' budget we hold every card to: 28 KB of JSON (the webhook and Graph limit; bots allow more). */
export const CARD_BUDGET_BYTES = 28 * 1024;

export function cardBytes(card: Card): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

/** The tone a card's title carries (a notice, a lock state). */
export type Tone = 'Default' | 'Warning' | 'Attention' | 'Good';

/**
 * A tone is shown as the title's background band (a container style), never as its text colour:
 * Teams' own red, green and yellow text fail WCAG AA on its backgrounds (yellow on white 1.5:1,
 * green on white 2.1:1, red on dark 3.2:1), while its default text passes on every container.
 */
export function toneStyle(tone: Tone): 'default' | 'warning' | 'attention' | 'good' {
  return tone === 'Default' ? 'default' : (tone.toLowerCase() as 'warning' | 'attention' | 'good');
}
