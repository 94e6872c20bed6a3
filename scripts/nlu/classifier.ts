/**
 * The intent classifier of the local Lex V2 emulator (and of `bots eval` / `bots tune`): a
 * TF-IDF softmax regression over word and character n-grams with spelling correction, slot-value
 * matching and open-set confidences. See {@link trainClassifier}.
 * @module
 */
import { calibrated, type Calibration } from './calibration.js';
import { DEFAULT_FEATURES, FeatureSpace, extractFeatures, type FeatureOptions, type RawFeatures, type SparseVector } from './features.js';
import { languageOf } from './normalize.js';
import { DEFAULT_SOFTMAX, scores, trainSoftmax, type LinearModel, type SoftmaxOptions } from './softmax.js';
import { SpellingCorrector } from './spelling.js';
import { conceptsOfWords } from './synonyms.js';
import { analyzeWords, NUMBER_TOKEN, SLOT_TOKEN, stem } from './text.js';
import type { IntentClassifier, IntentScore, NluIntent, NluSlotType, NluTrainingData } from './types.js';

/** Tuning knobs. The defaults are the ones the benchmark chose (`npm run bench:nlu`, BENCHMARKS.md). */
export interface ClassifierOptions {
  features: FeatureOptions;
  softmax: SoftmaxOptions;
  /** Correct unknown input words to training words one edit away. */
  spelling: boolean;
  /** Stem words for the word features. */
  stemming: boolean;
  /**
   * Add the concept of each lexicon word or phrase (`scripts/nlu/synonyms.ts`) as a word unigram, so
   * that "stolen" and "missing" share a feature: held-out paraphrases of the shipped bot and
   * BANKING77 (cross-validated on its training split) both gain (BENCHMARKS.md, "Held-out paraphrases").
   */
  concepts: boolean;
  /** Extra training copies of an utterance with its `{Slot}`s filled with values of the slot type. */
  slotExpansions: number;
  /** Weight of the intent name (split into words) as one more training utterance; 0 to leave names out. */
  nameWeight: number;
  /** Confidence: softmax temperature over the intent scores. */
  temperature: number;
  /** Confidence: the score of the virtual "none of the intents" class. */
  noneScore: number;
  /** Confidence: how many of the best intents share the softmax with the none class. */
  topK: number;
  /** Re-ranking: how many of the best intents are re-scored by similarity to their training utterances (0 or 1: none). */
  rerankTop: number;
  /** Re-ranking: weight of that similarity (mean cosine to the intent's two closest training utterances). */
  rerankWeight: number;
  /**
   * Confidence calibration fitted on held-out data (`calibration.ts`, `npm run bench:nlu`); null: the
   * raw open-set confidences (what the calibration is fitted on).
   */
  calibration: Calibration | null;
}

/** Fitted by `npm run bench:nlu` on BANKING77 and CLINC150 held-out answers (refitted 2026-12-03 when synonym concepts went on; BENCHMARKS.md, "Confidence calibration"). */
export const DEFAULT_CALIBRATION: Calibration = { a: 0.702, b: -0.186, d: -0.188, ceiling: 0.997 };

export const DEFAULT_OPTIONS: ClassifierOptions = {
  features: DEFAULT_FEATURES,
  softmax: DEFAULT_SOFTMAX,
  spelling: true,
  stemming: true,
  concepts: true,
  slotExpansions: 3,
  nameWeight: 1,
  temperature: 0.5,
  noneScore: 2.5,
  topK: 5,
  rerankTop: 3,
  rerankWeight: 2,
  calibration: DEFAULT_CALIBRATION,
};

/** Lex V2 accepts at most 1,024 characters of text input; longer input is ranked on its start. */
export const MAX_INPUT_CHARS = 1024;

