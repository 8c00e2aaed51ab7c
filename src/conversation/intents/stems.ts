// The three parts each language needs, not the packages' indexes (their sentiment lexicons cost start-up time).
import NormalizerDe from '@nlpjs/lang-de/src/normalizer-de.js';
import StemmerDe from '@nlpjs/lang-de/src/stemmer-de.js';
import TokenizerDe from '@nlpjs/lang-de/src/tokenizer-de.js';
import { NormalizerEn, StemmerEn, TokenizerEn } from '@nlpjs/lang-en-min';
import NormalizerEs from '@nlpjs/lang-es/src/normalizer-es.js';
import StemmerEs from '@nlpjs/lang-es/src/stemmer-es.js';
import TokenizerEs from '@nlpjs/lang-es/src/tokenizer-es.js';
import NormalizerFr from '@nlpjs/lang-fr/src/normalizer-fr.js';
import StemmerFr from '@nlpjs/lang-fr/src/stemmer-fr.js';
import TokenizerFr from '@nlpjs/lang-fr/src/tokenizer-fr.js';
import NormalizerJa from '@nlpjs/lang-ja/src/normalizer-ja.js';
import TokenizerJa from '@nlpjs/lang-ja/src/tokenizer-ja.js';
import type { Language } from '../language.ts';

/**
 * nlp.js's own normalizer, tokenizer and stemmer for each language, run synchronously: what
 * its NLU turns a message into before the network reads it. Japanese has no stemmer here:
 * nlp.js's reads the kuromoji dictionary (tens of megabytes, loaded asynchronously), so
 * training registers `PlainStemmerJa` instead, and a Japanese "stem" is the word as nlp.js's
 * tokenizer (TinySegmenter) cuts it: "サインイン", "でき", "ない", "理由".
 */
interface Pipeline {
  normalize(text: string): string;
  tokenize(text: string): string[];
  stem(tokens: string[]): string[];
}

const JA_PUNCTUATION = /[＿－・，、；：！？．。（）［］｛｝｢｣＠＊＼／＆＃％｀＾＋＜＝＞｜～≪≫─＄＂_\-･,､;:!?.｡()[\]{}「」@*/&#%`^+<=>|~«»$"\s]+/g;

/** The Japanese stemmer training registers in nlp.js (as `stemmer-ja`) and the parser runs: words as cut, lower case, no punctuation. */
export class PlainStemmerJa {
  readonly name = 'stemmer-ja';
  stem(tokens: string[]): string[] {
    return tokens.map((t) => t.replace(JA_PUNCTUATION, '').toLowerCase()).filter((t) => t);
  }
}

function pipeline(
  normalizer: { normalize(t: string): string },
  tokenizer: { innerTokenize(t: string): string[] },
  stemmer: { stem(t: string[]): string[] },
): Pipeline {
  return {
    normalize: (t) => normalizer.normalize(t),
    tokenize: (t) => tokenizer.innerTokenize(t).filter((x) => x),
    stem: (t) => stemmer.stem(t),
  };
}

const made = new Map<Language, Pipeline>();
const MAKERS: Record<Language, () => Pipeline> = {
  en: () => pipeline(new NormalizerEn(), new TokenizerEn(), new StemmerEn()),
  de: () => pipeline(new NormalizerDe(), new TokenizerDe(), new StemmerDe()),
  fr: () => pipeline(new NormalizerFr(), new TokenizerFr(), new StemmerFr()),
  es: () => pipeline(new NormalizerEs(), new TokenizerEs(), new StemmerEs()),
  ja: () => pipeline(new NormalizerJa(), new TokenizerJa(), new PlainStemmerJa()),
};

function of(lang: Language): Pipeline {
  let p = made.get(lang);
  if (!p) made.set(lang, (p = MAKERS[lang]()));
  return p;
}

/** nlp.js's word stems of a text in a language (lower-cased, accents off, Snowball-style stems; Japanese cut into words). */
export function stemsOf(text: string, lang: Language): string[] {
  const p = of(lang);
  return p.stem(p.tokenize(p.normalize(text)));
}

/** One word's stem in a language. */
export function stemOf(word: string, lang: Language): string | undefined {
  return of(lang).stem([word])[0];
}
