import { mkdtempSync, readFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nock from 'nock';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { answerAction, answerMessage, type AnswerContext, type Reply } from '../../src/routes/index.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { FileAuditTrail } from '../../src/trust/audit.ts';
import { FileItemStore } from '../../src/notify/items.ts';
import { RemediationRecords, recordKey } from '../../src/remediate/records.ts';
import { parseTwoPerson, DEFAULT_APPROVAL } from '../../src/remediate/two-person.ts';
import { delegatedGraph } from '../../src/remediate/graph.ts';
import { oboExchange } from '../../src/remediate/obo.ts';
import { PLAYGROUND_DRY_RUN, type RemedyContext } from '../../src/remediate/context.ts';
import { cardButtons } from '../helpers/card-buttons.ts';
import { cardWords, englishLeft } from '../helpers/card-labels.ts';
import type { Card } from '../../src/cards/render.ts';
import { folderContext } from '../helpers/answer-context.ts';

/**
 * Issue 21 for issue 22's remediation: pressed and approved in Spanish, every line and card the
 * press and the approval answer with is Spanish, Graph's request id and names as they are. The
 * set-up is remediate.test.ts's (nock for the token endpoint and Graph; nothing leaves the machine).
 */
const TENANT = '11111111-2222-3333-4444-555555555555';
const BOT_ID = 'aaaaaaaa-0000-0000-0000-000000000001';
const GRAPH = 'https://graph.microsoft.com';
const ALICE = { asker: 'Alice Helpdesk', askerId: 'a11ce000-0000-0000-0000-000000000001' };
const BOB = { asker: 'Bob Security', askerId: 'b0b00000-0000-0000-0000-000000000002' };
const TAP_SECRET = 'Xq7#TapSecret-9931';

let source: TenantFolderSource;
let dir: string;
let records: RemediationRecords;
let auditPath: string;
/** The delegated Graph token each person's on-behalf-of exchange returns. */
const graphTokenOf = (who: { askerId: string }) => `graph-token-of-${who.askerId.slice(0, 4)}`;

beforeAll(() => {
  source = openSource(undefined) as TenantFolderSource;
});

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'remedy-'));
  records = new RemediationRecords(new FileItemStore(join(dir, 'items')));
  auditPath = join(dir, 'audit.jsonl');
  nock.disableNetConnect();
});

afterEach(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});

/** The real on-behalf-of exchange (MSAL through @azure/identity) of this person's SSO token, answered by nock at the token endpoint. */
function oboFor(who: { askerId: string }) {
  return nock('https://login.microsoftonline.com')
    .post(`/${TENANT}/oauth2/v2.0/token`, (body: Record<string, string>) => {
      return (
        body.grant_type === 'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
        body.requested_token_use === 'on_behalf_of' &&
        body.assertion === `sso-token-of-${who.askerId}` &&
        body.client_id === BOT_ID &&
        /graph\.microsoft\.com\/\.default/.test(body.scope ?? '')
      );
    })
    .query(true)
    .reply(200, { token_type: 'Bearer', expires_in: 3600, ext_expires_in: 3600, access_token: graphTokenOf(who) });
}

function context(who: typeof ALICE, over: Partial<RemedyContext> = {}, approval = DEFAULT_APPROVAL): AnswerContext {
  const exchange = oboExchange({ tenantId: TENANT, clientId: BOT_ID, clientSecret: 'bot-secret' });
  return {
    ...folderContext(source, 'UTC'),
    access: { kind: 'full' },
    ...who,
    audit: new FileAuditTrail(auditPath),
    remedy: {
      records,
      approval: parseTwoPerson(approval),
      graph: (token) => delegatedGraph(token),
      getDelegatedToken: async () => ({ token: await exchange(`sso-token-of-${who.askerId}`) }),
      ...over,
    },
  };
}

/** The remediation buttons of the diagnosis a question gets. */
async function remediationsOf(question: string, ctx: AnswerContext) {
  const reply = await answerMessage(question, ctx);
  return { reply, buttons: cardButtons(reply.card, 'remediate') };
}

/** Graph's answer to "which directory roles does this person hold" (the two-person rule asks it for revoke and TAP by default). */
const rolesOf = (userId: string, roles: string[] = []) =>
  nock(GRAPH)
    .get(`/v1.0/users/${userId}/transitiveMemberOf/microsoft.graph.directoryRole`)
    .query({ $select: 'displayName,roleTemplateId' })
    .reply(200, {
      '@odata.context': `${GRAPH}/v1.0/$metadata#directoryRoles`,
      value: roles.map((displayName) => ({ displayName, roleTemplateId: '00000000-0000-0000-0000-000000000000' })),
    });

const press = (data: Record<string, unknown>, ctx: AnswerContext): Promise<Reply> => answerAction('remediate', data, ctx);
const text = (r: { card?: unknown; text: string }) => `${r.text}\n${JSON.stringify(r.card ?? {})}`;
const auditLines = (): Record<string, any>[] =>
  existsSync(auditPath)
    ? readFileSync(auditPath, 'utf8')
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l))
    : [];

/**
 * Megan's old iPhone replaying her previous password (a stale saved password): the sample's
 * newest failure of hers is another cause, so the card's "Diagnose the newest" of the other group.
 */
async function meganStale(ctx: AnswerContext) {
  const first = await answerMessage("why did megan's sign-in fail this week", ctx);
  const other = cardButtons(first.card, 'diagnose').find((b) => b.title === 'Diagnose the newest');
  expect(other, first.text).toBeDefined();
  const reply = await answerAction('diagnose', other!.data, ctx);
  expect(reply.text).toMatch(/^Wrong user name or password: Megan Bowen/);
  return { reply, buttons: cardButtons(reply.card, 'remediate') };
}

