import type { CodeInsight } from '../diagnosis/catalog.ts';
import type { User } from '../signins/directory.ts';
import { renderCard, toneStyle, type Card, type Tone } from './render.ts';
import type { Locale } from '../i18n/locales.ts';
import { t } from '../i18n/translate.ts';
import { formatList } from '../i18n/format.ts';
import { render } from '../i18n/message.ts';
import { categoryName, fixerWords } from './localized.ts';

/** The small cards: explain a code, help, choose a person, a notice. */

export function explainCard(code: number, i: CodeInsight | undefined, locale: Locale = 'en'): Card {
  return renderCard('explain', {
    labels: {
      kind: t(locale, 'explain.kind'),
      whoFixes: t(locale, 'explain.whoFixes'),
      whatItMeans: t(locale, 'explain.whatItMeans'),
      whatToDo: t(locale, 'explain.whatToDo'),
      lookup: t(locale, 'explain.lookup'),
    },
    title: `AADSTS${code}${i?.name ? ` ${i.name}` : ''}`,
    subtitle: i ? t(locale, 'explain.subtitle') : t(locale, 'explain.notInCatalog'),
    known: !!i,
    category: i ? categoryName(i.category, locale) : '',
    fixer: i ? fixerWords(i.fixer, locale) : '',
    // The code's own words in the asker's language (messages/codes/<locale>.json; its category's advice where it has none of its own).
    meaning: i ? render(locale, i.meaningMsg) : t(locale, 'explain.unknownMeaning', { code: String(code) }),
    remedy: i ? render(locale, i.remedyMsg) : t(locale, 'explain.unknownRemedy'),
    lookupUrl: `https://login.microsoftonline.com/error?code=${code}`,
  });
}

const EXAMPLE_KEYS = ['e1', 'e2', 'e3', 'e4', 'e5', 'e6', 'e7'] as const;
/** The questions the help card offers, in the asker's language (the parser reads each of them). */
export const helpExamples = (locale: Locale = 'en'): string[] => EXAMPLE_KEYS.map((k) => t(locale, `help.example.${k}`));
export const HELP_EXAMPLES = helpExamples('en');

export function helpCard(understood: string[], unclear: boolean, locale: Locale = 'en'): Card {
  return renderCard('help', {
    title: unclear ? t(locale, 'help.titleUnclear') : t(locale, 'help.title'),
    understood: unclear ? (understood.length ? t(locale, 'help.understood', { things: formatList(locale, understood) }) : t(locale, 'help.tellMe')) : '',
    askMe: t(locale, 'help.askMe'),
    examples: helpExamples(locale),
    footer: t(locale, 'help.footer'),
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
  locale: Locale = 'en',
): Card {
  return renderCard('pick-user', {
    title: title ?? t(locale, 'whichPerson.matchesWhich', { typed, count: users.length }),
    labels: { pick: t(locale, 'whichPerson.pick') },
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
