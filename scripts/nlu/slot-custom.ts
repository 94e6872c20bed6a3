/**
 * Custom slot type matching: finds a slot type's values and synonyms in an answer — case-, accent-
 * and punctuation-insensitive, as the whole answer or as a phrase inside it, one typo allowed per
 * word of 5+ letters.
 * @module
 */
import type { NluSlotType } from './types.js';
import { fold, fuzzyWordEqual, wordTokens, type WordToken } from './slot-text.js';

/** A value or synonym of a slot type found in a text. */
export interface CustomValueMatch {
  /** The canonical value (the first when a phrase is listed under several values). */
  value: string;
  /** Every canonical value the matched phrase belongs to, in definition order. */
  values: string[];
  /** Offsets of the matched words in the text (`end` exclusive). */
  start: number;
  end: number;
  /** Index range of the matched words in the text's word tokens (`lastWord` inclusive). */
  firstWord: number;
  lastWord: number;
  /** Number of words that needed the one-typo tolerance. */
  typos: number;
  /** Higher is better: longer phrases, exact spelling, whole-answer matches. */
  score: number;
}

interface Phrase {
  words: string[];
  values: string[];
}

const phraseCache = new WeakMap<NluSlotType, Phrase[]>();

/** The folded phrases (values and synonyms) of a slot type, each with the values it stands for. */
function phrasesOf(type: NluSlotType): Phrase[] {
  let phrases = phraseCache.get(type);
  if (phrases) return phrases;
  const byKey = new Map<string, Phrase>();
  for (const v of type.values ?? []) {
    if (typeof v?.value !== 'string') continue;
    for (const text of [v.value, ...(Array.isArray(v.synonyms) ? v.synonyms : [])]) {
      if (typeof text !== 'string') continue;
      const key = fold(text);
      if (!key) continue;
      const phrase = byKey.get(key) ?? { words: key.split(' '), values: [] };
      if (!phrase.values.includes(v.value)) phrase.values.push(v.value);
      byKey.set(key, phrase);
    }
  }
  phrases = [...byKey.values()];
  phraseCache.set(type, phrases);
  return phrases;
}

/** Every occurrence of every phrase of `type` in `tokens`, unsorted. */
function occurrences(tokens: WordToken[], type: NluSlotType): CustomValueMatch[] {
  const out: CustomValueMatch[] = [];
  for (const phrase of phrasesOf(type)) {
    const k = phrase.words.length;
    for (let i = 0; i + k <= tokens.length; i++) {
      let typos = 0;
      let ok = true;
      for (let j = 0; j < k; j++) {
        const a = tokens[i + j]!.word;
        const b = phrase.words[j]!;
        if (a === b) continue;
        if (!fuzzyWordEqual(a, b)) {
          ok = false;
          break;
        }
        typos++;
      }
      if (!ok) continue;
      const first = tokens[i]!;
      const last = tokens[i + k - 1]!;
      const whole = i === 0 && k === tokens.length;
      out.push({
        value: phrase.values[0]!,
        values: [...phrase.values],
        start: first.start,
        end: last.end,
        firstWord: i,
        lastWord: i + k - 1,
        typos,
        score: k * 10 + (typos === 0 ? 5 : 0) - typos * 3 + (whole ? 100 : 0),
      });
    }
  }
  return out;
}

/**
 * The best value of `type` in `text`: the whole answer if it is a value or synonym, else the
 * longest, best-spelled phrase inside it. When the best phrase belongs to several values, all are
 * returned in `values`.
 */
export function matchCustomValue(text: string, type: NluSlotType): CustomValueMatch | undefined {
  const tokens = wordTokens(text);
  if (tokens.length === 0) return undefined;
  let best: CustomValueMatch | undefined;
  for (const m of occurrences(tokens, type)) {
    if (!best || m.score > best.score || (m.score === best.score && m.start < best.start)) best = m;
  }
  return best;
}

/**
 * Every non-overlapping value of `type` in `text`, best first (greedy by score), for slot filling
 * without a matching template. `excluded` marks character offsets already taken by other slots.
 */
export function findCustomValues(text: string, type: NluSlotType, excluded: readonly { start: number; end: number }[] = []): CustomValueMatch[] {
  const tokens = wordTokens(text);
  if (tokens.length === 0) return [];
  const taken = [...excluded];
  const overlaps = (m: { start: number; end: number }) => taken.some((t) => m.start < t.end && t.start < m.end);
  const out: CustomValueMatch[] = [];
  const all = occurrences(tokens, type).sort((a, b) => b.score - a.score || a.start - b.start);
  for (const m of all) {
    if (overlaps(m)) continue;
    out.push(m);
    taken.push(m);
  }
  return out;
}
