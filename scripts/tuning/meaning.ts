/**
 * Clustering of missed utterances by meaning: paraphrases with different words ("i lost my card",
 * "my debit card was stolen", "my card is missing", "i can't find my card") end up together.
 *
 * Representation ({@link meaningVectors}): each text becomes its concept terms
 * ({@link conceptTerms}: per-language synonyms and phrases mapped to one concept, other words
 * stemmed, stop words dropped), weighted by sublinear tf × idf (document frequencies over the
 * missed texts and the bot's sample utterances), plus a lighter block of character trigrams of the
 * non-concept terms so that a misspelt word still meets its correct spelling. L2-normalised.
 *
 * Clustering ({@link clusterByMeaning}): average-linkage agglomerative clustering with the
 * nearest-neighbour-chain algorithm over the cosine matrix, stopping at `threshold` (two groups
 * merge only while the mean similarity of their members is at least that). Identical term bags
 * are merged first; above {@link MAX_MATRIX} groups a leader pass (similarity ≥ 0.7, candidates
 * from the rarest terms) compresses them, so memory stays O(MAX_MATRIX²) whatever the traffic.
 * Deterministic: same input, same clusters. No classifier input: the clusters say what callers
 * said; where the bot places them is the labelling's job (`label.ts`).
 * @module
 */
import { conceptTerms } from '../nlu/synonyms.js';

/** A sparse L2-normalised vector over term ids. */
export interface MeaningVector {
  ids: Int32Array;
  values: Float64Array;
}

/** Knobs of {@link clusterByMeaning}; the defaults were chosen on BANKING77 (`npm run bench:tune`). */
export interface MeaningClusterOptions {
  /** Smallest mean member similarity in [0, 1] at which two groups merge. */
  threshold: number;
  /** Weight of the character-trigram block against the concept block. */
  charWeight: number;
}

export const DEFAULT_MEANING_OPTIONS: MeaningClusterOptions = { threshold: 0.25, charWeight: 0.25 };

/** Above this many groups the leader pass runs first (the matrix is MAX_MATRIX² floats, 25 MB). */
export const MAX_MATRIX = 2500;

/** The vector space of one analysis: term ids and document frequencies. */
export class MeaningSpace {
  private readonly dictionary = new Map<string, number>();
  private readonly names: string[] = [];
  private readonly isConcept: boolean[] = [];
  private readonly df: number[] = [];
  private docs = 0;

  constructor(
    private readonly language: string,
    private readonly charWeight: number,
  ) {}

  private terms(text: string): { concepts: string[]; chars: string[] } {
    const concepts = conceptTerms(text, this.language);
    const chars: string[] = [];
    for (const t of concepts) {
      if (t.startsWith('~') || t.startsWith('{') || t.startsWith('<')) continue;
      const p = ` ${t} `;
      for (let i = 0; i + 3 <= p.length; i++) chars.push(p.slice(i, i + 3));
    }
    return { concepts, chars };
  }

  private idOf(term: string, concept: boolean): number {
    let id = this.dictionary.get(term);
    if (id === undefined) {
      this.dictionary.set(term, (id = this.dictionary.size));
      this.names.push(term.slice(2));
      this.isConcept.push(concept);
      this.df.push(0);
    }
    return id;
  }

  /** Counts `texts` into the document frequencies; returns their term ids (concept ids first, then trigram ids). */
  add(texts: readonly string[]): Int32Array[] {
    return texts.map((text) => {
      const t = this.terms(text);
      const ids = Int32Array.from([...t.concepts.map((c) => this.idOf(`w:${c}`, true)), ...t.chars.map((c) => this.idOf(`c:${c}`, false))]);
      for (const id of new Set(ids)) this.df[id]!++;
      this.docs++;
      return ids;
    });
  }

