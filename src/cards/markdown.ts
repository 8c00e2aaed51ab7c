/**
 * Teams reads a TextBlock's text and a Fact's title and value as markdown (a subset: bold,
 * italic, lists, links) and expands `{{DATE(…)}}` in them. Text that came from a person or a
 * log (a display name, an app name, a typed phrase, a failure reason) must be shown as
 * typed, never as a link or markup, so the card renderer escapes every value it fills in
 * (render.ts). Our own markdown (bold labels, links to the Entra admin center) is a
 * `Markdown` value, built with `md` and `mdLink`, whose every interpolated part is escaped.
 */

/** Characters that start markup anywhere in a line. `(`/`)` are left alone: without an unescaped `[…]` before them they are text. */
const INLINE = /[\\`*_[\]<&{]/g;
/**
 * What starts a list, a heading, a quote or a setext underline at the start of a line. A
 * number is a list marker only when a space or the line's end follows ("1. "), so an IP
 * address at the start of a value ("203.0.113.185") is left as it is.
 */
const LINE_START = /^([ \t]*)(?:([-+#>=])|(\d{1,9})([.)])(?=[ \t]|$))/;

/** Hosts whose addresses may stay clickable when they appear in text: Microsoft's own sign-in and admin pages. */
const OWN_HOSTS = ['microsoft.com', 'microsoftonline.com', 'azure.com', 'aka.ms', 'office.com'];
const BARE_URL = /\b(?:https?:\/\/|www\.)[^\s<>"']+/gi;
/** U+2060 WORD JOINER: invisible, and enough to stop Teams turning the text into a link. */
const JOIN = '\u2060';

function ownHost(url: string): boolean {
  try {
    const host = new URL(url).hostname.toLowerCase();
    return OWN_HOSTS.some((h) => host === h || host.endsWith(`.${h}`));
  } catch {
    return false;
  }
}

/**
 * A bare address in text from a log (an attacker's app name "re-verify at https://evil.example")
 * would still be turned into a link by Teams: it is broken with an invisible joiner, so it
 * reads the same and cannot be clicked. Microsoft's own pages stay clickable.
 */
function defangUrls(text: string): string {
  return text.replace(BARE_URL, (u) => (/^https:/i.test(u) && ownHost(u) ? u : u.replace(/^(https?:)\/\//i, `$1${JOIN}//`).replace(/^www\./i, `www${JOIN}.`)));
}

/** A value as plain text: every character that markdown (or a date function) would read is backslash-escaped. */
export function escapeMarkdown(text: string): string {
  return defangUrls(text)
    .split(/(\r\n|\r|\n)/)
    .map((part, i) => {
      if (i % 2) return part; // a line break, kept
      const inline = part.replace(INLINE, (c) => `\\${c}`);
      return inline.replace(LINE_START, (_m, space: string, mark: string | undefined, digits: string | undefined, dot: string | undefined) =>
        mark ? `${space}\\${mark}` : `${space}${digits}\\${dot}`,
      );
    })
    .join('');
}

/** Markdown we wrote ourselves; the renderer puts it into the card as it is. */
export class Markdown {
  constructor(readonly source: string) {}
  toString(): string {
    return this.source;
  }
}

/** Our markdown with values in it: md`**${policyName}** — ${summary}` escapes the values, keeps the bold. */
export function md(literal: TemplateStringsArray, ...values: (string | number | Markdown)[]): Markdown {
  let out = literal[0] ?? '';
  values.forEach((v, i) => {
    out += (v instanceof Markdown ? v.source : escapeMarkdown(String(v))) + (literal[i + 1] ?? '');
  });
  return new Markdown(out);
}

/**
 * A link we built (to the Entra admin center, Microsoft's pages): the title is escaped, and
 * the address must be https and is percent-encoded where markdown would end it early.
 */
export function mdLink(title: string, url: string): Markdown {
  if (!/^https:\/\/[^\s]+$/i.test(url)) return md`${title}`;
  const target = url.replace(/[()<>\s\\]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
  return new Markdown(`[${escapeMarkdown(title)}](${target})`);
}
