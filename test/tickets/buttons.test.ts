import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import { FileItemStore } from '../../src/notify/items.ts';
import { TicketDesk } from '../../src/tickets/desk.ts';
import type { OpenedTicket, TicketTarget } from '../../src/tickets/target.ts';
import type { TicketFacts } from '../../src/tickets/facts.ts';
import { MemoryAuditTrail } from '../../src/trust/audit.ts';
import { folderContext } from '../helpers/answer-context.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { bobsBlock } from './fixtures.ts';
import { diagnoseStory } from '../helpers/scenario-fixtures.ts';
import { diagnosisCard } from '../../src/cards/diagnosis-card.ts';

/** A ServiceNow in memory that keeps what it was sent. */
class Recording implements TicketTarget {
  readonly id = 'servicenow' as const;
  readonly name = 'ServiceNow (contoso.service-now.com)';
  sent: TicketFacts[] = [];
  async open(t: TicketFacts): Promise<OpenedTicket> {
    this.sent.push(t);
    return { number: `INC00${12344 + this.sent.length}`, url: 'https://contoso.service-now.com/incident.do?sys_id=abc' };
  }
}

const texts = (card: unknown) => JSON.stringify(card);
let dir: string;
let base: AnswerContext;
let correlationId: string;
let bobId: string;
beforeAll(async () => {
  const { folder, attempt, bob } = await bobsBlock();
  correlationId = attempt.correlationId;
  bobId = bob.id;
  base = { ...folderContext(folder, 'America/Los_Angeles'), asker: 'Megan Bowen', askerId: 'megan-id' };
  dir = mkdtempSync(join(tmpdir(), 'ticket-buttons-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('Open a ticket, from the diagnosis card', () => {
  it('is offered only where a ticket system is set up', async () => {
    const without = await answerAction('diagnose', { correlationId }, base);
    expect(cardButtons(without.card, 'openTicketForm')).toEqual([]);
    const desk = new TicketDesk(new Recording(), new FileItemStore(join(dir, 'a')), () => {});
    const withDesk = await answerAction('diagnose', { correlationId }, { ...base, tickets: desk });
    expect(cardButtons(withDesk.card, 'openTicketForm')).toEqual([{ title: 'Open a ticket', data: { correlationId } }]);
    // Without a desk, the button's press says so, and opens nothing.
    expect((await answerAction('openTicket', { correlationId }, base)).text).toBe('No ticket system is set up for this bot.');
  });

  it('shows the form (prefilled), then opens one ticket; a second press opens nothing new', async () => {
    const target = new Recording();
    const audit = new MemoryAuditTrail();
    const ctx: AnswerContext = {
      ...base,
      audit,
      tickets: new TicketDesk(target, new FileItemStore(join(dir, 'b')), () => {}),
      conversation: {
        conversationId: '19:chat@thread.v2',
        serviceUrl: 'https://smba.trafficmanager.net/emea/',
        channelId: 'msteams',
        conversationType: 'groupChat',
      },
      pressedMessageId: '1763635320000',
    };
    const form = await answerAction('openTicketForm', { correlationId }, ctx);
    const json = texts(form.card);
    expect(json).toContain('Open a ticket in ServiceNow (contoso.service-now.com)');
    expect(json).toMatch(/"id":"priority"[^}]*"value":"3"/);
    expect(json).toContain('"value":"Bob Kelly (bob.kelly@');
    const [send] = cardButtons(form.card, 'openTicket');
    expect(send!.data).toEqual({ correlationId, chatId: '19:chat@thread.v2', messageId: '1763635320000', chat: true });

    // Teams puts the inputs beside the button's data.
    const opened = await answerAction('openTicket', { ...send!.data, priority: '2', forWhom: 'Bob Kelly', note: 'Needs Salesforce for a demo at 11' }, ctx);
    expect(opened.text).toBe('Ticket INC0012345 opened by Megan Bowen in ServiceNow (contoso.service-now.com).');
    expect(texts(opened.card)).toMatch(/Ticket INC0012345 opened by Megan Bowen at 2026-\d\d-\d\d \d\d:\d\d P[SD]T/);
    expect(opened.card!.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Open INC0012345', url: 'https://contoso.service-now.com/incident.do?sys_id=abc' }]);
    expect(target.sent).toHaveLength(1);
    expect(target.sent[0]).toMatchObject({ priority: '2', note: 'Needs Salesforce for a demo at 11', openedBy: 'Megan Bowen', person: { id: bobId } });
    expect(target.sent[0]!.links.diagnosis).toBe(
      'https://teams.microsoft.com/l/message/19%3Achat%40thread.v2/1763635320000?context=%7B%22contextType%22%3A%22chat%22%7D',
    );

    const again = await answerAction('openTicket', { ...send!.data, priority: '1', forWhom: 'x' }, { ...ctx, asker: 'Alex Wilber' });
    expect(again.text).toBe('Ticket INC0012345 was already opened by Megan Bowen in ServiceNow (contoso.service-now.com).');
    expect(texts(again.card)).toContain('already had this ticket, so nothing new was opened');
    // The form pressed again shows the ticket, not a form.
    expect(texts((await answerAction('openTicketForm', { correlationId }, ctx)).card)).toContain('Ticket INC0012345 opened by Megan Bowen');
    expect(target.sent).toHaveLength(1);

    // The audit trail: who opened which ticket about whom.
    const line = (action: string) => audit.entries.filter((e) => e.action === action);
    expect(line('openTicket')).toHaveLength(2);
    expect(line('openTicket')[0]).toMatchObject({ action: 'openTicket', asker: 'Megan Bowen', subject: bobId, asked: correlationId, outcome: 'answered' });
    expect(line('ticketOpened')).toHaveLength(1);
    expect(line('ticketOpened')[0]).toMatchObject({
      action: 'ticketOpened',
      asker: 'Megan Bowen',
      subject: bobId,
      asked: expect.stringMatching(/^INC0012345 in ServiceNow/),
    });
  });

  it('refuses someone who may not look Bob up, before anything is built or sent, whatever ids the button carries', async () => {
    const target = new Recording();
    const audit = new MemoryAuditTrail();
    const limited: AnswerContext = {
      ...base,
      audit,
      access: { kind: 'limited', why: 'Not the helpdesk.' },
      askerId: 'someone-else',
      tickets: new TicketDesk(target, new FileItemStore(join(dir, 'c')), () => {}),
    };
    const refused = await answerAction('openTicket', { correlationId, priority: '1', forWhom: 'me' }, limited);
    expect(refused.text).not.toMatch(/Ticket/);
    expect(texts(refused.card)).not.toContain('Bob Kelly');
    expect((await answerAction('openTicketForm', { correlationId }, limited)).text).not.toMatch(/Open a ticket/);
    expect(target.sent).toHaveLength(0);
    expect(audit.entries.find((e) => e.action === 'openTicket')).toMatchObject({ outcome: 'refused', withheld: [bobId] });
  });
});

describe('Escalate to Microsoft', () => {
  it('is on a card only when support is warranted, with the ids to paste and the portal form', async () => {
    const blocked = await answerMessage(`diagnose correlation ${correlationId}`, base);
    expect(texts(blocked.card)).not.toContain('Escalate to Microsoft');
    expect(texts(blocked.card)).not.toContain('New support request');
    const d = await diagnoseStory('unknown-error');
    expect(d.support.warranted).toBe(true);
    const card = diagnosisCard(d, undefined, 'UTC');
    const escalate = JSON.stringify(card).match(/\{"type":"Action.ShowCard","title":"Escalate to Microsoft".*?"actions":\[(.*?)\]\}\}/)!;
    expect(escalate).not.toBeNull();
    for (const line of [
      `Correlation ID: ${d.support.correlationId}`,
      `Request ID: ${d.support.requestId}`,
      `Timestamp (UTC): ${new Date(d.support.time).toISOString()}`,
    ])
      expect(escalate[0]).toContain(line.replace(/[_*[\]]/g, (c) => `\\${c}`));
    expect(escalate[0]).toContain('"fontType":"Monospace"');
    expect(escalate[1]).toBe(`{"type":"Action.OpenUrl","title":"New support request","url":"${d.support.url}"}`);
  });
});
