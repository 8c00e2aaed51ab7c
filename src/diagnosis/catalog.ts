import codes from './data/aadsts-codes.json' with { type: 'json' };
import type { Fixer } from './diagnosis-parts.ts';
import { msg, type Message } from '../i18n/message.ts';
import type { MessageKey } from '../i18n/translate.ts';

/**
 * The error-code catalog: every code of data/aadsts-codes.json (the team's paraphrase of
 * Microsoft's tables, its sources in the file's "about") with what it means and what to do.
 * "What to do" is written per category, and per code where a common code deserves its own words.
 * The data is imported, not read: the engine stays free of I/O, and the bundle carries it.
 */
export interface CodeInsight {
  code: number;
  name: string | null;
  category: string;
  fixer: Fixer;
  meaning: string;
  /** What to do, in a sentence or two. */
  remedy: string;
  /** `meaning` and `remedy` as messages (src/i18n/messages/codes/<locale>.json and the category's words), for a reader of another language. */
  meaningMsg: Message;
  remedyMsg: Message;
}

/** Per category: what usually fixes a code of this kind. */
const CATEGORY_REMEDY: Record<string, string> = {
  account: 'Check the account in the Entra admin center (enabled, not deleted, the right tenant) and that the user typed the right name.',
  'app-config':
    "The application's Entra configuration needs a change (assignment, consent, reply URL, or the app registration itself); an admin or the app's owner makes it.",
  'app-sp':
    "The application sent a request Entra cannot accept; the app's owner or vendor has to fix the app or its sign-in settings. The user can do nothing about it.",
  b2b: "The guest's access to this tenant needs attention: the invitation, the guest account, or the cross-tenant access settings of either tenant.",
  'conditional-access':
    'Check which Conditional Access policy applied and what it requires; either meet the requirement or, if the policy is wrong, an admin changes it.',
  consent: 'An admin has to grant consent to the application (or allow users to consent) for the permissions it asks for.',
  credentials: 'The user needs to enter the right password, or reset it (self-service password reset, or the helpdesk).',
  device: 'The device does not meet the requirement: register or enrol it (Company Portal), make it compliant, or use a managed device.',
  federation:
    'The federated identity provider (AD FS or another IdP) returned something Entra could not accept; an admin checks the federation settings and the IdP.',
  lockout: 'Wait for the lockout to expire, then sign in with the right password; find and fix whatever keeps sending wrong passwords.',
  mfa: 'The user has to complete multifactor authentication; if they cannot, the helpdesk checks their registered methods.',
  'mfa-registration': 'The user has to register security information (MFA methods) at https://aka.ms/mysecurityinfo, from a place the policy allows.',
  other: 'Read the failure reason on the event; if it does not explain the problem, open a support request with the correlation id and time.',
  pta: 'An admin checks the pass-through authentication agents (running, reaching Active Directory) and the on-premises account.',
  risk: 'Identity Protection considers the sign-in or the user risky; an admin reviews the risk, and the user remediates it (secure password change, MFA) or an admin dismisses it.',
  'seamless-sso':
    'Seamless single sign-on (Kerberos) failed; the user can still sign in with their password. An admin checks the Seamless SSO configuration if it keeps happening.',
  session: 'The session or token is no longer valid; the user signs in again. No admin action is usually needed.',
  tenant: 'The request reached the wrong tenant, or a tenant-wide setting refused it; an admin checks the tenant settings and restrictions.',
  token: "A token the app presented or asked for was not valid; the app's owner checks how the app acquires tokens.",
  transient: 'A temporary problem inside Entra; trying again usually works. If it persists, open a support request.',
};

