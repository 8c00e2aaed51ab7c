/** The parts of nlp.js (CommonJS, untyped) this project calls. */
declare module '@nlpjs/lang-en-min' {
  export class NormalizerEn {
    normalize(text: string): string;
  }
  export class TokenizerEn {
    /** The tokenizer's own splitting, without its hour-long cache of every text it saw. */
    innerTokenize(text: string): string[];
  }
  export class StemmerEn {
    stem(tokens: string[]): string[];
  }
  export class LangEn {}
}

declare module '@nlpjs/lang-de' {
  export class NormalizerDe {
    normalize(text: string): string;
  }
  export class TokenizerDe {
    innerTokenize(text: string): string[];
  }
  export class StemmerDe {
    stem(tokens: string[]): string[];
  }
  export class LangDe {}
}

declare module '@nlpjs/lang-fr' {
  export class NormalizerFr {
    normalize(text: string): string;
  }
  export class TokenizerFr {
    innerTokenize(text: string): string[];
  }
  export class StemmerFr {
    stem(tokens: string[]): string[];
  }
  export class LangFr {}
}

declare module '@nlpjs/lang-es' {
  export class NormalizerEs {
    normalize(text: string): string;
  }
  export class TokenizerEs {
    innerTokenize(text: string): string[];
  }
  export class StemmerEs {
    stem(tokens: string[]): string[];
  }
  export class LangEs {}
}

declare module '@nlpjs/lang-de/src/normalizer-de.js' {
  export default class NormalizerDe {
    normalize(text: string): string;
  }
}
declare module '@nlpjs/lang-de/src/tokenizer-de.js' {
  export default class TokenizerDe {
    innerTokenize(text: string): string[];
  }
}
declare module '@nlpjs/lang-de/src/stemmer-de.js' {
  export default class StemmerDe {
    stem(tokens: string[]): string[];
  }
}

declare module '@nlpjs/lang-fr/src/normalizer-fr.js' {
  export default class NormalizerFr {
    normalize(text: string): string;
  }
}
declare module '@nlpjs/lang-fr/src/tokenizer-fr.js' {
  export default class TokenizerFr {
    innerTokenize(text: string): string[];
  }
}
declare module '@nlpjs/lang-fr/src/stemmer-fr.js' {
  export default class StemmerFr {
    stem(tokens: string[]): string[];
  }
}

declare module '@nlpjs/lang-es/src/normalizer-es.js' {
  export default class NormalizerEs {
    normalize(text: string): string;
  }
}
declare module '@nlpjs/lang-es/src/tokenizer-es.js' {
  export default class TokenizerEs {
    innerTokenize(text: string): string[];
  }
}
declare module '@nlpjs/lang-es/src/stemmer-es.js' {
  export default class StemmerEs {
    stem(tokens: string[]): string[];
  }
}

declare module '@nlpjs/lang-ja/src/normalizer-ja.js' {
  export default class NormalizerJa {
    normalize(text: string): string;
  }
}

declare module '@nlpjs/lang-ja/src/tokenizer-ja.js' {
  /** TinySegmenter: Japanese cut into words, synchronously. */
  export default class TokenizerJa {
    innerTokenize(text: string): string[];
  }
}

declare module '@nlpjs/core' {
  export interface NlpContainer {
    use(plugin: unknown): void;
    register(name: string, instance: unknown, isSingleton?: boolean): void;
    registerConfiguration(tag: string, configuration: Record<string, unknown>, overwrite?: boolean): void;
  }
  export function containerBootstrap(): Promise<NlpContainer>;
}

declare module '@nlpjs/nlp' {
  import type { NlpContainer } from '@nlpjs/core';
  export interface Classification {
    intent: string;
    score: number;
  }
  export class Nlp {
    constructor(settings: Record<string, unknown>, container?: NlpContainer);
    addLanguage(locale: string): void;
    addDocument(locale: string, utterance: string, intent: string): void;
    train(): Promise<unknown>;
    export(minified?: boolean): string;
    classify(locale: string, utterance: string): Promise<{ intent: string; score: number; classifications: Classification[] }>;
  }
}
