/**
 * TF-IDF features of analysed utterances in three blocks: stemmed word unigrams, stemmed word
 * bigrams, and character n-grams of the folded words (padded at word boundaries). N-grams are
 * hashed to 32-bit keys without building n-gram strings, then given dense ids when the space is
 * fitted.
 * @module
 */
import { NUMBER_TOKEN, SLOT_TOKEN } from './text.js';

/** A sparse vector: parallel arrays of feature ids and values. */
export interface SparseVector {
  ids: Int32Array;
  values: Float32Array;
}

/** Which features to extract and how to weight the three blocks. */
export interface FeatureOptions {
  /** Shortest and longest character n-gram, counting the boundary spaces. */
  charMin: number;
  charMax: number;
  /** Weight of the word unigram, word bigram and character blocks (each block is L2-normalised first). */
  wordWeight: number;
  bigramWeight: number;
  charWeight: number;
}

/** Bigrams weigh less than unigrams: 0.7 gave +0.4 point top-1 on BANKING77 at k = 20 over one shared word block. */
export const DEFAULT_FEATURES: FeatureOptions = { charMin: 2, charMax: 4, wordWeight: 1, bigramWeight: 0.7, charWeight: 1 };

/** Feature counts of one utterance by block: hashed key → term frequency. */
export interface RawFeatures {
  word: Map<number, number>;
  bigram: Map<number, number>;
  char: Map<number, number>;
}

const FNV_PRIME = 0x01000193;
const SEED_UNIGRAM = 0x811c9dc5;
const SEED_BIGRAM = 0x9e3779b9;
const SEED_CHAR = 0x85ebca6b;
/** XORed into character keys so that they never meet word keys in one id map. */
const CHAR_BLOCK = 0x5bd1e995;

function hashWord(seed: number, s: string): number {
  let h = seed;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

function add(map: Map<number, number>, key: number): void {
  map.set(key, (map.get(key) ?? 0) + 1);
}

/**
 * Counts the features of one utterance.
 * @param surface folded words (after spelling correction): the source of character n-grams
 *   (slot and number tokens have none).
 * @param stems the same words stemmed: the source of word unigrams and bigrams (bigrams with start
 *   and end markers so that "how do" opening a question differs from "how do" inside one).
 * @param extraWords more word unigrams (synonym concepts such as `~lose`), without bigrams.
 */
export function extractFeatures(surface: readonly string[], stems: readonly string[], options: FeatureOptions, extraWords: readonly string[] = []): RawFeatures {
  const word = new Map<number, number>();
  const bigram = new Map<number, number>();
  const char = new Map<number, number>();
  for (const w of extraWords) add(word, hashWord(SEED_UNIGRAM, w));
  let previous = '^';
  for (const s of stems) {
    add(word, hashWord(SEED_UNIGRAM, s));
    add(bigram, hashWord(hashWord(SEED_BIGRAM, previous), ` ${s}`));
    previous = s;
  }
  if (stems.length > 0) add(bigram, hashWord(hashWord(SEED_BIGRAM, previous), ' $'));
  for (const w of surface) {
    if (SLOT_TOKEN.test(w) || w === NUMBER_TOKEN) continue;
    // " word ": n-grams that touch a space mark the start or the end of a word.
    const padded = ` ${w} `;
    for (let i = 0; i < padded.length; i++) {
      let h = SEED_CHAR;
      for (let n = 1; n <= options.charMax && i + n <= padded.length; n++) {
        h = Math.imul(h ^ padded.charCodeAt(i + n - 1), FNV_PRIME);
        if (n >= options.charMin) add(char, (h ^ n ^ CHAR_BLOCK) >>> 0);
      }
    }
  }
  return { word, bigram, char };
}

/** The fitted feature space: dense ids and inverse intent frequencies. */
export class FeatureSpace {
  private readonly ids = new Map<number, number>();
  /** Inverse intent frequency by feature id. */
  private idf = new Float32Array(0);
  /** Weight of a feature no training utterance has (it counts towards a query's norm). */
  private unseenIdf = 1;
  private readonly options: FeatureOptions;

  constructor(options: FeatureOptions) {
    this.options = options;
  }

  /** Number of features. */
  get size(): number {
    return this.idf.length;
  }

  /**
   * Gives every feature of `docs` an id and its inverse *intent* frequency
   * ln((1 + intents) / (1 + intents using it)) + 1. Counting intents rather than utterances keeps a
   * feature that most utterances of one intent share (its best cue) from looking common.
   * @param labels the intent index of each doc, `classes` the number of intents.
   */
  fit(docs: readonly RawFeatures[], labels: Int32Array, classes: number): void {
    const intentCount: number[] = [];
    const lastIntent: number[] = [];
    // In label order, "used by this intent already" is one comparison with the last label seen.
    const order = Array.from(docs.keys()).sort((a, b) => labels[a]! - labels[b]! || a - b);
    for (const d of order) {
      const doc = docs[d]!;
      const label = labels[d]!;
      for (const map of [doc.word, doc.bigram, doc.char]) {
        for (const key of map.keys()) {
          let id = this.ids.get(key);
          if (id === undefined) {
            id = intentCount.length;
            this.ids.set(key, id);
            intentCount.push(0);
            lastIntent.push(-1);
          }
          if (lastIntent[id] !== label) {
            lastIntent[id] = label;
            intentCount[id]!++;
          }
        }
      }
    }
    this.idf = Float32Array.from(intentCount, (n) => Math.log((1 + classes) / (1 + n)) + 1);
    this.unseenIdf = Math.log(1 + classes) + 1;
  }

  /**
   * TF-IDF vector of one utterance: sublinear tf (1 + ln tf) × idf, each block L2-normalised
   * and weighted, the whole scaled to unit length. Features unknown to the space are dropped but
   * count towards the norms (with the idf of a feature no intent uses), so an utterance made
   * mostly of unseen words gets a short vector, hence low scores everywhere, rather than one
   * blown up from its few known features.
   */
  vectorize(raw: RawFeatures): SparseVector {
    const ids: number[] = [];
    const values: number[] = [];
    let total = 0;
    for (const [map, weight] of [
      [raw.word, this.options.wordWeight],
      [raw.bigram, this.options.bigramWeight],
      [raw.char, this.options.charWeight],
    ] as const) {
      const start = ids.length;
      let norm = 0;
      for (const [key, tf] of map) {
        const id = this.ids.get(key);
        const w = 1 + Math.log(tf);
        if (id === undefined) {
          norm += (w * this.unseenIdf) ** 2;
          continue;
        }
        const v = w * this.idf[id]!;
        norm += v * v;
        ids.push(id);
        values.push(v);
      }
      if (norm > 0) {
        const scale = weight / Math.sqrt(norm);
        for (let i = start; i < values.length; i++) values[i] = values[i]! * scale;
        total += weight * weight;
      }
    }
    if (total > 0) {
      const scale = 1 / Math.sqrt(total);
      for (let i = 0; i < values.length; i++) values[i] = values[i]! * scale;
    }
    return { ids: Int32Array.from(ids), values: Float32Array.from(values) };
  }
}
