// npm run train:intents: trains the intent classifier (nlp.js's neural NLU), one model per
// language, on src/conversation/corpus/train/ (English at its top, the others in train/<lang>/)
// and writes src/conversation/model/intents.json (English) and intents-<lang>.json, which the
// parser loads without training. The held-out part (corpus/held-out/) is never read here.
// `npm run train:intents -- de` trains one language.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { containerBootstrap, type NlpContainer } from '@nlpjs/core';
import { LangDe } from '@nlpjs/lang-de';
import { LangEn } from '@nlpjs/lang-en-min';
import { LangEs } from '@nlpjs/lang-es';
import { LangFr } from '@nlpjs/lang-fr';
import NormalizerJa from '@nlpjs/lang-ja/src/normalizer-ja.js';
import TokenizerJa from '@nlpjs/lang-ja/src/tokenizer-ja.js';
import { Nlp } from '@nlpjs/nlp';
import { isIntent, type Intent } from '../src/conversation/command.ts';
import { foldWord } from '../src/conversation/entities.ts';
import { corpusVocabulary, PLACEHOLDERS, readCorpusFile, trainingText, type CorpusLine } from '../src/conversation/intents/corpus.ts';
import type { IntentModel } from '../src/conversation/intents/classifier.ts';
import { PlainStemmerJa, stemsOf } from '../src/conversation/intents/stems.ts';
import { LANGUAGES, type Language } from '../src/conversation/language.ts';

const CORPUS = new URL('../src/conversation/corpus/', import.meta.url);
/** English's model keeps the name it had before there were others. */
export const modelFile = (lang: Language): URL => new URL(`../src/conversation/model/intents${lang === 'en' ? '' : `-${lang}`}.json`, import.meta.url);
/** Bumped when training changes in a way the corpus does not show (settings, placeholders). */
const TRAINING_VERSION = 1;

/** One part of the corpus in one language: every `<intent>.txt` in corpus/train or corpus/held-out (English), or in its `<lang>/` folder. */
export function readCorpus(part: 'train' | 'held-out', lang: Language = 'en'): CorpusLine[] {
  const folder = lang === 'en' ? `${part}/` : `${part}/${lang}/`;
  const dir = new URL(folder, CORPUS);
  const lines: CorpusLine[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const intent = file.slice(0, -'.txt'.length);
    if (!isIntent(intent)) throw new Error(`corpus/${folder}${file}: "${intent}" is not an intent (src/conversation/command.ts INTENTS)`);
    lines.push(...readCorpusFile(intent, readFileSync(new URL(file, dir), 'utf8'), `corpus/${folder}${file}`));
  }
  return lines;
}

export interface TrainingSet {
  docs: { intent: Intent; text: string }[];
  vocabulary: string[];
  hash: string;
}

/** What training sees, and its hash: the stored model is stale when the hash differs. */
export function trainingSet(lines: readonly CorpusLine[], lang: Language = 'en'): TrainingSet {
  const docs = lines.map((l) => ({ intent: l.intent, text: trainingText(l) }));
  // Japanese has no spaces: its words are the ones nlp.js's tokenizer cuts.
  const vocabulary = lang === 'ja' ? japaneseVocabulary(docs) : corpusVocabulary(lines, foldWord);
  const hash = createHash('sha256').update(JSON.stringify({ TRAINING_VERSION, docs, vocabulary })).digest('hex');
  return { docs, vocabulary, hash };
}

function japaneseVocabulary(docs: TrainingSet['docs']): string[] {
  const words = new Set<string>();
  for (const d of docs) for (const w of stemsOf(d.text, 'ja')) if (!PLACEHOLDERS.has(w) && /\p{L}/u.test(w)) words.add(foldWord(w));
  return [...words].sort();
}

