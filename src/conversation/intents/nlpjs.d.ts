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

declare module '@nlpjs/core' {
  export interface NlpContainer {
    use(plugin: unknown): void;
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