async function megan(ctx: AnswerContext) {
  const { reply, buttons } = await meganStale(ctx);
  expect(reply.card, reply.text).toBeDefined();
  const revoke = buttons.find((b) => b.data.remediation === 'revokeSessions');
  expect(revoke, JSON.stringify(buttons)).toBeDefined();
  const userId = String(JSON.stringify(reply.card).match(/UserProfileMenuBlade\/~\/overview\/userId\/([0-9a-f-]{36})/)?.[1] ?? '');
  return { revoke: revoke!, userId };
}

describe('a remediation pressed and approved in Spanish', () => {
  it('the request, the refusal to self-approve, the wait, the approval and its outcome: Spanish lines and cards', async () => {
    const alice = { ...context(ALICE, {}, 'revokeSessions'), locale: 'es' as const };
    const { revoke, userId } = await megan(context(ALICE, {}, 'revokeSessions'));
    oboFor(ALICE);
    const asked = await press(revoke.data, alice);
    expect(asked.text).toBe(
      'Esto necesita la aprobación de una segunda persona (regla de las dos personas): la solicitud se ha publicado en esta conversación y se ejecuta cuando otra persona la apruebe. Todavía no se ha cambiado nada.',
    );
    expect(cardWords(asked.everyone!.card)).toContain('Se necesita aprobación: Revocar las sesiones de inicio de sesión de Megan Bowen');
    const [approve] = cardButtons(asked.everyone!.card, 'approveRemediation').filter((b) => b.data.approve === true);

    const self = await answerAction('approveRemediation', approve!.data, alice);
    expect(self.text).toBe('Usted lo pidió, así que otra persona debe aprobarlo (regla de las dos personas). No se cambió nada.');
    expect((await press(revoke.data, alice)).text).toMatch(
      /^Ya está esperando aprobación: Alice Helpdesk lo pidió a las \d{4}-\d\d-\d\d \d\d:\d\d UTC\. No se envió nada más\.$/,
    );

    const bob = { ...context(BOB, {}, 'revokeSessions'), locale: 'es' as const };
    oboFor(BOB);
    nock(GRAPH, { reqheaders: { authorization: `Bearer ${graphTokenOf(BOB)}` } })
      .get(`/v1.0/users/${userId}`)
      .query(true)
      .reply(200, { id: userId, signInSessionsValidFromDateTime: null })
      .post(`/v1.0/users/${userId}/revokeSignInSessions`)
      .reply(200, { value: true }, { 'request-id': 'req-es' });
    const done = await answerAction('approveRemediation', approve!.data, bob);
    expect(done.text).toBe(
      'Se revocaron las sesiones de inicio de sesión de Megan Bowen (Id. de solicitud de Graph req-es): todas las aplicaciones le pedirán que vuelva a iniciar sesión (algunas en el plazo de una hora).',
    );
    expect(nock.pendingMocks()).toEqual([]);
    // The record keeps the English (the audit trail's), and the words as data.
    const rec = await records.read(String(approve!.data.approval));
    expect(rec?.sentence).toMatch(/^Revoked Megan Bowen's sign-in sessions \(Graph request id req-es\)/);
    expect(rec?.says).toEqual({ what: 'revokeSessions.done', values: { name: 'Megan Bowen', requestId: 'req-es' } });

    // The same answers in English, for the words no Spanish card may keep.
    const names = (s: string) => /Megan Bowen|Alice Helpdesk|Bob Security|req-es|^[0-9a-f-]{36}$/.test(s);
    const enView = await answerAction('approveRemediation', approve!.data, context(BOB, {}, 'revokeSessions'));
    const esView = await answerAction('approveRemediation', approve!.data, bob);
    expect(enView.text).toMatch(/^Already answered at .* \(asked by Alice Helpdesk, approved by Bob Security\): Revoked Megan Bowen's/);
    expect(esView.text).toMatch(/^Ya se respondió a las .* \(pedido por Alice Helpdesk, aprobado por Bob Security\): Se revocaron las sesiones/);
    expect(englishLeft(enView.card as Card, esView.card as Card, names)).toEqual([]);
  });

  it('declined in Spanish', async () => {
    const alice = context(ALICE, {}, 'revokeSessions');
    const { revoke } = await megan(alice);
    oboFor(ALICE);
    const asked = await press(revoke.data, { ...alice, locale: 'es' });
    const approval = String(cardButtons(asked.everyone!.card, 'approveRemediation')[0]!.data.approval);
    const declined = await answerAction('approveRemediation', { approval, approve: false }, { ...context(BOB, {}, 'revokeSessions'), locale: 'es' });
    expect(declined.text).toBe('Rechazado por Bob Security: no se cambió nada.');
    expect(cardWords(declined.card)).toContain('Revocar las sesiones de inicio de sesión de Megan Bowen: rechazado');
  });

  it("a dry run in the Playground says why in Spanish, the Playground's reason included", async () => {
    const ctx = { ...context(ALICE, { dryRun: PLAYGROUND_DRY_RUN }), locale: 'es' as const };
    const { revoke } = await megan(context(ALICE));
    const r = await press(revoke.data, ctx);
    expect(r.text).toMatch(/^Simulación: .*Megan Bowen.*Agents Playground no tiene inicio de sesión de Teams/);
    expect(r.text).not.toContain('has no Teams sign-in');
  });
});
