import type { App, Apps, Person } from './directory.ts';
import { FABRIKAM_TENANT_ID, TENANT_ID } from './directory.ts';
import { appliedPolicies, type SamplePolicy, type SignInContext } from './policies.ts';
import type { Rng } from './rng.ts';

/** Builds Graph-beta-shaped sign-in rows; one call per row, the attempt's rows share a correlationId. */

export type Step = 'password' | 'password-bad' | 'pta-bad' | 'token' | 'mfa' | 'mfa-denied' | 'mfa-declined' | 'kerberos-bad' | 'mfa-claim';

export interface RowSpec {
  person: Person;
  app: App;
  resource?: App;
  at: Date;
  code: number;
  correlationId: string;
  originalRequestId?: string;
  ip?: string;
  place?: { city: string; state: string; country: string };
  trustedNetwork?: boolean;
  clientApp?: SignInContext['clientApp'];
  interactive?: boolean;
  device?: Partial<Person['device']>;
  steps?: Step[];
  requirement?: { provider: string; detail: string }[];
  multiFactor?: boolean;
  risk?: { level: 'none' | 'low' | 'medium' | 'high'; events: string[] };
  /** CA is evaluated only after primary authentication succeeds. */
  caEvaluated?: boolean;
  mfaDone?: boolean;
  beforeGoLive?: boolean;
  flagged?: boolean;
  userAgent?: string;
  protocol?: string;
  /** The reader could not see Conditional Access (no Policy.Read.All): the row has no policy list. */
  caHidden?: boolean;
  /** For unknown user names: the name typed, with no directory object behind it. */
  typedName?: string;
}

const REASONS: Record<number, string> = {
  0: '',
  50053: 'Account is locked because user tried to sign in too many times with an incorrect user ID or password.',
  50126: 'Error validating credentials due to invalid username or password.',
  50034: 'The user account does not exist in the directory. To sign into this application, the account must be added to the directory.',
  50074: 'Strong Authentication is required.',
  50076:
    'Due to a configuration change made by your administrator, or because you moved to a new location, you must use multi-factor authentication to access the resource.',
  50079: 'Due to a configuration change made by your administrator, or because you moved to a new location, you must enroll in multi-factor authentication.',
  50072: 'User needs to enroll for second factor authentication.',
  500121: 'Authentication failed during strong authentication request.',
  50140: "This error occurred due to 'Keep me signed in' interrupt when the user was signing-in.",
  53000: 'Device is not in required device state: compliant. Conditional Access policy requires a compliant device, and the device is not compliant.',
  53003: 'Access has been blocked by Conditional Access policies. The access policy does not allow token issuance.',
  53004: 'Proof up is blocked due to risk. User needs to satisfy MFA registration risk policies.',
  53009: 'Application needs to enforce Intune protection policies.',
  53010: 'Request is blocked because user registering security info is not satisfying the required authentication context.',
  530035: 'Access has been blocked by security defaults. This is due to the request using legacy auth or being deemed unsafe by security defaults policies.',
  50105: "Your administrator has configured the application to block users unless they are specifically granted ('assigned') access to the application.",
  65001: 'The user or administrator has not consented to use the application.',
  50011: 'The redirect URI specified in the request does not match the redirect URIs configured for the application.',
  700016: 'Application not found in the directory.',
  75011: "Authentication method by which the user authenticated with the service doesn't match requested authentication method.",
  750054: 'SAMLRequest or SAMLResponse must be present as query string parameters in HTTP request for SAML Redirect binding.',
  80001: 'Unable to connect to Active Directory. Ensure that agent servers are members of the same AD forest as the users.',
  80014: 'Validation request responded after maximum elapsed time exceeded.',
  80012: 'The users attempted to log on outside of the allowed hours (this is specified in AD).',
  81010: "Seamless SSO failed because the user's Kerberos ticket has expired or is invalid.",
  81012: 'The user trying to sign in to Azure AD is different from the user signed into the device.',
  50057: 'User account is disabled. The account has been disabled by an administrator.',
  50055: 'The password is expired.',
  50173: 'The provided grant has expired due to it being revoked, a fresh auth token is needed.',
  90025: 'An internal Microsoft Entra service hit its retry allowance to sign the user in.',
  1001010: 'Other.',
  50207: 'Other.',
};

