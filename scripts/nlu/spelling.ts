/**
 * Spelling correction against the training vocabulary: a word the classifier never saw is
 * replaced by the most frequent training word one edit away (SymSpell-style deletion index:
 * insertion, deletion, substitution or transposition of adjacent letters).
 * @module
 */

/** Words shorter than this are never corrected: one edit away from a two-letter word is almost anything. */
const MIN_LENGTH = 3;
/** Longer "words" are not words (pasted data): no correction, and no deletion variants to build. */
const MAX_LENGTH = 40;

/** A corrector over a fixed vocabulary with word counts. */
export class SpellingCorrector {
  /** Word → count in the training text. */
  private readonly counts: ReadonlyMap<string, number>;
  /** Single-deletion variant → the vocabulary words that produce it. */
  private readonly deletions = new Map<string, string[]>();
  private readonly cache = new Map<string, string>();

  /** @param counts how often each (folded) word occurs in the training utterances. */
  constructor(counts: ReadonlyMap<string, number>) {
    this.counts = counts;
    for (const word of counts.keys()) {
      if (word.length < MIN_LENGTH - 1 || word.length > MAX_LENGTH) continue;
      for (const d of deletes(word)) {
        const list = this.deletions.get(d);
        if (list) {
          if (list[list.length - 1] !== word) list.push(word);
        } else this.deletions.set(d, [word]);
      }
    }
  }

  /**
   * The vocabulary word one edit from `word` (ties: the most frequent, then the alphabetically
   * first), or `word` itself when it is known, short, or has no such neighbour.
   */
  correct(word: string): string {
    if (word.length < MIN_LENGTH || word.length > MAX_LENGTH || this.counts.has(word) || /\P{L}/u.test(word)) return word;
    const cached = this.cache.get(word);
    if (cached !== undefined) return cached;
    const candidates = new Set<string>();
    // word = vocabulary word + one inserted letter
    for (const d of deletes(word)) if (this.counts.has(d)) candidates.add(d);
    // word = vocabulary word - one letter (the vocabulary word's deletion is `word`)
    for (const w of this.deletions.get(word) ?? []) candidates.add(w);
    // substitution or transposition: both share a deletion
    for (const d of deletes(word)) for (const w of this.deletions.get(d) ?? []) candidates.add(w);
    let best = word;
    let bestCount = 0;
    const consider = (c: string) => {
      const n = this.counts.get(c) ?? 0;
      if (n > bestCount || (n === bestCount && c < best)) {
        best = c;
        bestCount = n;
      }
    };
    for (const c of candidates) if (c.length >= MIN_LENGTH && withinOneEdit(word, c)) consider(c);
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(word, best);
    return best;
  }
}

function deletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) {
    const d = word.slice(0, i) + word.slice(i + 1);
    if (out[out.length - 1] !== d) out.push(d);
  }
  return out;
}

/** Optimal-string-alignment distance ≤ 1 (adjacent transposition counts as one edit). */
export function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a[i] === b[i]) i++;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
