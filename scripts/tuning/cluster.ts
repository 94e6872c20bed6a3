/**
 * Clustering of missed utterances: similar phrasings end up in one cluster so that the report
 * lists a few concrete changes instead of hundreds of single utterances.
 *
 * Similarity of two utterances is a blend of what they say and where the intent classifier puts
 * them: with s = (1 − `lexicalWeight`) × the smaller of the two placement strengths,
 * sim = (1 − s) × cosine of their TF-IDF vectors (stemmed words and character trigrams, IDF over
 * the missed utterances plus the bot's sample utterances) + s × the overlap of their intent
 * distributions (Σ over intents of the smaller renormalised confidence). Utterances the classifier
 * cannot place (low, spread confidences) are therefore grouped by their words alone, which is what
 * a candidate new intent looks like.
 *
 * Algorithm: leader clustering with centroids, most frequent utterance first: each utterance joins
 * the most similar cluster when the similarity reaches `threshold`, else starts a new one.
 * Candidate clusters come from inverted indexes: clusters whose members share one of the
 * utterance's three rarest words, and (for a confidently placed utterance) the first 64 clusters of
 * its top intent; so the cost is about O(n × candidates × terms) rather than O(n²) (8,463 BANKING77
 * utterances: about 2 s). Deterministic: same input, same clusters.
 * @module
 */
import { analyzeWords, stem } from '../nlu/text.js';
import type { IntentScore } from '../nlu/types.js';

/** One distinct (normalised) missed utterance to cluster. */
export interface ClusterInput {
  /** Text as said (the most frequent spelling of the normalised form). */
  text: string;
  /** How many missed turns it stands for (orders the leaders and weights the centroids). */
  weight: number;
  /** The classifier's ranking of `text`, best first (top 5 is enough). */
  ranking: readonly IntentScore[];
}

/** Knobs of {@link clusterUtterances}; the defaults were chosen on BANKING77 (`npm run bench:tune`). */
export interface ClusterOptions {
  /** Smallest similarity in [0, 1] at which an utterance joins a cluster. */
  threshold: number;
  /** Weight of the lexical cosine against the intent-distribution overlap, in [0, 1]. */
  lexicalWeight: number;
  /** Weight of the character-trigram block against the word block in the lexical vector. */
  charWeight: number;
}

/** Defaults of {@link ClusterOptions}. */
export const DEFAULT_CLUSTER_OPTIONS: ClusterOptions = { threshold: 0.45, lexicalWeight: 0.6, charWeight: 0.5 };

/** How many of an utterance's rarest words find its candidate clusters. */
const CANDIDATE_WORDS = 3;
/** How many clusters of an item's top intent are candidates too (the earliest, i.e. largest, ones). */
const INTENT_CANDIDATES = 64;

/**
 * Intent distribution of a ranking: the top confidences renormalised to sum 1 (where the
 * classifier places the text relative to the intents), and its strength in [0, 1] (the best
 * confidence over 0.2, capped: a spread low-confidence ranking is no evidence of sameness).
 */
export function intentDistribution(ranking: readonly IntentScore[], top = 5): { dist: Map<string, number>; strength: number } {
  const best = ranking.slice(0, top).filter((r) => r.confidence > 0);
  const sum = best.reduce((s, r) => s + r.confidence, 0);
  const dist = new Map<string, number>();
  if (sum <= 0) return { dist, strength: 0 };
  for (const r of best) dist.set(r.intent, r.confidence / sum);
  return { dist, strength: Math.min(1, (best[0]?.confidence ?? 0) / 0.2) };
}

/** A sparse L2-normalised TF-IDF vector over term ids, and the ids of its rarest words. */
export interface LexicalVector {
  ids: Int32Array;
  values: Float64Array;
  /** Word-term ids with the highest weights (rarest words), best first, at most {@link CANDIDATE_WORDS}. */
  rare: number[];
}