export const MALICIOUS_IP_REASON = 'Sign-in was blocked because it came from an IP address with malicious activity';

const STEP: Record<Step, (p: Person, at: string) => Record<string, unknown>> = {
  password: (p, at) => ({
    authenticationStepDateTime: at,
    authenticationMethod: 'Password',
    authenticationMethodDetail: p.onPremisesSyncEnabled ? 'Pass-through Authentication' : 'Password in the cloud',
    succeeded: true,
    authenticationStepResultDetail: 'Correct password',
    authenticationStepRequirement: 'Primary authentication',
  }),
  'password-bad': (p, at) => ({
    authenticationStepDateTime: at,
    authenticationMethod: 'Password',
    authenticationMethodDetail: p.onPremisesSyncEnabled ? 'Pass-through Authentication' : 'Password in the cloud',
    succeeded: false,
    authenticationStepResultDetail: 'Invalid username or password or Invalid on-premise username or password.',
    authenticationStepRequirement: 'Primary authentication',
  }),
  'pta-bad': (_p, at) => ({
    authenticationStepDateTime: at,
    authenticationMethod: 'Password',
    authenticationMethodDetail: 'Pass-through Authentication',
    succeeded: false,
    authenticationStepResultDetail: 'Pass-through authentication agent could not validate the password',
    authenticationStepRequirement: 'Primary authentication',
  }),
  token: (_p, at) => ({
    authenticationStepDateTime: at,
    authenticationMethod: 'Previously satisfied',
    authenticationMethodDetail: null,
    succeeded: true,
    authenticationStepResultDetail: 'First factor requirement satisfied by claim in the token',
    authenticationStepRequirement: 'Primary authentication',
  }),
  mfa: (_p, at) => ({
    authenticationStepDateTime: at,
    authenticationMethod: 'Mobile app notification',
    authenticationMethodDetail: 'Microsoft Authenticator',
    succeeded: true,
    authenticationStepResultDetail: 'MFA successfully completed',
    authenticationStepRequirement: 'Multi-factor authentication',
  }),
  'mfa-denied': (_p, at) => ({
    authenticationStepDateTime: at,
    authenticationMethod: 'Mobile app notification',
    authenticationMethodDetail: 'Microsoft Authenticator',
    succeeded: false,
    authenticationStepResultDetail: 'MFA denied; user did not respond to mobile app notification',
    authenticationStepRequirement: 'Multi-factor authentication',
  }),
  'mfa-declined': (_p, at) => ({
    authenticationStepDateTime: at,
    authenticationMethod: 'Mobile app notification',
    authenticationMethodDetail: 'Microsoft Authenticator',
    succeeded: false,
    authenticationStepResultDetail: 'MFA denied; user declined the authentication',
    authenticationStepRequirement: 'Multi-factor authentication',
  }),
  'mfa-claim': (_p, at) => ({
    authenticationStepDateTime: at,
    authenticationMethod: 'Previously satisfied',
    authenticationMethodDetail: null,
    succeeded: true,
    authenticationStepResultDetail: 'MFA requirement satisfied by claim in the token',
    authenticationStepRequirement: 'Multi-factor authentication',
  }),
  'kerberos-bad': (_p, at) => ({
    authenticationStepDateTime: at,
    authenticationMethod: 'Seamless SSO',
    authenticationMethodDetail: 'Kerberos',
    succeeded: false,
    authenticationStepResultDetail: 'Kerberos ticket could not be validated',
    authenticationStepRequirement: 'Primary authentication',
  }),
};

