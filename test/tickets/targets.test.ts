import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ServiceNowTarget } from '../../src/tickets/targets/servicenow.ts';
import { JiraTarget } from '../../src/tickets/targets/jira.ts';
import { WebhookTarget, reference, signature } from '../../src/tickets/targets/webhook.ts';
import { openTicketTarget, TicketSettings } from '../../src/tickets/settings.ts';
import { TicketTargetError } from '../../src/tickets/target.ts';
import { ticketFacts } from '../../src/tickets/facts.ts';
import { bobsBlock } from './fixtures.ts';
import { startReceiver } from './receiver.ts';

const SN = 'https://contoso.service-now.com';
const JIRA = 'https://contoso.atlassian.net';
const KEY = 'signin-diag:servicenow:corr-1';

let facts: ReturnType<typeof ticketFacts>;
beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  const { d } = await bobsBlock();
  facts = ticketFacts(d, { priority: '2', note: 'Tried twice', forWhom: 'Bob Kelly', openedBy: 'Megan Bowen', openedAt: '2026-11-20T10:42:00Z' });
});
afterEach(() => nock.cleanAll());
afterAll(() => nock.enableNetConnect());

/** The Table API's answer to POST /api/now/table/incident (201, the record under `result`), cut to the fields asked for. */
const incident = (number: string, sysId: string) => ({ result: { sys_id: sysId, number } });

describe('ServiceNow (Table API)', () => {
  it('signs in with OAuth client credentials once, then creates the incident with the ticket in plain text and the key as correlation_id', async () => {
    const token = nock(SN)
      .post('/oauth_token.do', (b: Record<string, string>) => b.grant_type === 'client_credentials' && b.client_id === 'id1' && b.client_secret === 's3cret')
      .reply(200, { access_token: 'tok-1', refresh_token: 'r', scope: 'useraccount', token_type: 'Bearer', expires_in: 1799 });
    let sent: Record<string, string> | undefined;
    const create = nock(SN, { reqheaders: { authorization: 'Bearer tok-1', 'content-type': 'application/json', accept: 'application/json' } })
      .post('/api/now/table/incident', (b: Record<string, string>) => ((sent = b), true))
      .query({ sysparm_fields: 'sys_id,number', sysparm_exclude_reference_link: 'true' })
      .times(2)
      .reply(201, incident('INC0012345', '9d385017c611228701d22104cc95c371'), { Location: `${SN}/api/now/table/incident/9d385017c611228701d22104cc95c371` });
    const sn = new ServiceNowTarget({ url: SN, auth: { kind: 'oauth', clientId: 'id1', clientSecret: 's3cret' }, assignmentGroup: 'Service Desk' });
    expect(await sn.open(facts, KEY)).toEqual({ number: 'INC0012345', url: `${SN}/incident.do?sys_id=9d385017c611228701d22104cc95c371` });
    await sn.open(facts, KEY);
    expect(token.isDone() && create.isDone()).toBe(true);
    expect(sent).toMatchObject({ impact: '1', urgency: '2', correlation_id: KEY, assignment_group: 'Service Desk' });
    expect(sent!.short_description).toMatch(/^Sign-in failure: Bob Kelly to Salesforce/);
    expect(sent!.description).toContain(facts.ids.correlationId);
    expect(sent!.description).toContain('Tried twice');
  });

  it('finds an incident an earlier try opened by its correlation_id', async () => {
    nock(SN)
      .get('/api/now/table/incident')
      .query({ sysparm_query: `correlation_id=${KEY}`, sysparm_fields: 'sys_id,number', sysparm_limit: '1' })
      .basicAuth({ user: 'svc', pass: 'pw' })
      .reply(200, { result: [{ sys_id: 'abc', number: 'INC0012346' }] });
    const sn = new ServiceNowTarget({ url: SN, auth: { kind: 'basic', user: 'svc', password: 'pw' } });
    expect(await sn.find(KEY)).toEqual({ number: 'INC0012346', url: `${SN}/incident.do?sys_id=abc` });
  });

  it('says whether to retry: 503 and no answer yes, 401 and 400 no', async () => {
    const sn = new ServiceNowTarget({ url: SN, auth: { kind: 'basic', user: 'svc', password: 'pw' } });
    const tried = async () =>
      sn.open(facts, KEY).then(
        () => undefined,
        (e: unknown) => e as TicketTargetError,
      );
    nock(SN).post('/api/now/table/incident').query(true).reply(503, 'Service Unavailable');
    expect(await tried()).toMatchObject({ retry: true, message: expect.stringMatching(/HTTP 503/) });
    nock(SN)
      .post('/api/now/table/incident')
      .query(true)
      .reply(401, { error: { message: 'User Not Authenticated', detail: 'Required to provide Auth information' }, status: 'failure' });
    expect(await tried()).toMatchObject({ retry: false, message: expect.stringMatching(/HTTP 401/) });
    nock(SN).post('/api/now/table/incident').query(true).replyWithError({ code: 'ECONNRESET' });
    expect(await tried()).toMatchObject({ retry: true });
  });
});

