import { CATALOGUES } from '../../src/i18n/translate.ts';
import type { Locale } from '../../src/i18n/locales.ts';

/** A catalogue as nested JSON: a key's segments are its levels. */
type Tree = { [k: string]: string | Tree };

function flatten(tree: Tree, prefix: string, out: Map<string, string>): Map<string, string> {
  for (const [k, v] of Object.entries(tree)) {
    if (typeof v === 'string') out.set(prefix + k, v);
    else flatten(v, `${prefix}${k}.`, out);
  }
  return out;
}

/**
 * Every message of `locale`'s catalogue by its full key ("engine.policy.grant.mfa" → its words),
 * in the catalogue's order; with `under` ("engine.scenario"), only the messages below that key.
 * The i18n tests walk the catalogues with this one function.
 */
export function catalogueEntries(locale: Locale, under?: string): Map<string, string> {
  let tree = CATALOGUES[locale] as unknown as Tree;
  for (const k of under ? under.split('.') : []) {
    const next = tree[k];
    if (typeof next !== 'object') throw new Error(`${locale} has no catalogue section ${under}`);
    tree = next;
  }
  return flatten(tree, under ? `${under}.` : '', new Map());
}