/** Sample values for built-in slot types, so `{Amount}` also matches "50". Per language. */
const BUILT_IN_SAMPLES: Record<string, Record<string, string[]>> = {
  'AMAZON.Number': { en: ['5'], es: ['5'], fr: ['5'] },
  'AMAZON.PhoneNumber': { en: ['5'], es: ['5'], fr: ['5'] },
  'AMAZON.Date': { en: ['today', 'tomorrow', 'monday'], es: ['hoy', 'mañana', 'lunes'], fr: ["aujourd'hui", 'demain', 'lundi'] },
  'AMAZON.Time': { en: ['5 pm', 'noon'], es: ['5 pm', 'mediodía'], fr: ['17 h', 'midi'] },
};

/** Slot placeholders and values of one locale, keyed by slot *type* so intents share them. */
class SlotLexicon {
  /** `{slotname}` token (lower case, per intent) → type token `{type:...}`. */
  private readonly tokenByIntentSlot = new Map<string, string>();
  /** Type token → analysed sample values. */
  readonly valuesByType = new Map<string, string[][]>();
  /** First word of a value → [value words, type token], longest first. */
  private readonly phrases = new Map<string, [string[], string][]>();

  constructor(data: NluTrainingData, language: string) {
    const types = new Map<string, NluSlotType>(data.slotTypes.map((t) => [t.name, t]));
    for (const intent of data.intents) {
      for (const slot of intent.slots) {
        const typeToken = `{type:${slot.slotTypeName.toLowerCase()}}`;
        this.tokenByIntentSlot.set(`${intent.name}\u0000{${slot.name.toLowerCase()}}`, typeToken);
        if (this.valuesByType.has(typeToken)) continue;
        const custom = types.get(slot.slotTypeName);
        const samples = custom
          ? custom.values.flatMap((v) => [v.value, ...v.synonyms])
          : (BUILT_IN_SAMPLES[slot.slotTypeName]?.[language] ?? BUILT_IN_SAMPLES[slot.slotTypeName]?.en ?? []);
        const values = samples.map((s) => analyzeWords(s, language)).filter((w) => w.length > 0);
        this.valuesByType.set(typeToken, values);
        if (!custom) continue; // built-in values are open-ended: matching a few samples would mislead
        for (const words of values) {
          let list = this.phrases.get(words[0]!);
          if (!list) this.phrases.set(words[0]!, (list = []));
          list.push([words, typeToken]);
          list.sort((a, b) => b[0].length - a[0].length);
        }
      }
    }
  }

  /** The type token of `{slot}` in `intent`, or the token itself for an undeclared slot. */
  typeToken(intent: string, token: string): string {
    return this.tokenByIntentSlot.get(`${intent}\u0000${token}`) ?? token;
  }

  /** `words` with every custom slot value replaced by its type token, or undefined if none. */
  tag(words: readonly string[]): string[] | undefined {
    let out: string[] | undefined;
    for (let i = 0; i < words.length; i++) {
      const match = this.phrases.get(words[i]!)?.find(([value]) => value.every((w, k) => words[i + k] === w));
      if (!match) {
        out?.push(words[i]!);
        continue;
      }
      out ??= words.slice(0, i);
      out.push(match[1]);
      i += match[0].length - 1;
    }
    return out;
  }
}

/** One training example before vectorisation. */
interface Example {
  words: string[];
  label: number;
  weight: number;
}