describe('Jira Service Management (customer request API)', () => {
  it('creates a request with the service desk and request type, the description in escaped wiki markup, and reads issueKey and _links.web', async () => {
    let sent: { serviceDeskId: string; requestTypeId: string; requestFieldValues: { summary: string; description: string } } | undefined;
    nock(JIRA)
      .post('/rest/servicedeskapi/request', (b: typeof sent) => ((sent = b), true))
      .basicAuth({ user: 'megan@contoso.com', pass: 'api-token' })
      .reply(201, {
        _expands: ['participant', 'status', 'sla', 'requestType', 'serviceDesk', 'attachment', 'action', 'comment'],
        issueId: '107001',
        issueKey: 'HELPDESK-1',
        requestTypeId: '25',
        serviceDeskId: '10',
        createdDate: { iso8601: '2026-11-20T10:42:00+0000', jira: '2026-11-20T10:42:00.000+0000', friendly: 'Today 10:42 AM', epochMillis: 1795689720000 },
        reporter: { accountId: 'qm:a713c8ea-1075-4e30-9d96-891a7d181739:5ad6d3581db05e2a66fa80b', displayName: 'Megan Bowen', active: true, timeZone: 'UTC' },
        requestFieldValues: [{ fieldId: 'summary', label: 'What do you need?', value: 'x' }],
        currentStatus: { status: 'Waiting for Support', statusCategory: 'NEW', statusDate: {} },
        _links: {
          jiraRest: `${JIRA}/rest/api/2/issue/107001`,
          web: `${JIRA}/servicedesk/customer/portal/10/HELPDESK-1`,
          self: `${JIRA}/rest/servicedeskapi/request/107001`,
        },
      });
    const jira = new JiraTarget({ url: JIRA, email: 'megan@contoso.com', apiToken: 'api-token', serviceDeskId: '10', requestTypeId: '25' });
    expect(await jira.open(facts, 'signin-diag:jira:corr-1')).toEqual({ number: 'HELPDESK-1', url: `${JIRA}/servicedesk/customer/portal/10/HELPDESK-1` });
    expect(sent).toMatchObject({ serviceDeskId: '10', requestTypeId: '25' });
    expect(sent!.requestFieldValues.description).toMatch(/^h3\. Who and what\n\* \*Affected:\* Bob Kelly/);
    expect(sent!.requestFieldValues.description).toContain(facts.ids.correlationId.replace(/-/g, '\\-'));
  });
});

