import type { Person } from './directory.ts';
import type { SamplePolicy } from './policies.ts';
import type { Rng } from './rng.ts';

/**
 * Contoso's directory audit log for the week (Graph directoryAudit shape): the changes the
 * "what changed" finding reads. Security defaults go off and the CA policies arrive at the
 * go-live; Patti joins Executives just before CA009 stops her iPhone; Bob joins Finance and
 * CA004 is edited just before his Salesforce failures; Megan changes her password.
 */

export const CA004_EDITED = '2026-11-19T16:58:00Z';

export function buildAudits(rng: Rng, people: Person[], groups: Record<string, string>, policies: SamplePolicy[], goLive: string) {
  const by = (alias: string) => {
    const p = people.find((x) => x.logUpn.startsWith(`${alias}@`))!;
    return { user: { id: p.id, displayName: p.displayName, userPrincipalName: p.userPrincipalName, ipAddress: '203.0.113.21' }, app: null };
  };
  const userTarget = (alias: string) => {
    const p = people.find((x) => x.logUpn.startsWith(`${alias}@`))!;
    return { id: p.id, displayName: p.displayName, type: 'User', userPrincipalName: p.userPrincipalName, modifiedProperties: [] };
  };
  const groupTarget = (name: string) => ({ id: groups[name]!, displayName: name, type: 'Group', modifiedProperties: [] });
  const entry = (
    at: string,
    category: string,
    service: string,
    activity: string,
    initiatedBy: unknown,
    targetResources: unknown[],
    operationType = 'Update',
  ) => ({
    id: `Directory_${rng.guid()}`,
    category,
    correlationId: rng.guid(),
    result: 'success',
    resultReason: '',
    activityDisplayName: activity,
    activityDateTime: at,
    loggedByService: service,
    operationType,
    initiatedBy,
    targetResources,
    additionalDetails: [],
  });
  const minus = (iso: string, min: number) => new Date(Date.parse(iso) - min * 60_000).toISOString().replace('.000Z', 'Z');
  const out: ReturnType<typeof entry>[] = [];
  out.push(
    entry(minus(goLive, 8), 'Policy', 'Core Directory', 'Update policy', by('nestor.wilke'), [
      {
        id: 'securityDefaults',
        displayName: 'Security Defaults Policy',
        type: 'Policy',
        modifiedProperties: [{ displayName: 'IsEnabled', oldValue: '[true]', newValue: '[false]' }],
      },
    ]),
  );
  policies.forEach((p, i) => {
    out.push(
      entry(
        minus(goLive, 6 - i * 0.25),
        'Policy',
        'Conditional Access',
        'Add conditional access policy',
        by('nestor.wilke'),
        [{ id: p.json.id, displayName: p.json.displayName, type: 'Policy', modifiedProperties: [] }],
        'Add',
      ),
    );
  });
  const megan = people.find((x) => x.logUpn.startsWith('megan.bowen@'))!;
  out.push(
    entry(megan.lastPasswordChangeDateTime, 'UserManagement', 'Self-service Password Management', 'Change user password', by('megan.bowen'), [
      userTarget('megan.bowen'),
    ]),
  );
  out.push(
    entry(
      '2026-11-18T16:50:00Z',
      'GroupManagement',
      'Core Directory',
      'Add member to group',
      by('miriam.graham'),
      [userTarget('patti.fernandez'), groupTarget('Executives')],
      'Assign',
    ),
  );
  out.push(
    entry(
      '2026-11-19T16:45:00Z',
      'GroupManagement',
      'Core Directory',
      'Add member to group',
      by('miriam.graham'),
      [userTarget('bob.kelly'), groupTarget('Finance')],
      'Assign',
    ),
  );
  const ca004 = policies.find((p) => String(p.json.displayName).startsWith('CA004'))!;
  out.push(
    entry(CA004_EDITED, 'Policy', 'Conditional Access', 'Update conditional access policy', by('nestor.wilke'), [
      { id: ca004.json.id, displayName: ca004.json.displayName, type: 'Policy', modifiedProperties: [] },
    ]),
  );
  out.push(
    entry('2026-11-17T22:30:00Z', 'UserManagement', 'Authentication Methods', 'Admin updated security info', by('miriam.graham'), [userTarget('adele.vance')]),
  );
  return out.sort((a, b) => (a.activityDateTime < b.activityDateTime ? 1 : a.activityDateTime > b.activityDateTime ? -1 : 0));
}
