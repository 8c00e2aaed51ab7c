import nock from 'nock';
import { answerMessage } from '../src/routes/index.ts';
import { RequestBudget } from '../src/signins/graph/budget.ts';
import { REPORTS_LIMIT } from '../src/signins/graph/create.ts';
import { GraphClient } from '../src/signins/graph/graph-client.ts';
import { GraphSource } from '../src/signins/graph/graph-source.ts';
import { openFolder } from '../src/signins/tenant-folder/open.ts';
import { fakeCredential, serveTenant } from '../test/helpers/graph-fake.ts';

/**
 * Microsoft Graph requests per question, against the sample tenant served by nock in
 * Graph's documented shapes. The directory (policies, locations, apps, roles) is read once
 * at start, as the bot does; the counts are what each question costs after that.
 */
nock.disableNetConnect();
// The sample folder is what the fake Graph serves; the Graph source itself is built with a fake credential below.
const folder = openFolder(undefined);
serveTenant(folder);
const now = folder.asOf()!;

async function fresh() {
  const client = new GraphClient({ credential: fakeCredential, reportsBudget: new RequestBudget(REPORTS_LIMIT) });
  const source = new GraphSource(client);
  await Promise.all([source.listPolicies(), source.listNamedLocations(), source.listDirectoryRoles(), source.listServicePrincipals()]);
  const appNames = (await source.listServicePrincipals()).map((s) => s.displayName);
  return { client, source, appNames };
}

const count = (client: GraphClient, from: number) => {
  const s = client.sent.slice(from);
  return { all: s.length, reports: s.filter((r) => r.url.includes('/auditLogs/')).length };
};

const results: Record<string, unknown> = {};
for (const question of ['why did bob fail to sign in', 'why was megan locked out', 'what does 53003 mean']) {
  const g = await fresh();
  let from = g.client.sent.length;
  const first = await answerMessage(question, { source: g.source, now, timeZone: 'UTC', appNames: g.appNames });
  const cold = count(g.client, from);
  from = g.client.sent.length;
  await answerMessage(question, { source: g.source, now, timeZone: 'UTC', appNames: g.appNames });
  const warm = count(g.client, from);
  results[question] = { cold, warm, answer: first.text.slice(0, 70) };
}

// Twenty agents, twenty different people, all at once.
const g = await fresh();
const people = folder
  .allUsers()
  .filter((u) => u.userType === 'Member' && u.accountEnabled)
  .slice(0, 20);
const from = g.client.sent.length;
const t0 = Date.now();
const replies = await Promise.all(
  people.map((u) => answerMessage(`why did ${u.userPrincipalName} fail to sign in`, { source: g.source, now, timeZone: 'UTC', appNames: g.appNames })),
);
const seconds = (Date.now() - t0) / 1000;
const reportTimes = g.client.sent
  .slice(from)
  .filter((r) => r.url.includes('/auditLogs/'))
  .map((r) => r.at);
const maxIn10s = Math.max(...reportTimes.map((t) => reportTimes.filter((u) => u >= t && u < t + 10_000).length));
results.concurrent = {
  questions: people.length,
  answered: replies.filter((r) => r.card && !JSON.stringify(r.card).includes('could not read')).length,
  reportsRequests: reportTimes.length,
  maxReportsRequestsIn10s: maxIn10s,
  seconds,
};
console.log(JSON.stringify(results));
