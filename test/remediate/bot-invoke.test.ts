import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/bot/server.ts';
import { SignInBot } from '../../src/bot/signin-bot.ts';
import { createLogger, lineLogger } from '../../src/log.ts';
import { FileItemStore } from '../../src/notify/items.ts';
import { delegatedGraph } from '../../src/remediate/graph.ts';
import { oboExchange } from '../../src/remediate/obo.ts';
import { RemediationRecords } from '../../src/remediate/records.ts';
import { parseTwoPerson } from '../../src/remediate/two-person.ts';
import { answerMessage } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { FileAuditTrail } from '../../src/trust/audit.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { CapturedConnector } from '../helpers/connector.ts';
import { folderContext } from '../helpers/answer-context.ts';

/**
 * Issue 22 through the real bot and HTTP host, in a channel: a Temporary Access Pass asked for
 * by one person and approved by another. The pass reaches the approver's invoke response and
 * nothing else: not the approval card posted or updated in the channel, not a line of the
 * bot's pino log (at trace level), not the audit file. The SSO token comes in the invoke
 * (Universal Actions' `authentication.token`) and is exchanged on-behalf-of through nock.
 */
const TENANT = '11111111-2222-3333-4444-555555555555';
const BOT_ID = 'aaaaaaaa-0000-0000-0000-000000000001';
const TAP_SECRET = 'Zk4!OnlyForBob-5521';
const ALICE = 'a11ce000-0000-0000-0000-000000000001';
const BOB = 'b0b00000-0000-0000-0000-000000000002';

const connector = new CapturedConnector();
let server: RunningServer;
let source: TenantFolderSource;
let auditPath: string;
const logged: string[] = [];
let seq = 0;

beforeAll(async () => {
  await connector.start();
  nock.disableNetConnect();
  nock.enableNetConnect('127.0.0.1');
  source = openSource(undefined) as TenantFolderSource;
  const dir = mkdtempSync(join(tmpdir(), 'remedy-bot-'));
  auditPath = join(dir, 'audit.jsonl');
  const log = lineLogger(
    createLogger({
      level: 'trace',
      destination: new Writable({
        write(chunk, _enc, done) {
          logged.push(String(chunk));
          done();
        },
      }),
    }),
  );
  const bot = new SignInBot({
    source,
    clock: () => source.asOf()!,
    appNames: source.appNames(),
    allUsers: source.allUsers(),
    log,
    audit: new FileAuditTrail(auditPath),
    remedy: {
      shared: {
        graph: (token) => delegatedGraph(token),
        records: new RemediationRecords(new FileItemStore(join(dir, 'items'))),
        approval: parseTwoPerson('issueTap'),
      },
      connectionName: 'teams-sso',
      exchange: oboExchange({ tenantId: TENANT, clientId: BOT_ID, clientSecret: 'bot-secret' }),
    },
  });
  server = await startServer(
    { PORT: 0, local: true, MicrosoftAppId: '', MicrosoftAppPassword: '', MicrosoftAppTenantId: '', MicrosoftAppType: 'SingleTenant' },
    bot,
    log,
  );
});

afterAll(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await server?.close();
  await connector.stop();
});

const invoke = (from: string, name: string, data: Record<string, unknown>, verb: string, replyToId?: string) =>
  fetch(`${server.url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      type: 'invoke',
      name: 'adaptiveCard/action',
      channelId: 'msteams',
      serviceUrl: connector.url,
      from: { id: `29:${from}`, aadObjectId: from, name },
      recipient: { id: 'bot' },
      conversation: { id: '19:helpdesk@thread.tacv2;messageid=1700000000000', conversationType: 'channel', tenantId: TENANT },
      ...(replyToId ? { replyToId } : {}),
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual', authentication: { token: `sso-of-${from}` } },
      id: `inv-${++seq}`,
    }),
  }).then(async (r) => ({ status: r.status, body: JSON.stringify(await r.json()) }));

describe('a Temporary Access Pass through the bot, in a channel', () => {
  it('goes to the approver alone: the channel, the log and the audit file never see it', async () => {
    const diagnosis = await answerMessage("why did nina's sign-in fail this week", { ...folderContext(source, 'UTC'), access: { kind: 'full' } });
    const [tap] = cardButtons(diagnosis.card, 'remediate');
    expect(tap?.title).toBe('Issue a pass');

    const token = (who: string) =>
      nock('https://login.microsoftonline.com')
        .post(`/${TENANT}/oauth2/v2.0/token`, (b: Record<string, string>) => b.assertion === `sso-of-${who}` && b.requested_token_use === 'on_behalf_of')
        .query(true)
        .reply(200, { token_type: 'Bearer', expires_in: 3600, access_token: `graph-${who.slice(0, 4)}` });

    token(ALICE);
    const asked = await invoke(ALICE, 'Alice Helpdesk', tap!.data, 'remediate');
    expect(asked.status).toBe(200);
    expect(asked.body).toContain("needs a second person's approval");
    const posted = connector.cards().at(-1)!;
    const approve = cardButtons(posted.activity.attachments?.[0]?.content, 'approveRemediation').find((b) => b.data.approve === true)!;
    expect(approve).toBeDefined();

    token(BOB);
    const ninaId = String(JSON.stringify(diagnosis.card).match(/userId\/([0-9a-f-]{36})/)?.[1]);
    nock('https://graph.microsoft.com', { reqheaders: { authorization: `Bearer graph-${BOB.slice(0, 4)}` } })
      .get(`/v1.0/users/${ninaId}/authentication/temporaryAccessPassMethods`)
      .reply(200, { value: [] })
      .post(`/v1.0/users/${ninaId}/authentication/temporaryAccessPassMethods`)
      .reply(201, { id: 'tap-1', temporaryAccessPass: TAP_SECRET, lifetimeInMinutes: 60, isUsableOnce: true, isUsable: true }, { 'request-id': 'req-bot-tap' });
    const approved = await invoke(BOB, 'Bob Security', approve.data, 'approveRemediation', posted.id);
    expect(approved.status).toBe(200);
    // The approver's own card: the pass, once.
    expect(approved.body).toContain(TAP_SECRET);
    // Everyone's: the approval card replaced with the outcome, without the pass.
    const updated = connector.received.filter((r) => r.method === 'PUT' && r.id === posted.id);
    expect(updated).toHaveLength(1);
    expect(JSON.stringify(updated[0]!.activity)).toContain(
      'Issued Nina Patel a Temporary Access Pass, valid 60 minutes, usable once (Graph request id req-bot-tap)',
    );
    expect(JSON.stringify(connector.received)).not.toContain(TAP_SECRET);
    expect(logged.length).toBeGreaterThan(0);
    expect(logged.join('')).not.toContain(TAP_SECRET);
    expect(readFileSync(auditPath, 'utf8')).toContain('req-bot-tap');
    expect(readFileSync(auditPath, 'utf8')).not.toContain(TAP_SECRET);
    expect(nock.pendingMocks()).toEqual([]);
  });
});
