import type { Locale } from './locales.ts';

/**
 * Countries and regions in the reader's language: ICU's names (Intl.DisplayNames), never a
 * catalogue of 250 entries. `withArticle` is the name as it follows a preposition of place
 * ("from …", "aus …", "depuis …"): English says "the United States", German's dative says
 * "der Schweiz", French says "l’Allemagne", "le Canada", "les États-Unis"; Spanish and Japanese
 * need none. The article rules are the languages' own, with the exceptions listed by code.
 */

const names = new Map<Locale, Intl.DisplayNames>();
export function regionName(locale: Locale, code: string): string {
  let d = names.get(locale);
  if (!d) names.set(locale, (d = new Intl.DisplayNames([locale], { type: 'region', fallback: 'code' })));
  try {
    return d.of(code.toUpperCase()) ?? code.toUpperCase();
  } catch {
    return code.toUpperCase();
  }
}

// English: the names said with "the" (ICU's English names).
const EN_THE = /^(United|Netherlands|Philippines|Czech|Dominican Republic|Central African|Bahamas|Gambia|Maldives|Marshall|Solomon|Comoros|Seychelles)/;

// German, after "aus"/"in" (dative): the countries said with an article; all others are neuter and take none.
const DE_DATIVE: Record<string, string> = {
  CH: 'der',
  TR: 'der',
  UA: 'der',
  SK: 'der',
  MN: 'der',
  DO: 'der',
  CF: 'der',
  US: 'den',
  NL: 'den',
  AE: 'den',
  PH: 'den',
  BS: 'den',
  MV: 'den',
  SC: 'den',
  KM: 'den',
  GB: 'dem',
  IR: 'dem',
  IQ: 'dem',
  LB: 'dem',
  SD: 'dem',
  SN: 'dem',
  JE: 'dem',
  VA: 'der',
};
// German's plural names are inflected in the dative ("den Vereinigten Staaten"): ICU gives the nominative.
const DE_DATIVE_NAME: Record<string, string> = {
  US: 'Vereinigten Staaten',
  NL: 'Niederlanden',
  AE: 'Vereinigten Arabischen Emiraten',
  PH: 'Philippinen',
  GB: 'Vereinigten Königreich',
  BS: 'Bahamas',
  MV: 'Malediven',
  SC: 'Seychellen',
  KM: 'Komoren',
};

// French: plural names, names said without an article (islands, city-states), and the masculine names ending in -e.
const FR_PLURAL = new Set(['US', 'NL', 'PH', 'AE', 'KM', 'MV', 'SC', 'BS', 'MH', 'SB', 'FJ']);
const FR_BARE = new Set([
  'SG',
  'MC',
  'CY',
  'MT',
  'CU',
  'MG',
  'MU',
  'IL',
  'TW',
  'HK',
  'MO',
  'BH',
  'OM',
  'HT',
  'DJ',
  'PR',
  'AD',
  'SM',
  'LC',
  'TO',
  'NR',
  'BB',
  'JM',
  'QA',
  'KW',
  'VA',
]);
const FR_MASCULINE_E = new Set(['GB', 'MX', 'KH', 'MZ', 'ZW', 'BZ', 'SR', 'CD', 'CG']);

export function regionWithArticle(locale: Locale, code: string): string {
  const c = code.toUpperCase();
  const name = regionName(locale, c);
  switch (locale) {
    case 'en':
      return EN_THE.test(name) ? `the ${name}` : name;
    case 'de': {
      const article = DE_DATIVE[c];
      return article ? `${article} ${DE_DATIVE_NAME[c] ?? name}` : name;
    }
    case 'fr': {
      if (FR_BARE.has(c) || name === c) return name;
      if (FR_PLURAL.has(c)) return `les ${name}`;
      if (/^[aeiouyéèêâîôAEIOUYÉÈÊÂÎÔ]/.test(name)) return `l’${name}`;
      const head = name.split(/[\s-]/)[0]!;
      return /e$/.test(head) && !FR_MASCULINE_E.has(c) ? `la ${name}` : `le ${name}`;
    }
    default:
      return name;
  }
}