/** Raw lexical terms of a text: stemmed words and character trigrams of the words. */
function terms(text: string, language: string): { words: string[]; chars: string[] } {
  const words = analyzeWords(text, language).map((w) => stem(w, language));
  const chars: string[] = [];
  for (const w of words) {
    if (w.startsWith('{') || w.startsWith('<')) continue;
    const p = ` ${w} `;
    for (let i = 0; i + 3 <= p.length; i++) chars.push(p.slice(i, i + 3));
  }
  return { words, chars };
}

/**
 * Builds L2-normalised TF-IDF vectors for `texts` with document frequencies over `texts` and
 * `background` (the bot's sample utterances: they tell which words are common in this domain).
 * The word block (sublinear tf × idf, L2-normalised) weighs 1 − `charWeight`, the character-trigram
 * block `charWeight`. Terms are interned to ids as they are met, so memory is one copy per
 * distinct term plus an id list per text.
 */
export function lexicalVectors(texts: readonly string[], background: readonly string[], language: string, charWeight: number): LexicalVector[] {
  const dictionary = new Map<string, number>();
  const isWord: boolean[] = [];
  const df: number[] = [];
  const idOf = (term: string, word: boolean) => {
    let id = dictionary.get(term);
    if (id === undefined) {
      dictionary.set(term, (id = dictionary.size));
      isWord.push(word);
      df.push(0);
    }
    return id;
  };
  const count = (t: { words: string[]; chars: string[] }) => {
    const ids = new Int32Array(t.words.length + t.chars.length);
    let k = 0;
    for (const w of t.words) ids[k++] = idOf(`w:${w}`, true);
    for (const c of t.chars) ids[k++] = idOf(`c:${c}`, false);
    for (const id of new Set(ids)) df[id]!++;
    return ids;
  };
  const textIds = texts.map((t) => count(terms(t, language)));
  for (const b of background) count(terms(b, language));
  const n = texts.length + background.length;
  return textIds.map((ids) => {
    const tf = new Map<number, number>();
    for (const id of ids) tf.set(id, (tf.get(id) ?? 0) + 1);
    let wordNorm = 0;
    let charNorm = 0;
    const weights = new Map<number, number>();
    for (const [id, f] of tf) {
      const x = (1 + Math.log(f)) * (Math.log((n + 1) / (df[id]! + 1)) + 1);
      weights.set(id, x);
      if (isWord[id]) wordNorm += x * x;
      else charNorm += x * x;
    }
    wordNorm = Math.sqrt(wordNorm);
    charNorm = Math.sqrt(charNorm);
    const out: LexicalVector = { ids: new Int32Array(weights.size), values: new Float64Array(weights.size), rare: [] };
    let k = 0;
    let norm = 0;
    const words: [number, number][] = [];
    for (const [id, x] of weights) {
      const v = isWord[id] ? (wordNorm > 0 ? ((1 - charWeight) * x) / wordNorm : 0) : charNorm > 0 ? (charWeight * x) / charNorm : 0;
      out.ids[k] = id;
      out.values[k++] = v;
      norm += v * v;
      if (isWord[id]) words.push([id, v]);
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < out.values.length; i++) out.values[i]! /= norm;
    out.rare = words.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, CANDIDATE_WORDS).map(([id]) => id);
    return out;
  });
}

interface Centroid {
  /** Σ weight × lexical vector, by term id. */
  lexical: Map<number, number>;
  norm: number;
  /** Σ weight × distribution, and Σ weight × strength. */
  intents: Map<string, number>;
  strength: number;
  weight: number;
  members: number[];
}

/**
 * Groups `items` into clusters of similar utterances (see the module comment).
 * @param background sample utterances of the bot (for document frequencies).
 * @param language ISO 639-1 (`en`), for the text analysis.
 * @returns clusters as lists of indexes into `items`, each list in input order of weight (the
 *   leader first); clusters sorted by total weight, largest first.
 * @example clusterUtterances([{ text: 'freeze my card', weight: 3, ranking }], [], 'en')
 */
