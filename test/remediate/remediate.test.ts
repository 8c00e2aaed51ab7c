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
 * Issue 22: remediation from the diagnosis card with the presser's own delegated token, on the
 * bundled sample tenant, against Microsoft Graph's and the identity platform's documented
 * shapes through nock (no request leaves the machine: any unexpected one fails the test).
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

/** Graph, called with this person's delegated token: the state read first (sessions valid from never), then the revoke, answered with `requestId`. */
const revokesWith = (who: { askerId: string }, userId: string, requestId: string) =>
  nock(GRAPH, { reqheaders: { authorization: `Bearer ${graphTokenOf(who)}` } })
    .get(`/v1.0/users/${userId}`)
    .query(true)
    .reply(200, { id: userId, signInSessionsValidFromDateTime: null })
    .post(`/v1.0/users/${userId}/revokeSignInSessions`)
    .reply(200, { value: true }, { 'request-id': requestId });
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

describe('remediation buttons on the sample tenant', () => {
  it("a stale saved password offers to revoke the person's sessions, naming them; MFA registration offers a TAP; a likely compromise offers confirm + revoke", async () => {
    const ctx = context(ALICE);
    const m = await meganStale(ctx);
    // The line beside each button names what and whom; the button is short enough for a 320 px card.
    expect(m.buttons.map((b) => b.title)).toEqual(['Revoke sessions']);
    expect(JSON.stringify(m.reply.card)).toContain("Revoke Megan Bowen's sign-in sessions, with your own rights.");
    const n = await remediationsOf("why did nina's sign-in fail this week", ctx);
    expect(n.buttons.map((b) => b.title)).toEqual(['Issue a pass']);
    expect(JSON.stringify(n.reply.card)).toContain('Issue Nina Patel a Temporary Access Pass, with your own rights.');
    const l = await remediationsOf("why did lynne's sign-in fail this week", ctx);
    expect(l.buttons.map((b) => b.data.remediation)).toEqual(['confirmCompromised', 'revokeSessions']);
    // The hand-off is a link to the admin center, not a call.
    expect(JSON.stringify(l.reply.card)).toContain("Reset Lynne Robbins's password: in the admin center.");
  });

  it('local mode is a dry run: says exactly what would be called and why nothing was, and sends nothing', async () => {
    const ctx = context(ALICE, { dryRun: 'the Agents Playground has no Teams sign-in, so there is no delegated token of yours to act with' });
    const { revoke, userId } = await megan(ctx);
    const reply = await press(revoke.data, ctx);
    expect(reply.text).toBe(
      `Dry run: would revoke sign-in sessions for Megan Bowen (POST /users/${userId}/revokeSignInSessions). Nothing was changed: the Agents Playground has no Teams sign-in, so there is no delegated token of yours to act with.`,
    );
    expect(nock.pendingMocks()).toEqual([]);
    expect(auditLines().filter((l) => l.remediation)).toEqual([]);
  });
});

