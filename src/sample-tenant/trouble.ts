import type { Apps, Person } from './directory.ts';
import type { RowFactory, RowSpec } from './rows.ts';
import type { Rng } from './rng.ts';
import type { Attempt } from './stories.ts';

/**
 * The everyday trouble of a large tenant's synthetic staff: typos, forgotten passwords, smart
 * lockouts, MFA prompts ignored or denied, travel blocked by Conditional Access, apps not
 * assigned, expired passwords, revoked tokens, Kerberos and transient faults. Without it a
 * benchmark tenant is 97% successes and times the engine on the easy path (issue 18); with it,
 * failures and interrupts are about 8% of the events, spread over most people and every day.
 * Only staff the generator adds get trouble, so the sample tenant stays byte for byte the same.
 * Each kind copies the shape of a sample story the engine's tests already hold it to. Every
 * time is 08:00–17:00 local (minutes 0–540), as the ordinary traffic, so nothing falls after the
 * tenant's `asOf`.
 */

const MIN = 60_000;
const CA_MFA = [{ provider: 'multiConditionalAccess', detail: 'Conditional Access' }];
/** Chance that one of the staff has some trouble on a working day, and on the weekend. */
const WEEKDAY_CHANCE = 0.75;
const WEEKEND_CHANCE = 0.08;

export interface TroubleContext {
  rng: Rng;
  rows: RowFactory;
  apps: Apps;
  /** UTC midnight of the day. */
  dayStart: number;
  weekend: boolean;
  /** When CA replaced security defaults: MFA prompts before it are not CA's. */
  goLive: number;
}

type Kind = (p: Person, at: (minutesIntoDay: number) => Date, c: TroubleContext, add: Add) => void;
type Add = (scenario: string, story: string, specs: Omit<RowSpec, 'correlationId'>[]) => void;

const bad: Pick<RowSpec, 'steps' | 'caEvaluated'> = { steps: ['password-bad'], caEvaluated: false };

/** A home connection: an untrusted network in the person's city. */
const home = (p: Person, rng: Rng) => ({
  ip: p.home.country === 'DE' ? `91.64.${rng.int(20, 220)}.${rng.int(20, 220)}` : `73.${rng.int(60, 150)}.${rng.int(20, 220)}.${rng.int(20, 220)}`,
  place: { city: p.home.city, state: p.home.state, country: p.home.country },
  trustedNetwork: false,
});

