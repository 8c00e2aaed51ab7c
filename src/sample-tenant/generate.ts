import { closeSync, mkdirSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { buildApps, buildPeople, DOMAIN, GLOBAL_ADMIN_ROLE, HELPDESK_ADMIN_ROLE, TENANT_ID, type Apps, type Person } from './directory.ts';
import { buildNamedLocations, buildPolicies } from './policies.ts';
import { Rng } from './rng.ts';
import { RowFactory } from './rows.ts';
import { stories, type Attempt } from './stories.ts';
import { buildAudits, CA004_EDITED } from './audits.ts';
import { mergeNewestFirst } from './shard-merge.ts';
import { trouble } from './trouble.ts';

/**
 * Writes a tenant folder (tenant-folder.md) for Contoso's week: directory files, the
 * story attempts of every scenario, and ordinary traffic around them. Same seed, same
 * bytes: nothing here reads the clock or iterates an unordered collection.
 */

export const SAMPLE_SEED = 20261120;
/** The instant the sample describes: Friday 20 November 2026, 17:00 in Redmond. */
export const SAMPLE_AS_OF = '2026-11-21T01:00:00Z';
const DAY0 = Date.parse('2026-11-14T00:00:00Z');
const GO_LIVE = '2026-11-16T06:00:00Z';
const DAY = 86_400_000;
/** Rough events per extra person per week, to size large tenants. */
const EVENTS_PER_PERSON_WEEK = 136;
const SAMPLE_EVENTS_ESTIMATE = 5600;
/** People per shard of a day: about 100,000 rows, some 600 MB of row objects at once. */
const SHARD_PEOPLE = 4000;

export interface GenerateOptions {
  out: string;
  seed?: number;
  /** Approximate number of sign-in events; more than the sample adds synthetic staff. */
  events?: number;
  /** Write expected-scenarios.json (attempt → intended scenario). */
  expected?: boolean;
  /** People per shard of a day (tests make it small to merge many shards). */
  shardPeople?: number;
}

export interface GenerateResult {
  events: number;
  /** Events with a non-zero error code: failures and interrupts. */
  failing: number;
  attempts: number;
  people: number;
  scenarios: Record<string, number>;
}

const MFA_ROLES = new Set([GLOBAL_ADMIN_ROLE, HELPDESK_ADMIN_ROLE]);

export function generateTenant(opts: GenerateOptions): GenerateResult {
  const seed = opts.seed ?? SAMPLE_SEED;
  const asOf = new Date(SAMPLE_AS_OF);
  const dir = Rng.derive(seed, 'directory');
  const extra = opts.events && opts.events > SAMPLE_EVENTS_ESTIMATE ? Math.round((opts.events - SAMPLE_EVENTS_ESTIMATE) / EVENTS_PER_PERSON_WEEK) : 0;
  const people = buildPeople(dir, asOf, extra);
  const apps = buildApps(dir);
  const groupNames = [...new Set(people.flatMap((p) => p.groups))].sort();
  const groups: Record<string, string> = {};
  for (const g of groupNames) groups[g] = dir.guid();
  const locations = buildNamedLocations(dir);
  const policies = buildPolicies(dir, apps, groups, locations, GO_LIVE);
  // CA004 was edited on Thursday afternoon (the audit log says by whom).
  const ca004 = policies.find((p) => String(p.json.displayName).startsWith('CA004'))!;
  ca004.json = { ...ca004.json, modifiedDateTime: CA004_EDITED };

  mkdirSync(opts.out, { recursive: true });
  writeDirectory(
    opts.out,
    people,
    apps,
    groups,
    locations,
    policies.map((p) => p.json),
    Rng.derive(seed, 'servicePrincipals'),
  );
  graphList(join(opts.out, 'directoryAudits.json'), 'auditLogs/directoryAudits', buildAudits(Rng.derive(seed, 'audits'), people, groups, policies, GO_LIVE));

  const byAlias = new Map(people.map((p) => [p.logUpn.split('@')[0]!, p]));
  const who = (alias: string) => {
    const p = byAlias.get(alias);
    if (!p) throw new Error(`the sample story names ${alias}, who is not in the directory`);
    return p;
  };
  const storyRng = Rng.derive(seed, 'stories');
  const storyAttempts = stories({ rng: storyRng, rows: new RowFactory(storyRng, policies, apps), apps, who, people, day0: DAY0 });

  const expected: Record<string, { scenario: string; story: string }> = {};
  const scenarios: Record<string, number> = {};
  const note = (a: Attempt) => {
    const id = a.rows[0]!.correlationId as string;
    if (opts.expected !== false) expected[id] = { scenario: a.scenario, story: a.story };
    scenarios[a.scenario] = (scenarios[a.scenario] ?? 0) + 1;
  };

  const out = join(opts.out, 'signIns.ndjson');
  const fd = openSync(out, 'w');
  let events = 0;
  let failing = 0;
  let attempts = 0;
  // A large tenant's day does not fit in memory at once: people are taken a shard at a time,
  // each shard's rows sorted and spilled to a file, and the shards merged (shard-merge.ts).
  // The sample tenant is one shard with the rng it always had, so its bytes do not change.
  const shards: Person[][] = [];
  const per = opts.shardPeople ?? SHARD_PEOPLE;
  for (let i = 0; i < people.length; i += per) shards.push(people.slice(i, i + per));
  try {
    // Newest day first, so the file is newest first like a Graph response.
    for (let d = 6; d >= 0; d--) {
      const dayStart = DAY0 + d * DAY;
      const spills: string[] = [];
      for (const [k, shard] of shards.entries()) {
        const rng = shards.length === 1 ? Rng.derive(seed, 'background', d) : Rng.derive(seed, 'background', d, k);
        const factory = new RowFactory(rng, policies, apps);
        const dayAttempts = background(rng, factory, apps, shard, d, dayStart);
        const staff = shard.filter((p) => p.logUpn.startsWith('staff'));
        if (staff.length) {
          const tr = Rng.derive(seed, 'trouble', d, k);
          dayAttempts.push(
            ...trouble({ rng: tr, rows: new RowFactory(tr, policies, apps), apps, dayStart, weekend: d < 2, goLive: Date.parse(GO_LIVE) }, staff),
          );
        }
        if (k === 0)
          for (const a of storyAttempts) {
            const t = Date.parse(a.rows[0]!.createdDateTime as string);
            if (t >= dayStart && t < dayStart + DAY) dayAttempts.push(a);
          }
        const rows: Record<string, unknown>[] = [];
        for (const a of dayAttempts) {
          note(a);
          attempts++;
          rows.push(...a.rows);
        }
        rows.sort((a, b) => cmp(b.createdDateTime as string, a.createdDateTime as string) || cmp(b.id as string, a.id as string));
        for (const r of rows) if (r.status && (r.status as { errorCode: number }).errorCode !== 0) failing++;
        events += rows.length;
        if (shards.length === 1) writeRows(fd, rows);
        else {
          const spill = `${out}.shard-${k}`;
          const sfd = openSync(spill, 'w');
          try {
            writeRows(sfd, rows);
          } finally {
            closeSync(sfd);
          }
          spills.push(spill);
        }
      }
      if (spills.length) mergeNewestFirst(spills, fd);
    }
  } finally {
    closeSync(fd);
  }
  if (opts.expected !== false) writeJson(join(opts.out, 'expected-scenarios.json'), sortKeys(expected));
  writeJson(join(opts.out, 'tenant.json'), {
    tenantId: TENANT_ID,
    displayName: 'Contoso (sample tenant)',
    asOf: SAMPLE_AS_OF,
    generator: { seed, events, note: 'Generated by scripts/generate-tenant.ts; regenerate instead of editing by hand.' },
  });
  return { events, failing, attempts, people: people.length, scenarios: sortKeys(scenarios) };
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function writeRows(fd: number, rows: Record<string, unknown>[]): void {
  let chunk = '';
  for (const r of rows) {
    chunk += JSON.stringify(r) + '\n';
    if (chunk.length > 4_000_000) {
      writeSync(fd, chunk);
      chunk = '';
    }
  }
  writeSync(fd, chunk);
}

function sortKeys<T>(o: Record<string, T>): Record<string, T> {
  return Object.fromEntries(Object.entries(o).sort(([a], [b]) => cmp(a, b)));
}

function writeJson(path: string, value: unknown): void {
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
}

function graphList(path: string, context: string, value: unknown[]): void {
  writeJson(path, { '@odata.context': `https://graph.microsoft.com/v1.0/$metadata#${context}`, value });
}

function writeDirectory(
  out: string,
  people: Person[],
  apps: Apps,
  groups: Record<string, string>,
  locations: ReturnType<typeof buildNamedLocations>,
  policies: Record<string, unknown>[],
  spRng: Rng,
): void {
  graphList(
    join(out, 'users.json'),
    'users',
    people.map((p) => ({
      id: p.id,
      displayName: p.displayName,
      userPrincipalName: p.userPrincipalName,
      mail: p.mail,
      givenName: p.givenName,
      surname: p.surname,
      accountEnabled: p.accountEnabled,
      userType: p.userType,
      lastPasswordChangeDateTime: p.lastPasswordChangeDateTime,
      onPremisesSyncEnabled: p.onPremisesSyncEnabled ? true : null,
    })),
  );
  graphList(
    join(out, 'groups.json'),
    'groups(members(id))',
    Object.entries(groups).map(([name, id]) => ({
      id,
      displayName: name,
      members: people.filter((p) => p.groups.includes(name)).map((p) => ({ '@odata.type': '#microsoft.graph.user', id: p.id })),
    })),
  );
  const roles = [...MFA_ROLES].map((templateId) => ({
    id: templateId,
    roleTemplateId: templateId,
    displayName: templateId === GLOBAL_ADMIN_ROLE ? 'Global Administrator' : 'Helpdesk Administrator',
    members: people.filter((p) => p.roles.includes(templateId)).map((p) => ({ '@odata.type': '#microsoft.graph.user', id: p.id })),
  }));
  graphList(join(out, 'directoryRoles.json'), 'directoryRoles(members(id))', roles);
  graphList(join(out, 'conditionalAccessPolicies.json'), 'identity/conditionalAccess/policies', policies);
  graphList(join(out, 'namedLocations.json'), 'identity/conditionalAccess/namedLocations', Object.values(locations));
  graphList(
    join(out, 'servicePrincipals.json'),
    'servicePrincipals(id,appId,displayName)',
    Object.values(apps).map((a) => ({
      id: spRng.guid(),
      appId: a.id,
      displayName: a.name,
      appOwnerOrganizationId: a.name === 'Salesforce' || a.name === 'Contoso Expenses' ? TENANT_ID : 'f8cdef31-a31e-4b4a-93e4-5f571e91255a',
    })),
  );
  graphList(
    join(out, 'userRegistrationDetails.json'),
    'reports/authenticationMethods/userRegistrationDetails',
    people
      .filter((p) => p.userType === 'Member')
      .map((p) => ({
        id: p.id,
        userPrincipalName: p.userPrincipalName,
        userDisplayName: p.displayName,
        isAdmin: p.roles.length > 0,
        isMfaRegistered: p.mfaRegistered,
        isMfaCapable: p.mfaRegistered,
        isSsprRegistered: p.mfaRegistered,
        isPasswordlessCapable: false,
        methodsRegistered: p.mfaRegistered ? ['microsoftAuthenticatorPush', 'mobilePhone'] : [],
        defaultMfaMethod: p.mfaRegistered ? 'microsoftAuthenticatorPush' : 'none',
      })),
  );
  void DOMAIN;
}

/** Ordinary traffic of one day: every attempt succeeds. */
function background(rng: Rng, rows: RowFactory, apps: Apps, people: Person[], d: number, dayStart: number): Attempt[] {
  const out: Attempt[] = [];
  const weekend = d < 2;
  const goLive = Date.parse(GO_LIVE);
  for (const p of people) {
    if (!p.accountEnabled || p.groups.includes('Service Accounts') || p.groups.includes('CA Exclusion - Break Glass')) continue;
    if (p.logUpn.startsWith('omar.')) continue; // stuck at MFA registration all week (see stories)
    const guest = p.userType === 'Guest';
    if (weekend ? !rng.chance(0.12) : guest && !rng.chance(0.5)) continue;
    const startHour = p.home.country === 'DE' ? 7 : 16; // 08:00 local
    const t = (minutesIntoDay: number) => new Date(dayStart + startHour * 3_600_000 + minutesIntoDay * 60_000);
    const trusted = p.home.ip.startsWith('203.0.113.') || p.home.ip.startsWith('198.51.100.');
    const needsMfa = !trusted || p.groups.includes('Contractors') || p.roles.some((r) => MFA_ROLES.has(r));
    const beforeGoLive = (at: Date) => at.getTime() < goLive;
    const requirement = (at: Date) =>
      needsMfa
        ? [
            {
              provider: beforeGoLive(at) ? 'securityDefaults' : 'multiConditionalAccess',
              detail: beforeGoLive(at) ? 'Security Defaults' : 'Conditional Access',
            },
          ]
        : [];
    const push = (scenario: string, story: string, specs: Parameters<RowFactory['row']>[0][]) =>
      out.push({ scenario, story, rows: specs.map((s) => rows.row(s)) });

    // The first interactive sign-in of the day, with MFA where a policy asks for it.
    const first = t(rng.int(0, 50));
    const corr = rng.guid();
    const app = guest ? apps.sharepoint : rng.pick([apps.office, apps.teams, apps.outlookWeb]);
    const client = app === apps.teams ? ('Mobile Apps and Desktop clients' as const) : ('Browser' as const);
    if (needsMfa) {
      const interrupt = rows.row({
        person: p,
        app,
        at: first,
        code: 50074,
        correlationId: corr,
        clientApp: client,
        steps: ['password'],
        requirement: requirement(first),
        beforeGoLive: beforeGoLive(first),
        mfaDone: false,
      });
      const doneAt = new Date(first.getTime() + rng.int(15, 70) * 1000);
      const done = rows.row({
        person: p,
        app,
        at: doneAt,
        code: 0,
        correlationId: corr,
        originalRequestId: interrupt.id as string,
        clientApp: client,
        steps: ['password', 'mfa'],
        requirement: requirement(first),
        beforeGoLive: beforeGoLive(first),
      });
      out.push({ scenario: 'success', story: 'ordinary day: sign-in with MFA', rows: [interrupt, done] });
    } else if (app === apps.teams) {
      // Teams desktop: the interactive sign-in and the silent token for the Teams service share one correlationId.
      const r1 = rows.row({
        person: p,
        app,
        at: first,
        code: 0,
        correlationId: corr,
        clientApp: client,
        steps: ['password'],
        beforeGoLive: beforeGoLive(first),
      });
      const r2 = rows.row({
        person: p,
        app,
        resource: apps.teamsService,
        at: new Date(first.getTime() + 2000),
        code: 0,
        correlationId: corr,
        originalRequestId: r1.id as string,
        interactive: false,
        clientApp: client,
        beforeGoLive: beforeGoLive(first),
        mfaDone: true,
      });
      out.push({ scenario: 'success', story: 'ordinary day: Teams desktop sign-in', rows: [r1, r2] });
    } else {
      const kmsi = rows.row({
        person: p,
        app,
        at: first,
        code: 50140,
        correlationId: corr,
        clientApp: client,
        steps: ['password'],
        beforeGoLive: beforeGoLive(first),
      });
      const done = rows.row({
        person: p,
        app,
        at: new Date(first.getTime() + rng.int(3, 20) * 1000),
        code: 0,
        correlationId: corr,
        originalRequestId: kmsi.id as string,
        clientApp: client,
        steps: ['password'],
        beforeGoLive: beforeGoLive(first),
      });
      out.push({ scenario: 'success', story: "ordinary day: sign-in after the 'Stay signed in?' prompt", rows: [kmsi, done] });
    }
    // Apps opened later in the day, single sign-on from the session.
    const opens = guest ? 0 : rng.int(1, 3);
    for (let k = 0; k < opens; k++) {
      const at = t(rng.int(60, 520));
      const finance = p.groups.includes('Finance');
      const choices = [apps.sharepoint, apps.outlookWeb, apps.azurePortal, ...(finance && !p.device.compliant ? [] : [apps.salesforce])];
      const target = rng.pick(choices);
      push('success', 'ordinary day: app opened with single sign-on', [
        {
          person: p,
          app: target,
          resource: target === apps.azurePortal ? apps.azureManagement : target,
          at,
          code: 0,
          correlationId: rng.guid(),
          steps: ['token'],
          mfaDone: true,
          requirement: needsMfa ? requirement(at) : [],
          multiFactor: needsMfa,
          beforeGoLive: beforeGoLive(at),
        },
      ]);
    }
    // Silent token refreshes from Teams, Outlook and OneDrive through the day.
    const refreshes = guest ? rng.int(1, 3) : rng.int(18, 26);
    for (let k = 0; k < refreshes; k++) {
      const at = t(rng.int(5, 540));
      const [app2, res] = rng.pick([
        [apps.teams, apps.teamsService],
        [apps.msOffice, apps.outlookWeb],
        [apps.msOffice, apps.sharepoint],
        [apps.teams, apps.graph],
      ] as const);
      push('success', 'ordinary day: silent token refresh', [
        {
          person: p,
          app: app2,
          resource: res,
          at,
          code: 0,
          correlationId: rng.guid(),
          interactive: false,
          clientApp: 'Mobile Apps and Desktop clients',
          mfaDone: true,
          multiFactor: needsMfa,
          beforeGoLive: beforeGoLive(at),
        },
      ]);
    }
  }
  return out;
}
