import { SCENARIO_BY_ID } from '../diagnosis/scenarios/index.ts';
import type { Diagnosis } from '../diagnosis/types.ts';
import type { Locale } from '../i18n/locales.ts';
import { t, type MessageKey } from '../i18n/translate.ts';
import { escapeMarkdown, Markdown } from './markdown.ts';

/** The cards' words from the catalogues (src/i18n): sentences in the asker's language, markdown kept safe. */

/**
 * A catalogue sentence holding our markdown (a link, a bold name): every text value is escaped
 * as the renderer would escape it, `Markdown` values go in as they are, numbers stay numbers (plurals).
 */
export function mdT(locale: Locale, key: MessageKey, values: Record<string, string | number | Markdown>): Markdown {
  const held = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, v instanceof Markdown ? v.source : typeof v === 'number' ? v : escapeMarkdown(v)]),
  );
  return new Markdown(t(locale, key, held));
}

/**
 * The card's title for a diagnosis: the scenario's title in the asker's language. A title the
 * engine wrote for this one attempt (a code's own meaning) is English; another language gets the
 * scenario's own title, which is as true and says less.
 */
export function scenarioTitle(d: Pick<Diagnosis, 'scenario' | 'title'>, locale: Locale): string {
  if (locale === 'en') return d.title;
  return SCENARIO_BY_ID[d.scenario] ? t(locale, `scenario.${d.scenario}.title` as MessageKey) : d.title;
}

/** A few words for a table cell: "Blocked by CA". */
export function scenarioShort(id: string, locale: Locale): string {
  const s = SCENARIO_BY_ID[id as keyof typeof SCENARIO_BY_ID];
  if (!s) return id;
  return locale === 'en' ? s.short : t(locale, `scenario.${s.id}.short` as MessageKey);
}

const WHO = ['user', 'helpdesk', 'admin', 'app-owner', 'microsoft'] as const;
/** Who takes an action, as a label: "Helpdesk", "Administrator". */
export const whoLabel = (who: string, locale: Locale): string => ((WHO as readonly string[]).includes(who) ? t(locale, `who.${who}` as MessageKey) : who);
/** Who fixes a code, inside a sentence: "an admin", "ein Administrator". */
export const fixerWords = (fixer: string, locale: Locale): string =>
  (WHO as readonly string[]).includes(fixer) ? t(locale, `fixer.${fixer}` as MessageKey) : fixer;

/** A code's category in words ("bedingter Zugriff"); English shows the category's id, as it always has. */
export const categoryName = (category: string, locale: Locale): string => {
  const key = `category.name.${category}` as MessageKey;
  const name = t(locale, key);
  return name === key ? category : name;
};

/**
 * A short label kept whole: Japanese has no spaces, so a narrow column (a FactSet's titles at
 * 320 px) may break "ユーザー" after any kana. A WORD JOINER (U+2060, invisible) between the
 * characters of each word forbids those breaks; a space still allows one ("サポート リクエスト").
 */
export function keepWhole(label: string, locale: Locale): string {
  if (locale !== 'ja') return label;
  return label
    .split(' ')
    .map((word) => [...word].join('\u2060'))
    .join(' ');
}