const KINDS: [weight: number, kind: Kind][] = [
  // A typo, then the right password.
  [
    30,
    (p, at, c, add) => {
      const m = c.rng.int(0, 480);
      add('invalid-credentials', 'a typo in the password', [{ person: p, app: c.apps.office, at: at(m), code: 50126, ...bad }]);
      add('success', 'signs in after a typo', [{ person: p, app: c.apps.office, at: at(m + 1), code: 0, steps: ['password'] }]);
    },
  ],
  // A forgotten password: a few tries, then the right one.
  [
    8,
    (p, at, c, add) => {
      const m = c.rng.int(0, 470);
      const n = c.rng.int(3, 6);
      for (let i = 0; i < n; i++)
        add('invalid-credentials', 'forgot the password and keeps trying', [{ person: p, app: c.apps.office, at: at(m + i), code: 50126, ...bad }]);
      add('success', 'remembers the password', [{ person: p, app: c.apps.office, at: at(m + n + c.rng.int(2, 9)), code: 0, steps: ['password'] }]);
    },
  ],
  // Smart lockout after ten wrong passwords.
  [
    2,
    (p, at, c, add) => {
      const m = c.rng.int(0, 440);
      for (let i = 0; i < 10; i++) add('invalid-credentials', 'ten wrong passwords', [{ person: p, app: c.apps.office, at: at(m + i), code: 50126, ...bad }]);
      const locks = c.rng.int(1, 3);
      for (let i = 0; i < locks; i++) add('account-locked', 'smart lockout', [{ person: p, app: c.apps.office, at: at(m + 11 + 2 * i), code: 50053, ...bad }]);
    },
  ],
  // A phone's mail profile replays an old password every hour or so.
  [
    3,
    (p, at, c, add) => {
      const m0 = c.rng.int(0, 100);
      const n = c.rng.int(4, 9);
      const device = { deviceId: '', name: '', os: 'iOS 18.1', browser: 'Mobile Safari 18.1', compliant: false, managed: false, trustType: '' };
      for (let i = 0; i < n; i++)
        add('invalid-credentials', "a phone's mail profile replays an old password", [
          {
            person: p,
            app: c.apps.outlookWeb,
            at: at(m0 + i * 47),
            code: 50126,
            ...home(p, c.rng),
            clientApp: 'Exchange ActiveSync',
            device,
            ...bad,
            userAgent: 'Apple-iPhone15C2/2107.1',
            protocol: 'none',
          },
        ]);
    },
  ],
  // Works from home, does not answer the Authenticator notification.
  [
    10,
    (p, at, c, add) => {
      if (at(0).getTime() < c.goLive) return;
      const m = c.rng.int(420, 530);
      const where = home(p, c.rng);
      const mfa = { person: p, app: c.apps.outlookWeb, ...where, requirement: CA_MFA };
      add('mfa-not-completed', 'does not answer the MFA notification', [
        { ...mfa, at: at(m), code: 50074, steps: ['password'] },
        { ...mfa, at: at(m + 1), code: 500121, steps: ['password', c.rng.chance(0.5) ? 'mfa-denied' : 'mfa-declined'] },
      ]);
    },
  ],
  // Gives up at the MFA prompt Conditional Access asked for, at home.
  [
    8,
    (p, at, c, add) => {
      if (at(0).getTime() < c.goLive) return;
      add('ca-mfa', 'gives up at the MFA prompt', [
        {
          person: p,
          app: c.apps.teams,
          at: at(c.rng.int(420, 530)),
          code: 50076,
          ...home(p, c.rng),
          clientApp: 'Mobile Apps and Desktop clients',
          steps: ['password'],
          requirement: CA_MFA,
        },
      ]);
    },
  ],
  // Travelling outside the allowed countries.
  [
    3,
    (p, at, c, add) => {
      const [ip, place] = c.rng.pick([
        ['200.147.35.14', { city: 'São Paulo', state: 'São Paulo', country: 'BR' }],
        ['187.189.10.77', { city: 'Cancún', state: 'Quintana Roo', country: 'MX' }],
      ] as const);
      add('ca-blocked', 'travelling outside the allowed countries', [
        {
          person: p,
          app: c.apps.outlookWeb,
          at: at(c.rng.int(0, 530)),
          code: 53003,
          ip,
          place,
          trustedNetwork: false,
          steps: ['password', 'mfa'],
          requirement: CA_MFA,
        },
      ]);
    },
  ],
  // Not assigned to Salesforce; cannot consent to Contoso Expenses.
  [
    3,
    (p, at, c, add) =>
      add('app-config', 'not assigned to Salesforce', [
        { person: p, app: c.apps.salesforce, at: at(c.rng.int(0, 500)), code: 50105, steps: ['password'], caEvaluated: false },
      ]),
  ],
  [
    2,
    (p, at, c, add) =>
      add('app-config', 'cannot consent to Contoso Expenses', [
        { person: p, app: c.apps.expenses, resource: c.apps.graph, at: at(c.rng.int(0, 500)), code: 65001, steps: ['password'], caEvaluated: false },
      ]),
  ],
  // Codes with a known meaning: an expired password, a revoked token, a transient fault.
  [
    2,
    (p, at, c, add) =>
      add('error-code-insight', 'the password has expired', [
        { person: p, app: c.apps.office, at: at(c.rng.int(0, 300)), code: 50055, steps: ['password'], caEvaluated: false },
      ]),
  ],
  [
    4,
    (p, at, c, add) =>
      add('error-code-insight', 'a Teams token revoked', [
        {
          person: p,
          app: c.apps.teams,
          resource: c.apps.teamsService,
          at: at(c.rng.int(0, 500)),
          code: 50173,
          interactive: false,
          clientApp: 'Mobile Apps and Desktop clients',
          steps: ['token'],
          caEvaluated: false,
        },
      ]),
  ],
  [
    3,
    (p, at, c, add) =>
      add('error-code-insight', 'a transient fault inside Entra', [
        {
          person: p,
          app: c.apps.teams,
          at: at(c.rng.int(0, 500)),
          code: 90025,
          clientApp: 'Mobile Apps and Desktop clients',
          steps: ['password'],
          caEvaluated: false,
        },
      ]),
  ],
  [
    1,
    (p, at, c, add) =>
      add('seamless-sso', 'a Kerberos ticket expired', [
        { person: p, app: c.apps.office, at: at(c.rng.int(0, 60)), code: 81010, steps: ['kerberos-bad'], caEvaluated: false },
      ]),
  ],
  [
    1,
    (p, at, c, add) =>
      add('unknown-error', 'a code the catalog has never seen', [
        { person: p, app: c.apps.sharepoint, at: at(c.rng.int(0, 500)), code: 1001010, steps: ['password'], caEvaluated: false },
      ]),
  ],
];
const TOTAL = KINDS.reduce((n, [w]) => n + w, 0);

/** The trouble of one day for the given staff; story people are left to their stories. */
export function trouble(c: TroubleContext, staff: Person[]): Attempt[] {
  const out: Attempt[] = [];
  const add: Add = (scenario, story, specs) => {
    const correlationId = c.rng.guid();
    const rows: Record<string, unknown>[] = [];
    for (const s of specs) rows.push(c.rows.row({ ...s, correlationId, originalRequestId: rows[0]?.id as string | undefined }));
    out.push({ scenario, story: `everyday trouble: ${story}`, rows });
  };
  for (const p of staff) {
    if (!c.rng.chance(c.weekend ? WEEKEND_CHANCE : WEEKDAY_CHANCE)) continue;
    const startHour = p.home.country === 'DE' ? 7 : 16; // 08:00 local
    const at = (minutesIntoDay: number) => new Date(c.dayStart + startHour * 3_600_000 + minutesIntoDay * MIN);
    let r = c.rng.next() * TOTAL;
    const kind = KINDS.find(([w]) => (r -= w) < 0)?.[1] ?? KINDS[0]![1];
    kind(p, at, c, add);
  }
  return out;
}
