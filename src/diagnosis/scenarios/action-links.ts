import type { SignIn } from '../../signins/signin.ts';
import { links } from '../links.ts';
import type { DiagnosisInput, PolicyReport } from '../diagnosis-parts.ts';

/** The admin-center pages the recommended actions point at. */

export const userLink = (d: SignIn) => ({ title: 'The user in the Entra admin center', url: links.user(d.userId) });
export const methodsLink = (d: SignIn) => ({ title: 'Authentication methods', url: links.userAuthMethods(d.userId) });
export const policyLink = (p?: PolicyReport) =>
  p ? { title: `Policy: ${p.displayName}`, url: p.link } : { title: 'Conditional Access policies', url: links.policies() };

export function appLink(input: DiagnosisInput, e: SignIn) {
  const sp = input.servicePrincipals?.find((s) => s.appId.toLowerCase() === (e.appId ?? '').toLowerCase());
  return { title: `Enterprise app: ${e.appDisplayName ?? e.appId}`, url: links.enterpriseApp(e.appId ?? '', sp?.id ?? undefined) };
}
