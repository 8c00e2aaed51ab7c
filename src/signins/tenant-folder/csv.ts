import type { SourceProblem } from '../source.ts';

/**
 * The Entra admin center's "Download → CSV" of sign-ins, turned into Graph-shaped records.
 * The export's header has quirks ("Application ID " with a trailing space, "Autonomous
 * system  number" with two spaces, "Incoming token type" twice), so names are normalised
 * before they are looked up.
 */

/** RFC 4180 rows, with the 1-based line each row starts on. Quoted fields may span lines. */
export function parseCsvRows(text: string): { cells: string[]; line: number }[] {
  const rows: { cells: string[]; line: number }[] = [];
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let rowLine = 1;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i]!;
    if (inQuotes) {
      if (ch === '"') {
        if (src[i + 1] === '"') {
          field += '"';
          i++;
        } else inQuotes = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
      continue;
    }
    if (ch === '"') inQuotes = true;
    else if (ch === ',') {
      cells.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      cells.push(field);
      if (cells.length > 1 || cells[0] !== '') rows.push({ cells, line: rowLine });
      cells = [];
      field = '';
      line++;
      rowLine = line;
    } else field += ch;
  }
  if (field !== '' || cells.length) {
    cells.push(field);
    rows.push({ cells, line: rowLine });
  }
  return rows;
}

const norm = (h: string) => h.trim().replace(/\s+/g, ' ').toLowerCase();

function yesNo(v: string | undefined): boolean | null {
  if (v === undefined) return null;
  const s = v.trim().toLowerCase();
  if (s === 'yes' || s === 'true') return true;
  if (s === 'no' || s === 'false') return false;
  return null;
}

const REQUIREMENT: Record<string, string> = {
  'single-factor authentication': 'singleFactorAuthentication',
  singlefactorauthentication: 'singleFactorAuthentication',
  'multifactor authentication': 'multiFactorAuthentication',
  'multi-factor authentication': 'multiFactorAuthentication',
  multifactorauthentication: 'multiFactorAuthentication',
};

const CA_STATUS: Record<string, string> = {
  success: 'success',
  failure: 'failure',
  'not applied': 'notApplied',
  notapplied: 'notApplied',
};

/** Converts the export to sign-in records; rows it cannot read are reported with their line. */
export function csvToSignIns(text: string, path: string): { records: { record: Record<string, unknown>; line: number }[]; problems: SourceProblem[] } {
  const rows = parseCsvRows(text);
  const problems: SourceProblem[] = [];
  const records: { record: Record<string, unknown>; line: number }[] = [];
  const header = rows.shift();
  if (!header) return { records, problems: [{ where: path, message: 'the CSV file is empty' }] };
  const col = new Map<string, number>();
  header.cells.forEach((h, i) => {
    const k = norm(h);
    if (!col.has(k)) col.set(k, i); // first of duplicated names wins
  });
  for (const needed of ['date (utc)', 'request id', 'user id']) {
    if (!col.has(needed)) {
      return { records, problems: [{ where: `${path}:1`, message: `the CSV header has no "${needed}" column; is this a sign-in export?` }] };
    }
  }
  for (const row of rows) {
    const get = (name: string): string | undefined => {
      const i = col.get(name);
      if (i === undefined) return undefined;
      const v = row.cells[i];
      return v === undefined || v.trim() === '' ? undefined : v.trim();
    };
    const when = get('date (utc)');
    const id = get('request id');
    const userId = get('user id');
    const codeText = get('sign-in error code') ?? (get('status')?.toLowerCase() === 'success' ? '0' : undefined);
    const code = codeText === undefined ? NaN : Number(codeText);
    const missing = [
      !id && 'Request ID',
      !userId && 'User ID',
      (!when || Number.isNaN(Date.parse(when.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(when) ? when : `${when}Z`))) && 'Date (UTC)',
      !Number.isInteger(code) && 'Sign-in error code',
    ].filter(Boolean);
    if (missing.length) {
      problems.push({ where: `${path}:${row.line}`, message: `row skipped: no readable ${missing.join(', ')}` });
      continue;
    }
    const iso = new Date(when!.endsWith('Z') || /[+-]\d\d:?\d\d$/.test(when!) ? when! : `${when}Z`).toISOString();
    const loc = get('location')
      ?.split(',')
      .map((s) => s.trim());
    const mfaResult = get('multifactor authentication result');
    const record: Record<string, unknown> = {
      id,
      createdDateTime: iso,
      userId,
      userDisplayName: get('user') ?? null,
      userPrincipalName: get('username')?.toLowerCase() ?? null,
      userAgent: get('user agent') ?? null,
      correlationId: get('correlation id') ?? null,
      userType: get('user type')?.toLowerCase() ?? null,
      crossTenantAccessType: get('cross tenant access type') ?? null,
      incomingTokenType: get('incoming token type') ?? null,
      authenticationProtocol: get('authentication protocol') ?? null,
      uniqueTokenIdentifier: get('unique token identifier') ?? null,
      appDisplayName: get('application') ?? null,
      appId: get('application id') ?? null,
      resourceDisplayName: get('resource') ?? null,
      resourceId: get('resource id') ?? null,
      resourceTenantId: get('resource tenant id') ?? null,
      homeTenantId: get('home tenant id') ?? null,
      ipAddress: get('ip address') ?? null,
      location: loc ? { city: loc[0] ?? null, state: loc.length > 2 ? loc[1] : null, countryOrRegion: loc[loc.length - 1] ?? null } : null,
      status: { errorCode: code, failureReason: get('failure reason') ?? null, additionalDetails: null },
      clientAppUsed: get('client app') ?? null,
      deviceDetail: {
        deviceId: get('device id') ?? null,
        browser: get('browser') ?? null,
        operatingSystem: get('operating system') ?? null,
        isCompliant: yesNo(get('compliant')),
        isManaged: yesNo(get('managed')),
        trustType: get('join type') ?? null,
      },
      authenticationRequirement: REQUIREMENT[get('authentication requirement')?.toLowerCase() ?? ''] ?? null,
      signInIdentifier: get('sign-in identifier') ?? null,
      flaggedForReview: yesNo(get('flagged for review')),
      tokenIssuerType: get('token issuer type') ?? null,
      tokenIssuerName: get('token issuer name') ?? null,
      conditionalAccessStatus: CA_STATUS[get('conditional access')?.toLowerCase() ?? ''] ?? null,
      // The export has the MFA outcome as text columns; keep it as one authentication step.
      authenticationDetails: mfaResult
        ? [
            {
              authenticationMethod: get('multifactor authentication auth method') ?? null,
              authenticationMethodDetail: get('multifactor authentication auth detail') ?? null,
              authenticationStepResultDetail: mfaResult,
              authenticationStepRequirement: 'Multi-factor authentication',
              succeeded: !/denied|fail/i.test(mfaResult),
            },
          ]
        : null,
      isInteractive: true,
    };
    const asn = Number(get('autonomous system number'));
    if (Number.isFinite(asn) && get('autonomous system number')) record.autonomousSystemNumber = asn;
    records.push({ record, line: row.line });
  }
  return { records, problems };
}