  /** The vector of term ids from {@link add}. */
  vector(ids: Int32Array): MeaningVector {
    const tf = new Map<number, number>();
    for (const id of ids) tf.set(id, (tf.get(id) ?? 0) + 1);
    let conceptNorm = 0;
    let charNorm = 0;
    const raw = new Map<number, number>();
    for (const [id, f] of tf) {
      const x = (1 + Math.log(f)) * (Math.log((this.docs + 1) / (this.df[id]! + 1)) + 1);
      raw.set(id, x);
      if (this.isConcept[id]) conceptNorm += x * x;
      else charNorm += x * x;
    }
    conceptNorm = Math.sqrt(conceptNorm);
    charNorm = Math.sqrt(charNorm);
    const out: MeaningVector = { ids: new Int32Array(raw.size), values: new Float64Array(raw.size) };
    let k = 0;
    let norm = 0;
    for (const [id, x] of [...raw].sort((a, b) => a[0] - b[0])) {
      const v = this.isConcept[id] ? (conceptNorm > 0 ? ((1 - this.charWeight) * x) / conceptNorm : 0) : charNorm > 0 ? (this.charWeight * x) / charNorm : 0;
      out.ids[k] = id;
      out.values[k++] = v;
      norm += v * v;
    }
    norm = Math.sqrt(norm);
    if (norm > 0) for (let i = 0; i < out.values.length; i++) out.values[i]! /= norm;
    return out;
  }

  /** Whether term `id` is a concept or word term (not a character trigram). */
  isWordTerm(id: number): boolean {
    return this.isConcept[id] === true;
  }

  /** The term of an id (`~lose`, `insur`, ...), for names and evidence. */
  termOf(id: number): string | undefined {
    return this.names[id];
  }
}

/** Cosine of two unit sparse vectors (ids ascending). */
export function cosine(a: MeaningVector, b: MeaningVector): number {
  let i = 0;
  let j = 0;
  let dot = 0;
  while (i < a.ids.length && j < b.ids.length) {
    const x = a.ids[i]!;
    const y = b.ids[j]!;
    if (x === y) dot += a.values[i++]! * b.values[j++]!;
    else if (x < y) i++;
    else j++;
  }
  return dot;
}

/**
 * Builds the vectors of `texts` in a space whose document frequencies also count `background`
 * (the bot's sample utterances: they tell which words are common in this domain), and the
 * vectors of `background` in the same space.
 */
export function meaningVectors(texts: readonly string[], background: readonly string[], language: string, charWeight = DEFAULT_MEANING_OPTIONS.charWeight): { space: MeaningSpace; vectors: MeaningVector[]; backgroundVectors: MeaningVector[] } {
  const space = new MeaningSpace(language, charWeight);
  const textIds = space.add(texts);
  const backgroundIds = space.add(background);
  return { space, vectors: textIds.map((ids) => space.vector(ids)), backgroundVectors: backgroundIds.map((ids) => space.vector(ids)) };
}

/** A group of items being clustered: sum of weighted member vectors and total weight. */
interface Group {
  members: number[];
  sum: Map<number, number>;
  weight: number;
}

function addInto(sum: Map<number, number>, v: MeaningVector, w: number): void {
  for (let k = 0; k < v.ids.length; k++) sum.set(v.ids[k]!, (sum.get(v.ids[k]!) ?? 0) + w * v.values[k]!);
}

function toVector(sum: Map<number, number>): MeaningVector {
  const entries = [...sum].sort((a, b) => a[0] - b[0]);
  let norm = 0;
  for (const [, v] of entries) norm += v * v;
  norm = Math.sqrt(norm) || 1;
  return { ids: Int32Array.from(entries, (e) => e[0]), values: Float64Array.from(entries, (e) => e[1] / norm) };
}

/**
 * Clusters items by meaning (see the module comment).
 * @param vectors one vector per item (from {@link meaningVectors}).
 * @param weights missed turns per item (heavier items weigh more in a group's mean, as √weight).
 * @returns clusters as lists of item indexes, each list heaviest first; clusters heaviest first.
 * @example clusterByMeaning(meaningVectors(['i lost my card', 'my card was stolen'], [], 'en').vectors, [1, 1]) // [[0, 1]]
 */
