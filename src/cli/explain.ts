import { catalogSize, lookupCode } from '../diagnosis/catalog.ts';
import { resolveLocale, type Locale } from '../i18n/locales.ts';
import { readCommon } from './common-args.ts';
import { UsageError } from './usage-error.ts';

/** explain CODE: the error-code insight. Loads the catalog and nothing else. */
export async function explain(argv: string[]): Promise<string> {
  const { values, positionals } = readCommon(argv);
  const raw = positionals[0];
  if (!raw || positionals.length > 1) throw new UsageError('explain takes one error code, e.g. explain 53003 or explain AADSTS50126');
  if (!/^(aadsts)?\d{1,9}$/i.test(raw.trim())) throw new UsageError(`"${raw}" is not an error code; give digits, optionally with the AADSTS prefix`);
  const code = Number(raw.trim().replace(/^aadsts/i, ''));
  const i = lookupCode(code);
  const lookup = `https://login.microsoftonline.com/error?code=${code}`;
  if (values.json) {
    return JSON.stringify(
      i
        ? { code, known: true, name: i.name, category: i.category, fixer: i.fixer, meaning: i.meaning, actions: [i.remedy] }
        : {
            code,
            known: false,
            name: null,
            category: null,
            fixer: null,
            meaning: `AADSTS${code} is not in our catalog.`,
            actions: [`Look it up at ${lookup} and read the failure reason on the sign-in event.`],
          },
      null,
      2,
    );
  }
  const { locale, unsupported } = resolveLocale(values.locale);
  if (locale !== 'en') return localized(code, i, locale);
  const note = unsupported ? `I answer in English; ${unsupported} is not supported yet.\n` : '';
  return note + english(code, i, lookup);
}

function english(code: number, i: ReturnType<typeof lookupCode>, lookup: string): string {
  if (!i) return `AADSTS${code}: not in our catalog of ${catalogSize()} codes. Look it up at ${lookup} and read the failure reason on the sign-in event.`;
  return [`AADSTS${code}${i.name ? ` ${i.name}` : ''} (${i.category}; fixed by: ${i.fixer})`, `What it means: ${i.meaning}`, `What to do: ${i.remedy}`].join(
    '\n',
  );
}

/**
 * The insight in another language (`--locale`): the card's words and the code's own (its meaning and
 * advice from messages/codes/<locale>.json), loaded only then (explain runs in loops from scripts,
 * and English needs no catalogue).
 */
async function localized(code: number, i: ReturnType<typeof lookupCode>, locale: Exclude<Locale, 'en'>): Promise<string> {
  const { t } = await import('../i18n/translate.ts');
  const { render } = await import('../i18n/message.ts');
  const { categoryName, fixerWords } = await import('../cards/localized.ts');
  if (!i)
    return [
      `AADSTS${code}: ${t(locale, 'explain.notInCatalog')}`,
      t(locale, 'explain.unknownMeaning', { code: String(code) }),
      t(locale, 'explain.unknownRemedy'),
    ].join('\n');
  return [
    `AADSTS${code}${i.name ? ` ${i.name}` : ''} (${categoryName(i.category, locale)}; ${t(locale, 'explain.whoFixes')}: ${fixerWords(i.fixer, locale)})`,
    `${t(locale, 'explain.whatItMeans')}: ${render(locale, i.meaningMsg)}`,
    `${t(locale, 'explain.whatToDo')}: ${render(locale, i.remedyMsg)}`,
  ].join('\n');
}
