/**
 * Sample utterances of a translated intent: duplicates removed, then misspelling and
 * speech-transcription variants added in the target language until the intent meets the
 * utterance rules (`utterances/count`, `utterances/variants`, docs/rules.md).
 *
 * Variants are made deterministically from the translated utterances (a dropped letter, a missing
 * accent, a spoken filler word, two swapped letters) and kept only when `nlu/normalize.ts`'s
 * {@link isVariant} agrees, which is what the validation rule counts.
 * @module
 */
import { isVariant, languageOf, normalizeUtterance } from '../nlu/normalize.js';

/** Filler words a transcript keeps, per language; the validation rule knows en, es and fr. */
const FILLERS: Record<string, string> = { en: 'um', es: 'este', fr: 'euh', de: 'äh', it: 'ehm', pt: 'é', nl: 'eh' };

/** Thresholds of the bot (`validation` in the bot file). */
export interface UtteranceTargets {
  minUtterances: number;
  maxUtterances: number;
  minVariants: number;
}

/** Variants among `utterances` as `utterances/variants` counts them: members of variant groups beyond the first. */
export function countVariants(utterances: readonly string[], language: string): number {
  const normalized = utterances.map(normalizeUtterance);
  const parent = normalized.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  for (let i = 0; i < normalized.length; i++) {
    for (let j = i + 1; j < normalized.length; j++) if (isVariant(normalized[i]!, normalized[j]!, language)) parent[find(i)] = find(j);
  }
  const roots = new Set(normalized.map((_, i) => find(i)));
  return normalized.length - roots.size;
}

/**
 * Removes utterances equal after normalisation to an earlier one, or to one in `taken` (other
 * intents of the locale). Adds the kept ones' normalised forms to `taken`.
 * @returns kept utterances and the dropped ones.
 */
export function dedupeUtterances(utterances: readonly string[], taken: Set<string>): { kept: string[]; dropped: string[] } {
  const kept: string[] = [];
  const dropped: string[] = [];
  for (const u of utterances) {
    const n = normalizeUtterance(u);
    if (!n || taken.has(n)) dropped.push(u);
    else {
      taken.add(n);
      kept.push(u);
    }
  }
  return { kept, dropped };
}

const SLOT = /\{[^}]*\}/;

/** Candidate variants of one utterance, most natural first. */
function candidates(u: string, language: string): string[] {
  const out: string[] = [];
  const words = u.split(/(\s+)/);
  const wordIdx = words.map((w, i) => ({ w, i })).filter(({ w }) => /^\p{L}+$/u.test(w.replace(/[¿?¡!.,;:]/g, '')) && !SLOT.test(w));
  const longest = [...wordIdx].sort((a, b) => b.w.length - a.w.length)[0];
  const replace = (i: number, w: string) => words.map((x, k) => (k === i ? w : x)).join('');
  // A missing accent: what people type without the accent key.
  const stripped = u.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC');
  const accented = wordIdx.find(({ w }) => w.normalize('NFD') !== w.normalize('NFD').replace(/\p{M}/gu, ''));
  if (accented) out.push(replace(accented.i, accented.w.normalize('NFD').replace(/\p{M}/gu, '').normalize('NFC')));
  if (stripped !== u) out.push(stripped);
  if (longest && longest.w.length >= 5) {
    const w = longest.w;
    const mid = Math.floor(w.length / 2);
    out.push(replace(longest.i, w.slice(0, mid) + w.slice(mid + 1))); // dropped letter
    out.push(replace(longest.i, w.slice(0, mid) + w[mid + 1] + w[mid] + w.slice(mid + 2))); // swapped letters
    out.push(replace(longest.i, w.slice(0, mid) + w[mid] + w.slice(mid))); // doubled letter
  }
  const filler = FILLERS[language];
  if (filler) out.push(`${filler} ${u.charAt(0).toLocaleLowerCase(language) + u.slice(1)}`);
  return out;
}

/**
 * Adds variants until the intent has `minVariants` variants and `minUtterances` utterances, without
 * going over `maxUtterances`.
 * @param localeId - target Lex locale, e.g. `de_DE`.
 * @param taken - normalised utterances of the whole locale (updated with what is added).
 * @returns the utterances (originals first, each variant after the utterance it varies) and the added variants.
 */
export function addVariants(utterances: readonly string[], localeId: string, targets: UtteranceTargets, taken: Set<string>): { utterances: string[]; added: string[] } {
  const language = languageOf(localeId);
  const list = [...utterances];
  const added: string[] = [];
  const need = () => list.length < targets.maxUtterances && (countVariants(list, language) < targets.minVariants || list.length < targets.minUtterances);
  if (!need()) return { utterances: list, added };
  const pools = utterances.map((u) => candidates(u, language));
  for (let round = 0; need() && pools.some((p) => p.length); round++) {
    for (let i = 0; i < utterances.length && need(); i++) {
      const pool = pools[i]!;
      while (pool.length) {
        const c = pool.shift()!;
        const n = normalizeUtterance(c);
        if (!n || taken.has(n) || !isVariant(normalizeUtterance(utterances[i]!), n, language)) continue;
        taken.add(n);
        const at = list.indexOf(utterances[i]!);
        list.splice(at + 1, 0, c);
        added.push(c);
        break;
      }
    }
  }
  return { utterances: list, added };
}
