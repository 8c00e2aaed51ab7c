import { NormalizerEn, StemmerEn, TokenizerEn } from '@nlpjs/lang-en-min';
import type { Intent } from '../command.ts';
import stored from '../model/intents.json' with { type: 'json' };

/**
 * The intent classifier: nlp.js's neural NLU (one perceptron per intent over word stems),
 * trained by `npm run train:intents` from src/conversation/corpus/train and stored in
 * src/conversation/model/intents.json. Here it only runs: the stored weights, nlp.js's own
 * English normalizer, tokenizer and stemmer, and the few steps of its NLU between them,
 * done synchronously (nlp.js's API is async and the parser is not). A test checks that the
 * scores are nlp.js's own for every held-out message.
 */
export interface IntentModel {
  about: string;
  /** sha256 of what training saw (test/conversation/intent-model.test.ts recomputes it). */
  corpusHash: string;
  /** The intents as nlp.js's NLU lists them (the order ties are broken in). */
  intents: string[];
  /** Stems by intent: an intent none of whose stems is in a message scores 0. */
  intentFeatures: Record<string, string[]>;
  /** The network: its inputs (every stem, then nlp.js's "nonefeature"), its outputs (intents and None), one row of weights and a bias per output. */
  net: { alpha: number; inputs: string[]; outputs: string[]; weights: number[][] };
  /** Words the corpus asks with (outside its marked entities): never read as a name. */
  vocabulary: string[];
}

export interface Scored {
  intent: string;
  score: number;
}

export interface Classified {
  /** The best intent, or "None" when nothing in the message is known or two intents tie. */
  intent: string;
  score: number;
  /** Every intent (and "None") with its score, best first; the scores add up to 1. */
  ranked: Scored[];
}

const NONE_FEATURE = 'nonefeature';
/** nlp.js's NLU defaults (nonedeltaMultiplier), as trained. */
const NONE_DELTA_MULTIPLIER = 1.2;

export const MODEL = stored as IntentModel;
const VOCABULARY: ReadonlySet<string> = new Set(MODEL.vocabulary);
const STEMS: ReadonlySet<string> = new Set(MODEL.net.inputs);

/**
 * An intent the model was trained on. Training names them from the corpus files, each
 * checked against INTENTS; this does not import command.ts's list, which would load zod
 * into `signin-diag parse`.
 */
export function isModelIntent(s: string): s is Intent {
  return s !== 'None' && MODEL.intents.includes(s);
}

interface Loaded {
  inputIndex: Map<string, number>;
  /** Float32, as nlp.js keeps them, so sums are its sums (its biases are plain numbers). */
  weights: Float32Array[];
  biases: number[];
  intentFeatures: Map<string, Set<string>>;
  featureCount: number;
}

let loaded: Loaded | undefined;

function load(): Loaded {
  if (loaded) return loaded;
  const { net } = MODEL;
  const inputIndex = new Map(net.inputs.map((f, i) => [f, i]));
  const weights = net.weights.map((row) => Float32Array.from(row.slice(0, -1)));
  const biases = net.weights.map((row) => row[row.length - 1]!);
  const intentFeatures = new Map(Object.entries(MODEL.intentFeatures).map(([k, v]) => [k, new Set(v)]));
  return (loaded = { inputIndex, weights, biases, intentFeatures, featureCount: net.inputs.filter((f) => f !== NONE_FEATURE).length });
}

const normalizer = new NormalizerEn();
const tokenizer = new TokenizerEn();
const stemmer = new StemmerEn();

/** nlp.js's word stems of a text (lower-cased, accents off, contractions split, Porter-style stems). */
export function stems(text: string): string[] {
  return stemmer.stem(tokenizer.innerTokenize(normalizer.normalize(text)).filter((x) => x));
}

/** A word the corpus asks with, or a form of one ("explained", "correctly"): no name, unless the directory says so. */
export function isCorpusWord(folded: string): boolean {
  if (VOCABULARY.has(folded)) return true;
  const [stem] = stemmer.stem([folded]);
  return stem !== undefined && STEMS.has(stem);
}

/** The intents a message may ask, best first. A message of words the corpus never used is "None". */
export function classify(text: string): Classified {
  const m = load();
  // An object, as nlp.js builds it: its key order is the order the sums are taken in.
  const tokens: Record<string, number> = {};
  for (const s of stems(text)) tokens[s] = 1;
  const features: Record<string, number> = {};
  let unknown = 0;
  for (const t of Object.keys(tokens)) {
    if (t !== NONE_FEATURE && m.inputIndex.has(t)) features[t] = tokens[t]!;
    else if (t !== NONE_FEATURE) unknown++;
  }
  let noneDelta = MODEL.intents.length / m.featureCount;
  let noneValue = 0;
  for (let i = 0; i < unknown; i++) {
    noneValue += noneDelta;
    noneDelta *= NONE_DELTA_MULTIPLIER;
  }
  if (noneValue) features[NONE_FEATURE] = noneValue;
  const keys = Object.keys(features);
  const outputs = new Map<string, number>();
  MODEL.net.outputs.forEach((intent, o) => {
    let sum = m.biases[o]!;
    for (const k of keys) sum += features[k]! * m.weights[o]![m.inputIndex.get(k)!]!;
    outputs.set(intent, sum <= 0 ? 0 : MODEL.net.alpha * sum);
  });
  const order = MODEL.intents.includes('None') ? MODEL.intents : [...MODEL.intents, 'None'];
  let scored: Scored[] = order.map((intent) => ({ intent, score: outputs.get(intent) ?? 0 })).filter((c) => c.score > 0);
  if (!scored.length) scored = [{ intent: 'None', score: 1 }];
  scored.sort((a, b) => b.score - a.score);
  // An intent none of whose words is in the message does not count.
  let changed = false;
  for (const c of scored) {
    if (c.intent !== 'None' && !keys.some((k) => m.intentFeatures.get(c.intent)?.has(k))) {
      c.score = 0;
      changed = true;
    }
  }
  if (changed) scored.sort((a, b) => b.score - a.score);
  let total = 0;
  for (const c of scored) total += c.score **= 2;
  if (total > 0) for (const c of scored) c.score /= total;
  scored.sort((a, b) => b.score - a.score);
  const [top, second] = scored;
  if (second && (top!.score === 0 || top!.score === second.score)) return { intent: 'None', score: 1, ranked: scored };
  return { intent: top!.intent, score: top!.score, ranked: scored };
}
