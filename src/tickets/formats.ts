import { PRIORITY_WORDS, type TicketFacts } from './facts.ts';

/**
 * The ticket as text, in each target's own format. Everything from the log or from people (names,
 * app names, policy names, the note) is escaped for that format, so a policy called
 * "*Block* [click](http://x)" reads as those characters, not as markup or a link.
 */
type Section = { heading: string; lines: { label?: string; value: string; link?: string }[] };

function sections(t: TicketFacts): Section[] {
  return [
    {
      heading: 'Who and what',
      lines: [
        { label: 'Affected', value: `${t.person.name ?? ''} (${t.person.upn ?? 'no UPN'}), object id ${t.person.id}`.trim() },
        { label: 'For', value: t.forWhom },
        { label: 'When (UTC)', value: t.when },
        { label: 'App', value: t.app ?? 'unknown' },
        ...(t.resource && t.resource !== t.app ? [{ label: 'Resource', value: t.resource }] : []),
        { label: 'Result', value: t.errorCode === 0 ? 'success' : `failed, error ${t.errorCode}` },
        { label: 'Priority', value: `${t.priority} (${PRIORITY_WORDS[t.priority]})` },
      ],
    },
    { heading: 'Diagnosis', lines: [{ value: `${t.title} (${t.scenario})` }, { value: t.assessment }] },
    ...(t.note ? [{ heading: 'Note from the helpdesk', lines: [{ value: t.note }] }] : []),
    {
      heading: 'For Microsoft support',
      lines: [
        { label: 'Correlation ID', value: t.ids.correlationId || '(none)' },
        { label: 'Request ID', value: t.ids.requestId },
        { label: 'Timestamp (UTC)', value: t.ids.timestamp },
      ],
    },
    ...(t.policies.length ? [{ heading: 'Conditional Access policies involved', lines: t.policies.map((p) => ({ label: p.name, value: p.summary })) }] : []),
    ...(t.actions.length ? [{ heading: 'Recommended actions', lines: t.actions.map((a) => ({ label: a.who, value: a.text })) }] : []),
    {
      heading: 'Links',
      lines: [
        ...(t.links.diagnosis ? [{ label: 'Diagnosis in Teams', value: 'the diagnosis card', link: t.links.diagnosis }] : []),
        { label: 'Sign-in logs (filter by the request ID above)', value: 'Entra admin center', link: t.links.signInLog },
      ],
    },
    { heading: 'Opened', lines: [{ value: `by ${t.openedBy} at ${t.openedAt} with signin-diag` }] },
  ];
}

/** Characters no ticket field should carry: controls other than a line break and a tab. */
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f\u202a-\u202e\u2066-\u2069]/g;

/**
 * ServiceNow's description and short description are plain text; its journal fields read
 * `[code]…[/code]` as HTML, so that tag is broken in case the text is ever copied into one.
 */
export function plainText(s: string): string {
  return s.replace(CONTROLS, '').replace(/\[(\/?)code\]/gi, '[$1code\u200b]');
}

export function plainTextBody(t: TicketFacts): string {
  return sections(t)
    .map((s) =>
      [s.heading, ...s.lines.map((l) => `- ${l.label ? `${plainText(l.label)}: ` : ''}${plainText(l.value)}${l.link ? ` ${l.link}` : ''}`)].join('\n'),
    )
    .join('\n\n');
}

/**
 * Jira wiki markup (what the Service Management request API reads for a description): every
 * character wiki gives a meaning (`*_-+^~?{}[]|!#` and the backslash) is escaped with a
 * backslash, and a value is one line, so no log text starts a heading, a table or a list.
 */
export function jiraText(s: string): string {
  return plainText(s)
    .replace(/\s*\n\s*/g, ' ')
    .replace(/[\\*_\-+^~?{}[\]|!#]/g, '\\$&');
}

/** A link in wiki markup: the label escaped, the URL ours (built from settings and ids, not from the log). */
const jiraLink = (label: string, url: string) => `[${jiraText(label)}|${url.replace(/[|\]\s]/g, encodeURIComponent)}]`;

export function jiraWikiBody(t: TicketFacts): string {
  return sections(t)
    .map((s) =>
      [
        `h3. ${jiraText(s.heading)}`,
        ...s.lines.map((l) => `* ${l.label ? `*${jiraText(l.label)}:* ` : ''}${l.link ? jiraLink(l.value, l.link) : jiraText(l.value)}`),
      ].join('\n'),
    )
    .join('\n\n');
}