const UA = {
  windows: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Safari/537.36 Edg/130.0.0.0',
  mac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_6) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  ios: 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1',
  android: 'Mozilla/5.0 (Linux; Android 15; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/130.0.0.0 Mobile Safari/537.36',
};

export function platformOf(os: string): SignInContext['platform'] {
  const o = os.toLowerCase();
  return o.startsWith('ios') ? 'iOS' : o.startsWith('android') ? 'android' : o.startsWith('mac') ? 'macOS' : 'windows';
}

export class RowFactory {
  constructor(
    private readonly rng: Rng,
    private readonly policies: SamplePolicy[],
    private readonly apps: Apps,
  ) {}

  row(s: RowSpec): Record<string, unknown> {
    const rng = this.rng;
    const p = s.person;
    const at = s.at.toISOString().replace(/\.(\d{3})Z$/, (_, ms: string) => `.${ms}${String(rng.int(0, 9999)).padStart(4, '0')}Z`);
    const resource = s.resource ?? s.app;
    const device = { ...p.device, ...s.device };
    const guest = p.userType === 'Guest';
    const clientApp = s.clientApp ?? (s.interactive === false ? 'Mobile Apps and Desktop clients' : 'Browser');
    const place = s.place ?? { city: p.home.city, state: p.home.state, country: p.home.country };
    const ip = s.ip ?? p.home.ip;
    const trusted = s.trustedNetwork ?? (ip.startsWith('203.0.113.') || ip.startsWith('198.51.100.'));
    const ctx: SignInContext = {
      person: p,
      guest,
      resourceId: resource.id,
      clientApp,
      country: place.country,
      trustedNetwork: trusted,
      platform: platformOf(device.os),
      compliant: device.compliant,
      signInRisk: s.risk?.level ?? 'none',
      mfaDone: s.mfaDone ?? (s.steps ?? []).includes('mfa'),
      beforeGoLive: s.beforeGoLive ?? false,
    };
    const ca = s.caEvaluated === false ? { list: [], status: 'notApplied' } : appliedPolicies(this.policies, ctx);
    const steps = (s.steps ?? (s.interactive === false ? ['token'] : ['password'])).map((k) => STEP[k](p, at));
    const interactive = s.interactive ?? true;
    const id = rng.guid();
    const ua =
      s.userAgent ?? (device.os.startsWith('iOS') ? UA.ios : device.os.startsWith('Android') ? UA.android : device.os.startsWith('Mac') ? UA.mac : UA.windows);
    const mfaRequired = s.multiFactor ?? steps.some((x) => x.authenticationStepRequirement === 'Multi-factor authentication' && x.succeeded === true);
    const unknownUser = s.typedName !== undefined;
    const row = this.build(s, { at, resource, device, guest, clientApp, place, ip, trusted, ca, steps, interactive, id, ua, mfaRequired, unknownUser });
    if (s.caHidden) {
      delete row.appliedConditionalAccessPolicies;
      delete row.conditionalAccessStatus;
    }
    return row;
  }

