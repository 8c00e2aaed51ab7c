import { z } from 'zod';
import type { TicketFacts } from '../facts.ts';
import { plainText, plainTextBody } from '../formats.ts';
import { ticketSummary } from '../facts.ts';
import { basicAuth, callJson, TicketTargetError, type OpenedTicket, type TicketTarget } from '../target.ts';

/**
 * ServiceNow's Table API: `POST /api/now/table/incident` answers 201 `{ result: { sys_id, number, … } }`.
 * Authentication: OAuth client credentials (`POST /oauth_token.do`, an application registry
 * entry) or basic auth (an integration user with the itil or rest_service role). The request's
 * key goes in the incident's `correlation_id`, which `find` queries after a crash.
 */
export interface ServiceNowOptions {
  url: string;
  auth: { kind: 'oauth'; clientId: string; clientSecret: string } | { kind: 'basic'; user: string; password: string };
  assignmentGroup?: string;
}

const Incident = z.object({ sys_id: z.string().min(1), number: z.string().min(1) });
const Created = z.object({ result: Incident });
const Found = z.object({ result: z.array(Incident) });
const Token = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().optional() });

/** ServiceNow's default priority matrix: priority 1–4 from impact and urgency (priority is computed, not set). */
const IMPACT_URGENCY: Record<TicketFacts['priority'], [impact: string, urgency: string]> = {
  '1': ['1', '1'],
  '2': ['1', '2'],
  '3': ['2', '2'],
  '4': ['2', '3'],
};

export class ServiceNowTarget implements TicketTarget {
  readonly id = 'servicenow' as const;
  readonly name: string;
  private token?: { value: string; until: number };

  constructor(private readonly o: ServiceNowOptions) {
    this.name = `ServiceNow (${new URL(o.url).host})`;
  }

  async open(t: TicketFacts, key: string): Promise<OpenedTicket> {
    const [impact, urgency] = IMPACT_URGENCY[t.priority];
    const body = {
      short_description: plainText(ticketSummary(t)),
      description: plainTextBody(t),
      impact,
      urgency,
      category: 'inquiry',
      correlation_id: key,
      correlation_display: 'signin-diag',
      ...(this.o.assignmentGroup ? { assignment_group: this.o.assignmentGroup } : {}),
    };
    const r = await callJson('ServiceNow', `${this.o.url}/api/now/table/incident?sysparm_fields=sys_id,number&sysparm_exclude_reference_link=true`, {
      method: 'POST',
      headers: { ...(await this.headers()), 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    const created = Created.safeParse(r.body);
    if (!created.success) throw new TicketTargetError(`ServiceNow: HTTP ${r.status} without an incident number in the answer`, false);
    return this.opened(created.data.result);
  }

  async find(key: string): Promise<OpenedTicket | undefined> {
    // `^` separates an encoded query's terms: a key holding one (never a GUID) would query something else, so it is not asked.
    if (key.includes('^')) return undefined;
    const q = new URLSearchParams({ sysparm_query: `correlation_id=${key}`, sysparm_fields: 'sys_id,number', sysparm_limit: '1' });
    const r = await callJson('ServiceNow', `${this.o.url}/api/now/table/incident?${q}`, { method: 'GET', headers: await this.headers() });
    const found = Found.safeParse(r.body);
    if (!found.success) throw new TicketTargetError(`ServiceNow: HTTP ${r.status}, an answer to a query that is not a list of incidents`, false);
    const first = found.data.result[0];
    return first && this.opened(first);
  }

  private opened(i: z.infer<typeof Incident>): OpenedTicket {
    return { number: i.number, url: `${this.o.url}/incident.do?sys_id=${encodeURIComponent(i.sys_id)}` };
  }

  private async headers(): Promise<Record<string, string>> {
    const accept = { Accept: 'application/json' };
    if (this.o.auth.kind === 'basic') return { ...accept, Authorization: basicAuth(this.o.auth.user, this.o.auth.password) };
    if (!this.token || this.token.until <= Date.now()) {
      const form = new URLSearchParams({ grant_type: 'client_credentials', client_id: this.o.auth.clientId, client_secret: this.o.auth.clientSecret });
      const r = await callJson('ServiceNow sign-in', `${this.o.url}/oauth_token.do`, {
        method: 'POST',
        headers: { ...accept, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: form.toString(),
      });
      const tok = Token.safeParse(r.body);
      if (!tok.success) throw new TicketTargetError('ServiceNow sign-in: the answer has no access_token', false);
      // A minute before it expires, a new one: a token that expires in flight would fail the call.
      this.token = { value: tok.data.access_token, until: Date.now() + Math.max(0, (tok.data.expires_in ?? 1800) - 60) * 1000 };
    }
    return { ...accept, Authorization: `Bearer ${this.token.value}` };
  }
}
