import type { Apps, Person } from './directory.ts';
import type { RowFactory, RowSpec } from './rows.ts';
import type { Rng } from './rng.ts';

/**
 * The incidents of Contoso's week, one function each. Every attempt says which scenario
 * of scenarios.md it is meant to show; the engine's test holds the engine to it.
 */

export interface Attempt {
  scenario: string;
  story: string;
  rows: Record<string, unknown>[];
}

const MIN = 60_000;
const CA_MFA = [{ provider: 'multiConditionalAccess', detail: 'Conditional Access' }];

export interface StoryContext {
  rng: Rng;
  rows: RowFactory;
  apps: Apps;
  who: (alias: string) => Person;
  people: Person[];
  /** UTC midnight of the first day of the week (Saturday 14 November 2026). */
  day0: number;
}

export function stories(c: StoryContext): Attempt[] {
  const { rng, apps, who } = c;
  const out: Attempt[] = [];
  const at = (day: number, hh: number, mm = 0) => new Date(c.day0 + day * 86_400_000 + hh * 3_600_000 + mm * MIN);
  /** One attempt: rows share a correlationId and carry the first row's id as originalRequestId. */
  const attempt = (scenario: string, story: string, specs: Omit<RowSpec, 'correlationId'>[]) => {
    const correlationId = rng.guid();
    const rows: Record<string, unknown>[] = [];
    for (const s of specs) {
      const r = c.rows.row({ ...s, correlationId, originalRequestId: rows[0]?.id as string | undefined });
      rows.push(r);
    }
    out.push({ scenario, story, rows });
  };
  /** A home connection in the person's own city: an untrusted network. */
  const home = (p: Person) => ({
    ip:
      p.home.country === 'DE'
        ? `91.64.${(p.id.charCodeAt(1) % 200) + 20}.${(p.id.charCodeAt(2) % 200) + 20}`
        : `73.${(p.id.charCodeAt(0) % 90) + 60}.${(p.id.charCodeAt(1) % 200) + 20}.${(p.id.charCodeAt(2) % 200) + 20}`,
    place: { city: p.home.city, state: p.home.state, country: p.home.country },
    trustedNetwork: false,
  });

  // ca-blocked: travelling outside the allowed countries.
  const alice = who('alice.nguyen');
  for (const [h, m] of [
    [14, 5],
    [14, 9],
  ] as const) {
    attempt('ca-blocked', 'Alice travels in Brazil; CA005 blocks countries outside the allowed list', [
      {
        person: alice,
        app: apps.outlookWeb,
        at: at(4, h, m),
        code: 53003,
        ip: '200.147.35.14',
        place: { city: 'São Paulo', state: 'São Paulo', country: 'BR' },
        trustedNetwork: false,
        steps: ['password', 'mfa'],
        requirement: CA_MFA,
      },
    ]);
  }
  attempt('ca-blocked', 'Isaiah on holiday in Mexico opens SharePoint', [
    {
      person: who('isaiah.langer'),
      app: apps.sharepoint,
      at: at(3, 19, 40),
      code: 53003,
      ip: '187.189.10.77',
      place: { city: 'Cancún', state: 'Quintana Roo', country: 'MX' },
      trustedNetwork: false,
      steps: ['password', 'mfa'],
      requirement: CA_MFA,
    },
  ]);

  // ca-grant-failed: Bob opens Salesforce from his personal laptop (not compliant).
  const bob = who('bob.kelly');
  const personal = { deviceId: '', name: '', os: 'Windows 10', browser: 'Chrome 130.0.0', compliant: false, managed: false, trustType: '' };
  for (const [h, m] of [
    [17, 32],
    [17, 36],
    [18, 10],
  ] as const) {
    attempt('ca-grant-failed', 'Bob uses his personal laptop for Salesforce; CA004 requires a compliant device', [
      { person: bob, app: apps.salesforce, at: at(5, h, m), code: 53000, device: personal, steps: ['password'] },
    ]);
  }
  attempt('ca-grant-failed', 'Patti opens Outlook on her iPhone with the native browser; CA009 requires app protection', [
    {
      person: who('patti.fernandez'),
      app: apps.office,
      resource: apps.outlookWeb,
      at: at(4, 17, 15),
      code: 53009,
      clientApp: 'Browser',
      device: { deviceId: '', name: '', os: 'iOS 18.1', browser: 'Mobile Safari 18.1', compliant: false, managed: false, trustType: '' },
      steps: ['password'],
      flagged: true,
    },
  ]);

  // ca-mfa: stopped at the MFA prompt that CA002 asked for.
  attempt('ca-mfa', 'Lee works from a café and gives up at the MFA prompt', [
    {
      person: who('lee.gu'),
      app: apps.office,
      at: at(3, 22, 5),
      code: 50074,
      ip: '98.97.32.11',
      trustedNetwork: false,
      steps: ['password'],
      requirement: CA_MFA,
      caEvaluated: true,
    },
  ]);
  attempt('ca-mfa', 'Nestor opens the Azure portal; the admin MFA policy is evaluated for Windows Azure Service Management API', [
    {
      person: who('nestor.wilke'),
      app: apps.azurePortal,
      resource: apps.azureManagement,
      at: at(6, 18, 2),
      code: 50074,
      steps: ['password'],
      requirement: CA_MFA,
    },
  ]);
  attempt('ca-mfa', 'José at home closes the MFA prompt', [
    {
      person: who('jose.garcia'),
      app: apps.teams,
      at: at(2, 16, 48),
      code: 50076,
      clientApp: 'Mobile Apps and Desktop clients',
      steps: ['password'],
      requirement: CA_MFA,
    },
  ]);

  // mfa-other: MFA demanded by something other than CA.
  attempt('mfa-other', 'Diego still has legacy per-user MFA; he is at HQ, where no CA policy asks for MFA', [
    {
      person: who('diego.siciliani'),
      app: apps.office,
      at: at(5, 16, 20),
      code: 50076,
      ip: '203.0.113.77',
      place: { city: 'Redmond', state: 'Washington', country: 'US' },
      trustedNetwork: true,
      steps: ['password'],
      requirement: [{ provider: 'user', detail: 'Per-user MFA' }],
    },
  ]);
  attempt('mfa-other', 'Irvin runs Azure PowerShell, which asks for MFA itself', [
    {
      person: who('irvin.sayers'),
      app: apps.azurePowerShell,
      resource: apps.azureManagement,
      at: at(4, 18, 30),
      code: 50076,
      clientApp: 'Mobile Apps and Desktop clients',
      steps: ['password'],
      requirement: [{ provider: 'request', detail: 'Request' }],
    },
  ]);
  attempt('mfa-other', 'Identity Protection asks Priya for MFA after an unfamiliar sign-in', [
    {
      person: who('priya.raman'),
      app: apps.office,
      at: at(5, 9, 12),
      code: 50074,
      steps: ['password'],
      risk: { level: 'medium', events: ['unfamiliarFeatures'] },
      requirement: [{ provider: 'tenantSessionRiskPolicy', detail: 'Identity Protection' }],
    },
  ]);

  // mfa-not-completed.
  const adele = who('adele.vance');
  attempt('mfa-not-completed', 'Adele works from home and does not answer the Authenticator notification', [
    { person: adele, app: apps.outlookWeb, at: at(4, 1, 10), code: 50074, ...home(adele), steps: ['password'], requirement: CA_MFA },
    { person: adele, app: apps.outlookWeb, at: at(4, 1, 11), code: 500121, ...home(adele), steps: ['password', 'mfa-denied'], requirement: CA_MFA },
  ]);
  const debra = who('debra.berger');
  attempt('mfa-not-completed', 'Debra declines an MFA prompt she did not expect', [
    { person: debra, app: apps.office, at: at(6, 20, 44), code: 50074, ...home(debra), steps: ['password'], requirement: CA_MFA },
    { person: debra, app: apps.office, at: at(6, 20, 45), code: 500121, ...home(debra), steps: ['password', 'mfa-declined'], requirement: CA_MFA },
  ]);

  // mfa-proofup: must register methods first.
  const nina = who('nina.patel');
  attempt('mfa-proofup', 'Nina signs in from home for the first time and closes the registration page', [
    {
      person: nina,
      app: apps.office,
      at: at(3, 2, 30),
      code: 50079,
      ...home(nina),
      steps: ['password'],
      requirement: [{ provider: 'mfaRegistrationRequiredByMultiConditionalAccess', detail: 'Conditional Access' }],
    },
  ]);
  const omar = who('omar.haddad');
  attempt('mfa-proofup', 'Omar, a contractor, is asked to register MFA (CA012)', [
    {
      person: omar,
      app: apps.teams,
      at: at(2, 17, 5),
      code: 50072,
      clientApp: 'Mobile Apps and Desktop clients',
      steps: ['password'],
      requirement: [{ provider: 'mfaRegistrationRequiredByMultiConditionalAccess', detail: 'Conditional Access' }],
    },
  ]);

  // mfa-proofup-risky: registration refused because of risk or location.
  attempt('mfa-proofup-risky', 'Omar tries to register MFA from a hotel network flagged as risky', [
    {
      person: omar,
      app: apps.mySignins,
      at: at(3, 4, 40),
      code: 53004,
      ip: '45.83.64.19',
      place: { city: 'Dublin', state: 'Leinster', country: 'IE' },
      trustedNetwork: false,
      steps: ['password'],
      risk: { level: 'medium', events: ['unfamiliarFeatures'] },
    },
  ]);
  attempt('mfa-proofup-risky', 'Yusuf tries to register security info from home; only the office may register', [
    { person: who('yusuf.demir'), app: apps.mySignins, at: at(4, 16, 50), code: 53010, steps: ['password'] },
  ]);

  // account-locked, smart lockout: Grady forgot his password on Monday morning.
  const grady = who('grady.archie');
  for (let i = 0; i < 10; i++) {
    attempt('invalid-credentials', 'Grady forgot his new password and keeps trying', [
      { person: grady, app: apps.office, at: at(2, 16, 2 + i), code: 50126, steps: ['password-bad'], caEvaluated: false },
    ]);
  }
  for (const m of [13, 15]) {
    attempt('account-locked', 'Smart lockout locks Grady after ten wrong passwords', [
      { person: grady, app: apps.office, at: at(2, 16, m), code: 50053, steps: ['password-bad'], caEvaluated: false },
    ]);
  }
  attempt('success', 'Grady signs in after the helpdesk call', [{ person: grady, app: apps.office, at: at(2, 16, 41), code: 0, steps: ['password'] }]);

  // Password spray from a Tor exit: one IP, many users; two accounts blocked as malicious-IP lockouts.
  const sprayIp = '185.220.101.47';
  const tor = {
    ip: sprayIp,
    place: { city: 'Frankfurt am Main', state: 'Hessen', country: 'DE' },
    trustedNetwork: false,
    clientApp: 'Mobile Apps and Desktop clients' as const,
    protocol: 'ropc',
    userAgent: 'python-requests/2.32.3',
    device: { deviceId: '', name: '', os: '', browser: '', compliant: false, managed: false, trustType: '' },
  };
  const members = c.people.filter((p) => p.userType === 'Member' && p.accountEnabled && !p.logUpn.startsWith('breakglass')).slice(0, 30);
  members.forEach((p, i) => {
    if (p.logUpn.startsWith('joni.') || p.logUpn.startsWith('lynne.')) return;
    attempt('invalid-credentials', 'Password spray from a Tor exit node', [
      { person: p, app: apps.msOffice, at: at(5, 3, i), code: 50126, steps: ['password-bad'], caEvaluated: false, ...tor },
    ]);
  });
  for (const [alias, m] of [
    ['joni.sherman', 31],
    ['lynne.robbins', 32],
  ] as const) {
    attempt('account-locked', 'Entra blocks the spraying IP as malicious', [
      { person: who(alias), app: apps.msOffice, at: at(5, 3, m), code: 50053, steps: ['password-bad'], caEvaluated: false, ...tor },
    ]);
  }
  for (const [name, m] of [
    ['admin@contoso.com', 33],
    ['test@contoso.com', 34],
  ] as const) {
    attempt('invalid-credentials', 'The spray tries names that do not exist', [
      { person: who('joni.sherman'), typedName: name, app: apps.msOffice, at: at(5, 3, m), code: 50034, steps: ['password-bad'], caEvaluated: false, ...tor },
    ]);
  }

  // invalid-credentials, stale password: Megan changed her password; her old iPhone mail profile keeps the old one.
  const megan = who('megan.bowen');
  const iphone = { deviceId: '', name: '', os: 'iOS 17.6', browser: '', compliant: false, managed: false, trustType: '' };
  for (let k = 0; k < 24; k++) {
    const t = new Date(Date.parse(megan.lastPasswordChangeDateTime) + (25 + k * 47) * MIN);
    attempt('invalid-credentials', "Megan's old iPhone mail profile replays her previous password", [
      {
        person: megan,
        app: apps.outlookWeb,
        at: t,
        code: 50126,
        ip: '172.58.12.201',
        place: { city: 'Bellevue', state: 'Washington', country: 'US' },
        trustedNetwork: false,
        clientApp: 'Exchange ActiveSync',
        device: iphone,
        steps: ['password-bad'],
        caEvaluated: false,
        userAgent: 'Apple-iPhone15C2/2107.1',
        protocol: 'none',
      },
    ]);
  }
  attempt('error-code-insight', "Megan's Teams desktop token was revoked by her password change", [
    {
      person: megan,
      app: apps.teams,
      resource: apps.teamsService,
      at: new Date(Date.parse(megan.lastPasswordChangeDateTime) + 12 * MIN),
      code: 50173,
      interactive: false,
      clientApp: 'Mobile Apps and Desktop clients',
      steps: ['token'],
      caEvaluated: false,
    },
  ]);
  for (const [alias, d, h] of [
    ['kevin.hart', 3, 17],
    ['priya.raman', 2, 8],
  ] as const) {
    attempt('invalid-credentials', 'A typo in the password', [
      { person: who(alias), app: apps.office, at: at(d, h, 3), code: 50126, steps: ['password-bad'], caEvaluated: false },
    ]);
  }

  // app-sp and app-config.
  attempt('app-sp', 'Contoso Expenses asks for an authentication method the user did not use', [
    { person: who('lidia.holloway'), app: apps.expenses, at: at(3, 17, 20), code: 75011, steps: ['password'], caEvaluated: false, protocol: 'saml20' },
  ]);
  attempt('app-sp', 'Contoso Expenses sends a SAML request in the wrong binding', [
    { person: who('wanda.nowak'), app: apps.expenses, at: at(4, 9, 5), code: 750054, steps: [], caEvaluated: false, protocol: 'saml20' },
  ]);
  attempt('app-config', 'Emily is not assigned to Salesforce', [
    { person: who('emily.braun'), app: apps.salesforce, at: at(4, 16, 35), code: 50105, steps: ['password'], caEvaluated: false },
  ]);
  attempt('app-config', 'Victor is asked to consent to Contoso Expenses and cannot', [
    { person: who('victor.chen'), app: apps.expenses, resource: apps.graph, at: at(5, 19, 2), code: 65001, steps: ['password'], caEvaluated: false },
  ]);
  attempt('app-config', "A developer's build of Contoso Expenses uses a reply URL that is not registered", [
    { person: who('enrico.cattaneo'), app: apps.expenses, at: at(6, 10, 14), code: 50011, steps: [], caEvaluated: false },
  ]);

  // security-defaults: the weekend before CA went live.
  const enrico = who('enrico.cattaneo');
  attempt('security-defaults', 'Enrico works on Saturday; security defaults ask for MFA and he gives up', [
    {
      person: enrico,
      app: apps.office,
      at: at(0, 11, 30),
      code: 50074,
      ...home(enrico),
      steps: ['password'],
      requirement: [{ provider: 'securityDefaults', detail: 'Security Defaults' }],
      beforeGoLive: true,
    },
  ]);
  attempt('security-defaults', 'Security defaults block a request they judge unsafe', [
    { person: who('quentin.dubois'), app: apps.office, at: at(1, 18, 12), code: 530035, steps: ['password'], beforeGoLive: true },
  ]);
  attempt('security-defaults', 'Security defaults ask Omar to register MFA', [
    {
      person: omar,
      app: apps.office,
      at: at(1, 20, 3),
      code: 50079,
      steps: ['password'],
      requirement: [{ provider: 'mfaRegistrationRequiredBySecurityDefaults', detail: 'Security Defaults' }],
      beforeGoLive: true,
    },
  ]);

  // legacy-auth: the scan-to-mail printer (SMTP AUTH) and Sven's IMAP client.
  const scanner = who('scanner');
  const printer = { deviceId: '', name: '', os: '', browser: '', compliant: false, managed: false, trustType: '' };
  for (let d = 0; d < 7; d++) {
    for (const h of [16, 20, 23]) {
      const before = d < 2;
      attempt('legacy-auth', 'The lobby printer sends scans with SMTP AUTH, a legacy protocol', [
        {
          person: scanner,
          app: apps.outlookWeb,
          at: at(d, h, 7),
          code: before ? 530035 : 53003,
          ip: '203.0.113.250',
          clientApp: 'Authenticated SMTP',
          device: printer,
          steps: ['password'],
          userAgent: 'BTRS-SMTP',
          beforeGoLive: before,
        },
      ]);
    }
  }
  attempt('legacy-auth', "Sven's Thunderbird still uses IMAP", [
    {
      person: who('sven.lindqvist'),
      app: apps.outlookWeb,
      at: at(3, 8, 15),
      code: 53003,
      clientApp: 'IMAP4',
      steps: ['password'],
      userAgent: 'Thunderbird/128.4',
    },
  ]);

  // b2b-blocked: Fabrikam guests open the Azure portal.
  for (const [alias, d] of [
    ['ana.souza', 3],
    ['ben.okafor', 5],
  ] as const) {
    attempt('b2b-blocked', 'A Fabrikam guest opens the Azure portal; CA007 blocks guests from admin portals', [
      {
        person: who(alias),
        app: apps.azurePortal,
        resource: apps.azureManagement,
        at: at(d, 15, 30),
        code: 53003,
        ip: '131.107.1.20',
        place: { city: 'Redmond', state: 'Washington', country: 'US' },
        trustedNetwork: false,
        steps: ['password', 'mfa'],
        requirement: CA_MFA,
      },
    ]);
  }

  // risk-blocked: Christie's leaked password used from a Tor exit.
  const christie = who('christie.cline');
  for (const m of [12, 14]) {
    attempt('risk-blocked', "Someone uses Christie's password from a Tor exit; CA006 blocks high sign-in risk", [
      {
        person: christie,
        app: apps.office,
        at: at(4, 2, m),
        code: 53003,
        ip: '185.220.101.3',
        place: { city: 'Frankfurt am Main', state: 'Hessen', country: 'DE' },
        trustedNetwork: false,
        device: { deviceId: '', name: '', os: 'Windows 10', browser: 'Firefox 128.0', compliant: false, managed: false, trustType: '' },
        steps: ['password'],
        risk: { level: 'high', events: ['anonymizedIPAddress', 'unfamiliarFeatures'] },
      },
    ]);
  }

  // pta: the pass-through agent outage on Tuesday afternoon in Berlin.
  for (const [alias, code, m] of [
    ['johanna.lorenz', 80001, 2],
    ['sven.lindqvist', 80001, 9],
    ['emily.braun', 80014, 21],
  ] as const) {
    attempt('pta', 'The pass-through authentication agents cannot reach Active Directory', [
      { person: who(alias), app: apps.office, at: at(3, 14, m), code, steps: ['pta-bad'], caEvaluated: false },
    ]);
  }
  attempt('pta', 'Irvin signs in on Sunday, outside his AD logon hours', [
    { person: who('irvin.sayers'), app: apps.office, at: at(1, 21, 0), code: 80012, steps: ['pta-bad'], caEvaluated: false, beforeGoLive: true },
  ]);

  // seamless-sso.
  attempt('seamless-sso', "Johanna's Kerberos ticket expired overnight", [
    { person: who('johanna.lorenz'), app: apps.office, at: at(2, 7, 2), code: 81010, steps: ['kerberos-bad'], caEvaluated: false },
  ]);
  attempt('seamless-sso', 'Irvin uses a shared PC signed in as someone else', [
    { person: who('irvin.sayers'), app: apps.sharepoint, at: at(5, 17, 44), code: 81012, steps: ['kerberos-bad'], caEvaluated: false },
  ]);

  // error-code-insight: codes with a known meaning and none of the rows above.
  const former = who('former.employee');
  for (const [d, h] of [
    [2, 16],
    [3, 16],
    [4, 16],
  ] as const) {
    attempt('error-code-insight', "A former employee's phone still tries to sign in to the disabled account", [
      {
        person: former,
        app: apps.outlookMobile,
        at: at(d, h, 30),
        code: 50057,
        clientApp: 'Mobile Apps and Desktop clients',
        steps: ['password'],
        caEvaluated: false,
      },
    ]);
  }
  attempt('error-code-insight', "Lidia's password has expired", [
    { person: who('lidia.holloway'), app: apps.office, at: at(6, 16, 3), code: 50055, steps: ['password'], caEvaluated: false },
  ]);
  attempt('error-code-insight', 'A transient fault inside Entra', [
    {
      person: who('victor.chen'),
      app: apps.teams,
      at: at(4, 18, 12),
      code: 90025,
      clientApp: 'Mobile Apps and Desktop clients',
      steps: ['password'],
      caEvaluated: false,
    },
  ]);

  // unknown-error: codes the catalog does not know.
  attempt('unknown-error', 'An error code the catalog has never seen', [
    {
      person: who('uma.reddy'),
      app: apps.outlookMobile,
      at: at(5, 20, 20),
      code: 1001010,
      clientApp: 'Mobile Apps and Desktop clients',
      steps: ['password'],
      caEvaluated: false,
    },
  ]);
  attempt('unknown-error', 'Another unknown code', [
    { person: who('quentin.dubois'), app: apps.office, at: at(6, 17, 50), code: 50207, steps: ['password'], caEvaluated: false },
  ]);

  // Stories of the admin rules (issue 16). Appended last, so the stories above keep their ids.
  attempt('legacy-auth', "After the spray, Lynne's right password is used over IMAP from a server in Amsterdam: a likely compromise", [
    {
      person: who('lynne.robbins'),
      app: apps.outlookWeb,
      at: at(5, 9, 40),
      code: 53003,
      ip: '45.148.10.77',
      place: { city: 'Amsterdam', state: 'Noord-Holland', country: 'NL' },
      trustedNetwork: false,
      clientApp: 'IMAP4',
      device: { deviceId: '', name: '', os: '', browser: '', compliant: false, managed: false, trustType: '' },
      steps: ['password'],
      userAgent: 'python-imaplib',
      risk: { level: 'high', events: ['unfamiliarFeatures', 'passwordSpray'] },
    },
  ]);
  attempt('success', 'An emergency-access account signs in to the Azure portal on Thursday evening; the break-glass exclusion lets it past every policy', [
    {
      person: who('breakglass01'),
      app: apps.azurePortal,
      resource: apps.azureManagement,
      at: at(5, 23, 48),
      code: 0,
      ip: '203.0.113.10',
      place: { city: 'Redmond', state: 'Washington', country: 'US' },
      trustedNetwork: true,
      steps: ['password', 'mfa'],
    },
  ]);
  attempt('b2b-blocked', 'A Northwind guest opens the Azure portal; the log was read without Conditional Access details', [
    {
      person: who('chloe.lefevre'),
      app: apps.azurePortal,
      resource: apps.azureManagement,
      at: at(6, 15, 45),
      code: 53003,
      steps: ['password', 'mfa'],
      requirement: CA_MFA,
      caHidden: true,
    },
  ]);
  attempt('success', 'Miriam opens the Azure portal; her morning MFA, carried in the token, satisfies the admin MFA policy', [
    {
      person: who('miriam.graham'),
      app: apps.azurePortal,
      resource: apps.azureManagement,
      at: at(6, 17, 20),
      code: 0,
      steps: ['token', 'mfa-claim'],
      requirement: CA_MFA,
      mfaDone: true,
    },
  ]);

  // An incident (issue 19): CA004 is edited on Thursday at 16:58 UTC, and within the hour the
  // Finance staff who open its apps from personal laptops are blocked, Bob among them (above):
  // four people, none blocked by CA004 before the edit. Appended last, so the stories above keep their ids.
  for (const [alias, app, m] of [
    ['pradeep.gupta', apps.salesforce, 4],
    ['tomas.obriain', apps.expenses, 19],
    ['henrietta.mueller', apps.expenses, 47],
  ] as const) {
    attempt('ca-grant-failed', 'After the CA004 edit on Thursday, Finance staff on personal laptops are blocked from its apps', [
      { person: who(alias), app, at: at(5, 17, m), code: 53000, device: personal, steps: ['password'] },
    ]);
  }

  return out;
}
