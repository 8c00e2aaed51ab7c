import { Rng } from './rng.ts';

/**
 * The people, groups, apps, locations and Conditional Access policies of Contoso, the
 * sample tenant. Everything is derived from the seed; names are fixed so tests and the
 * README can talk about "bob" and "alice".
 */

export const TENANT_ID = '4d1e7a2c-6b0f-4c3e-9a51-2f8b7c6d5e40';
export const FABRIKAM_TENANT_ID = '9b3f1c7e-2a4d-4e8f-b6c1-0d2e3f4a5b6c';
export const DOMAIN = 'contoso.com';
export const GLOBAL_ADMIN_ROLE = '62e90394-69f5-4237-9190-012177145e10';
export const HELPDESK_ADMIN_ROLE = '729827e3-9c14-49f7-bb1b-9608f156bbb8';

export interface Person {
  id: string;
  displayName: string;
  givenName: string;
  surname: string;
  userPrincipalName: string;
  mail: string;
  /** The sign-in name the logs show (guests: their real address). */
  logUpn: string;
  accountEnabled: boolean;
  userType: 'Member' | 'Guest';
  lastPasswordChangeDateTime: string;
  onPremisesSyncEnabled: boolean;
  roles: string[];
  groups: string[];
  /** The person's usual office IP and city. */
  home: { ip: string; city: string; state: string; country: string };
  device: { os: string; browser: string; compliant: boolean; managed: boolean; trustType: string; deviceId: string; name: string };
  /** Has registered MFA methods. */
  mfaRegistered: boolean;
  perUserMfa: boolean;
}

interface Seed {
  given: string;
  surname: string;
  alias?: string;
  groups: string[];
  roles?: string[];
  guestOf?: string;
  disabled?: boolean;
  office?: 'hq' | 'berlin' | 'remote';
  synced?: boolean;
  mfaRegistered?: boolean;
  perUserMfa?: boolean;
  passwordChangedDaysAgo?: number;
  os?: 'Windows 11' | 'Windows 10' | 'MacOs' | 'iOS' | 'Android';
  compliant?: boolean;
}