/**
 * Trains the intent classifier of one locale. Pure and deterministic (same data, same ranking).
 *
 * Algorithm:
 * 1. Text: {@link analyzeWords} (normalised, canonical spellings, accents folded, numbers → one
 *    token). `{Slot}` becomes a token of its slot type; utterances with slots are also copied with a
 *    few values of the type; in any text, custom slot values are also read as that token.
 * 2. Features ({@link FeatureSpace}): stemmed word unigrams plus the synonym concept of each
 *    lexicon word ({@link conceptsOfWords}: "stolen" and "missing" both add `~lose`), stemmed word
 *    bigrams (weight 0.7) and character 2-4-grams within words; sublinear tf × inverse intent
 *    frequency; each block L2-normalised.
 * 3. Model ({@link trainSoftmax}): multinomial logistic regression by SGD with L2 and tail
 *    averaging. The intent name is one more training utterance.
 * 4. Ranking: unknown input words are first corrected to a training word one edit away
 *    ({@link SpellingCorrector}); intents are ranked by score, the best three re-scored by their
 *    similarity to the input's closest training utterances ({@link rerank}); their confidence is
 *    {@link openSetConfidences} (a softmax shared with a "none" class), so out-of-scope input gets
 *    a low confidence and Lex's threshold sends it to FallbackIntent.
 *
 * Cost: training is O(epochs × utterances × features per utterance × candidate intents); about
 * 0.5-1 s for a 77-intent locale with 20 utterances each. `rank` is well under a millisecond.
 * @param options partial overrides of {@link DEFAULT_OPTIONS} (benchmarks and tests).
 */
export function trainClassifier(data: NluTrainingData, options: Partial<ClassifierOptions> = {}): IntentClassifier {
  const opts: ClassifierOptions = { ...DEFAULT_OPTIONS, ...options };
  const language = languageOf(data.localeId);
  const intents = data.intents.filter((i) => i.utterances.length > 0);
  if (intents.length === 0) return { rank: () => [] };
  const names = intents.map((i) => i.name);
  const lexicon = new SlotLexicon(data, language);
  const examples = buildExamples(intents, lexicon, language, opts.slotExpansions, opts.nameWeight);

  const wordCounts = new Map<string, number>();
  const count = (w: string) => wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
  for (const e of examples) for (const w of e.words) if (!SLOT_TOKEN.test(w)) count(w);
  // Slot values are vocabulary too, so that a misspelt value is corrected and then recognised.
  for (const values of lexicon.valuesByType.values()) for (const value of values) for (const w of value) if (!wordCounts.has(w)) count(w);
  const speller = opts.spelling ? new SpellingCorrector(wordCounts) : undefined;

  // A recognised slot value counts both as its words and as its slot-type token: its words may
  // matter to other intents too ("tarjeta" of "tarjeta de crédito" when a card is lost).
  const featurize = (words: string[]): RawFeatures => {
    const raw = rawFeatures(words, language, opts);
    const tagged = lexicon.tag(words);
    if (!tagged) return raw;
    const abstract = rawFeatures(tagged, language, opts);
    return { word: mergeMax(raw.word, abstract.word), bigram: mergeMax(raw.bigram, abstract.bigram), char: mergeMax(raw.char, abstract.char) };
  };
  const labels = Int32Array.from(examples, (e) => e.label);
  const raws = examples.map((e) => featurize(e.words));
  const space = new FeatureSpace(opts.features);
  space.fit(raws, labels, names.length);
  const xs = raws.map((r) => space.vectorize(r));
  const weights = Float32Array.from(examples, (e) => e.weight);
  const model: LinearModel = trainSoftmax(xs, labels, space.size, names.length, opts.softmax, weights);

  const wordsOf = (text: string): string[] => {
    const words = analyzeWords(text.slice(0, MAX_INPUT_CHARS), language);
    return speller ? words.map((w) => speller.correct(w)) : words;
  };
  // Share of the input's distinct words the classifier knows: what the calibration discounts an input by when it understood only part of it.
  const coverageOf = (words: readonly string[]): number => {
    const distinct = new Set(words.filter((w) => !SLOT_TOKEN.test(w) && w !== NUMBER_TOKEN));
    if (!distinct.size) return 1;
    let known = 0;
    for (const w of distinct) if (wordCounts.has(w)) known++;
    return known / distinct.size;
  };
  const z = new Float64Array(names.length);
  const vectorsByIntent: SparseVector[][] = names.map(() => []);
  xs.forEach((x, i) => vectorsByIntent[labels[i]!]!.push(x));
  const dense = new Float64Array(space.size);
  const confidences =
    names.length === 1
      ? // One intent: a softmax has nothing to compare, so the confidence is the similarity to its closest utterance.
        (x: SparseVector) => Float64Array.of(Math.min(1, nearestCosine(x, xs) / SINGLE_INTENT_FULL_MATCH))
      : (x: SparseVector) => {
          const z2 = scores(model, x, z);
          rerank(z2, x, vectorsByIntent, dense, opts.rerankTop, opts.rerankWeight);
          return openSetConfidences(z2, opts.temperature, opts.noneScore, opts.topK);
        };
  const calibration = opts.calibration;
  return {
    rank(text: string, limit?: number): IntentScore[] {
      const words = wordsOf(text);
      const conf = confidences(space.vectorize(featurize(words)));
      if (calibration) {
        // One factor for every intent, so the order is kept: the top confidence becomes the calibrated probability.
        let top = 0;
        for (const c of conf) if (c > top) top = c;
        if (top > 0) {
          const f = calibrated(calibration, top, coverageOf(words)) / top;
          for (let c = 0; c < conf.length; c++) conf[c] = conf[c]! * f;
        }
      }
      const ranked = names.map((intent, c) => ({ intent, confidence: clamp01(conf[c]!) }));
      ranked.sort((a, b) => b.confidence - a.confidence || (a.intent < b.intent ? -1 : a.intent > b.intent ? 1 : 0));
      return limit === undefined ? ranked : ranked.slice(0, Math.max(0, Math.floor(limit)));
    },
    coverage(text: string): number {
      return coverageOf(wordsOf(text));
    },
  };
}

