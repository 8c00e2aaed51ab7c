import { SignIn } from '../signin.ts';
import type { SignInResult, SourceProblem } from '../source.ts';

/**
 * SigninLogs / AADNonInteractiveUserSignInLogs rows → the Graph `signIn` shape
 * (signin-schema.md §6), for any Kusto store holding those tables. The non-interactive table
 * stores JSON columns as strings and the processing time under another name; ResultType is
 * a string; UserType is capitalised.
 */
type Row = Record<string, unknown>;

/** A JSON column that may arrive parsed (dynamic) or as text (string-typed). */
export function json(v: unknown): unknown {
  if (typeof v !== 'string') return v ?? null;
  const t = v.trim();
  if (!t || (t[0] !== '{' && t[0] !== '[')) return null;
  try {
    return JSON.parse(t);
  } catch {
    return null;
  }
}

/** A column's text, or null for a missing or empty value. */
export const str = (v: unknown) => (v === null || v === undefined || v === '' ? null : String(v));
const num = (v: unknown) => (v === null || v === undefined || v === '' || Number.isNaN(Number(v)) ? null : Number(v));
const bool = (v: unknown) => (typeof v === 'boolean' ? v : v === 'true' || v === 'True' ? true : v === 'false' || v === 'False' ? false : null);
const lower = (v: unknown) => (typeof v === 'string' && v ? v.charAt(0).toLowerCase() + v.slice(1) : null);

function createdAt(v: unknown): string | null {
  if (v instanceof Date) return v.toISOString();
  return str(v);
}

export function rowToSignIn(r: Row): Row {
  const status = json(r.Status) as Row | null;
  const nonInteractive = r.SourceTable === 'AADNonInteractiveUserSignInLogs' || r.Type === 'AADNonInteractiveUserSignInLogs';
  const code = num(r.ResultType) ?? num(status?.errorCode);
  const eventTypes = json(r.SignInEventTypes) as string[] | null;
  return {
    id: str(r.Id),
    createdDateTime: createdAt(r.CreatedDateTime),
    userId: str(r.UserId) ?? '',
    userDisplayName: str(r.UserDisplayName ?? r.Identity),
    userPrincipalName: str(r.UserPrincipalName)?.toLowerCase() ?? null,
    appId: str(r.AppId),
    appDisplayName: str(r.AppDisplayName),
    ipAddress: str(r.IPAddress),
    clientAppUsed: str(r.ClientAppUsed),
    userAgent: str(r.UserAgent),
    correlationId: str(r.CorrelationId),
    conditionalAccessStatus: str(r.ConditionalAccessStatus),
    originalRequestId: str(r.OriginalRequestId),
    isInteractive: bool(r.IsInteractive) ?? !nonInteractive,
    tokenIssuerName: str(r.TokenIssuerName),
    tokenIssuerType: str(r.TokenIssuerType),
    processingTimeInMilliseconds: num(r.ProcessingTimeInMilliseconds ?? r.ProcessingTimeInMs),
    riskDetail: str(r.RiskDetail),
    riskLevelAggregated: str(r.RiskLevelAggregated),
    riskLevelDuringSignIn: str(r.RiskLevelDuringSignIn),
    riskState: str(r.RiskState),
    riskEventTypes_v2: (json(r.RiskEventTypes_V2) as string[] | null) ?? [],
    // ResourceIdentity holds the resource app id in the samples read; ResourceId is the envelope's path.
    resourceDisplayName: str(r.ResourceDisplayName),
    resourceId: str(r.ResourceIdentity) ?? (typeof r.ResourceId === 'string' && !r.ResourceId.startsWith('/') ? r.ResourceId : null),
    resourceTenantId: str(r.ResourceTenantId),
    homeTenantId: str(r.HomeTenantId),
    authenticationRequirement: str(r.AuthenticationRequirement),
    authenticationRequirementPolicies: json(r.AuthenticationRequirementPolicies) ?? [],
    authenticationProtocol: str(r.AuthenticationProtocol),
    incomingTokenType: str(r.IncomingTokenType),
    signInIdentifier: str(r.SignInIdentifier),
    signInEventTypes: eventTypes ?? [nonInteractive ? 'nonInteractiveUser' : 'interactiveUser'],
    userType: lower(r.UserType),
    crossTenantAccessType: str(r.CrossTenantAccessType),
    uniqueTokenIdentifier: str(r.UniqueTokenIdentifier),
    flaggedForReview: bool(r.FlaggedForReview),
    autonomousSystemNumber: num(r.AutonomousSystemNumber),
    status: { errorCode: code, failureReason: str(r.ResultDescription) ?? str(status?.failureReason), additionalDetails: str(status?.additionalDetails) },
    deviceDetail: json(r.DeviceDetail),
    location: json(r.LocationDetails),
    appliedConditionalAccessPolicies: json(r.ConditionalAccessPolicies),
    authenticationDetails: json(r.AuthenticationDetails),
    networkLocationDetails: json(r.NetworkLocationDetails) ?? [],
    authenticationProcessingDetails: json(r.AuthenticationProcessingDetails) ?? [],
    sessionLifetimePolicies: json(r.SessionLifetimePolicies) ?? [],
  };
}

/** One result table as records (column name → value), whatever client read it. */
export interface RowTable {
  name: string;
  records: Iterable<Row>;
}

/**
 * The sign-ins in result tables: each row checked against the schema (one that does not
 * map is a problem, not an error), the same event met twice kept once, newest first, at
 * most `limit` (`truncated` says there were more).
 */
export function signInsFromRows(tables: Iterable<RowTable>, where: string, limit: number): SignInResult {
  const events: SignIn[] = [];
  const problems: SourceProblem[] = [];
  const seen = new Set<string>();
  for (const t of tables) {
    for (const record of t.records) {
      const parsed = SignIn.safeParse(rowToSignIn(record));
      if (!parsed.success) {
        problems.push({
          where: `${where} ${t.name}`,
          message: `a row did not map to a sign-in (${parsed.error.issues[0]?.path.join('.')}: ${parsed.error.issues[0]?.message}); skipped`,
        });
        continue;
      }
      if (seen.has(parsed.data.id)) continue;
      seen.add(parsed.data.id);
      events.push(parsed.data);
    }
  }
  events.sort((a, b) => Date.parse(b.createdDateTime) - Date.parse(a.createdDateTime));
  return { events: events.slice(0, limit), truncated: events.length > limit, problems };
}
