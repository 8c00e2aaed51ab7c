// npm run train:intents: trains the intent classifier (nlp.js's neural NLU, English) on
// src/conversation/corpus/train/ and writes src/conversation/model/intents.json, which the
// parser loads without training. The held-out part (corpus/held-out/) is never read here.
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { containerBootstrap } from '@nlpjs/core';
import { LangEn } from '@nlpjs/lang-en-min';
import { Nlp } from '@nlpjs/nlp';
import { isIntent, type Intent } from '../src/conversation/command.ts';
import { foldWord } from '../src/conversation/entities.ts';
import { corpusVocabulary, readCorpusFile, trainingText, type CorpusLine } from '../src/conversation/intents/corpus.ts';
import type { IntentModel } from '../src/conversation/intents/classifier.ts';

const CORPUS = new URL('../src/conversation/corpus/', import.meta.url);
export const MODEL_FILE = new URL('../src/conversation/model/intents.json', import.meta.url);
/** Bumped when training changes in a way the corpus does not show (settings, placeholders). */
const TRAINING_VERSION = 1;

/** One part of the corpus: every `<intent>.txt` in corpus/train or corpus/held-out. */
export function readCorpus(part: 'train' | 'held-out'): CorpusLine[] {
  const dir = new URL(`${part}/`, CORPUS);
  const lines: CorpusLine[] = [];
  for (const file of readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()) {
    const intent = file.slice(0, -'.txt'.length);
    if (!isIntent(intent)) throw new Error(`corpus/${part}/${file}: "${intent}" is not an intent (src/conversation/command.ts INTENTS)`);
    lines.push(...readCorpusFile(intent, readFileSync(new URL(file, dir), 'utf8'), `corpus/${part}/${file}`));
  }
  return lines;
}

export interface TrainingSet {
  docs: { intent: Intent; text: string }[];
  vocabulary: string[];
  hash: string;
}

/** What training sees, and its hash: the stored model is stale when the hash differs. */
export function trainingSet(lines: readonly CorpusLine[] = readCorpus('train')): TrainingSet {
  const docs = lines.map((l) => ({ intent: l.intent, text: trainingText(l) }));
  const vocabulary = corpusVocabulary(lines, foldWord);
  const hash = createHash('sha256').update(JSON.stringify({ TRAINING_VERSION, docs, vocabulary })).digest('hex');
  return { docs, vocabulary, hash };
}

/** nlp.js, English, one domain, its neural NLU with the "None" feature; no exact-sentence shortcut (the runtime has none). */
export async function trainNlp(docs: TrainingSet['docs']): Promise<Nlp> {
  const container = await containerBootstrap();
  container.use(LangEn);
  container.registerConfiguration('nlu-manager', { useNoneFeature: true });
  container.registerConfiguration('domain-manager-en', {
    nluByDomain: { default: { className: 'NeuralNlu', settings: {} } },
    trainByDomain: false,
    useStemDict: false,
  });
  container.registerConfiguration('nlu-en', {
    keepStopwords: true,
    nonefeatureValue: 1,
    nonedeltaMultiplier: 1.2,
    spellCheck: false,
    spellCheckDistance: 1,
    filterZeros: true,
    log: false,
  });
  const nlp = new Nlp({ languages: ['en'], autoSave: false, autoLoad: false }, container);
  for (const d of docs) nlp.addDocument('en', d.text, d.intent);
  await nlp.train();
  return nlp;
}

interface ExportedNlu {
  intents: Record<string, number>;
  intentFeatures: Record<string, Record<string, number>>;
  neuralNetwork: { settings: { alpha?: number }; features: string[]; intents: string[]; perceptrons: number[][] };
}

/** The parts of nlp.js's export the parser runs: weights at float32 precision (nlp.js keeps them in a Float32Array), biases as they are. */
export function modelOf(nlp: Nlp, set: TrainingSet): IntentModel {
  const exported = JSON.parse(nlp.export(false)) as { nluManager: { domainManagers: { en: { domains: { master_domain: ExportedNlu } } } } };
  const nlu = exported.nluManager.domainManagers.en.domains.master_domain;
  const net = nlu.neuralNetwork;
  return {
    about: 'The intent classifier, trained by `npm run train:intents` from src/conversation/corpus/train; regenerate it, do not edit it.',
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

async function main(): Promise<void> {
  const lines = readCorpus('train');
  const set = trainingSet(lines);
  const started = performance.now();
  const nlp = await trainNlp(set.docs);
  const model = modelOf(nlp, set);
  writeFileSync(MODEL_FILE, JSON.stringify(model) + '\n');
  const counts = new Map<string, number>();
  for (const l of lines) counts.set(l.intent, (counts.get(l.intent) ?? 0) + 1);
  const ms = Math.round(performance.now() - started);
  console.log(`trained on ${lines.length} messages (${[...counts].map(([k, v]) => `${k} ${v}`).join(', ')}) in ${ms} ms`);
  console.log(`${model.net.inputs.length} stems, ${model.vocabulary.length} words; wrote ${MODEL_FILE.pathname}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