/** The named people of the story; synthetic staff are added for large tenants. */
const PEOPLE: Seed[] = [
  { given: 'Bob', surname: 'Kelly', groups: ['All Staff', 'Finance'], office: 'hq', synced: true },
  { given: 'Alice', surname: 'Nguyen', groups: ['All Staff', 'Sales'], office: 'remote' },
  { given: 'Alex', surname: 'Wilber', groups: ['All Staff', 'Sales'], office: 'hq' },
  { given: 'Alex', surname: 'Johnson', groups: ['All Staff', 'Engineering'], office: 'berlin', os: 'MacOs' },
  { given: 'Zoë', surname: 'Müller', alias: 'zoe.muller', groups: ['All Staff', 'Engineering'], office: 'berlin' },
  { given: 'José', surname: 'García', alias: 'jose.garcia', groups: ['All Staff', 'Sales'], office: 'remote' },
  { given: 'Megan', surname: 'Bowen', groups: ['All Staff', 'Marketing'], office: 'hq', passwordChangedDaysAgo: 2 },
  { given: 'Diego', surname: 'Siciliani', groups: ['All Staff', 'Sales'], office: 'remote', perUserMfa: true },
  { given: 'Grady', surname: 'Archie', groups: ['All Staff', 'Engineering'], office: 'hq', synced: true },
  { given: 'Henrietta', surname: 'Mueller', groups: ['All Staff', 'Finance'], office: 'berlin' },
  { given: 'Isaiah', surname: 'Langer', groups: ['All Staff', 'Sales'], office: 'hq' },
  { given: 'Johanna', surname: 'Lorenz', groups: ['All Staff', 'Engineering'], office: 'berlin', synced: true },
  { given: 'Joni', surname: 'Sherman', groups: ['All Staff', 'Legal'], office: 'hq' },
  { given: 'Lee', surname: 'Gu', groups: ['All Staff', 'Engineering'], office: 'remote' },
  { given: 'Lidia', surname: 'Holloway', groups: ['All Staff', 'Finance'], office: 'hq' },
  { given: 'Lynne', surname: 'Robbins', groups: ['All Staff', 'Marketing'], office: 'hq' },
  { given: 'Miriam', surname: 'Graham', groups: ['All Staff', 'IT Admins', 'Helpdesk'], roles: [HELPDESK_ADMIN_ROLE], office: 'hq' },
  { given: 'Nestor', surname: 'Wilke', groups: ['All Staff', 'IT Admins'], roles: [GLOBAL_ADMIN_ROLE], office: 'hq' },
  { given: 'Patti', surname: 'Fernandez', groups: ['All Staff', 'Executives'], office: 'hq', os: 'Windows 11' },
  { given: 'Pradeep', surname: 'Gupta', groups: ['All Staff', 'Finance'], office: 'remote' },
  { given: 'Adele', surname: 'Vance', groups: ['All Staff', 'Sales'], office: 'hq' },
  { given: 'Christie', surname: 'Cline', groups: ['All Staff', 'Marketing'], office: 'berlin' },
  { given: 'Debra', surname: 'Berger', groups: ['All Staff', 'Executives'], office: 'hq' },
  { given: 'Emily', surname: 'Braun', groups: ['All Staff', 'Finance'], office: 'hq', synced: true },
  { given: 'Enrico', surname: 'Cattaneo', groups: ['All Staff', 'Engineering'], office: 'berlin' },
  { given: 'Irvin', surname: 'Sayers', groups: ['All Staff', 'Engineering'], office: 'hq', synced: true },
  { given: 'Kevin', surname: 'Hart', alias: 'kevin.hart', groups: ['All Staff', 'Sales'], office: 'remote' },
  { given: 'Nina', surname: 'Patel', groups: ['All Staff', 'Legal'], office: 'hq', mfaRegistered: false },
  { given: 'Omar', surname: 'Haddad', groups: ['All Staff', 'Contractors'], office: 'remote', mfaRegistered: false },
  { given: 'Priya', surname: 'Raman', groups: ['All Staff', 'Engineering'], office: 'berlin' },
  { given: 'Quentin', surname: 'Dubois', groups: ['All Staff', 'Sales'], office: 'remote' },
  { given: 'Rosa', surname: 'Martínez', alias: 'rosa.martinez', groups: ['All Staff', 'Marketing'], office: 'hq' },
  { given: 'Sven', surname: 'Lindqvist', groups: ['All Staff', 'Engineering'], office: 'berlin', synced: true },
  { given: 'Tomás', surname: 'Ó Briain', alias: 'tomas.obriain', groups: ['All Staff', 'Finance'], office: 'hq' },
  { given: 'Uma', surname: 'Reddy', groups: ['All Staff', 'Sales'], office: 'remote', os: 'Android' },
  { given: 'Victor', surname: 'Chen', groups: ['All Staff', 'Engineering'], office: 'hq' },
  { given: 'Wanda', surname: 'Nowak', groups: ['All Staff', 'Finance'], office: 'berlin' },
  { given: 'Yusuf', surname: 'Demir', groups: ['All Staff', 'Contractors'], office: 'remote' },
  { given: 'Former', surname: 'Employee', alias: 'former.employee', groups: [], office: 'hq', disabled: true },
  { given: 'Emergency', surname: 'Access 01', alias: 'breakglass01', groups: ['CA Exclusion - Break Glass'], roles: [GLOBAL_ADMIN_ROLE], office: 'hq' },
  { given: 'Emergency', surname: 'Access 02', alias: 'breakglass02', groups: ['CA Exclusion - Break Glass'], roles: [GLOBAL_ADMIN_ROLE], office: 'hq' },
  { given: 'Scan', surname: 'To Mail', alias: 'scanner', groups: ['Service Accounts'], office: 'hq' },
  { given: 'Ana', surname: 'Souza', alias: 'ana.souza', groups: ['Guests - Partners'], guestOf: 'fabrikam.com', office: 'remote' },
  { given: 'Ben', surname: 'Okafor', alias: 'ben.okafor', groups: ['Guests - Partners'], guestOf: 'fabrikam.com', office: 'remote' },
  { given: 'Chloé', surname: 'Lefèvre', alias: 'chloe.lefevre', groups: ['Guests - Partners'], guestOf: 'northwind.example', office: 'remote' },
];

export const OFFICES = {
  hq: { ip: '203.0.113.', city: 'Redmond', state: 'Washington', country: 'US' },
  berlin: { ip: '198.51.100.', city: 'Berlin', state: 'Berlin', country: 'DE' },
  remote: { ip: '73.', city: 'Seattle', state: 'Washington', country: 'US' },
} as const;

const ascii = (s: string) =>
  s
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^A-Za-z0-9]+/g, '')
    .toLowerCase();

