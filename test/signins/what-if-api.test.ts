import nock from 'nock';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { answerMessage, type AnswerContext } from '../../src/routes/index.ts';
import { crossCheck, crossCheckWords, toWhatIfRequest } from '../../src/diagnosis/what-if-cross-check.ts';
import type { WhatIfResult } from '../../src/diagnosis/what-if.ts';
import { RequestBudget } from '../../src/signins/graph/budget.ts';
import { GraphClient } from '../../src/signins/graph/graph-client.ts';
import { GraphSource } from '../../src/signins/graph/graph-source.ts';
import type { WhatIfRequest } from '../../src/signins/source.ts';
import type { TenantFolderSource } from '../../src/signins/tenant-folder/folder-source.ts';
import { openSource } from '../../src/sources.ts';
import { GRAPH, fakeCredential, serveTenant } from '../helpers/graph-fake.ts';

/**
 * Microsoft's What If API (POST /v1.0/identity/conditionalAccess/evaluate) beside the local
 * evaluation: the request in the documented shape, the documented whatIfAnalysisResult
 * answer, and what the card says when the two agree, differ, or the call fails.
 */
let folder: TenantFolderSource;
beforeAll(() => {
  folder = openSource(undefined);
  nock.disableNetConnect();
});
afterEach(() => nock.cleanAll());

const EVALUATE = '/v1.0/identity/conditionalAccess/evaluate';
const ASK = 'what if bob signs in to Salesforce from an unmanaged iPhone';
const source = () =>
  new GraphSource(
    new GraphClient({ credential: fakeCredential, reportsBudget: new RequestBudget({ limit: 5, windowMs: 10_000 }), sleep: async () => {}, maxRetries: 1 }),
  );
const ctx = (s: GraphSource): AnswerContext => ({ source: s, now: folder.asOf()!, timeZone: 'UTC', appNames: folder.appNames() });

/** Microsoft's answer: every policy, with policyApplies and analysisReasons as the API serialises them. */
async function microsoftAnswer(applies: (displayName: string) => [boolean, string]) {
  const policies = (await folder.listPolicies())!;
  return {
    '@odata.context': `${GRAPH}/v1.0/$metadata#Collection(microsoft.graph.whatIfAnalysisResult)`,
    value: policies.map((p) => {
      const [yes, reasons] = applies(p.displayName);
      return { ...p, policyApplies: yes, analysisReasons: yes ? 'notSet' : reasons };
    }),
  };
}
const asLocal = (name: string): [boolean, string] =>
  /^CA0(04|08|11)/.test(name) ? [true, ''] : /^CA010/.test(name) ? [false, 'policyNotEnabled'] : [false, 'users,application'];