/** Cosine similarity at which a single-intent locale reports full confidence. */
const SINGLE_INTENT_FULL_MATCH = 0.8;

/**
 * Second stage: the `top` best intents of `z` get `weight` × (s − s_max) added to their score,
 * where s is the mean cosine of `x` to the intent's two closest training vectors and s_max the
 * largest s among them. It breaks near-ties of the linear model in favour of an intent with
 * utterances close to the input (+0.1 point top-1 on BANKING77 at k = 20); no score grows, so the
 * none class of {@link openSetConfidences} keeps its meaning. In place.
 */
function rerank(z: Float64Array, x: SparseVector, vectorsByIntent: readonly SparseVector[][], dense: Float64Array, top: number, weight: number): void {
  if (top < 2 || weight <= 0 || x.ids.length === 0) return;
  const best = Array.from(z.keys())
    .sort((a, b) => z[b]! - z[a]! || a - b)
    .slice(0, top);
  // `x` spread into `dense` (all zeros between calls) for O(nnz) dot products.
  x.ids.forEach((id, k) => (dense[id] = x.values[k]!));
  const similarity = best.map((c) => {
    let first = 0;
    let second = 0;
    for (const t of vectorsByIntent[c]!) {
      let dot = 0;
      for (let k = 0; k < t.ids.length; k++) dot += dense[t.ids[k]!]! * t.values[k]!;
      if (dot > first) [first, second] = [dot, first];
      else if (dot > second) second = dot;
    }
    return (first + second) / 2;
  });
  for (const id of x.ids) dense[id] = 0;
  const max = Math.max(...similarity);
  best.forEach((c, i) => (z[c] = z[c]! + weight * (similarity[i]! - max)));
}

function nearestCosine(x: SparseVector, xs: readonly SparseVector[]): number {
  const query = new Map<number, number>();
  x.ids.forEach((id, k) => query.set(id, x.values[k]!));
  let best = 0;
  for (const t of xs) {
    let dot = 0;
    for (let k = 0; k < t.ids.length; k++) dot += (query.get(t.ids[k]!) ?? 0) * t.values[k]!;
    if (dot > best) best = dot;
  }
  return best;
}