export function buildPeople(rng: Rng, asOf: Date, extra: number): Person[] {
  const seeds = [...PEOPLE];
  const firsts = ['Sam', 'Kim', 'Robin', 'Jamie', 'Taylor', 'Morgan', 'Casey', 'Jordan', 'Riley', 'Avery'];
  const lasts = ['Smith', 'Brown', 'Lee', 'Khan', 'Silva', 'Rossi', 'Novak', 'Tanaka', 'Kowalski', 'Andersen'];
  const depts = ['Sales', 'Engineering', 'Finance', 'Marketing', 'Legal'];
  for (let i = 0; i < extra; i++) {
    seeds.push({
      given: firsts[i % firsts.length]!,
      surname: `${lasts[Math.floor(i / firsts.length) % lasts.length]} ${String(i + 1).padStart(5, '0')}`,
      alias: `staff${String(i + 1).padStart(5, '0')}`,
      groups: ['All Staff', depts[i % depts.length]!],
      office: (['hq', 'berlin', 'remote'] as const)[i % 3],
    });
  }
  return seeds.map((s) => {
    const office = OFFICES[s.office ?? 'hq'];
    const alias = s.alias ?? `${ascii(s.given)}.${ascii(s.surname)}`;
    const guest = s.guestOf !== undefined;
    const realMail = guest ? `${alias}@${s.guestOf}` : `${alias}@${DOMAIN}`;
    const upn = guest ? `${alias}_${s.guestOf!.replace(/\./g, '.')}#EXT#@contoso.onmicrosoft.com` : realMail;
    const os = s.os ?? rng.pick(['Windows 11', 'Windows 11', 'Windows 10', 'MacOs'] as const);
    const mobile = os === 'iOS' || os === 'Android';
    const compliant = s.compliant ?? (!guest && !mobile && rng.chance(0.8));
    const changed = new Date(asOf.getTime() - (s.passwordChangedDaysAgo ?? rng.int(20, 170)) * 86_400_000 - rng.int(0, 36_000) * 1000);
    const octet = rng.int(10, 240);
    return {
      id: rng.guid(),
      displayName: `${s.given} ${s.surname}`,
      givenName: s.given,
      surname: s.surname,
      userPrincipalName: upn,
      mail: realMail,
      logUpn: realMail.toLowerCase(),
      accountEnabled: !s.disabled,
      userType: guest ? 'Guest' : 'Member',
      lastPasswordChangeDateTime: changed.toISOString().replace('.000Z', 'Z'),
      onPremisesSyncEnabled: s.synced ?? false,
      roles: s.roles ?? [],
      groups: s.groups,
      home: {
        ip: s.office === 'remote' ? `73.${rng.int(20, 220)}.${rng.int(0, 255)}.${octet}` : `${office.ip}${octet}`,
        city: office.city,
        state: office.state,
        country: office.country,
      },
      device: {
        os,
        browser: os === 'MacOs' ? 'Safari 18.1' : mobile ? 'Mobile Safari 18.1' : rng.pick(['Edge 130.0.0', 'Chrome 130.0.0']),
        compliant,
        managed: compliant,
        trustType: compliant ? (s.synced ? 'Hybrid Azure AD joined' : 'Azure AD joined') : '',
        deviceId: compliant ? rng.guid() : '',
        name: compliant ? `CONTOSO-${ascii(s.surname).slice(0, 6).toUpperCase()}${rng.int(10, 99)}` : '',
      },
      mfaRegistered: s.mfaRegistered ?? !['Scan', 'Former'].includes(s.given),
      perUserMfa: s.perUserMfa ?? false,
    };
  });
}

/** First-party apps keep their real, well-known app ids; the two line-of-business apps get seeded ones. */
export function buildApps(rng: Rng) {
  return {
    office: { id: '4765445b-32c6-49b0-83e6-1d93765276ca', name: 'OfficeHome' },
    outlookWeb: { id: '00000002-0000-0ff1-ce00-000000000000', name: 'Office 365 Exchange Online' },
    sharepoint: { id: '00000003-0000-0ff1-ce00-000000000000', name: 'Office 365 SharePoint Online' },
    graph: { id: '00000003-0000-0000-c000-000000000000', name: 'Microsoft Graph' },
    teams: { id: '1fec8e78-bce4-4aaf-ab1b-5451cc387264', name: 'Microsoft Teams' },
    teamsService: { id: 'cc15fd57-2c6c-4117-a88c-83b1d56b4bbe', name: 'Microsoft Teams Services' },
    msOffice: { id: 'd3590ed6-52b3-4102-aeff-aad2292ab01c', name: 'Microsoft Office' },
    azurePortal: { id: 'c44b4083-3bb0-49c1-b47d-974e53cbdf3c', name: 'Azure Portal' },
    azureManagement: { id: '797f4846-ba00-4fd7-ba43-dac1f8f63013', name: 'Windows Azure Service Management API' },
    azurePowerShell: { id: '1950a258-227b-4e31-a9cf-717495945fc2', name: 'Microsoft Azure PowerShell' },
    outlookMobile: { id: '27922004-5251-4030-b22d-91ecd9a37ea4', name: 'Outlook Mobile' },
    windowsSignIn: { id: '38aa3b87-a06d-4817-b275-7a316988d93b', name: 'Windows Sign In' },
    mySignins: { id: '19db86c3-b2b9-44cc-b339-36da233a3be2', name: 'My Signins' },
    companyPortal: { id: '9ba1a5c7-f17a-4de9-a1f1-6178c8d51223', name: 'Microsoft Intune Company Portal' },
    salesforce: { id: rng.guid(), name: 'Salesforce' },
    expenses: { id: rng.guid(), name: 'Contoso Expenses' },
  } as const;
}
export type Apps = ReturnType<typeof buildApps>;
export type App = Apps[keyof Apps];