export function clusterByMeaning(vectors: readonly MeaningVector[], weights: readonly number[], options: Partial<MeaningClusterOptions> = {}): number[][] {
  const opts = { ...DEFAULT_MEANING_OPTIONS, ...options };
  const order = vectors.map((_, i) => i).sort((a, b) => weights[b]! - weights[a]! || a - b);
  const w = (i: number) => Math.sqrt(Math.max(1e-9, weights[i]!));

  // 1. Identical term bags (fillers, politeness and stop words differ only).
  const bySignature = new Map<string, Group>();
  for (const i of order) {
    const v = vectors[i]!;
    const key = Array.from(v.ids, (id, k) => `${id}:${v.values[k]!.toFixed(4)}`).join(' ');
    let g = bySignature.get(key);
    if (!g) bySignature.set(key, (g = { members: [], sum: new Map(), weight: 0 }));
    g.members.push(i);
    addInto(g.sum, v, w(i));
    g.weight += w(i);
  }
  let groups = [...bySignature.values()];

  // 2. Too many for the matrix: a leader pass at a high similarity compresses near-identical texts.
  if (groups.length > MAX_MATRIX) groups = leaderPass(groups, 0.7);
  // Still too many: the lightest groups join their most similar heavy group or stay alone.
  let tail: Group[] = [];
  if (groups.length > MAX_MATRIX) {
    groups.sort((a, b) => b.weight - a.weight);
    tail = groups.slice(MAX_MATRIX);
    groups = groups.slice(0, MAX_MATRIX);
  }

  // 3. Average linkage, nearest-neighbour chain.
  const n = groups.length;
  const centroids = groups.map((g) => toVector(g.sum));
  const S = new Float32Array(n * n);
  for (let a = 0; a < n; a++) {
    for (let b = a + 1; b < n; b++) {
      // Mean pairwise cosine of two groups = dot of their weighted sums / (Wa × Wb); start from the
      // groups' own sums (identical members) so that the linkage is exact.
      const s = dotSums(groups[a]!.sum, groups[b]!.sum) / (groups[a]!.weight * groups[b]!.weight);
      S[a * n + b] = s;
      S[b * n + a] = s;
    }
  }
  const active = new Uint8Array(n).fill(1);
  const weight = Float64Array.from(groups, (g) => g.weight);
  const members = groups.map((g) => [...g.members]);
  const done: number[][] = [];
  const chain: number[] = [];
  let left = n;
  let scan = 0;
  while (left > 0) {
    if (chain.length === 0) {
      while (!active[scan]) scan++;
      chain.push(scan);
    }
    const a = chain[chain.length - 1]!;
    const prev = chain.length >= 2 ? chain[chain.length - 2]! : -1;
    let b = -1;
    let best = -Infinity;
    for (let k = 0; k < n; k++) {
      if (k === a || !active[k]) continue;
      const s = S[a * n + k]!;
      if (s > best || (s === best && k === prev)) {
        best = s;
        b = k;
      }
    }
    if (prev >= 0 && S[a * n + prev]! >= best) {
      b = prev;
      best = S[a * n + prev]!;
    }
    if (b < 0 || best < opts.threshold) {
      // Nothing reaches the threshold: with average linkage no later merge can either.
      chain.pop();
      active[a] = 0;
      done.push(members[a]!);
      left--;
      continue;
    }
    if (b === prev) {
      chain.pop();
      chain.pop();
      const keep = Math.min(a, b);
      const drop = Math.max(a, b);
      const wa = weight[keep]!;
      const wb = weight[drop]!;
      for (let k = 0; k < n; k++) {
        if (!active[k] || k === keep || k === drop) continue;
        const s = (wa * S[keep * n + k]! + wb * S[drop * n + k]!) / (wa + wb);
        S[keep * n + k] = s;
        S[k * n + keep] = s;
      }
      weight[keep] = wa + wb;
      members[keep] = [...members[keep]!, ...members[drop]!];
      active[drop] = 0;
      left--;
      continue;
    }
    chain.push(b);
  }

  // 4. The tail joins the most similar cluster when close enough.
  if (tail.length) {
    const clusterVectors = done.map((ms) => {
      const sum = new Map<number, number>();
      for (const i of ms) addInto(sum, vectors[i]!, w(i));
      return toVector(sum);
    });
    for (const g of tail) {
      const c = toVector(g.sum);
      let best = -1;
      let bestSim = opts.threshold;
      clusterVectors.forEach((v, k) => {
        const s = cosine(c, v);
        if (s >= bestSim) [best, bestSim] = [k, s];
      });
      if (best >= 0) done[best]!.push(...g.members);
      else done.push([...g.members]);
    }
  }

  const total = (ms: number[]) => ms.reduce((s, m) => s + weights[m]!, 0);
  return done
    .map((ms) => ms.sort((x, y) => weights[y]! - weights[x]! || x - y))
    .sort((x, y) => total(y) - total(x) || x[0]! - y[0]!);
}