describe('with the presser’s delegated token (on-behalf-of)', () => {
  it('reads the state first, then revokes with the token Entra gave on the presser’s behalf; the audit names who, whom, what and Graph’s request id', async () => {
    const ctx = context(ALICE);
    const { revoke, userId } = await megan(ctx);
    const obo = oboFor(ALICE);
    rolesOf(userId);
    const bearer = { reqheaders: { authorization: `Bearer ${graphTokenOf(ALICE)}` } };
    const graph = nock(GRAPH, bearer)
      .get(`/v1.0/users/${userId}`)
      .query({ $select: 'id,signInSessionsValidFromDateTime' })
      .reply(200, { id: userId, signInSessionsValidFromDateTime: '2026-01-05T08:00:00Z' })
      .post(`/v1.0/users/${userId}/revokeSignInSessions`)
      .reply(200, { '@odata.context': `${GRAPH}/v1.0/$metadata#Edm.Boolean`, value: true }, { 'request-id': 'req-revoke-1' });
    const reply = await press(revoke.data, ctx);
    expect(reply.text).toMatch(/^Revoked Megan Bowen's sign-in sessions \(Graph request id req-revoke-1\)/);
    expect(JSON.stringify(reply.card)).toContain('Revoked Megan Bowen');
    expect(obo.isDone() && graph.isDone()).toBe(true);
    const line = auditLines().find((l) => l.action === 'remediate:revokeSessions');
    expect(line).toMatchObject({
      askerId: ALICE.askerId,
      subject: userId,
      remediation: { what: 'revokeSessions', whom: userId, whomName: 'Megan Bowen', state: 'done', requestedBy: ALICE.asker, requestId: 'req-revoke-1' },
    });
  });

  it('sessions already revoked after the attempt: nothing is sent', async () => {
    const ctx = context(ALICE);
    const { revoke, userId } = await megan(ctx);
    oboFor(ALICE);
    rolesOf(userId);
    nock(GRAPH).get(`/v1.0/users/${userId}`).query(true).reply(200, { id: userId, signInSessionsValidFromDateTime: '2026-11-21T00:30:00Z' });
    const reply = await press(revoke.data, ctx);
    expect(reply.text).toBe("Megan Bowen's sign-in sessions were already revoked at 2026-11-21T00:30:00Z, after this attempt: nothing was sent.");
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('refused by Entra (403): says so with Graph’s reason and request id, and records it as refused', async () => {
    const ctx = context(ALICE);
    const { revoke, userId } = await megan(ctx);
    oboFor(ALICE);
    rolesOf(userId);
    nock(GRAPH)
      .get(`/v1.0/users/${userId}`)
      .query(true)
      .reply(200, { id: userId, signInSessionsValidFromDateTime: null })
      .post(`/v1.0/users/${userId}/revokeSignInSessions`)
      .reply(
        403,
        {
          error: {
            code: 'Authorization_RequestDenied',
            message: 'Insufficient privileges to complete the operation.',
            innerError: { date: '2026-11-21T01:00:00', 'request-id': 'req-403', 'client-request-id': 'req-403' },
          },
        },
        { 'request-id': 'req-403' },
      );
    const reply = await press(revoke.data, ctx);
    expect(reply.text).toBe(
      "Entra refused to revoke Megan Bowen's sign-in sessions with your rights: Insufficient privileges to complete the operation. (Authorization_RequestDenied) (Graph request id req-403). Ask someone with the role it needs (see docs/security.md).",
    );
    expect(auditLines().find((l) => l.action === 'remediate:revokeSessions')).toMatchObject({
      outcome: 'refused',
      remediation: { state: 'refused', requestId: 'req-403' },
    });
  });

  it('a double press makes one call: the second, at the same time or later, is told it is already answered', async () => {
    const ctx = context(ALICE);
    const { revoke, userId } = await megan(ctx);
    oboFor(ALICE);
    rolesOf(userId);
    let posts = 0;
    nock(GRAPH)
      .get(`/v1.0/users/${userId}`)
      .query(true)
      .reply(200, { id: userId, signInSessionsValidFromDateTime: null })
      .post(`/v1.0/users/${userId}/revokeSignInSessions`)
      .reply(() => {
        posts++;
        return [200, { value: true }, { 'request-id': 'req-once' }];
      });
    const [a, b] = await Promise.all([press(revoke.data, ctx), press(revoke.data, ctx)]);
    const later = await press(revoke.data, ctx);
    expect(posts).toBe(1);
    const texts = [a.text, b.text].sort();
    expect(texts[0]).toMatch(/^Already answered at .* \(by Alice Helpdesk\): Revoked Megan Bowen's sign-in sessions/);
    expect(texts[1]).toMatch(/^Revoked Megan Bowen's sign-in sessions/);
    expect(later.text).toMatch(/^Already answered at .*Nothing more was sent\.$/);
  });

  it('no delegated token: explains how to sign in, changes nothing', async () => {
    const ctx = context(ALICE, { getDelegatedToken: async () => ({ missing: 'I have no sign-in of yours to act with.' }) });
    const { revoke } = await megan(ctx);
    const reply = await press(revoke.data, ctx);
    expect(reply.text).toBe('I have no sign-in of yours to act with.');
    expect(await records.read(recordKey(String(revoke.data.correlationId), 'revokeSessions'))).toBeUndefined();
  });

  it('a forged button for a remediation the diagnosis does not offer does nothing', async () => {
    const ctx = context(ALICE);
    const { revoke } = await megan(ctx);
    const reply = await press({ ...revoke.data, remediation: 'confirmCompromised' }, ctx);
    expect(reply.text).toMatch(/^That action is not offered for this attempt/);
  });
});

describe('the two-person rule', () => {
  it('a sensitive action posts an approval card; the asker cannot approve it; a second person does, and it runs with their token', async () => {
    // Revoking always needs approval in this configuration.
    const alice = context(ALICE, {}, 'revokeSessions');
    const { revoke, userId } = await megan(alice);
    oboFor(ALICE);
    const asked = await press(revoke.data, alice);
    expect(asked.text).toMatch(/needs a second person's approval/);
    expect(asked.everyone?.how).toBe('post');
    const [approve] = cardButtons(asked.everyone!.card, 'approveRemediation').filter((b) => b.data.approve === true);
    expect(approve!.data).toEqual({ approval: recordKey(String(revoke.data.correlationId), 'revokeSessions'), approve: true });
    expect(JSON.stringify(asked.everyone!.card)).toContain("Approval needed: Revoke Megan Bowen's sign-in sessions");

    // The asker again: refused, nothing sent.
    const self = await answerAction('approveRemediation', approve!.data, alice);
    expect(self.text).toBe('You asked for this, so someone else must approve it (two-person rule). Nothing was changed.');

    // Pressing the remediation again while it waits: no second request.
    expect((await press(revoke.data, alice)).text).toMatch(/^Already waiting for approval: Alice Helpdesk asked at/);

    const bob = context(BOB, {}, 'revokeSessions');
    oboFor(BOB);
    revokesWith(BOB, userId, 'req-approved');
    const done = await answerAction('approveRemediation', approve!.data, bob);
    expect(done.text).toMatch(/^Revoked Megan Bowen's sign-in sessions \(Graph request id req-approved\)/);
    expect(done.everyone?.how).toBe('update');
    expect(cardButtons(done.everyone!.card, 'approveRemediation')).toEqual([]);
    expect(JSON.stringify(done.everyone!.card)).toContain('Bob Security');
    expect(nock.pendingMocks()).toEqual([]);
    expect(auditLines().find((l) => l.remediation?.state === 'done')).toMatchObject({
      askerId: BOB.askerId,
      remediation: { requestedBy: 'Alice Helpdesk', approvedBy: 'Bob Security', requestId: 'req-approved' },
    });

    // A second approval press: already answered, no call.
    expect((await answerAction('approveRemediation', approve!.data, bob)).text).toMatch(/^Already answered at/);
  });

  it('the pending approval survives a restart (a new store over the same folder), and a declined one changes nothing', async () => {
    const alice = context(ALICE, {}, 'revokeSessions');
    const { revoke } = await megan(alice);
    oboFor(ALICE);
    const asked = await press(revoke.data, alice);
    const approval = String(cardButtons(asked.everyone!.card, 'approveRemediation')[0]!.data.approval);
    records = new RemediationRecords(new FileItemStore(join(dir, 'items')));
    const declined = await answerAction('approveRemediation', { approval, approve: false }, context(BOB, {}, 'revokeSessions'));
    expect(declined.text).toBe('Declined by Bob Security: nothing was changed.');
    expect(nock.pendingMocks()).toEqual([]);
  });

  it('by default, revoking sessions asks for approval only for someone holding a directory role', async () => {
    const alice = context(ALICE);
    const { revoke, userId } = await megan(alice);
    oboFor(ALICE);
    rolesOf(userId, ['Exchange Administrator']);
    const asked = await press(revoke.data, alice);
    expect(asked.text).toMatch(/needs a second person's approval/);
    expect(nock.pendingMocks()).toEqual([]);
  });
});

describe('a Temporary Access Pass', () => {
  it('is shown once, to the presser only: never in the card for everyone, the audit file, or the records', async () => {
    // A TAP for anyone needs approval in this configuration, so the pass is made on the approver's press.
    const alice = context(ALICE, {}, 'issueTap');
    const { buttons } = await remediationsOf("why did nina's sign-in fail this week", alice);
    const tap = buttons[0]!;
    oboFor(ALICE);
    const asked = await press(tap.data, alice);
    const approval = cardButtons(asked.everyone!.card, 'approveRemediation')[0]!.data.approval;
    const bob = context(BOB, {}, 'issueTap');
    oboFor(BOB);
    const ninaId = (await records.read(String(approval)))!.targetId;
    nock(GRAPH)
      .get(`/v1.0/users/${ninaId}/authentication/temporaryAccessPassMethods`)
      .reply(200, { value: [{ id: 'old', isUsable: false, methodUsabilityReason: 'Expired' }] })
      .post(`/v1.0/users/${ninaId}/authentication/temporaryAccessPassMethods`, {})
      .reply(
        201,
        {
          '@odata.type': '#microsoft.graph.temporaryAccessPassAuthenticationMethod',
          id: '6f1c4e43-6a6e-4b2e-9c3a-2f0d5b3c1a11',
          temporaryAccessPass: TAP_SECRET,
          createdDateTime: '2026-11-21T01:00:00Z',
          startDateTime: '2026-11-21T01:00:00Z',
          lifetimeInMinutes: 60,
          isUsableOnce: false,
          isUsable: true,
          methodUsabilityReason: 'EnabledByPolicy',
        },
        { 'request-id': 'req-tap' },
      );
    const done = await answerAction('approveRemediation', { approval, approve: true }, bob);
    expect(JSON.stringify(done.card)).toContain(TAP_SECRET);
    expect(done.text).not.toContain(TAP_SECRET);
    expect(JSON.stringify(done.everyone)).not.toContain(TAP_SECRET);
    expect(JSON.stringify(done.everyone)).toContain('Issued Nina Patel a Temporary Access Pass, valid 60 minutes (Graph request id req-tap)');
    expect(readFileSync(auditPath, 'utf8')).not.toContain(TAP_SECRET);
    expect(readFileSync(auditPath, 'utf8')).toContain('req-tap');
    expect(JSON.stringify(await records.read(String(approval)))).not.toContain(TAP_SECRET);
  });

  it('a usable pass already there: no new one (it would delete the one the user may be typing)', async () => {
    const alice = context(ALICE, {}, '');
    const { buttons } = await remediationsOf("why did nina's sign-in fail this week", alice);
    oboFor(ALICE);
    nock(GRAPH)
      .get(/temporaryAccessPassMethods$/)
      .reply(200, { value: [{ id: 'x', isUsable: true, createdDateTime: '2026-11-21T00:50:00Z' }] });
    const reply = await press(buttons[0]!.data, alice);
    expect(reply.text).toBe(
      'Nina Patel already has a usable Temporary Access Pass (created 2026-11-21T00:50:00Z): no new one was issued. Its value is shown only once, when it is made.',
    );
    expect(nock.pendingMocks()).toEqual([]);
  });
});

/**
 * Issue 21 for issue 22's remediation: pressed and approved in Spanish, every line and card the
 * press and the approval answer with is Spanish, Graph's request id and names as they are.
 */
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
    revokesWith(BOB, userId, 'req-es');
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
