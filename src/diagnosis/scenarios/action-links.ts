import type { SignIn } from '../../signins/signin.ts';
import { msg, render, type Message } from '../../i18n/message.ts';
import { links } from '../links.ts';
import type { Action, DiagnosisInput, Fixer, PolicyReport } from '../diagnosis-parts.ts';

/** The admin-center pages the recommended actions point at, each named by a message (the page's name in the reader's language). */

type Link = NonNullable<Action['link']>;

// Most actions and page names have no placeholders: their English is rendered once, not once per attempt of a window.
const plainEnglish = new Map<string, string>();
function english(m: Message): string {
  if (m.values) return render('en', m);
  let text = plainEnglish.get(m.key);
  if (text === undefined) plainEnglish.set(m.key, (text = render('en', m)));
  return text;
}

/** A link whose title is the English render of its message. */
export const page = (titleMsg: Message, url: string): Link => ({ title: english(titleMsg), titleMsg, url });

export const userLink = (d: SignIn) => page(msg('engine.link.user'), links.user(d.userId));
export const methodsLink = (d: SignIn) => page(msg('engine.link.methods'), links.userAuthMethods(d.userId));
export const policyLink = (p?: PolicyReport) =>
  p ? page(msg('engine.link.policy', { name: p.displayName }), p.link) : page(msg('engine.link.policies'), links.policies());

export function appLink(input: DiagnosisInput, e: SignIn) {
  const sp = input.servicePrincipals?.find((s) => s.appId.toLowerCase() === (e.appId ?? '').toLowerCase());
  return page(msg('engine.link.app', { name: e.appDisplayName ?? e.appId ?? '' }), links.enterpriseApp(e.appId ?? '', sp?.id ?? undefined));
}

/** An action: its words as a message (English beside it), who takes it, and where. */
export const act = (m: Message, who: Fixer, link?: Link): Action => (link ? { text: english(m), msg: m, who, link } : { text: english(m), msg: m, who });