function dotSums(a: Map<number, number>, b: Map<number, number>): number {
  const [small, large] = a.size <= b.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [id, v] of small) dot += v * (large.get(id) ?? 0);
  return dot;
}

/** Leader clustering of groups (heaviest first) at similarity `threshold`, candidates from shared terms. */
function leaderPass(groups: Group[], threshold: number): Group[] {
  groups.sort((a, b) => b.weight - a.weight);
  const leaders: { group: Group; vector: MeaningVector }[] = [];
  const byTerm = new Map<number, number[]>();
  for (const g of groups) {
    const v = toVector(g.sum);
    // The three heaviest terms find the candidates.
    const top = Array.from(v.ids.keys())
      .sort((x, y) => v.values[y]! - v.values[x]!)
      .slice(0, 3)
      .map((k) => v.ids[k]!);
    const candidates = new Set<number>();
    for (const id of top) for (const c of byTerm.get(id) ?? []) candidates.add(c);
    let best = -1;
    let bestSim = threshold;
    for (const c of candidates) {
      const s = cosine(v, leaders[c]!.vector);
      if (s >= bestSim) [best, bestSim] = [c, s];
    }
    if (best >= 0) {
      const l = leaders[best]!.group;
      l.members.push(...g.members);
      for (const [id, x] of g.sum) l.sum.set(id, (l.sum.get(id) ?? 0) + x);
      l.weight += g.weight;
      continue;
    }
    const c = leaders.length;
    leaders.push({ group: { members: [...g.members], sum: new Map(g.sum), weight: g.weight }, vector: v });
    for (const id of top) {
      let list = byTerm.get(id);
      if (!list) byTerm.set(id, (list = []));
      if (list.length < 200) list.push(c);
    }
  }
  return leaders.map((l) => l.group);
}

/**
 * Second pass of {@link clusterByMeaning}: a cluster lighter than `minWeight` missed turns (too
 * rare to be a new intent on its own) joins the heavier cluster whose centroid is most similar to
 * its own when that cosine reaches `threshold`; otherwise it stays alone. Average linkage stops
 * where the *mean* pairwise similarity falls under its threshold, which leaves many one- and
 * two-turn paraphrases next to the cluster they belong to; a centroid test is looser (the
 * centroid pools the cluster's words) and is applied only to the clusters that would be lost.
 * @param clusters from {@link clusterByMeaning} (item indexes), heaviest first.
 * @returns the clusters after the pass, heaviest first, each heaviest member first.
 */
