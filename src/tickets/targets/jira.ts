import { z } from 'zod';
import type { TicketFacts } from '../facts.ts';
import { ticketSummary } from '../facts.ts';
import { jiraText, jiraWikiBody } from '../formats.ts';
import { basicAuth, callJson, TicketTargetError, type OpenedTicket, type TicketTarget } from '../target.ts';

/**
 * Jira Service Management's customer request API: `POST /rest/servicedeskapi/request` with the
 * service desk and request type ids and `requestFieldValues` (summary, description in wiki
 * markup); basic auth with an account's email and API token. It answers 201 with `issueKey`
 * and `_links.web` (the request in the portal). It has no field to find a request by our key,
 * so there is no `find`: the key is in the description for a person to search.
 */
export interface JiraOptions {
  url: string;
  email: string;
  apiToken: string;
  serviceDeskId: string;
  requestTypeId: string;
}

const Created = z.object({ issueKey: z.string().min(1), _links: z.object({ web: z.string().url().optional() }).optional() });

export class JiraTarget implements TicketTarget {
  readonly id = 'jira' as const;
  readonly name: string;

  constructor(private readonly o: JiraOptions) {
    this.name = `Jira Service Management (${new URL(o.url).host})`;
  }

  async open(t: TicketFacts, key: string): Promise<OpenedTicket> {
    const body = {
      serviceDeskId: this.o.serviceDeskId,
      requestTypeId: this.o.requestTypeId,
      requestFieldValues: {
        // The summary is a plain line in Jira's lists, but wiki in some views: escaped too.
        summary: jiraText(ticketSummary(t)),
        description: `${jiraWikiBody(t)}\n\n{{${jiraText(key)}}}`,
      },
    };
    const r = await callJson('Jira Service Management', `${this.o.url}/rest/servicedeskapi/request`, {
      method: 'POST',
      headers: { Authorization: basicAuth(this.o.email, this.o.apiToken), Accept: 'application/json', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const created = Created.safeParse(r.body);
    if (!created.success) throw new TicketTargetError(`Jira Service Management: HTTP ${r.status} without an issue key in the answer`, false);
    return { number: created.data.issueKey, url: created.data._links?.web ?? `${this.o.url}/browse/${encodeURIComponent(created.data.issueKey)}` };
  }
}
