import { links } from './links.ts';

/**
 * What the helpdesk can do about a diagnosis from its card (issue 22): a small vocabulary,
 * chosen by each scenario from its evidence (a scenario's `remediations`). Pure data: the
 * calls themselves are src/remediate/'s, made with the presser's own delegated token.
 *
 * - `graph`: one Microsoft Graph call the bot makes for the presser (Entra checks their role);
 * - `handoff`: a page of the Entra or Intune admin center, where the API needs more than a
 *   helpdesk agent has (a password reset), or has no single call (re-registering MFA).
 */
export const REMEDIATION_IDS = [
  'revokeSessions',
  'issueTap',
  'requireMfaReregistration',
  'confirmCompromised',
  'dismissRisk',
  'resetPasswordHandoff',
  'deviceComplianceHandoff',
] as const;
export type RemediationId = (typeof REMEDIATION_IDS)[number];

export const isRemediationId = (s: unknown): s is RemediationId => typeof s === 'string' && (REMEDIATION_IDS as readonly string[]).includes(s);

interface GraphRemediation {
  kind: 'graph';
  /** Exactly what, to whom ("Revoke Megan Bowen's sign-in sessions"): the line above the button, and the approval card's title. */
  button: (name: string) => string;
  /** The button itself, short enough for a 320 px card ("Revoke sessions"): the line above it names the person. */
  short: string;
  /** "revoke sign-in sessions for Megan Bowen": what a dry run would do. */
  would: (name: string) => string;
  /** The call, as Graph documents it, with the user's id in place. */
  call: (userId: string) => string;
}

interface Handoff {
  kind: 'handoff';
  button: (name: string) => string;
  short: string;
  /** The admin-center page where it is done. */
  url: (userId: string) => string;
}

export type RemediationSpec = GraphRemediation | Handoff;

const u = (id: string) => encodeURIComponent(id);

export const REMEDIATIONS: Readonly<Record<RemediationId, RemediationSpec>> = {
  revokeSessions: {
    kind: 'graph',
    short: 'Revoke sessions',
    button: (n) => `Revoke ${n}'s sign-in sessions`,
    would: (n) => `revoke sign-in sessions for ${n}`,
    call: (id) => `POST /users/${u(id)}/revokeSignInSessions`,
  },
  issueTap: {
    kind: 'graph',
    short: 'Issue a pass',
    button: (n) => `Issue ${n} a Temporary Access Pass`,
    would: (n) => `issue a Temporary Access Pass for ${n}`,
    call: (id) => `POST /users/${u(id)}/authentication/temporaryAccessPassMethods`,
  },
  confirmCompromised: {
    kind: 'graph',
    short: 'Confirm compromised',
    button: (n) => `Confirm ${n} compromised`,
    would: (n) => `confirm ${n} compromised in Identity Protection`,
    call: () => 'POST /identityProtection/riskyUsers/confirmCompromised',
  },
  dismissRisk: {
    kind: 'graph',
    short: 'Dismiss risk',
    button: (n) => `Dismiss ${n}'s user risk`,
    would: (n) => `dismiss the user risk of ${n}`,
    call: () => 'POST /identityProtection/riskyUsers/dismiss',
  },
  // Graph has no one call for "require re-register": the admin center's button deletes the phone and Authenticator methods.
  requireMfaReregistration: {
    kind: 'handoff',
    short: 'Open methods',
    button: (n) => `Require ${n} to re-register MFA`,
    url: (id) => links.userAuthMethods(id),
  },
  // A reset by API needs more than a helpdesk agent has (UserAuthenticationMethod.ReadWrite.All and a password to send).
  resetPasswordHandoff: {
    kind: 'handoff',
    short: 'Open the user',
    button: (n) => `Reset ${n}'s password`,
    url: (id) => links.user(id),
  },
  deviceComplianceHandoff: {
    kind: 'handoff',
    short: 'Open Intune',
    button: (n) => `Check ${n}'s devices in Intune`,
    url: (id) => `https://intune.microsoft.com/#view/Microsoft_AAD_UsersAndTenants/UserProfileMenuBlade/~/Devices/userId/${u(id)}`,
  },
};