export function clusterUtterances(items: readonly ClusterInput[], background: readonly string[], language: string, options: Partial<ClusterOptions> = {}): number[][] {
  const opts = { ...DEFAULT_CLUSTER_OPTIONS, ...options };
  const vectors = lexicalVectors(items.map((i) => i.text), background, language, opts.charWeight);
  const dists = items.map((i) => intentDistribution(i.ranking));
  const order = items.map((_, i) => i).sort((a, b) => items[b]!.weight - items[a]!.weight || (items[a]!.text < items[b]!.text ? -1 : 1));
  const clusters: Centroid[] = [];
  const byTerm = new Map<number, number[]>();
  const byIntent = new Map<string, number[]>();
  const index = <K,>(map: Map<K, number[]>, key: K, c: number) => {
    const list = map.get(key);
    if (!list) map.set(key, [c]);
    else if (list[list.length - 1] !== c) list.push(c);
  };
  for (const i of order) {
    const v = vectors[i]!;
    const d = dists[i]!;
    const top = items[i]!.ranking[0]?.intent;
    const candidates = new Set<number>();
    for (const id of v.rare) for (const c of byTerm.get(id) ?? []) candidates.add(c);
    // Intent-placed candidates only for a confidently placed item, and only the first (largest) clusters of the intent.
    if (top && d.strength >= 0.5) for (const c of (byIntent.get(top) ?? []).slice(0, INTENT_CANDIDATES)) candidates.add(c);
    let best = -1;
    let bestSim = -1;
    for (const c of candidates) {
      const cl = clusters[c]!;
      let dot = 0;
      for (let k = 0; k < v.ids.length; k++) dot += v.values[k]! * (cl.lexical.get(v.ids[k]!) ?? 0);
      const cos = cl.norm > 0 ? dot / cl.norm : 0;
      let overlap = 0;
      for (const [intent, p] of d.dist) overlap += Math.min(p, (cl.intents.get(intent) ?? 0) / cl.weight);
      // The intent overlap counts only as far as both sides are placed with some confidence.
      const s = Math.min(d.strength, cl.strength / cl.weight) * (1 - opts.lexicalWeight);
      const sim = cos * (1 - s) + s * overlap;
      if (sim > bestSim || (sim === bestSim && c < best)) {
        bestSim = sim;
        best = c;
      }
    }
    const w = Math.max(1e-9, Math.sqrt(items[i]!.weight)); // sqrt: one very frequent phrasing should not own the centroid
    let c: number;
    if (best >= 0 && bestSim >= opts.threshold) c = best;
    else {
      c = clusters.length;
      clusters.push({ lexical: new Map(), norm: 0, intents: new Map(), strength: 0, weight: 0, members: [] });
    }
    const cl = clusters[c]!;
    cl.members.push(i);
    cl.weight += w;
    // Squared norm updated for the changed terms only.
    let sq = cl.norm * cl.norm;
    for (let k = 0; k < v.ids.length; k++) {
      const old = cl.lexical.get(v.ids[k]!) ?? 0;
      const next = old + w * v.values[k]!;
      sq += next * next - old * old;
      cl.lexical.set(v.ids[k]!, next);
    }
    cl.norm = Math.sqrt(Math.max(0, sq));
    for (const [intent, p] of d.dist) cl.intents.set(intent, (cl.intents.get(intent) ?? 0) + w * p);
    cl.strength += w * d.strength;
    for (const id of v.rare) index(byTerm, id, c);
    if (top && d.strength >= 0.5) index(byIntent, top, c);
  }
  const total = (members: number[]) => members.reduce((s, m) => s + items[m]!.weight, 0);
  return clusters.map((c) => c.members).sort((a, b) => total(b) - total(a) || a[0]! - b[0]!);
}
