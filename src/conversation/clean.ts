/**
 * What a message says once the packaging is off: Teams markup, HTML, a pasted mail's
 * headers, greeting and signature, links and query syntax. The parser reads the rest.
 */

/** Teams markup and HTML out, entities decoded, quotes straightened. */
export function cleanMessage(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, ' ')
    .replace(/<br\s*\/?>/gi, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&nbsp;/gi, ' ')
    .replace(/&amp;/gi, '&')
    .replace(/&lt;/gi, '<')
    .replace(/&gt;/gi, '>')
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/[‘’]/g, "'")
    .replace(/[“”]/g, '"')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A greeting and up to two words of address ("Hi Megan,", "Hello team!"); "good morning" alone too (it is no time of day). */
const GREETING =
  /^(?:(?:hi|hello|hey|hiya|dear|morning|afternoon|greetings)\b(?:\s+[\p{L}'-]+){0,2}\s*[,!.:]+\s*|good\s+(?:morning|afternoon|evening|day)\b(?:\s+[\p{L}'-]+){0,2}\s*[,!.:]+\s*|good\s+(?:morning|afternoon|evening|day)\b)/iu;
/** A closing and whatever follows it (the name, the title, the phone number) at the end of a pasted mail. */
const SIGN_OFF =
  /(?:^|[\s.!?])(?:many thanks|thanks(?: (?:a lot|so much|in advance))?|thank you(?: (?:very much|in advance))?|thx|ty|kind regards|best regards|warm regards|regards|best wishes|best|cheers|br|sent from my \w+)\s*[,.!-]+\s+\S.*$/i;
/** "From: … Sent: … To: … Subject:" and "On Mon, … wrote:" blocks of a forwarded or replied mail. */
const HEADERS =
  /\b(?:from|sent|to|cc|date):\s.*?(?=\bsubject:|$)|\bsubject:\s*(?:re|fw|fwd):\s*|\bsubject:\s*|-{2,}\s*original message\s*-{2,}|\bon\s+\w{3}[^:]{0,60}?\bwrote:|\bforwarded message\b/gi;

/**
 * A pasted mail reduced to its request: headers, the greeting and the signature go (a
 * signature names the sender, who is not the person asked about). One-line text, as
 * `cleanMessage` leaves it.
 */
export function stripMail(text: string): string {
  let t = text.replace(HEADERS, ' ');
  t = t.replace(GREETING, ' ');
  t = t.replace(SIGN_OFF, (m) => (/^[.!?]/.test(m) ? m[0]! : ' '));
  return t.replace(/\s+/g, ' ').trim();
}

/** Links, query strings and code: text that is pasted, not asked. Its stray words are not read as a person. */
const MARKDOWN_LINK = /!?\[([^\]]*)\]\([^)]*\)/g;
const URL = /\b(?:https?|ftp|file):\/\/\S+|\bwww\.\S+/gi;
const CODE_LIKE = [
  /\$(?:filter|select|top|expand|orderby|search|count)\b/i,
  /\bselect\s+(?:\*|top\s+\d+|[\w.]+(?:\s*,\s*[\w.]+)*)\s+from\s+\w|\bdelete\s+from\s+\w|\binsert\s+into\s+\w|\bupdate\s+\w+\s+set\s+\w/i,
  /\b(?:drop|truncate|alter)\s+table\b|\bunion\s+(?:all\s+)?select\b|;\s*--|'\s*or\s+'?1'?\s*=\s*'?1/i,
  /\|\s*(?:where|take|project|summarize|extend|limit|sort|top|join|count|distinct)\b/i,
  /\b(?:startswith|endswith|contains|substringof)\s*\(|\b\w+\s+(?:eq|ne|gt|lt|ge|le)\s+'/i,
  /[{}]|=>|==|!=|<script\b|\$\{|\{\{/i,
];

export interface Pasted {
  /** The text with links reduced to their words and addresses of web pages taken out. */
  text: string;
  /** The message holds code, a query or a markdown link: no word left in it is taken for a name unless the directory knows it. */
  codeLike: boolean;
}

/** `raw`: the message before its markup was taken out (a <script> tag is code too). */
export function unpaste(text: string, raw = text): Pasted {
  const codeLike = [text, raw].some((t) => CODE_LIKE.some((re) => re.test(t)) || /!?\[[^\]]*\]\([^)]*\)/.test(t));
  const t = text.replace(MARKDOWN_LINK, ' $1 ').replace(URL, ' ');
  return { text: t.replace(/\s+/g, ' ').trim(), codeLike };
}