describe('webhook (a real receiver that checks the signature)', () => {
  const secret = 'a-shared-secret-of-32-characters';

  it('is accepted by a receiver that verifies the HMAC of the body and the timestamp, and reads its ticket number', async () => {
    const rx = await startReceiver(secret);
    try {
      const wh = new WebhookTarget({ url: rx.url, secret });
      expect(await wh.open(facts, 'signin-diag:webhook:corr-1')).toEqual({ number: 'HD-1001', url: 'https://helpdesk.example/tickets/HD-1001' });
      expect(rx.rejected).toEqual([]);
      const got = rx.tickets.get('signin-diag:webhook:corr-1')!.body as { ticket: typeof facts; key: string };
      expect(got.ticket).toEqual(facts);
      // The same key again: the receiver keeps it, so a retry opens nothing new.
      expect((await wh.open(facts, 'signin-diag:webhook:corr-1')).number).toBe('HD-1001');
      expect(rx.tickets.size).toBe(1);
    } finally {
      await rx.stop();
    }
  });

  it('is refused by the receiver with another secret (so the check is real), and that is not retried', async () => {
    const rx = await startReceiver('another-secret-of-32-characters!');
    try {
      const e = await new WebhookTarget({ url: rx.url, secret }).open(facts, 'k').catch((x: unknown) => x as TicketTargetError);
      expect(e).toMatchObject({ retry: false, message: expect.stringMatching(/HTTP 401/) });
      expect(rx.rejected).toEqual(['signature']);
    } finally {
      await rx.stop();
    }
  });

  it('signs exactly the bytes sent, and gives our reference when the receiver answers without a number', async () => {
    // The well-known HMAC-SHA256 test vector.
    expect(signature('key', 'The quick brown fox jumps over the lazy dog')).toBe('sha256=f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8');
    nock('https://prod-00.westeurope.logic.azure.com').post('/workflows/abc/triggers/manual/paths/invoke').query(true).reply(202);
    const wh = new WebhookTarget({
      url: 'https://prod-00.westeurope.logic.azure.com/workflows/abc/triggers/manual/paths/invoke?api-version=2016-06-01',
      secret,
    });
    expect(await wh.open(facts, 'signin-diag:webhook:corr-2')).toEqual({ number: reference('signin-diag:webhook:corr-2'), ours: true });
  });
});

describe('settings', () => {
  const s = (over: Record<string, string>) => TicketSettings.parse(over);
  it('none: no target, so no button', async () => {
    expect(await openTicketTarget(s({}))).toBeUndefined();
  });
  it('says what is missing, refuses http off this machine and a short webhook secret', async () => {
    await expect(openTicketTarget(s({ TICKET_TARGET: 'servicenow', SERVICENOW_URL: SN }))).rejects.toThrow(/SERVICENOW_USER, SERVICENOW_PASSWORD/);
    await expect(openTicketTarget(s({ TICKET_TARGET: 'jira', JIRA_URL: JIRA }))).rejects.toThrow(
      /JIRA_EMAIL, JIRA_API_TOKEN, JIRA_SERVICE_DESK_ID, JIRA_REQUEST_TYPE_ID/,
    );
    await expect(
      openTicketTarget(s({ TICKET_TARGET: 'webhook', TICKET_WEBHOOK_URL: 'http://helpdesk.example/x', TICKET_WEBHOOK_SECRET: secretOf(32) })),
    ).rejects.toThrow(/https/);
    await expect(openTicketTarget(s({ TICKET_TARGET: 'webhook', TICKET_WEBHOOK_URL: 'http://127.0.0.1:9/x', TICKET_WEBHOOK_SECRET: 'short' }))).rejects.toThrow(
      /16/,
    );
    const t = await openTicketTarget(s({ TICKET_TARGET: 'servicenow', SERVICENOW_URL: `${SN}/`, SERVICENOW_CLIENT_ID: 'a', SERVICENOW_CLIENT_SECRET: 'b' }));
    expect(t?.name).toBe('ServiceNow (contoso.service-now.com)');
  });
});

const secretOf = (n: number) => 'x'.repeat(n);
