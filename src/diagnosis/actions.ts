import type { SignIn } from '../signins/signin.ts';
import type { Facts } from './scenarios.ts';
import { links } from './links.ts';
import type { Action, DiagnosisInput, PolicyReport, ScenarioId } from './types.ts';
import { utc, type PasswordVerdict } from './history.ts';
import { tenantNow } from './admin-rules.ts';
import { providerWords } from './words.ts';

/** What to do about an attempt, who does it, and where. */

export interface ActionContext {
  scenario: ScenarioId;
  facts: Facts;
  input: DiagnosisInput;
  policies: PolicyReport[];
  verdict?: PasswordVerdict;
  lockKind?: string;
  /** A correct password used from a strange place at high risk (admin-rules). */
  compromise?: boolean;
  /** An emergency-access account signed in. */
  breakGlass?: boolean;
}

function appLink(input: DiagnosisInput, e: SignIn) {
  const sp = input.servicePrincipals?.find((s) => s.appId.toLowerCase() === (e.appId ?? '').toLowerCase());
  return { title: `Enterprise app: ${e.appDisplayName ?? e.appId}`, url: links.enterpriseApp(e.appId ?? '', sp?.id ?? undefined) };
}

export function recommendActions(c: ActionContext): Action[] {
  const list = scenarioActions(c);
  if (!c.breakGlass) return list;
  const d = c.facts.decisive;
  return [
    { text: 'Review this use of the emergency-access (break-glass) account now: confirm who used it and why, and if nobody can say, treat it as compromised (reset its credentials, revoke its sessions).', who: 'admin', link: { title: `The account ${d.userPrincipalName ?? d.userId} (its Sign-in logs tab)`, url: links.user(d.userId) } },
    ...list.filter((a) => c.scenario !== 'success' || !/^Nothing to fix/.test(a.text)),
  ];
}

