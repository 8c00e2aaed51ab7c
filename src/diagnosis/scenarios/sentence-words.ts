import { placeOf, type SignIn } from '../../signins/signin.ts';
import type { Finding, PolicyReport } from '../diagnosis-parts.ts';
import type { Facts } from './facts.ts';

/** The pieces the assessments are written from: who, which app, from where, which policies. */

export const who = (e: SignIn) => e.userDisplayName ?? e.userPrincipalName ?? 'The user';
export const app = (e: SignIn) => e.appDisplayName ?? e.appId ?? 'an app';
const deviceWords = (e: SignIn) => [e.deviceDetail?.operatingSystem, e.deviceDetail?.browser].filter(Boolean).join(', ');
/** " on Windows 11, Edge from Redmond, US (203.0.113.10)", or nothing when the event does not say. */
export const from = (e: SignIn) => {
  const parts = [deviceWords(e) && `on ${deviceWords(e)}`, placeOf(e) && `from ${placeOf(e)}${e.ipAddress ? ` (${e.ipAddress})` : ''}`].filter(Boolean);
  return parts.length ? ` ${parts.join(' ')}` : '';
};
/** The resource CA was evaluated for, when it is not the app the user opened. */
export const resourceWords = (d: SignIn) =>
  d.resourceDisplayName && d.resourceDisplayName !== d.appDisplayName ? ` (evaluated for ${d.resourceDisplayName})` : '';
export const policyNames = (l: PolicyReport[]) => l.map((p) => `"${p.displayName}"${p.inferred ? ' (inferred from its definition)' : ''}`).join(' and ');
/** The catalog's meaning of the code, or that it has none. */
export const meaningOf = (f: Facts) => (f.insight ? f.insight.meaning : `Error ${f.code} is not in our catalog.`);
export const findingText = (findings: Finding[], k: Finding['kind']) => findings.find((x) => x.kind === k)?.text;