/**
 * Confidences from intent scores `z`: a softmax with `temperature` over the `k` best intents plus
 * a virtual "none of them" class scoring `none`. Intents below the k-th get the same formula
 * without being in the denominator, so the order is kept. The top-k cut makes the confidence
 * independent of how many intents the locale has; the none class makes it absolute: an input whose
 * best score is not clearly above `none` (text unlike every intent) gets a low confidence. Scores
 * are log-odds against the average intent (softmax regression keeps the mean score at 0).
 * @returns one confidence in [0, 1] per intent, in the order of `z`.
 */
export function openSetConfidences(z: Float64Array, temperature: number, none: number, k: number): Float64Array {
  const order = Array.from(z.keys()).sort((a, b) => z[b]! - z[a]!);
  const max = Math.max(z[order[0]!] ?? -Infinity, none);
  let sum = Math.exp((none - max) / temperature);
  for (let i = 0; i < Math.min(k, order.length); i++) sum += Math.exp((z[order[i]!]! - max) / temperature);
  return z.map((v) => Math.exp((v - max) / temperature) / sum);
}

function clamp01(v: number): number {
  return Number.isFinite(v) ? Math.min(1, Math.max(0, v)) : 0;
}

function buildExamples(intents: readonly NluIntent[], lexicon: SlotLexicon, language: string, expansions: number, nameWeight: number): Example[] {
  const out: Example[] = [];
  intents.forEach((intent, label) => {
    intent.utterances.forEach((utterance, u) => {
      const words = analyzeWords(utterance, language).map((w) => (SLOT_TOKEN.test(w) ? lexicon.typeToken(intent.name, w) : w));
      const slots = words.filter((w) => SLOT_TOKEN.test(w));
      const copies: string[][] = [];
      for (let v = 0; v < expansions && slots.length > 0; v++) {
        const filled: string[] = [];
        let complete = true;
        for (const w of words) {
          const values = SLOT_TOKEN.test(w) ? lexicon.valuesByType.get(w) : undefined;
          if (!values) {
            if (SLOT_TOKEN.test(w)) complete = false;
            filled.push(w);
          } else if (values.length === 0) complete = false;
          else filled.push(...values[(u + v) % values.length]!);
        }
        if (complete && !copies.some((c) => c.join(' ') === filled.join(' '))) copies.push(filled);
      }
      // The placeholder form and its filled copies share one utterance's weight.
      const weight = 1 / (1 + copies.length);
      out.push({ words, label, weight });
      for (const c of copies) out.push({ words: c, label, weight });
    });
    // The intent's name is one more utterance: names are descriptive in practice (CheckBalance, card_arrival).
    if (nameWeight > 0) {
      const words = analyzeWords(nameAsWords(intent.name), language);
      if (words.length > 0) out.push({ words, label, weight: nameWeight });
    }
  });
  return out;
}

/** `CheckBalance` → `Check Balance`, `lost_or_stolen_card` → `lost or stolen card`. */
export function nameAsWords(name: string): string {
  return name
    .replace(/([\p{Ll}\p{N}])(\p{Lu})/gu, '$1 $2')
    .replace(/(\p{Lu})(\p{Lu}\p{Ll})/gu, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim();
}

function rawFeatures(words: readonly string[], language: string, opts: ClassifierOptions): RawFeatures {
  const stems = opts.stemming ? words.map((w) => stem(w, language)) : words;
  // Synonyms ("stolen" / "missing", "phone me" / "call me back") share a concept unigram.
  const concepts = opts.concepts ? conceptsOfWords(words, language).filter((t) => t.startsWith('~')) : [];
  return extractFeatures(words, stems, opts.features, concepts);
}

/** Union of two feature counts, keeping the larger count of a shared feature. */
function mergeMax(a: Map<number, number>, b: Map<number, number>): Map<number, number> {
  const out = new Map(a);
  for (const [k, v] of b) if ((out.get(k) ?? 0) < v) out.set(k, v);
  return out;
}