function scenarioActions(c: ActionContext): Action[] {
  const d = c.facts.decisive;
  const user = { title: 'The user in the Entra admin center', url: links.user(d.userId) };
  const methods = { title: 'Authentication methods', url: links.userAuthMethods(d.userId) };
  const deciding = c.policies.filter((p) => p.result === 'failure');
  const policyLink = (p?: PolicyReport) => (p ? { title: `Policy: ${p.displayName}`, url: p.link } : { title: 'Conditional Access policies', url: links.policies() });
  const remedy = c.facts.insight?.remedy;
  switch (c.scenario) {
    case 'success':
      return [{ text: 'Nothing to fix: the sign-in succeeded. The policies below show why it was or was not interrupted.', who: 'helpdesk' }];
    case 'legacy-auth':
      if (c.compromise) {
        return [
          { text: 'Reset the password and revoke the user’s sessions now: someone else used the right password.', who: 'admin', link: user },
          { text: 'Confirm the user compromised in Risky sign-ins (or Risky users), so Identity Protection learns from it, and review what else was signed in to from that IP.', who: 'admin', link: { title: 'Risky sign-ins', url: links.riskySignIns() } },
          { text: 'Keep legacy authentication blocked: it is what stopped this sign-in.', who: 'admin', link: policyLink(deciding[0]) },
        ];
      }
      return [
        { text: `Move this client off ${d.clientAppUsed}: use a modern-auth client (Outlook, or OAuth for SMTP/IMAP), or for a device such as a printer, a relay that does not sign in with a password.`, who: 'admin' },
        { text: 'Keep legacy authentication blocked; an exception re-opens password spraying against this account.', who: 'admin', link: policyLink(deciding[0]) },
      ];
    case 'b2b-blocked':
      return [
        { text: `Tell the guest that ${deciding[0]?.displayName ?? 'a policy'} blocks external users from ${d.resourceDisplayName ?? d.appDisplayName}; if they need it, an admin decides whether to exclude them or grant access another way.`, who: 'helpdesk', link: policyLink(deciding[0]) },
        { text: 'If the block is meant to come from cross-tenant access settings, check them for the guest’s home tenant.', who: 'admin' },
      ];
    case 'risk-blocked':
      return [
        { text: 'Treat this as a possible account compromise: review the risky sign-in, and confirm with the user whether it was them.', who: 'admin', link: { title: 'Risky sign-ins', url: links.riskySignIns() } },
        { text: 'If it was not the user: reset the password, revoke sessions, and confirm the sign-in compromised. If it was: have them sign in from a usual place, or dismiss the risk.', who: 'admin', link: user },
      ];
    case 'mfa-proofup-risky':
      return [
        { text: 'Have the user register security information from the office network or a managed device.', who: 'user', link: { title: 'My security info', url: links.mySecurityInfo() } },
        { text: 'If the sign-in was flagged as risky, review and clear the risk first; consider issuing a Temporary Access Pass.', who: 'helpdesk', link: methods },
      ];
    case 'ca-blocked':
      return [
        { text: `Confirm with the user what they were doing: ${deciding[0]?.displayName ?? 'a Conditional Access policy'} blocks it by design${deciding[0]?.conditions.length ? ` (${deciding[0].conditions.filter((x) => x.met).map((x) => x.reason).join('; ')})` : ''}.`, who: 'helpdesk', link: policyLink(deciding[0]) },
        { text: 'If the block is wrong for this user, an admin changes the policy (an exclusion or a named location) and tests it with What If.', who: 'admin', link: policyLink(deciding[0]) },
      ];
    case 'ca-grant-failed': {
      const failed = deciding[0];
      return [
        { text: remedy ?? 'Meet the policy requirement.', who: 'user' },
        { text: 'If the device should be compliant, check it in Intune (Company Portal shows what is missing).', who: 'helpdesk' },
        { text: 'Review the policy if this requirement should not apply to this user or app.', who: 'admin', link: policyLink(failed) },
      ];
    }
    case 'security-defaults': {
      const now = tenantNow(c.input);
      if (now.caOn) {
        return [
          { text: `Security defaults are already off and Conditional Access is in force${now.caSince ? ` (since ${utc(now.caSince)})` : ''}; nothing to replace. If the user still cannot sign in today, diagnose a newer attempt: Conditional Access decides now.`, who: 'helpdesk', link: { title: 'Conditional Access policies', url: links.policies() } },
          { text: remedy ?? 'Complete MFA, or use a modern client.', who: 'user' },
        ];
      }
      return [
        { text: remedy ?? 'Complete MFA, or use a modern client.', who: 'user' },
        { text: 'Security defaults apply to everyone; for exceptions or finer control, replace them with Conditional Access (needs Entra ID P1).', who: 'admin', link: { title: 'Tenant properties (security defaults)', url: links.tenantProperties() } },
      ];
    }
    case 'mfa-proofup':
      return [
        { text: 'Register MFA methods when prompted (Microsoft Authenticator or a phone), then sign in again.', who: 'user', link: { title: 'My security info', url: links.mySecurityInfo() } },
        { text: 'If the user cannot register (no phone, new phone), issue a Temporary Access Pass.', who: 'helpdesk', link: methods },
      ];
    case 'mfa-not-completed':
      return [
        { text: 'Ask the user whether they started this sign-in. If not, their password is known to someone else: reset it and revoke sessions.', who: 'helpdesk', link: user },
        { text: 'If it was them: retry and approve the prompt; if prompts do not arrive, check the registered methods.', who: 'user', link: methods },
      ];
    case 'ca-mfa':
      return [
        { text: 'Complete the MFA prompt; Conditional Access requires it here.', who: 'user' },
        { text: 'If the user cannot complete MFA, check their registered methods or issue a Temporary Access Pass.', who: 'helpdesk', link: methods },
      ];
    case 'mfa-other': {
      const perUser = c.facts.providers.includes('user');
      return [
        { text: 'Complete the MFA prompt.', who: 'user' },
        perUser
          ? { text: 'This MFA comes from legacy per-user MFA. Microsoft recommends turning per-user MFA off and requiring MFA through Conditional Access instead.', who: 'admin', link: user }
          : { text: `This MFA was requested by ${providerWords(c.facts.providers) || 'something other than Conditional Access'}; review that source if the prompt is unexpected.`, who: 'admin' },
      ];
    }
    case 'account-locked':
      return c.lockKind === 'malicious-ip'
        ? [
            { text: 'The user can sign in from their usual network; the block is on the attacking IP, not on them.', who: 'helpdesk' },
            { text: 'Review the sign-ins from that IP across the tenant and make sure the targeted accounts have MFA.', who: 'admin', link: { title: 'Sign-in logs', url: links.signInLogs() } },
          ]
        : [
            { text: 'Wait for the lockout to lift (a minute at first), then sign in with the right password, or reset it with self-service password reset.', who: 'user', link: { title: 'Self-service password reset', url: links.selfServiceReset() } },
            { text: c.verdict === 'stale-password' ? 'Find the device or app that keeps sending the old password (see the sources) and update or remove the account there; otherwise it will lock the user again.' : 'Check the sources below: if the user does not recognise them, treat it as an attack and reset the password.', who: 'helpdesk', link: user },
          ];
    case 'invalid-credentials':
      if (c.verdict === 'attack') {
        if (c.facts.code === 50034) {
          return [
            { text: `Nothing to correct in the user name: "${d.userPrincipalName}" was tried by the same IP that is guessing passwords for many accounts. Block that IP with a named location and a block policy, and make sure the real accounts have MFA.`, who: 'admin', link: { title: 'Named locations', url: links.namedLocations() } },
          ];
        }
        return [
          { text: 'Someone is guessing passwords for many accounts from one IP. Make sure the targeted accounts have MFA, and consider blocking the IP with a named location.', who: 'admin', link: { title: 'Named locations', url: links.namedLocations() } },
          { text: 'No action needed from the user unless they could not sign in themselves.', who: 'helpdesk' },
        ];
      }
      if (c.facts.code === 50034) return [{ text: 'No such user: check the spelling of the user name and that it belongs to this tenant.', who: 'user' }];
      if (c.verdict === 'stale-password') {
        return [
          { text: 'Update the password saved in the app or device that keeps failing (see the sources), or remove the account from it.', who: 'user' },
          { text: 'Until then it will keep failing; repeated failures of the same old password do not usually lock the account, but a new wrong password will.', who: 'helpdesk', link: user },
        ];
      }
      return [{ text: 'Enter the right password, or reset it with self-service password reset.', who: 'user', link: { title: 'Self-service password reset', url: links.selfServiceReset() } }];
    case 'pta':
      if (c.facts.code === 80012) {
        return [
          { text: `${d.userDisplayName ?? 'The user'} may sign in only during the logon hours set on their account in on-premises Active Directory: sign in within them, or an admin changes the hours (Active Directory Users and Computers → the account → Account → Logon Hours).`, who: 'admin' },
          { text: 'This is a setting of this one account, not the pass-through agents: nothing to restart.', who: 'helpdesk' },
        ];
      }
      return [
        { text: remedy ?? 'Check the pass-through authentication agents.', who: 'admin', link: { title: 'Pass-through authentication agents', url: links.passThroughAgents() } },
        { text: 'If several users fail at the same time, it is the agents, not the users: tell them to retry once the agents are healthy.', who: 'helpdesk' },
      ];
    case 'seamless-sso':
      return [{ text: remedy ?? 'Sign in with the password instead.', who: 'user' }];
    case 'app-config':
      return [
        { text: remedy ?? 'Fix the application configuration.', who: c.facts.insight?.fixer === 'app-owner' ? 'app-owner' : 'admin', link: appLink(c.input, d) },
        { text: 'The user cannot fix this; tell them the app is being looked at.', who: 'helpdesk' },
      ];
    case 'app-sp':
      return [
        { text: remedy ?? "The app's owner fixes the app's sign-in request.", who: 'app-owner', link: appLink(c.input, d) },
        { text: `Send the app's owner the correlation id and time; the user cannot fix this.`, who: 'helpdesk' },
      ];
    case 'error-code-insight':
      return [{ text: remedy ?? 'See what the code means.', who: c.facts.insight?.fixer ?? 'helpdesk', ...(c.facts.insight?.fixer === 'user' ? {} : { link: user }) }];
    case 'unknown-error':
      return [
        { text: `Error ${c.facts.code} is not in our catalog. Look it up at https://login.microsoftonline.com/error?code=${c.facts.code}, read the failure reason on the event, and open a support request if it keeps happening.`, who: 'helpdesk', link: { title: 'Sign-in logs', url: links.signInLogs() } },
      ];
  }
}

/** Whether Microsoft support should look at this: nothing the tenant can change explains it. */
export function supportWarranted(c: ActionContext): { warranted: boolean; reason: string } {
  const i = c.facts.insight;
  if (c.scenario === 'unknown-error') return { warranted: true, reason: 'the error code is unknown' };
  if (i?.fixer === 'microsoft' || i?.category === 'transient') return { warranted: true, reason: 'the error is inside Entra; open a request if it persists' };
  if (i?.category === 'other') return { warranted: true, reason: 'the code has no specific fix on the tenant side' };
  return { warranted: false, reason: c.scenario === 'success' ? 'the sign-in succeeded' : 'the cause is in the tenant or on the user’s side; the actions above fix it' };
}
