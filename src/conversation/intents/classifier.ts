import type { Intent } from '../command.ts';
import { LANGUAGES, type Language } from '../language.ts';
import en from '../model/intents.json' with { type: 'json' };
import de from '../model/intents-de.json' with { type: 'json' };
import es from '../model/intents-es.json' with { type: 'json' };
import fr from '../model/intents-fr.json' with { type: 'json' };
import ja from '../model/intents-ja.json' with { type: 'json' };
import { stemOf, stemsOf } from './stems.ts';

/**
 * The intent classifier: nlp.js's neural NLU (one perceptron per intent over word stems),
 * one model per language, trained by `npm run train:intents` from src/conversation/corpus/train
 * (English at its top, the others in train/<lang>/) and stored in src/conversation/model/
 * (intents.json, intents-<lang>.json). Here it only runs: the stored weights, nlp.js's own
 * normalizer, tokenizer and stemmer for the language (stems.ts), and the few steps of its NLU
 * between them, done synchronously (nlp.js's API is async and the parser is not). A test
 * checks that the scores are nlp.js's own for every held-out message in every language.
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

/** The models by language; English's is MODEL. */
export const MODELS: Record<Language, IntentModel> = { en, de, fr, es, ja } as Record<Language, IntentModel>;
export const MODEL = MODELS.en;
const VOCABULARIES = new Map<Language, ReadonlySet<string>>(LANGUAGES.map((l) => [l, new Set(MODELS[l].vocabulary)]));

/**
 * An intent the model was trained on. Training names them from the corpus files, each
 * checked against INTENTS; this does not import command.ts's list, which would load zod
 * into `signin-diag parse`.
 */
export function isModelIntent(s: string): s is Intent {
  return s !== 'None' && MODEL.intents.includes(s);
}

interface Loaded {
  model: IntentModel;
  inputIndex: Map<string, number>;
  /** Float32, as nlp.js keeps them, so sums are its sums (its biases are plain numbers). */
  weights: Float32Array[];
  biases: number[];
  intentFeatures: Map<string, Set<string>>;
  featureCount: number;
}

const loaded = new Map<Language, Loaded>();

function load(lang: Language): Loaded {
  const done = loaded.get(lang);
  if (done) return done;
  const model = MODELS[lang];
  const { net } = model;
  const inputIndex = new Map(net.inputs.map((f, i) => [f, i]));
  const weights = net.weights.map((row) => Float32Array.from(row.slice(0, -1)));
  const biases = net.weights.map((row) => row[row.length - 1]!);
  const intentFeatures = new Map(Object.entries(model.intentFeatures).map(([k, v]) => [k, new Set(v)]));
  const m = { model, inputIndex, weights, biases, intentFeatures, featureCount: net.inputs.filter((f) => f !== NONE_FEATURE).length };
  loaded.set(lang, m);
  return m;
}

/** nlp.js's word stems of a text (English unless said: lower-cased, accents off, contractions split, Porter-style stems). */
export function stems(text: string, lang: Language = 'en'): string[] {
  return stemsOf(text, lang);
}

/**
 * A word English's corpus or the asker's language's asks with, or a form of one ("explained",
 * "angemeldet"): no name, unless the directory says so. Not the other languages': "van" is a
 * Spanish word and part of a Dutch name.
 */
export function isCorpusWord(folded: string, lang: Language = 'en'): boolean {
  return [...new Set<Language>(['en', lang])].some((l) => {
    if (VOCABULARIES.get(l)!.has(folded)) return true;
    if (l === 'ja') return false;
    const stem = stemOf(folded, l);
    return stem !== undefined && stem !== NONE_FEATURE && load(l).inputIndex.has(stem);
  });
}

/** The intents a message may ask, best first. A message of words the corpus never used is "None". */
export function classify(text: string, lang: Language = 'en'): Classified {
  const m = load(lang);
  const { model } = m;
  // An object, as nlp.js builds it: its key order is the order the sums are taken in.
  const tokens: Record<string, number> = {};
  for (const s of stems(text, lang)) tokens[s] = 1;
  const features: Record<string, number> = {};
  let unknown = 0;
  for (const t of Object.keys(tokens)) {
    if (t !== NONE_FEATURE && m.inputIndex.has(t)) features[t] = tokens[t]!;
    else if (t !== NONE_FEATURE) unknown++;
  }
  let noneDelta = model.intents.length / m.featureCount;
  let noneValue = 0;
  for (let i = 0; i < unknown; i++) {
    noneValue += noneDelta;
    noneDelta *= NONE_DELTA_MULTIPLIER;
  }
  if (noneValue) features[NONE_FEATURE] = noneValue;
  const keys = Object.keys(features);
  const outputs = new Map<string, number>();
  model.net.outputs.forEach((intent, o) => {
    let sum = m.biases[o]!;
    for (const k of keys) sum += features[k]! * m.weights[o]![m.inputIndex.get(k)!]!;
    outputs.set(intent, sum <= 0 ? 0 : model.net.alpha * sum);
  });
  const order = model.intents.includes('None') ? model.intents : [...model.intents, 'None'];
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