/** nlp.js's language plugins; Japanese without its kuromoji stemmer (stems.ts says why). */
function useLanguage(container: NlpContainer, lang: Language): void {
  if (lang === 'en') container.use(LangEn);
  else if (lang === 'de') container.use(LangDe);
  else if (lang === 'fr') container.use(LangFr);
  else if (lang === 'es') container.use(LangEs);
  else {
    container.use(NormalizerJa);
    container.use(TokenizerJa);
    container.register('stemmer-ja', new PlainStemmerJa());
  }
}

/** nlp.js, one language, one domain, its neural NLU with the "None" feature; no exact-sentence shortcut (the runtime has none). */
export async function trainNlp(docs: TrainingSet['docs'], lang: Language = 'en'): Promise<Nlp> {
  const container = await containerBootstrap();
  useLanguage(container, lang);
  container.registerConfiguration('nlu-manager', { useNoneFeature: true });
  container.registerConfiguration(`domain-manager-${lang}`, {
    nluByDomain: { default: { className: 'NeuralNlu', settings: {} } },
    trainByDomain: false,
    useStemDict: false,
  });
  container.registerConfiguration(`nlu-${lang}`, {
    keepStopwords: true,
    nonefeatureValue: 1,
    nonedeltaMultiplier: 1.2,
    spellCheck: false,
    spellCheckDistance: 1,
    filterZeros: true,
    log: false,
  });
  const nlp = new Nlp({ languages: [lang], autoSave: false, autoLoad: false }, container);
  for (const d of docs) nlp.addDocument(lang, d.text, d.intent);
  await nlp.train();
  return nlp;
}

interface ExportedNlu {
  intents: Record<string, number>;
  intentFeatures: Record<string, Record<string, number>>;
  neuralNetwork: { settings: { alpha?: number }; features: string[]; intents: string[]; perceptrons: number[][] };
}

/** The parts of nlp.js's export the parser runs: weights at float32 precision (nlp.js keeps them in a Float32Array), biases as they are. */
export function modelOf(nlp: Nlp, set: TrainingSet, lang: Language = 'en'): IntentModel {
  const exported = JSON.parse(nlp.export(false)) as { nluManager: { domainManagers: Record<string, { domains: { master_domain: ExportedNlu } }> } };
  const nlu = exported.nluManager.domainManagers[lang]!.domains.master_domain;
  const net = nlu.neuralNetwork;
  return {
    about: `The intent classifier${lang === 'en' ? '' : ` (${lang})`}, trained by \`npm run train:intents\` from src/conversation/corpus/train${lang === 'en' ? '' : `/${lang}`}; regenerate it, do not edit it.`,
    corpusHash: set.hash,
    intents: Object.keys(nlu.intents),
    intentFeatures: Object.fromEntries(Object.entries(nlu.intentFeatures).map(([k, v]) => [k, Object.keys(v)])),
    net: {
      alpha: net.settings.alpha ?? 0.07,
      inputs: net.features,
      outputs: net.intents,
      weights: net.perceptrons.map((row) => row.map((w, i) => (i < row.length - 1 ? Number(Math.fround(w).toPrecision(9)) : w))),
    },
    vocabulary: set.vocabulary,
  };
}

async function trainLanguage(lang: Language): Promise<void> {
  const lines = readCorpus('train', lang);
  const set = trainingSet(lines, lang);
  const started = performance.now();
  const nlp = await trainNlp(set.docs, lang);
  const model = modelOf(nlp, set, lang);
  const file = modelFile(lang);
  writeFileSync(file, JSON.stringify(model) + '\n');
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.intent, (counts.get(l.intent) ?? 0) + 1);
  const ms = Math.round(performance.now() - started);
  console.log(`${lang}: trained on ${lines.length} messages (${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}) in ${ms} ms`);
  console.log(`${lang}: ${model.net.inputs.length} stems, ${model.vocabulary.length} words; wrote ${file.pathname}`);
}

async function main(): Promise<void> {
  const asked = process.argv.slice(2).filter((a) => (LANGUAGES as readonly string[]).includes(a)) as Language[];
  for (const lang of asked.length ? asked : LANGUAGES) await trainLanguage(lang);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