  private build(
    s: RowSpec,
    v: {
      at: string;
      resource: App;
      device: Person['device'];
      guest: boolean;
      clientApp: string;
      place: { city: string; state: string; country: string };
      ip: string;
      trusted: boolean;
      ca: { list: unknown[]; status: string };
      steps: Record<string, unknown>[];
      interactive: boolean;
      id: string;
      ua: string;
      mfaRequired: boolean;
      unknownUser: boolean;
    },
  ): Record<string, unknown> {
    const rng = this.rng;
    const p = s.person;
    const { at, resource, device, guest, clientApp, place, ip, trusted, ca, steps, interactive, id, ua, mfaRequired, unknownUser } = v;
    return {
      id,
      createdDateTime: at,
      userDisplayName: unknownUser ? null : p.displayName,
      userPrincipalName: unknownUser ? s.typedName : p.logUpn,
      userId: unknownUser ? '00000000-0000-0000-0000-000000000000' : p.id,
      appId: s.app.id,
      appDisplayName: s.app.name,
      ipAddress: ip,
      clientAppUsed: clientApp,
      userAgent: ua,
      correlationId: s.correlationId,
      conditionalAccessStatus: ca.status,
      originalRequestId: s.originalRequestId ?? id,
      isInteractive: interactive,
      tokenIssuerName: '',
      tokenIssuerType: 'AzureAD',
      processingTimeInMilliseconds: rng.int(40, 900),
      riskDetail: 'none',
      riskLevelAggregated: s.risk ? s.risk.level : 'none',
      riskLevelDuringSignIn: s.risk ? s.risk.level : 'none',
      riskState: s.risk && s.risk.level !== 'none' ? 'atRisk' : 'none',
      riskEventTypes_v2: s.risk?.events ?? [],
      resourceDisplayName: resource.name,
      resourceId: resource.id,
      resourceTenantId: TENANT_ID,
      homeTenantId: guest ? (p.mail.endsWith('fabrikam.com') ? FABRIKAM_TENANT_ID : '7c2a9e4b-1d3f-4b6a-8e0c-5f1a2b3c4d5e') : TENANT_ID,
      homeTenantName: guest ? '' : 'Contoso',
      authenticationRequirement: mfaRequired ? 'multiFactorAuthentication' : 'singleFactorAuthentication',
      authenticationRequirementPolicies: (s.requirement ?? []).map((r) => ({ requirementProvider: r.provider, detail: r.detail })),
      authenticationProtocol: s.protocol ?? (clientApp === 'Browser' || clientApp === 'Mobile Apps and Desktop clients' ? 'oAuth2' : 'none'),
      incomingTokenType: interactive ? 'none' : 'refreshToken',
      signInIdentifier: unknownUser ? s.typedName : p.logUpn,
      signInEventTypes: [interactive ? 'interactiveUser' : 'nonInteractiveUser'],
      userType: guest ? 'guest' : 'member',
      crossTenantAccessType: guest ? 'b2bCollaboration' : 'none',
      uniqueTokenIdentifier: Buffer.from(id.replace(/-/g, '').slice(0, 24)).toString('base64url'),
      flaggedForReview: s.flagged ?? false,
      isTenantRestricted: false,
      autonomousSystemNumber: ip.startsWith('185.220.') ? 208294 : ip.startsWith('73.') ? 7922 : 8075,
      status: {
        errorCode: s.code,
        failureReason: s.code === 0 ? null : s.code === 50053 && ip.startsWith('185.220.') ? MALICIOUS_IP_REASON : (REASONS[s.code] ?? 'Other.'),
        additionalDetails: null,
      },
      deviceDetail: {
        deviceId: device.deviceId,
        displayName: device.name,
        operatingSystem: device.os,
        browser: clientApp === 'Browser' ? device.browser : null,
        isCompliant: device.compliant,
        isManaged: device.managed,
        trustType: device.trustType,
      },
      location: { city: place.city, state: place.state, countryOrRegion: place.country, geoCoordinates: {} },
      appliedConditionalAccessPolicies: ca.list,
      authenticationDetails: steps,
      authenticationMethodsUsed: [
        ...new Set(
          steps
            .filter((x) => x.succeeded)
            .map((x) =>
              x.authenticationMethod === 'Password' ? 'Password' : x.authenticationMethod === 'Mobile app notification' ? 'Authenticator App' : null,
            )
            .filter(Boolean),
        ),
      ],
      networkLocationDetails: trusted
        ? [{ networkType: 'trustedNamedLocation', networkNames: [ip.startsWith('203.') ? 'Contoso HQ network' : 'Berlin office'] }]
        : [],
      authenticationProcessingDetails: [],
      sessionLifetimePolicies: [],
    };
  }

  get appsTable(): Apps {
    return this.apps;
  }
}