describe("Microsoft's What If API", () => {
  it('is sent the sign-in in the documented shape, and agreeing answers are said to agree', async () => {
    serveTenant(folder);
    let body: WhatIfRequest | undefined;
    nock(GRAPH)
      .post(EVALUATE, (b) => ((body = b as WhatIfRequest), true))
      .reply(200, await microsoftAnswer(asLocal));
    const bob = (await folder.getUser('bob.kelly@contoso.com'))!;
    const a = await answerMessage(ASK, ctx(source()));
    expect(body).toMatchObject({
      signInIdentity: { '@odata.type': '#microsoft.graph.userSignIn', userId: bob.id },
      signInContext: { '@odata.type': '#microsoft.graph.applicationContext' },
      signInConditions: { devicePlatform: 'iOS', clientAppType: 'mobileAppsAndDesktopClients', deviceInfo: { isCompliant: false } },
      appliedPoliciesOnly: false,
    });
    const salesforce = (await folder.listServicePrincipals()).find((s) => s.displayName === 'Salesforce')!;
    expect(body!.signInContext.includeApplications).toEqual([salesforce.appId]);
    const card = JSON.stringify(a.card);
    expect(card).toMatch(/What If API agrees on all 12 policies/);
    expect(card).toMatch(/checked with Microsoft’s What If API/);
  });

  it('a policy Microsoft judges differently is named, with its reasons, and Microsoft is called authoritative', async () => {
    serveTenant(folder);
    nock(GRAPH)
      .post(EVALUATE)
      .reply(200, await microsoftAnswer((n) => (/^CA004/.test(n) ? [false, 'devicePlatform,clientApps'] : asLocal(n))));
    const card = JSON.stringify((await answerMessage(ASK, ctx(source()))).card);
    expect(card).toMatch(
      /differs on 1 of 12: it says \\"CA004: Finance apps require a compliant device\\" does not apply \(device platform, client apps\)\. Its answer is the authoritative one/,
    );
  });

  it('when group membership cannot be read, the local answer says it cannot tell and Microsoft settles it', async () => {
    serveTenant(folder, { membershipForbidden: true });
    nock(GRAPH)
      .post(EVALUATE)
      .reply(200, await microsoftAnswer(asLocal));
    const card = JSON.stringify((await answerMessage(ASK, ctx(source()))).card);
    expect(card).toMatch(/CA004: Finance apps require a compliant device\*\* — may apply/);
    expect(card).toMatch(/Where this evaluation could not tell, Microsoft says [^.]*\\"CA004: Finance apps require a compliant device\\" applies/);
  });

  it('a 403 is explained (the permission to grant) and the local answer still stands', async () => {
    serveTenant(folder);
    nock(GRAPH)
      .post(EVALUATE)
      .reply(403, { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges to complete the operation.' } });
    const a = await answerMessage(ASK, ctx(source()));
    const card = JSON.stringify(a.card);
    expect(card).toMatch(/could not be asked: The bot cannot call Microsoft’s What If API: grant Policy.Read.ConditionalAccess/);
    expect(card).toMatch(/CA004: Finance apps require a compliant device/);
    expect(card).not.toMatch(/checked with Microsoft/);
  });

  it('garbage and a 503 that does not recover become sentences, not stack traces', async () => {
    serveTenant(folder);
    nock(GRAPH).post(EVALUATE).reply(200, { not: 'a list' });
    expect(JSON.stringify((await answerMessage(ASK, ctx(source()))).card)).toMatch(
      /could not be asked: Microsoft’s What If API answered with something that is not a list/,
    );
    nock(GRAPH)
      .post(EVALUATE)
      .times(2)
      .reply(503, { error: { code: 'ServiceUnavailable', message: 'try later' } }, { 'Retry-After': '1' });
    expect(JSON.stringify((await answerMessage(ASK, ctx(source()))).card)).toMatch(/could not be asked: Microsoft Graph had a problem of its own/);
  });

  it('maps only what the log knows, and a verdict we could not reach is settled by Microsoft', () => {
    const req = toWhatIfRequest({
      userId: 'u1',
      isGuest: false,
      appIds: ['app'],
      platform: 'android',
      clientAppType: 'browser',
      country: 'br',
      ip: '198.51.100.7',
      signInRisk: 'hidden',
      userRisk: 'high',
    });
    expect(req.signInConditions).toEqual({
      devicePlatform: 'android',
      clientAppType: 'browser',
      country: 'BR',
      ipAddress: '198.51.100.7',
      signInRiskLevel: 'hidden',
      userRiskLevel: 'high',
    });
    const local: WhatIfResult = {
      outcome: 'unknown',
      summary: '',
      policies: [
        { id: 'p1', displayName: 'Filter policy', state: 'enabled', applies: undefined, grants: ['block'], operator: null, unmet: [], conditions: [] },
        { id: 'p2', displayName: 'MFA', state: 'enabled', applies: true, grants: ['mfa'], operator: null, unmet: ['mfa'], conditions: [] },
        { id: 'p3', displayName: 'Gone', state: 'enabled', applies: false, grants: ['mfa'], operator: null, unmet: [], conditions: [] },
      ],
    };
    const c = crossCheck(local, [
      { id: 'p1', displayName: 'Filter policy', state: 'enabled', policyApplies: false, analysisReasons: ['devices'] },
      { id: 'p2', displayName: 'MFA', state: 'enabled', policyApplies: true, analysisReasons: ['notSet'] },
    ]);
    expect(c).toMatchObject({ compared: 2, agreed: 1, differences: [], missing: ['Gone'] });
    expect(crossCheckWords(c)).toBe(
      'Microsoft’s What If API agrees on the 1 policies judged here. Where this evaluation could not tell, Microsoft says "Filter policy" does not apply (device filter). Not in Microsoft’s answer: Gone.',
    );
  });
});