/** Per code, where the category's words are not specific enough. */
const CODE_REMEDY: Record<number, string> = {
  50053:
    'Wait for smart lockout to expire (a minute at first, longer after repeated lockouts), then sign in with the right password. If the attempts came from somewhere the user does not recognise, treat it as an attack: reset the password and review the sign-ins.',
  50055: 'The user changes the expired password (self-service password reset or the helpdesk), then signs in again.',
  50057:
    'The account is disabled. If the person should have access, an admin enables it; if not (a leaver), find the device or app still trying and remove the account from it.',
  50126: 'The user enters the right password or resets it. Repeated failures from one device or app usually mean a saved old password: update it there.',
  50034: 'Check the user name: it may be mistyped, belong to another tenant, or the account may have been deleted.',
  50056: 'The user enters the password again; if the account has no password (passwordless or federated), sign in the way the account is set up.',
  50074: 'The user completes the MFA prompt. If they cannot (no phone, new phone), the helpdesk checks their registered methods.',
  50076: 'The user completes the MFA prompt in the app. If the app cannot show it, sign in again interactively.',
  50079: 'The user registers MFA methods at https://aka.ms/mysecurityinfo when prompted, then signs in again.',
  50072: 'The user registers a second factor when prompted, then continues.',
  500121:
    'The user did not finish MFA. If they did not start this sign-in (an unexpected prompt), treat it as a compromised password: reset it. Otherwise retry and approve the prompt; the helpdesk checks their methods if prompts do not arrive.',
  50105: 'An admin assigns the user (or a group they are in) to the enterprise application, or turns off "Assignment required".',
  65001: 'An admin grants consent for the application in Enterprise applications, or the user consents if allowed.',
  90094: 'An admin grants tenant-wide admin consent for the application.',
  50011: "The app's owner adds the reply (redirect) URL the app uses to the app registration, or fixes the app to use a registered one.",
  700016: 'Check the application id and the tenant: the app is not registered or not added in this tenant.',
  53000: 'Use a device that is enrolled and compliant (Company Portal shows why it is not), or a compliant work device.',
  53001: 'Use a Microsoft Entra hybrid joined work device.',
  53002: 'Use an approved client app (for example Outlook instead of the native mail app).',
  53003:
    'See which policy blocked the sign-in and why it applied; if the block is intended, the user cannot get in this way. If not, an admin fixes the policy.',
  53004: 'Clear the risk first (an admin reviews and dismisses or remediates it), then the user registers MFA from a trusted place.',
  53009: 'Use an app that supports Intune app protection (for example Outlook mobile), with the protection policy applied.',
  53010: 'Register security information from a location or device the policy allows (usually the office network or a compliant device).',
  530035:
    'Security defaults block legacy authentication and requests they judge unsafe; use a modern client, or (if the tenant needs more control) move to Conditional Access.',
  70043: 'Sign in again: a Conditional Access sign-in frequency limit requires fresh authentication.',
  50173: 'Sign in again: the session was revoked, usually by a password change or reset.',
  50140: 'Nothing is wrong: the user was asked "Stay signed in?". The next event of the same attempt shows the outcome.',
  90025: 'Try again; this internal retry limit is usually temporary. Open a support request if it persists.',
  80001: 'An admin checks that the pass-through authentication agents are running and can reach a domain controller.',
  80014: 'An admin checks the pass-through authentication agents: they answered too slowly (overloaded, or a slow domain controller).',
  80012: 'The user signs in during their allowed logon hours, or an admin changes the hours in Active Directory.',
  81010:
    'The user locks and unlocks the Windows session (or signs out and in) on the corporate network to get a fresh Kerberos ticket; they can also sign in with a password.',
  81012: 'The person at the device is not the one signed in to Windows: sign in with the account signed in to the device, or sign out of Windows first.',
};

const FIXERS: Record<string, Fixer> = { admin: 'admin', 'app-owner': 'app-owner', helpdesk: 'helpdesk', user: 'user', 'microsoft-transient': 'microsoft' };

function load(): Map<number, CodeInsight> {
  const map = new Map<number, CodeInsight>();
  for (const row of codes.codes) {
    const { code, name, category, fixer, meaning } = row;
    if (!Number.isInteger(code) || !category || !meaning) continue;
    map.set(code, {
      code,
      name: name || null,
      category,
      fixer: FIXERS[fixer] ?? 'admin',
      meaning: meaning.trim(),
      remedy: CODE_REMEDY[code] ?? CATEGORY_REMEDY[category] ?? CATEGORY_REMEDY.other!,
      meaningMsg: msg(`aadsts.${code}.meaning`),
      remedyMsg: CODE_REMEDY[code] ? msg(`aadsts.${code}.remedy`) : msg(`category.remedy.${CATEGORY_REMEDY[category] ? category : 'other'}` as MessageKey),
    });
  }
  return map;
}

// Indexed on first use, not when the module loads: importing the engine costs no work.
let catalog: Map<number, CodeInsight> | undefined;
const CATALOG = () => (catalog ??= load());

/** Accepts 50126, "50126" or "AADSTS50126". */
export function lookupCode(code: number | string): CodeInsight | undefined {
  const n =
    typeof code === 'number'
      ? code
      : Number(
          String(code)
            .trim()
            .replace(/^aadsts/i, ''),
        );
  return Number.isInteger(n) ? CATALOG().get(n) : undefined;
}

export function catalogSize(): number {
  return CATALOG().size;
}

export function allCodes(): CodeInsight[] {
  return [...CATALOG().values()];
}