export function attachSmallClusters(clusters: readonly number[][], vectors: readonly MeaningVector[], weights: readonly number[], minWeight: number, threshold: number): number[][] {
  const total = (ms: readonly number[]) => ms.reduce((s, m) => s + weights[m]!, 0);
  const centroid = (ms: readonly number[]) => {
    const sum = new Map<number, number>();
    for (const i of ms) addInto(sum, vectors[i]!, Math.sqrt(Math.max(1e-9, weights[i]!)));
    return toVector(sum);
  };
  const big = clusters.filter((c) => total(c) >= minWeight).map((c) => ({ members: [...c], vector: centroid(c) }));
  const alone: number[][] = [];
  if (!big.length || threshold > 1) return clusters.map((c) => [...c]);
  for (const c of clusters) {
    if (total(c) >= minWeight) continue;
    const v = centroid(c);
    let best = -1;
    let bestSim = threshold;
    big.forEach((b, k) => {
      const s = cosine(v, b.vector);
      if (s >= bestSim) [best, bestSim] = [k, s];
    });
    // Centroids are not updated: a cluster grows only from what it was, not from what joined it.
    if (best >= 0) big[best]!.members.push(...c);
    else alone.push([...c]);
  }
  return [...big.map((b) => b.members), ...alone]
    .map((ms) => ms.sort((x, y) => weights[y]! - weights[x]! || x - y))
    .sort((x, y) => total(y) - total(x) || x[0]! - y[0]!);
}

/** Where one missed text sits in the served traffic (see {@link servedNeighbours}). */
export interface ServedNeighbours {
  /** Share of missed texts among its {@link NEIGHBOURS} nearest distinct texts (missed or understood), in [0, 1]. */
  missedShare: number;
  /** The intent the nearest understood texts were recognised as (similarity-weighted vote), and its share of the vote. */
  intent?: string;
  voteShare: number;
}

/** How many nearest texts {@link servedNeighbours} looks at. */
export const NEIGHBOURS = 10;

/**
 * For each missed text, its {@link NEIGHBOURS} nearest distinct texts among all the missed and
 * understood traffic in the meaning space: the share of those that were missed, and which intent
 * the understood ones were recognised as. A request the bot lacks is missed whichever way it is
 * said, so its neighbours are mostly other misses; a hard paraphrase of an intent the bot has sits
 * among that intent's understood turns. O(missed × (missed + understood)) cosines.
 * @param understood distinct understood texts with their recognised intent.
 * @param background the bot's sample utterances (document frequencies only).
 */
export function servedNeighbours(missed: readonly string[], understood: readonly { text: string; intent: string }[], background: readonly string[], language: string): ServedNeighbours[] {
  const { vectors } = meaningVectors([...missed, ...understood.map((u) => u.text)], background, language);
  const n = missed.length;
  return missed.map((_, i) => {
    const best: { j: number; s: number }[] = [];
    for (let j = 0; j < vectors.length; j++) {
      if (j === i) continue;
      const s = cosine(vectors[i]!, vectors[j]!);
      if (s <= 0 || (best.length === NEIGHBOURS && s <= best[NEIGHBOURS - 1]!.s)) continue;
      let k = best.length === NEIGHBOURS ? NEIGHBOURS - 1 : best.length;
      best[k] = { j, s };
      while (k > 0 && best[k - 1]!.s < s) [best[k - 1], best[k]] = [best[k]!, best[k - 1]!], k--;
    }
    if (!best.length) return { missedShare: 1, voteShare: 0 };
    const votes = new Map<string, number>();
    let total = 0;
    for (const b of best) {
      if (b.j < n) continue;
      const intent = understood[b.j - n]!.intent;
      votes.set(intent, (votes.get(intent) ?? 0) + b.s);
      total += b.s;
    }
    const [intent, vote] = [...votes].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0] ?? [undefined, 0];
    return { missedShare: best.filter((b) => b.j < n).length / best.length, ...(intent ? { intent } : {}), voteShare: total > 0 ? vote / total : 0 };
  });
}
