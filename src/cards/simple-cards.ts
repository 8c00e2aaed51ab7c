import type { CodeInsight } from '../diagnosis/catalog.ts';
import type { User } from '../signins/directory.ts';
import { renderCard, toneStyle, type Card, type Tone } from './render.ts';

/** The small cards: explain a code, help, choose a person, a notice. */

const FIXER: Record<string, string> = {
  user: 'the user',
  helpdesk: 'the helpdesk',
  admin: 'an admin',
  'app-owner': "the app's owner",
  microsoft: 'Microsoft (it is temporary)',
};

export function explainCard(code: number, i: CodeInsight | undefined): Card {
  return renderCard('explain', {
    title: `AADSTS${code}${i?.name ? ` ${i.name}` : ''}`,
    subtitle: i ? 'Entra sign-in error' : `Not in our catalog of sign-in error codes`,
    known: !!i,
    category: i?.category ?? '',
    fixer: i ? (FIXER[i.fixer] ?? i.fixer) : '',
    meaning: i?.meaning ?? `We do not know AADSTS${code}. Microsoft's lookup may; the failure reason on the sign-in event usually says more.`,
    remedy:
      i?.remedy ??
      'Read the failure reason on the event. If it does not explain the problem and it keeps happening, open a support request with the correlation id and time.',
    lookupUrl: `https://login.microsoftonline.com/error?code=${code}`,
  });
}

export const HELP_EXAMPLES = [
  'why did bob fail to sign in',
  "show alice's sign-ins to Salesforce yesterday",
  'why did megan fail on thursday between 9 and 11am',
  'diagnose correlation id 0e2d8324-774f-4ac0-b319-86a3133eb625',
  'what does 53003 mean',
  'is anyone locked out',
  'show flagged sign-ins since monday',
];

export function helpCard(understood: string[], unclear: boolean): Card {
  return renderCard('help', {
    title: unclear ? "I didn't catch who or what to look at" : 'I explain why people could not sign in to Microsoft Entra ID',
    understood: unclear
      ? understood.length
        ? `I understood: ${understood.join(', ')}. Tell me who (a name or email), or give a correlation id.`
        : 'Tell me who (a name or email), or give a correlation id from the error page.'
      : '',
    examples: HELP_EXAMPLES,
    footer: 'Without a time I look at the last 48 hours, like the Entra sign-in diagnostic. Times are in your time zone.',
  });
}

/** The questions a "which one?" card asks again about the person chosen. */
export type PickIntent = 'diagnose' | 'list' | 'what-if' | 'lock-state';

export function pickUserCard(
  typed: string,
  users: User[],
  intent: PickIntent,
  extra: { app?: string; apps?: string[]; appText?: string; since?: string; until?: string; condition?: string },
  title?: string,
): Card {
  return renderCard('pick-user', {
    title: title ?? `"${typed}" matches ${users.length} people. Which one?`,
    people: users.slice(0, 8).map((u) => ({
      name: u.displayName ?? u.userPrincipalName,
      upn: u.userPrincipalName,
      pick: { userId: u.id, intent, ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v)) },
    })),
  });
}

export function noticeCard(title: string, lines: string[], tone: Tone = 'Default'): Card {
  return renderCard('notice', { title, lines, style: toneStyle(tone) });
}
