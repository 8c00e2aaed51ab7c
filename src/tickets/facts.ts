import { z } from 'zod';
import type { Diagnosis } from '../diagnosis/types.ts';
import { links } from '../diagnosis/links.ts';

/**
 * What a ticket holds, whatever system it goes to: who is affected, when, what they signed in
 * to, what the diagnosis says and on which evidence, the three ids Microsoft support asks for,
 * the policies involved, what to do and who does it, where to look again (the diagnosis in
 * Teams, the sign-in log), and who opened it. A schema, not only a type: a queued ticket is
 * read back from storage by the outbox, and storage is an edge.
 */
export const PRIORITIES = ['1', '2', '3', '4'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;
export const PRIORITY_WORDS: Record<Priority, string> = { '1': 'Critical', '2': 'High', '3': 'Moderate', '4': 'Low' };

const text = (max: number) => z.string().max(max);

export const TicketFacts = z.object({
  person: z.object({ id: text(200), name: text(300).nullable(), upn: text(300).nullable() }),
  /** Whom the ticket is for, as the agent wrote it on the form (prefilled with the person). */
  forWhom: text(300),
  /** The sign-in's time, ISO (UTC). */
  when: text(40),
  app: text(300).nullable(),
  resource: text(300).nullable(),
  scenario: text(80),
  title: text(500),
  assessment: text(4000),
  errorCode: z.number().int(),
  ids: z.object({ correlationId: text(200), requestId: text(200), timestamp: text(40) }),
  policies: z.array(z.object({ name: text(300), summary: text(1000) })).max(20),
  actions: z.array(z.object({ who: text(40), text: text(2000) })).max(20),
  links: z.object({ signInLog: text(2000), diagnosis: text(2000).optional() }),
  priority: Priority,
  note: text(2000),
  openedBy: text(300),
  openedAt: text(40),
});
export type TicketFacts = z.infer<typeof TicketFacts>;

const WHO: Record<string, string> = { user: 'the user', helpdesk: 'the helpdesk', admin: 'an admin', 'app-owner': 'the app owner', microsoft: 'Microsoft' };

/** What the agent adds on the form, and where the diagnosis is in Teams. */
export interface TicketForm {
  priority: Priority;
  note: string;
  forWhom: string;
  openedBy: string;
  openedAt: string;
  /** The chat (or channel) and message the diagnosis card is in, when the press came from Teams. */
  message?: { chatId: string; messageId: string; chat: boolean };
}

/**
 * The ticket for one diagnosis. Pure: every value comes from the diagnosis (what the log and the
 * directory said) or from the form; nothing is looked up here.
 */
export function ticketFacts(d: Diagnosis, form: TicketForm): TicketFacts {
  const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
  // The policies that acted or would have: the ones the card lists, not every policy in the tenant.
  const acted = d.policies.filter((p) => ['failure', 'success', 'reportOnlyFailure', 'reportOnlyInterrupted'].includes(p.result)).slice(0, 20);
  return {
    person: { id: d.user.id, name: d.user.displayName, upn: d.user.userPrincipalName },
    forWhom: cut(form.forWhom, 300),
    when: d.time,
    app: d.app.displayName ?? d.app.id,
    resource: d.app.resource ?? d.app.resourceId,
    scenario: d.scenario,
    title: cut(d.title, 500),
    assessment: cut(d.assessment, 4000),
    errorCode: d.errorCode,
    ids: { correlationId: d.support.correlationId, requestId: d.support.requestId, timestamp: d.support.time },
    policies: acted.map((p) => ({ name: cut(p.displayName, 300), summary: cut(p.summary, 1000) })),
    actions: d.actions.slice(0, 20).map((a) => ({ who: WHO[a.who] ?? a.who, text: cut(a.text, 2000) })),
    // The admin center's sign-in blade takes no id in its URL, so the ids above are what finds the entry there.
    links: { signInLog: links.signInLogs(), ...(form.message ? { diagnosis: teamsMessageLink(form.message) } : {}) },
    priority: form.priority,
    note: cut(form.note, 2000),
    openedBy: cut(form.openedBy, 300),
    openedAt: form.openedAt,
  };
}

/**
 * A deep link to a message in Teams (https://teams.microsoft.com/l/message/<chat id>/<message id>);
 * a chat's link (personal or group) says it is a chat, a channel's needs nothing more to open the thread.
 */
export function teamsMessageLink(m: { chatId: string; messageId: string; chat: boolean }): string {
  const base = `https://teams.microsoft.com/l/message/${encodeURIComponent(m.chatId)}/${encodeURIComponent(m.messageId)}`;
  return m.chat ? `${base}?context=${encodeURIComponent(JSON.stringify({ contextType: 'chat' }))}` : base;
}

/** The one line a ticket system shows in its lists. */
export function ticketSummary(t: TicketFacts): string {
  const who = t.person.name ?? t.person.upn ?? t.person.id;
  const line = `Sign-in ${t.errorCode === 0 ? 'check' : 'failure'}: ${who}${t.app ? ` to ${t.app}` : ''}: ${t.title}`;
  return line.length > 160 ? `${line.slice(0, 159)}…` : line;
}
